"""Parse publication dates written in any common format and language into aware UTC datetimes.

dateparser does the parsing. This module only decides which strings are worth handing to it (it is
slow and turns words such as "now" into dates), strips the labels around a date that it cannot read
("Updated", "입력", "Publié le"), and works around the few forms it gets wrong.

Numeric dates are read day first (03.02.2026 is 3 February), except slashed ones on English pages,
which are US-style month first (02/03/2026 is 3 February); a first number above 12 is the day.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import dateparser
from dateparser.languages.loader import default_loader
from dateparser.timezone_parser import StaticTzInfo, pop_tz_offset_from_string

logger = logging.getLogger(__name__)

EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
MAX_FUTURE = timedelta(days=2)
MAX_DATE_CHARS = 120
MAX_TRIES, MAX_TRIES_UNHINTED = 10, 3
BASE_SETTINGS: dict[str, object] = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    # No "relative-time" (there is no reference time), no "timestamp" or "no-spaces-time" (digits).
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}
NAIVE_SETTINGS = {k: v for k, v in BASE_SETTINGS.items() if k != "TO_TIMEZONE"} | {
    "RETURN_AS_TIMEZONE_AWARE": False
}
# Languages that share month and day names, so one detected code should also try the other.
LANGUAGE_ALIASES = {"ms": ("id",), "id": ("ms",), "nb": ("no",), "no": ("nb",)}

YEAR_RE = re.compile(r"(?<!\d)(?:19[9]\d|20\d\d)(?!\d)")
# A day next to the year: a numeric or CJK date, or a number 1-31 within 20 characters of the year.
DAY_MONTH_RE = re.compile(
    r"\d{1,4}\s*[-./年년]\s*\d{1,2}\s*[-./月월]\s*\d{1,4}"
    r"|(?<!\d)(?:[0-2]?\d|3[01])(?!\d)[^\d]{0,20}(?:19[9]\d|20\d\d)"
    r"|(?:19[9]\d|20\d\d)[^\d]{0,20}(?<!\d)(?:[0-2]?\d|3[01])(?!\d)"
)
RELATIVE_RE = re.compile(
    r"\b(?:ago|lalu|назад|il y a|hace|vor \d+)\b|\d\s*(?:分钟|小时|天|分|時間|日|분|시간|일)\s*前",
    re.I,
)
PHONE_RE = re.compile(r"(?:\+|\b00)\d[\d ()-]{7,}\d|\b\d{3,4}[- ]\d{3,4}[- ]\d{3,4}\b")
# Labels that open a date line but that dateparser cannot read; they are cut off.
LABEL_RE = re.compile(
    r"^\W*(?:published|updated|posted|modified|last\s+updated|on|diterbitkan|diperbarui|dipublikasikan"
    r"|publié|mis\s+à\s+jour|publicado|actualizado|veröffentlicht|aktualisiert|stand|опубликовано"
    r"|обновлено|pubblicato|aggiornato)\b(?:\s+(?:on|le|el|am|at|à|en))?\s*:?\s*",
    re.IGNORECASE,
)
CJK_LABEL_RE = re.compile(
    r"(?:입력|수정|등록|기사입력|최종수정|발행|发布时间|发布日期|发表时间|更新时间|时间|日期|来源|公開日|更新日|配信)\s*[:：]?\s*"
)
# Zone names dateparser only knows in Latin letters.
ZONE_ALIASES = {"МСК": "MSK", "мск": "MSK"}
ZONE_ALIAS_RE = re.compile(r"(?<!\w)(" + "|".join(ZONE_ALIASES) + r")(?!\w)")
TIME_TAIL_RE = re.compile(r"\s*\(?\s*((?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?)\s*\)?")
SEPARATOR_RE = re.compile(r"\s*[|•·]\s*")
# A numeric date that opens with day and month in some order, then a four-digit year.
NUMERIC_DATE_RE = re.compile(r"(?<![\d.])\d{1,2}([./-])\d{1,2}\1(?:19|20)\d\d(?!\d)")
MONTH_FIRST_LANGUAGES = frozenset({"en"})  # US English; other English pages mostly use names
SPACE_RE = re.compile(r"\s+")
# An ISO 8601 timestamp (sitemaps, JSON-LD, dumps): read exactly, since dateparser drops
# offsets it has no zone name for (+13:45, +00:30) and returns nothing.
ISO_RE = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,6})?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?",
    re.ASCII,
)


def _plain_date(value: str) -> bool:
    """A short string with a plausible year next to a day and no relative words or phone numbers."""
    if not value or len(value) > MAX_DATE_CHARS or not YEAR_RE.search(value):
        return False
    if RELATIVE_RE.search(value) or PHONE_RE.search(value):
        return False
    return bool(DAY_MONTH_RE.search(value))


def looks_like_date(value: str) -> bool:
    """Cheap pre-check: a plain date, or one part of a "date · Updated 1 hour ago" line is one."""
    if _plain_date(value):
        return True
    if len(value) > MAX_DATE_CHARS:
        return False
    parts = SEPARATOR_RE.split(value)
    return len(parts) > 1 and any(_plain_date(part) for part in parts)


def date_order(value: str, languages: Sequence[str] | None) -> str | None:
    """Order of a numeric day-and-month date: "DMY", "MDY" (slashes on English pages), else None."""
    match = NUMERIC_DATE_RE.search(value)
    if match is None:
        return None
    if match.group(1) == "/" and (not languages or languages[0] in MONTH_FIRST_LANGUAGES):
        return "MDY"
    return "DMY"


@lru_cache(maxsize=64)
def _languages(languages: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Keep the language codes dateparser knows, add aliases and English; None lets it detect."""
    if not languages:
        return None
    known = set(default_loader.get_locale_map().keys())
    codes: list[str] = []
    for code in (*languages, "en"):
        for candidate in (code, *LANGUAGE_ALIASES.get(code, ())):
            if candidate in known and candidate not in codes:
                codes.append(candidate)
    return tuple(codes) or None


