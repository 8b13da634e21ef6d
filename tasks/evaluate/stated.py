"""What a text scrape states of its expected article, decided from the truth alone.

A scrape can only give a title or date its text holds: the expected title is often the page's
`<title>` with the site's name, and many dates sit only in the page's metadata. These checks tell
which pages a text extractor can get right at all, without asking any extractor.

- The title *stands* in a scrape when, after whitespace is squeezed, it is one of its lines, or
  one of its lines followed (or preceded) by a site name: a separator (`|`, `-`, `–`, `—`, `·`,
  `::`, `_`) and at most SITE_NAME_MAX_CHARS more characters.
- The date is *stated* when the truth's day (as the truth writes it, in the page's zone) is
  written in the scrape with its year: numerically (year-month-day, day-month-year or
  month-day-year, with `-`, `/` or `.`, with or without leading zeros, a two- or four-digit year
  after day and month), in CJK form (`2026年2月10日`, `2026년 2월 10일`), or with the month's
  name (full or short, in the page's language or English, as dateparser's locale data lists
  them) next to the day, in either order, with the year after.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dateparser.languages.loader import default_loader

SITE_NAME_MAX_CHARS = 60
SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", "_")
MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
DAY_SUFFIX = r"(?:st|nd|rd|th|er|\.|º)?"
GAP = r"[\s,.]*(?:de\s+|del\s+)?"  # "5 de mayo de 2018", "May 5, 2018", "5. Mai 2018"


def squeeze(text: str) -> str:
    """Whitespace squeezed to single spaces, ends trimmed."""
    return " ".join(text.split())


def title_line(scrape: str, title: str | None) -> str | None:
    """The scrape line the expected title stands as (alone or with a site name), or None."""
    if not title:
        return None
    wanted = squeeze(title)
    lines = {squeeze(line) for line in scrape.splitlines() if line.strip()}
    if wanted in lines:
        return wanted
    for separator in SITE_SEPARATORS:
        if separator not in wanted:
            continue
        parts = wanted.split(separator)
        for cut in range(1, len(parts)):
            head, tail = separator.join(parts[:cut]), separator.join(parts[cut:])
            if head in lines and len(tail) <= SITE_NAME_MAX_CHARS:
                return head
            if tail in lines and len(head) <= SITE_NAME_MAX_CHARS:
                return tail
    return None


@lru_cache(maxsize=64)
def month_names(language: str | None, month: int) -> tuple[str, ...]:
    """Names of a month in the page's language and English, from dateparser's locale data."""
    names: set[str] = set()
    for code in {language or "en", "en"}:
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        names.update(name.casefold() for name in info.get(MONTH_KEYS[month - 1], []))
    return tuple(sorted(names, key=len, reverse=True))


def numeric_forms(day: date) -> re.Pattern[str]:
    """A pattern of the day written in numbers, in the usual orders and forms."""
    d, m = (rf"0?{day.day}", rf"0?{day.month}")
    y4, y2 = str(day.year), f"{day.year % 100:02d}"
    forms = [rf"{y4}(?P<a>[-/.]){m}(?P=a){d}", rf"{d}(?P<b>[-/.]){m}(?P=b)(?:{y4}|{y2})"]
    forms += [rf"{m}(?P<c>[-/.]){d}(?P=c)(?:{y4}|{y2})"]
    forms += [rf"{y4}\s*[年년]\s*{m}\s*[月월]\s*{d}\s*[日일]?"]
    return re.compile(rf"(?<![\d.])(?:{'|'.join(forms)})(?!\d)")


def named_forms(day: date, language: str | None) -> re.Pattern[str] | None:
    """A pattern of the day written with its month's name, day first or month first."""
    names = month_names(language, day.month)
    if not names:
        return None
    month = "(?:" + "|".join(re.escape(name) for name in names) + r")\.?"
    d = rf"0?{day.day}{DAY_SUFFIX}"
    year = rf"{GAP}{day.year}(?!\d)"
    day_first = rf"(?<!\d){d}{GAP}{month}{year}"
    month_first = rf"{month}{GAP}(?<!\d){d}{year}"  # "BUSINESSNOV 7, 2023": labels run on
    return re.compile(rf"{day_first}|{month_first}", re.IGNORECASE)


def states_date(scrape: str, published_at: str | None, language: str | None) -> bool:
    """Tell whether a scrape writes the truth's publication day, with its year."""
    if not published_at or len(published_at) < len("2026-02-10"):
        return False
    try:
        day = date.fromisoformat(published_at[:10])
    except ValueError:
        return False
    text = squeeze(scrape)
    if numeric_forms(day).search(text):
        return True
    named = named_forms(day, language)
    return bool(named and named.search(text.casefold()))
