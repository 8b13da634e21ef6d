"""Extract an article (title, date, site, body) from a plain-text scrape of a whole news page.

A scrape is a browser's `document.body.innerText`: menus, headline, date line, captions, the
article's paragraphs, teaser lists, footer. Each line gets a kind and a score from its own features
(tasks.text_lines), then from its neighbours: one or two weak lines between paragraphs
(subheadings) cost little, headline-and-blurb teaser runs are demoted, and no run of weak lines
costs more than GAP_CAP, so a widget inside an article does not split it. The body is the
maximum-sum run of scores that crosses no end marker ("(sya)", comment counts, copyright), minus its
boilerplate lines and link-list runs, each paragraph once. The title is the headline-shaped line
near the body start that shares most words with the lead and the URL; the date is the date line
nearest above the body.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from tld import get_fld

from tasks.dates import find_date_line, looks_like_date
from tasks.text_lines import (
    CLOSERS,
    SHORT_LINE_CHARS,
    WORD_RE,
    Line,
    dense_chars,
    is_code,
    is_truncated_headline,
    read_lines,
    stopwords_for,
)
from tasks.text_phrases import BYLINE_RE, CLOSING_RE, SOCIAL_RE

logger = logging.getLogger(__name__)

MAX_SHORT_RUN = 2  # longer runs of weak lines inside an article are link lists, not subheadings
SUBHEADING_FACTOR = 0.3
GAP_CAP = 8.0  # the most that one run of weak lines can subtract from a block
TEASER_MAX_HEADLINE, TEASER_MAX_BLURB, TEASER_MIN_RUN, TEASER_SCORE = 120, 300, 3, -0.5
# A block this strong is an article: comments or a footer after it end the search.
CLOSED_ARTICLE_SCORE = 8.0
TITLE_WINDOW = 80  # lines above the body searched for the headline (and for the date)
TITLE_BODY_CHARS = 2000  # the lead paragraphs repeat the headline's words
TITLE_SLUG_WEIGHT, TITLE_NEAR_WEIGHT, TITLE_STUB_BONUS, TITLE_REPEAT_BONUS = 2.0, 1.0, 1.0, 0.3
TITLE_MIN_STUB = 10  # characters a "Headline cut short..." teaser must keep to point at the title
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30
TITLE_MIN_WEIGHT_DENSE, TITLE_MAX_CHARS = 18, 200
DATE_WINDOW_BEFORE = TITLE_WINDOW
DATE_WINDOW_AFTER = 4
NOT_TITLE_RE = re.compile(
    r"\s[|•]\s|^(?:from|source|sumber|来源|reviewed by|https?://)|\b(?:min(?:ute)?s? read|ago)$"
    r"|\.(?:jpe?g|png|gif)\b"
    r"|^[\w.' -]{3,40}/[\w.' -]{2,30}$",  # a photo credit such as "Jane Doe/Agency"
    re.I,
)
UPDATED_RE = re.compile(
    r"\b(?:updated|modified|diperbarui|обновлено|mis à jour|actualizado|aktualisiert|aggiornato)\b"
    r"|수정|更新|更新日",
    re.I,
)
UPDATED_LOOKAROUND = 3
SLUG_SPLIT_RE = re.compile(r"[^\w]+|_")
SLUG_NOISE = frozenset(
    {"html", "htm", "php", "asp", "aspx", "shtml", "index", "amp", "news", "article", "story"}
)

DOMAIN_RE = re.compile(
    r"(?<![\w@/.-])((?:[a-z0-9-]+\.)+[a-z]{2,}(?:\.[a-z]{2})?)(?![\w-])", re.IGNORECASE
)
PLATFORM_DOMAINS = frozenset({
    "facebook.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "google.com", "t.co",
    "linkedin.com", "whatsapp.com", "telegram.org", "t.me", "tiktok.com", "vk.com",
})  # fmt: skip
COPYRIGHT_DOMAIN_WEIGHT = 5  # a domain on a copyright line names the site itself


@dataclass(frozen=True, slots=True)
class ScrapedArticle:
    """What a text scrape yields: body is "" when no article was found."""

    title: str | None
    published_at: datetime | None  # timezone-aware, UTC
    site: str | None  # registrable domain, lower-case
    body: str  # article paragraphs separated by blank lines


def is_teaser_pair(lines: list[Line], index: int) -> bool:
    """Tell whether lines[index] is a headline followed by one short blurb, as in teaser lists."""
    if index + 1 >= len(lines):
        return False
    head, blurb = lines[index], lines[index + 1]
    return (
        head.kind in ("near", "short", "item")
        and head.weight <= TEASER_MAX_HEADLINE
        and not head.text.endswith(".")
        and blurb.kind == "good"
        and blurb.weight <= TEASER_MAX_BLURB
    )


def demote_teasers(lines: list[Line]) -> None:
    """Turn runs of TEASER_MIN_RUN or more headline-and-blurb pairs into weak lines."""
    index = 0
    while index < len(lines):
        end = index
        while is_teaser_pair(lines, end):
            end += 2
        if (end - index) // 2 >= TEASER_MIN_RUN:
            for line in lines[index:end]:
                line.score = min(line.score, TEASER_SCORE)
            index = end
        else:
            index += 1


def soften_subheadings(lines: list[Line]) -> None:
    """Make one or two weak lines between text lines cheap: subheadings, captions, list items."""
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].kind in ("short", "item"):
            end += 1
        if end > index:
            framed = index > 0 and end < len(lines) and lines[index - 1].kind in ("good", "near")
            if framed and lines[end].kind in ("good", "near") and end - index <= MAX_SHORT_RUN:
                for line in lines[index:end]:
                    line.score *= SUBHEADING_FACTOR
            index = end
        else:
            index += 1


def cap_gaps(lines: list[Line], cap: float) -> None:
    """Cap what one run of weak lines costs, so a widget inside an article does not split it."""
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.score < 0 and line.kind in ("short", "item", "link", "bad"):
            run.append(line)
            continue
        cost = -sum(weak.score for weak in run)
        if cost > cap:
            for weak in run:
                weak.score *= cap / cost
        run = []


def score_lines(text: str) -> tuple[list[Line], str | None]:
    """Split a scrape into lines scored in their context, and detect its language."""
    lines, language = read_lines(text)
    soften_subheadings(lines)
    demote_teasers(lines)
    cap_gaps(lines, GAP_CAP)
    return lines, language


def best_block(lines: list[Line]) -> tuple[int, int] | None:
    """Return [start, end) of the maximum-sum run of line scores that crosses no end marker."""
    best: tuple[float, int, int] | None = None
    total, start = 0.0, 0
    for index, line in enumerate(lines):
        if line.kind == "end":
            if (
                best is not None
                and best[0] >= CLOSED_ARTICLE_SCORE
                and CLOSING_RE.search(line.text)
            ):
                break  # comments or the footer follow a finished article
            total, start = 0.0, index + 1
            continue
        if total <= 0:
            total, start = 0.0, index
        total += line.score
        if total > 0 and (best is None or total > best[0]):
            best = (total, start, index + 1)
    if best is None:
        return None
    _, start, end = best
    while start > 0 and lines[start - 1].kind == "item" and lines[start - 1].score >= 0:
        start -= 1
    while end < len(lines) and lines[end].kind == "item" and lines[end].score >= 0:
        end += 1
    return start, end


def body_lines(lines: list[Line], start: int, end: int) -> list[str]:
    """Keep the article lines of a block: no boilerplate, no link-list runs, no repeats."""
    kept: list[str] = []
    seen: set[str] = set()
    run: list[Line] = []

    def flush() -> None:
        if len(run) <= MAX_SHORT_RUN:
            kept.extend(line.text for line in run if line.kind == "short")
        run.clear()

    for line in lines[start:end]:
        if line.kind in ("good", "near", "item"):
            flush()
            key = line.text.casefold()
            if key not in seen:
                seen.add(key)
                kept.append(line.text)
        else:
            run.append(line)
    flush()
    while kept and len(kept[-1]) < SHORT_LINE_CHARS and SOCIAL_RE.search(kept[-1]):
        kept.pop()  # "follow us on Telegram" lines closing an article
    return kept


def is_headline(line: Line) -> bool:
    """Tell whether a line is shaped like an article headline."""
    text = line.text
    if (
        len(text) > TITLE_MAX_CHARS
        or line.kind in ("bad", "end", "soft", "link")
        or looks_like_date(text)
    ):
        return False
    if BYLINE_RE.match(text) or NOT_TITLE_RE.search(text) or is_code(text):
        return False
    if text.rstrip(CLOSERS).endswith((".", ":", "：", "。")):
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
            tokens.add(word)
    return tokens


def slug_tokens(url: str | None) -> set[str]:
    """Return the words of a URL's path, which often repeat the headline."""
    if not url:
        return set()
    words = SLUG_SPLIT_RE.split(urlsplit(url).path.casefold())
    return {
        word for word in words if len(word) > 2 and not word.isdigit() and word not in SLUG_NOISE
    }


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
    best: tuple[float, str] | None = None
    window = range(max(0, start - TITLE_WINDOW), min(len(lines), start + 2))
    for index in window:
        line = lines[index]
        tokens = content_tokens(line.text, stopwords)
        if not tokens or not is_headline(line) or (index >= start and line.kind == "good"):
            continue
        score = len(tokens & lead) / len(tokens)
        score += TITLE_NEAR_WEIGHT * (1 - abs(start - index) / TITLE_WINDOW)
        if slug:
            score += TITLE_SLUG_WEIGHT * len(tokens & slug) / len(slug)
        if any(line.text.startswith(stub) and line.text != stub for stub in stubs):
            score += TITLE_STUB_BONUS  # teaser lists repeat the headline cut short
        if counts[line.text] > 1:
            score += TITLE_REPEAT_BONUS  # headlines recur in breadcrumbs and share bars
        if best is None or score > best[0]:
            best = (score, line.text)
    return best[1] if best else None


