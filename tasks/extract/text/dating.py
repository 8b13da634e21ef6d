"""The publication date of a text scrape: the date line nearest above the body, else early in it
or just after it; a relative one ("2 hours ago") only when the fetch time is known.

Dates are read by tasks.extract.dates in the page's language, with the zone the line states.
Two-digit years ("9/11/13 10:00AM") are written out first, which that module does not read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, datetime

import dateparser

from tasks.extract.dates import RELATIVE_RE, find_date_line
from tasks.extract.text.lines import Line
from tasks.extract.text.title import TITLE_WINDOW

logger = logging.getLogger(__name__)

DATE_WINDOW_BEFORE = TITLE_WINDOW
DATE_WINDOW_AFTER = 4
UPDATED_RE = re.compile(
    r"\b(?:updated|modified|diperbarui|обновлено|mis à jour|actualizado|aktualisiert|aggiornato)\b"
    r"|수정|更新|更新日",
    re.I,
)
UPDATED_LOOKAROUND = 3
# A numeric date with a two-digit year, alone or before a time: "9/11/13 10:00AM", "11.09.13".
SHORT_YEAR_RE = re.compile(r"(?<![\d./-])(\d{1,2}([./-])\d{1,2}\2)(\d{2})(?![\d./-])")
RELATIVE_MAX_WORDS = 6  # "Updated 3 hours ago" is a date line; a sentence that says "ago" is not
RELATIVE_SETTINGS: dict[str, object] = {
    "PARSERS": ["relative-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "past",
}


def with_full_year(text: str, now: datetime | None = None) -> str:
    """Write a two-digit year of a numeric date out in full: 13 → 2013, 98 → 1998."""
    this_year = (now or datetime.now(UTC)).year % 100

    def full(match: re.Match[str]) -> str:
        year = int(match.group(3))
        century = 2000 if year <= this_year else 1900
        return f"{match.group(1)}{century + year}"

    return SHORT_YEAR_RE.sub(full, text)


def date_spans(lines: list[Line], start: int, end: int) -> tuple[range, ...]:
    """Where a date line is looked for, in order: above the body (nearest first), early in the
    body, just after it."""
    return (
        range(start - 1, max(-1, start - DATE_WINDOW_BEFORE - 1), -1),
        range(start, min(end, start + DATE_WINDOW_AFTER)),
        range(end, min(len(lines), end + DATE_WINDOW_AFTER)),
    )


def find_date(
    lines: list[Line],
    start: int,
    end: int,
    language: str | None,
    fetched_at: datetime | None = None,
) -> datetime | None:
    """Find the publication date near the body; a relative one only against the fetch time.

    When the date line says "updated" and another date line sits just above it, the other one is
    taken.
    """
    languages = [language] if language else None
    for span in date_spans(lines, start, end):
        texts = [with_full_year(lines[i].text) for i in span]
        found = find_date_line(texts, languages)
        if found is None:
            continue
        offset, moment = found
        if UPDATED_RE.search(texts[offset]):
            nearby = texts[offset + 1 : offset + 1 + UPDATED_LOOKAROUND]
            other = find_date_line(nearby, languages, max_tries=UPDATED_LOOKAROUND)
            if other and not UPDATED_RE.search(nearby[other[0]]):
                return other[1]
        return moment
    if fetched_at is None:
        return None
    for span in date_spans(lines, start, end):
        for index in span:
            moment = relative_date(lines[index].text, fetched_at, languages)
            if moment is not None:
                return moment
    return None


def relative_date(
    text: str, fetched_at: datetime, languages: Sequence[str] | None
) -> datetime | None:
    """The moment a short "3 hours ago" line names, counted back from the fetch time."""
    if len(text.split()) > RELATIVE_MAX_WORDS or not RELATIVE_RE.search(text):
        return None
    base = fetched_at.astimezone(UTC).replace(tzinfo=None)
    try:
        moment = dateparser.parse(
            text,
            languages=list(languages) if languages else None,
            settings=RELATIVE_SETTINGS | {"RELATIVE_BASE": base},
        )
    except (ValueError, OverflowError, TypeError, AttributeError) as error:
        logger.debug("dateparser failed on %r: %s", text, error)
        return None
    return moment.replace(tzinfo=UTC) if moment and moment <= base else None