def _in_range(moment: datetime) -> bool:
    """Tell whether a parsed date is plausible for a news page."""
    return EARLIEST <= moment <= datetime.now(UTC) + MAX_FUTURE


def _dateparser(
    value: str, languages: tuple[str, ...] | None, order: str | None = None
) -> datetime | None:
    """Call dateparser; when a zone name defeats it, parse without the zone, then apply the zone."""
    langs = list(languages) if languages else None
    ordered = {"DATE_ORDER": order} if order else {}
    try:
        moment = dateparser.parse(value, languages=langs, settings=BASE_SETTINGS | ordered)
        if moment is None:
            rest, zone = pop_tz_offset_from_string(value)
            if isinstance(zone, StaticTzInfo) and rest.strip() != value.strip():
                naive = dateparser.parse(
                    rest.strip(" ,(-"), languages=langs, settings=NAIVE_SETTINGS | ordered
                )
                moment = zone.localize(naive).astimezone(UTC) if naive else None
    except (ValueError, OverflowError, TypeError, AttributeError) as error:
        logger.debug("dateparser failed on %r: %s", value, error)
        return None
    return moment.astimezone(UTC) if moment else None


def compile_languages() -> None:
    """Have dateparser load and compile every language it knows, as its first parse does that
    has no language hint and that no language reads (about a CPU second): done in a process that
    others are forked from, it is done once for all of them."""
    _dateparser(UNREAD_BY_ANY_LANGUAGE, None)


# A date-shaped string in no language: dateparser tries every language it knows on it.
UNREAD_BY_ANY_LANGUAGE = "7 xq 2001"


def _iso_datetime(value: str) -> datetime | None:
    """An ISO 8601 timestamp as an aware UTC datetime; a naive one is taken as UTC."""
    if not ISO_RE.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _candidates(value: str) -> list[str]:
    """Strings to try, from the cleaned whole value to narrower spans around the year."""
    text = SPACE_RE.sub(" ", value).strip()
    text = TIME_TAIL_RE.sub(r" \1", text)
    text = ZONE_ALIAS_RE.sub(lambda match: ZONE_ALIASES[match.group(1)], text)
    text = CJK_LABEL_RE.sub(" ", text).strip()
    unlabelled = LABEL_RE.sub("", text)
    # A line with two dates ("3 Jan 2019 ... modified on 16 Jan 2019") is read from its first one.
    tries = [unlabelled] if len(YEAR_RE.findall(text)) == 1 else []
    for part in SEPARATOR_RE.split(unlabelled):
        if part != unlabelled and _plain_date(part):
            tries.append(part)
    words = unlabelled.split(" ")
    years = [i for i, word in enumerate(words) if YEAR_RE.search(word)]
    if years:
        year = years[0]
        for back, ahead in ((2, 5), (3, 5), (2, 3), (3, 3), (2, 1), (3, 1), (1, 5), (0, 5)):
            tries.append(" ".join(words[max(0, year - back) : year + ahead]))
    return list(dict.fromkeys(t.strip(" ,-|") for t in tries if t.strip()))


def parse_datetime(value: str, languages: Sequence[str] | None = None) -> datetime | None:
    """Parse a date/time string in any common format and language to an aware UTC datetime."""
    if not looks_like_date(value):
        return None
    iso = _iso_datetime(value.strip())
    if iso is not None:
        return iso if _in_range(iso) else None
    codes = _languages(tuple(languages) if languages else None)
    # Without language hints dateparser tries every language on each candidate: far fewer tries.
    for candidate in _candidates(value)[: MAX_TRIES if codes else MAX_TRIES_UNHINTED]:
        if not _plain_date(candidate):
            continue
        moment = _dateparser(candidate, codes, date_order(candidate, codes))
        if moment is not None:
            return moment if _in_range(moment) else None
    return None


def find_date_line(
    lines: Iterable[str], languages: Sequence[str] | None = None, max_tries: int = 8
) -> tuple[int, datetime] | None:
    """Return the index and value of the first line in lines that parses as a date; lines are
    read only as far as that one."""
    tries = 0
    for index, line in enumerate(lines):
        if not looks_like_date(line):
            continue
        moment = parse_datetime(line, languages)
        if moment is not None:
            return index, moment
        tries += 1
        if tries >= max_tries:
            break
    return None
