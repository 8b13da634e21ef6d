"""Pick an article's headline from the lines of a text scrape, given where its body starts.

Candidates are headline-shaped lines (a few words, no sentence ending, no date or byline) near the
body start. Each scores by the share of its words the lead paragraphs repeat, its nearness, the
URL's words, teasers that repeat it cut short, and its position: a headline sits above the byline
and date lines, first in the run of headline-shaped lines there (subtitles follow it), while
subheadings sit between body paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from tasks.extract.dates import looks_like_date
from tasks.extract.text.lines import (
    CLOSERS,
    WORD_RE,
    Line,
    dense_chars,
    is_code,
    is_truncated_headline,
    stopwords_for,
)
from tasks.extract.text.phrases import BYLINE_RE

TITLE_WINDOW = 80  # lines above the body searched for the headline (and for the date)
TITLE_BODY_CHARS = 2000  # the lead paragraphs repeat the headline's words
TITLE_SLUG_WEIGHT, TITLE_NEAR_WEIGHT, TITLE_STUB_BONUS, TITLE_REPEAT_BONUS = 2.0, 1.0, 1.0, 0.3
TITLE_MIN_STUB = 10  # characters a "Headline cut short..." teaser must keep to point at the title
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
PLURAL_MIN_CHARS = 3  # "superbugs" in a headline is "superbug" below: a final s is dropped
TITLE_MIN_WEIGHT_DENSE, TITLE_MAX_CHARS = 18, 200
TITLE_FIRST_BONUS = 1.0  # for the first headline-shaped line above the byline and date lines
TITLE_RUN_LINES = 6  # how far above the byline a headline, its subtitles and standfirst reach
NOT_TITLE_RE = re.compile(
    r"\s[|•]\s|^(?:from|source|sumber|来源|reviewed by|https?://)|\b(?:min(?:ute)?s? read|ago)$"
    r"|\.(?:jpe?g|png|gif)\b"
    r"|^[\w.' -]{3,40}/[\w.' -]{2,30}$"  # a photo credit such as "Jane Doe/Agency"
    r"|\s[-–—]\s[\w.' -]{3,40}/[\w.' -]{2,30}$",  # a caption that ends with its credit
    re.I,
)
# Interface lines end on a word that needs more after it: "Canada is sponsored by", "Sign in to".
DANGLING_END_RE = re.compile(r"\b(?:by|to|of|the|a|an|and|or|with|from)$", re.I)
# A headline may end on an abbreviation's full stop: "... With U.S.", "... Underneath N.Y.C."
ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Ltd|St|Corp)\.$")
# A byline run into the headline's line: "Headline by: Jane Doe", "Headline by Jane Doe @jdoe ...".
TRAILING_BYLINE_RE = re.compile(
    r"\s+by:\s+\S.{0,60}$"
    r"|\s+by\s+(?:[A-Z][\w.'-]+\s+){1,4}(?:@\w+|[A-Z][a-z]+\.? \d{1,2}, \d{4}).*$"
)
READING_TIME_RE = re.compile(
    r"^\d+\s*(?:min(?:ute)?s?|mins?\.?)\s+(?:read|de lecture|de lectura|lesezeit)$"
    r"|^(?:lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d+",
    re.I,
)
# A bracketed aside in prose, "(Ft. Stevie Wonder)", unlike a call "NULLIF(x, 0)" in code.
ASIDE_RE = re.compile(r"(?:^|(?<=\s))\(([^()]*)\)(?=\s|$|[.,;:!?])")
DATE_LEAD_WORDS = 4  # a line that opens with a date is a date line, even with a byline after it
SLUG_SPLIT_RE = re.compile(r"[^\w]+|_")
SLUG_NOISE = frozenset(
    {"html", "htm", "php", "asp", "aspx", "shtml", "index", "amp", "news", "article", "story"}
)


def is_headline(line: Line) -> bool:
    """Tell whether a line is shaped like an article headline."""
    text = line.text
    if len(text) > TITLE_MAX_CHARS or line.kind in ("bad", "end", "soft", "link", "date"):
        return False
    if looks_like_date(text) and looks_like_date(" ".join(text.split()[:DATE_LEAD_WORDS])):
        return False  # a headline may name a day ("Tech Report for Friday, April 19, 2013")
    if BYLINE_RE.match(text) or NOT_TITLE_RE.search(text) or DANGLING_END_RE.search(text):
        return False
    if is_code(ASIDE_RE.sub(r" \1", text)):  # "“Only One” (Ft. Stevie Wonder)" is no code
        return False
    ending = text.rstrip(CLOSERS)
    if ending.endswith((":", "：", "。")) or (
        ending.endswith(".") and not ABBREVIATION_END_RE.search(ending)
    ):
        return False
    if dense_chars(text) > len(text) / 3:
        return line.weight >= TITLE_MIN_WEIGHT_DENSE
    return TITLE_MIN_WORDS <= line.words <= TITLE_MAX_WORDS


def content_tokens(text: str, stopwords: frozenset[str]) -> set[str]:
    """Return the meaningful words of a text, or character pairs for scripts without spaces."""
    tokens: set[str] = set()
    for word in WORD_RE.findall(text.casefold()):
        if dense_chars(word) > len(word) / 2:
            tokens.update(word[i : i + 2] for i in range(len(word) - 1))
        elif len(word) > 1 and not word.isdigit() and word not in stopwords:
            tokens.add(word.removesuffix("s") if len(word) > PLURAL_MIN_CHARS else word)
    return tokens


def slug_tokens(url: str | None) -> set[str]:
    """Return the words of a URL's path, which often repeat the headline."""
    if not url:
        return set()
    words = SLUG_SPLIT_RE.split(urlsplit(url).path.casefold())
    return {
        word.removesuffix("s") if len(word) > PLURAL_MIN_CHARS else word
        for word in words
        if len(word) > 2 and not word.isdigit() and word not in SLUG_NOISE
    }


