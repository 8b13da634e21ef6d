"""Extract an article (title, date, site, body) from a plain-text scrape of a whole news page.

A scrape is a browser's `document.body.innerText`: menus, headline, date line, captions, the
article's paragraphs, teaser lists, footer. Each line gets a kind and a score from its own features
(tasks.extract.text.lines), then from its neighbours: one or two weak lines between paragraphs
(subheadings, the time over a live-blog post) cost little, headline-and-blurb teaser runs are
demoted, and no run of weak lines costs more than GAP_CAP, so a widget inside an article does not
split it. The body is the maximum-sum run of scores that crosses no end marker ("(sya)", comment
counts, copyright, a wire sign-off, a paywall notice), minus its boilerplate, date and time lines
and link-list runs, each paragraph once. The title is picked by tasks.extract.text.title, the
date by tasks.extract.text.dating.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from tld import get_fld

from tasks.extract.text.dating import find_date
from tasks.extract.text.lines import (
    SHORT_LINE_CHARS,
    Line,
    read_lines,
)
from tasks.extract.text.phrases import CLOSING_RE, SOCIAL_RE
from tasks.extract.text.title import find_title

logger = logging.getLogger(__name__)

WEAK_KINDS = frozenset({"short", "item", "link", "bad", "stamp", "date", "ad"})
MAX_SHORT_RUN = 2  # longer runs of weak lines inside an article are link lists, not subheadings
SUBHEADING_FACTOR = 0.3
GAP_CAP = 8.0  # the most that one run of weak lines can subtract from a block
TEASER_MAX_HEADLINE, TEASER_MAX_BLURB, TEASER_MIN_RUN, TEASER_SCORE = 120, 300, 3, -0.5
# A block this strong is an article: comments or a footer after it end the search.
CLOSED_ARTICLE_SCORE = 8.0

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
        while end < len(lines) and lines[end].kind in ("short", "item", "stamp"):
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
        if line is not None and line.score < 0 and line.kind in WEAK_KINDS:
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


def extract_text_page(
    text: str, url: str | None = None, fetched_at: datetime | None = None
) -> ScrapedArticle:
    """Extract title, publication date, site and article body from a page's plain text; a
    relative date ("2 hours ago") counts only with the time the page was fetched."""
    lines, language = score_lines(text)
    site = find_site(lines, url)
    block = best_block(lines)
    if block is None:
        return ScrapedArticle(title=None, published_at=None, site=site, body="")
    start, end = block
    body = "\n\n".join(body_lines(lines, start, end))
    return ScrapedArticle(
        title=find_title(lines, start, body, language, url),
        published_at=find_date(lines, start, end, language, fetched_at),
        site=site,
        body=body,
    )