def find_date(lines: list[Line], start: int, end: int, language: str | None) -> datetime | None:
    """Find the publication date: the date line nearest above the body, else early in it or after.

    When that line says "updated" and another date line sits just above it, the other one is taken.
    """
    languages = [language] if language else None
    spans = (
        range(start - 1, max(-1, start - DATE_WINDOW_BEFORE - 1), -1),
        range(start, min(end, start + DATE_WINDOW_AFTER)),
        range(end, min(len(lines), end + DATE_WINDOW_AFTER)),
    )
    for span in spans:
        texts = [lines[i].text for i in span]
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
    return None


def registrable_domain(host_or_url: str) -> str | None:
    """Return the registrable domain of a URL or host name, lower-case, or None."""
    domain = get_fld(host_or_url, fail_silently=True, fix_protocol=True)
    return domain.lower() if domain else None


def find_site(lines: list[Line], url: str | None) -> str | None:
    """Return the site's domain from the URL, else the domain the page names most."""
    if url:
        domain = registrable_domain(url)
        if domain:
            return domain
    counts: Counter[str] = Counter()
    for line in lines:
        weight = COPYRIGHT_DOMAIN_WEIGHT if line.kind == "end" else 1
        for match in DOMAIN_RE.findall(line.text):
            domain = registrable_domain(match)
            if domain and domain not in PLATFORM_DOMAINS:
                counts[domain] += weight
    return counts.most_common(1)[0][0] if counts else None


def extract_text_page(text: str, url: str | None = None) -> ScrapedArticle:
    """Extract title, publication date, site and article body from a page's plain text."""
    lines, language = score_lines(text)
    site = find_site(lines, url)
    block = best_block(lines)
    if block is None:
        return ScrapedArticle(title=None, published_at=None, site=site, body="")
    start, end = block
    body = "\n\n".join(body_lines(lines, start, end))
    return ScrapedArticle(
        title=find_title(lines, start, body, language, url),
        published_at=find_date(lines, start, end, language),
        site=site,
        body=body,
    )