def is_byline_or_date(line: Line) -> bool:
    """Tell whether a line gives the author, the date or the reading time, as the lines under a
    headline do."""
    text = line.text
    return line.kind == "date" or bool(BYLINE_RE.search(text) or READING_TIME_RE.search(text))


def first_above_byline(
    lines: list[Line], start: int, lead: set[str], stopwords: frozenset[str]
) -> int | None:
    """Find the first headline-shaped line of the run just above the byline and date lines.

    Subtitles and a standfirst may sit between the headline and the byline; the run stops at
    navigation, and only lines that share a word with the lead (or the URL) count.
    """
    above = range(start - 1, max(-1, start - TITLE_WINDOW - 1), -1)
    meta = next((i for i in above if lines[i].kind == "date"), None)
    if meta is None:  # a byline alone is weaker: teaser lists have bylines too
        meta = next((i for i in above if is_byline_or_date(lines[i])), None)
    if meta is None:
        return None
    while meta > 0 and is_byline_or_date(lines[meta - 1]):
        meta -= 1
    first = None
    for index in range(meta - 1, max(-1, meta - TITLE_RUN_LINES - 1), -1):
        line = lines[index]
        if is_headline(line):
            if content_tokens(line.text, stopwords) & lead:
                first = index
        elif line.kind not in ("good", "near"):  # a standfirst sentence does not end the run
            break
    return first


def find_title(
    lines: list[Line], start: int, body: str, language: str | None, url: str | None
) -> str | None:
    """Pick the headline near the body start that best shares words with the body and the URL."""
    stopwords = stopwords_for(language)
    lead = content_tokens(body[:TITLE_BODY_CHARS], stopwords)
    slug = slug_tokens(url)
    stubs = [line.text.rstrip(".… ") for line in lines if is_truncated_headline(line.text)]
    stubs = [stub for stub in stubs if len(stub) >= TITLE_MIN_STUB]
    counts = Counter(line.text for line in lines)
    first = first_above_byline(lines, start, lead | slug, stopwords)
    best: tuple[float, str] | None = None
    window = range(max(0, start - TITLE_WINDOW), min(len(lines), start + 2))
    for index in window:
        line = lines[index]
        text = TRAILING_BYLINE_RE.sub("", line.text)
        tokens = content_tokens(text, stopwords)
        if not tokens or not is_headline(line) or (index > start and line.kind == "good"):
            continue
        score = len(tokens & lead) / len(tokens)
        score += TITLE_NEAR_WEIGHT * (1 - abs(start - index) / TITLE_WINDOW)
        if slug:
            score += TITLE_SLUG_WEIGHT * len(tokens & slug) / len(slug)
        if any(line.text.startswith(stub) and line.text != stub for stub in stubs):
            score += TITLE_STUB_BONUS  # teaser lists repeat the headline cut short
        if counts[line.text] > 1:
            score += TITLE_REPEAT_BONUS  # headlines recur in breadcrumbs and share bars
        if index == first:
            score += TITLE_FIRST_BONUS
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best else None
