"""Turn raw records into articles: HTML through trafilatura, text scrapes through our extractor."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from htmldate import find_date
from lxml.html import HtmlElement

from tasks.extract.dates import parse_datetime
from tasks.extract.given import take_given
from tasks.extract.html.body import extract_body
from tasks.extract.html.clean import fit_page, parse_page
from tasks.extract.html.meta import (
    PageMetadata,
    markup_author,
    markup_date,
    parse_declared_date,
    read_metadata,
    visible_date,
)
from tasks.extract.html.page_type import body_signals, is_listing, listing_verdict, page_signals
from tasks.extract.html.title import choose_headline
from tasks.extract.language import detect_language
from tasks.extract.text.lines import dense_chars
from tasks.extract.text.phrases import (
    AD_RE,
    APPEAL_RE,
    BYLINE_RE,
    EDITOR_INITIALS_RE,
    INLINE_LINK_RE,
    SIGNOFF_RE,
    SLIDE_COUNTER_RE,
    TRUST_RE,
    find_caption,
)
from tasks.extract.text.scrape import extract_text_page
from tasks.read.decoding import bom_encoding, decode_page
from tasks.read.discover import SNIFF_BYTES, looks_binary
from tasks.read.normalise import body_fingerprint, canonical_url, normalise_text, site_of
from tasks.records import Article, Outcome, RawRecord, Reason, Rejected

logger = logging.getLogger(__name__)
# trafilatura and htmldate log page-level problems as errors; here each becomes a reject
# reason on the record, so their own lines would only be noise in a healthy run.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# A page's first this many bytes are decoded; the rest is never read.
MAX_PAGE_BYTES = 20_000_000
# ... and its first this many characters extracted (of markup once a page this large has lost
# its scripts, styles and data URIs): a few seconds of work. Real news pages stay far below:
# the largest in the project's corpora holds 1.3 million characters once its scripts are gone.
MAX_PAGE_CHARS = 2_000_000
# A text scrape is cut at this many characters; the largest in the corpora has 136,000.
MAX_TEXT_CHARS = 1_000_000
# Shorter bodies are teasers, captions or empty templates, not articles. Counted in
# characters so the limit means the same in scripts without spaces.
MIN_BODY_CHARS = 150

# A line of prose: long enough, and a sentence ends in it (Latin, CJK, Arabic, Devanagari).
SENTENCE_END = re.compile(r"[.!?。！？؟।။…][\"'”»)\]]*(?:\s|$|(?=[^\W\d]))")
PROSE_MIN_CHARS = 40
# A line this long is prose even without sentence punctuation (Thai, some CJK and Burmese text).
PROSE_LONG_CHARS = 100
# Share of a prose line's visible characters that must be letters or digits: a run of symbols
# or markup debris is not a sentence. Far below any script's prose (Devanagari, whose vowel
# signs are neither, has about 60%) and a table of contents' dotted lines (about 20%).
PROSE_MIN_WORD_SHARE = 0.1
# Share of the body that must be prose: link lists, tag pages and section fronts fall below.
# Lines of the page's code blocks (<pre>, <code>) are left out of that body: a tutorial's
# listings and shell sessions are its content, but they are not sentences.
PROSE_MIN_SHARE = 0.3

# Line shapes dropped from trafilatura's output, and the longest line they may apply to.
BOILERPLATE_LINE_PATTERNS = (
    EDITOR_INITIALS_RE,
    INLINE_LINK_RE,
    AD_RE,
    SIGNOFF_RE,
    TRUST_RE,
    APPEAL_RE,
)
BOILERPLATE_LINE_MAX_WEIGHT = 200
# The shapes as one pattern, each keeping its own case rule: one scan of a line, not six.
BOILERPLATE_LINE_RE = re.compile(
    "|".join(
        f"(?{'i' if pattern.flags & re.IGNORECASE else ''}:{pattern.pattern})"
        for pattern in BOILERPLATE_LINE_PATTERNS
    )
)
BYLINE_MAX_CHARS = 60  # a first line naming the author, not a sentence opening with "By"
# Numbered slides ("3/50 Caption ...") of a slideshow embedded in an article: this many or more.
MIN_SLIDES = 3
# ... beside this much article text of its own; on a gallery page the captions are the article.
MIN_ARTICLE_BESIDE_SLIDES = 1000


def extract_record(record: RawRecord) -> Outcome:
    """Extract one record; any failure becomes a reject with a reason, never an exception."""
    try:
        if record.kind == "article":
            return take_given(record)
        outcome = extract_html(record) if record.kind == "html" else extract_text(record)
    except Exception as error:
        logger.debug("extraction failed for %s:%s", record.file_id, record.position, exc_info=True)
        return Rejected(
            record.file_id,
            record.position,
            Reason.EXTRACTION_ERROR,
            f"{type(error).__name__}: {error}"[:200],
            record.url,
        )
    if isinstance(outcome, Article):
        outcome.extracted_by = record.kind  # Kabar's own extractor of that kind of page
    return outcome


@dataclass(frozen=True, slots=True)
class HtmlReading:
    """What a page's markup gave before the page is judged an article or not."""

    meta: PageMetadata
    url: str | None
    title: str | None
    published: datetime | None
    date_source: str | None
    author: str | None
    body: str
    # The page-type signals of the whole page and of its extracted body.
    signals: dict[str, float]
    # The lines of the page's code blocks, whitespace-folded.
    code: frozenset[str]
    cut_to: int | None
    stopped: str | None


def read_html(record: RawRecord) -> HtmlReading | Rejected:
    """Parse a page; read its metadata, date, author and page-type signals while it is whole;
    then extract its body (which prunes the tree)."""
    content = record.content
    # UTF-16 pages are full of NUL bytes: their byte-order mark says they are text
    if bom_encoding(content) is None and looks_binary(content[:SNIFF_BYTES]):
        return _reject(record, Reason.NOT_HTML, "binary content, not an HTML page")
    markup, cut_to = _readable_text(record, html=True)
    page = parse_page(markup)
    if page is None:
        return _reject(record, Reason.DECODE_ERROR, "content does not parse as HTML")
    tree = page.tree
    meta = read_metadata(tree)
    page_url = record.url or _absolute(meta.canonical)
    title = choose_headline(meta.titles, meta.site_names, page_url)
    published, date_source = _published(record, meta.published)
    if published is None and record.published_at is None:
        languages = (meta.language,) if meta.language else None
        published, date_source = _page_date(tree, page_url, languages)
    author = _clean(meta.author) or _clean(markup_author(tree))
    signals = page_signals(tree, meta, page_url)
    code = code_lines(tree)
    body = drop_leading_title(extract_body(tree, record.url, clean_body, meta.description), title)
    body = drop_leading_byline(body)
    signals.update(body_signals(body, _prose_chars(body), signals.pop("page_chars")))
    return HtmlReading(
        meta,
        page_url,
        title,
        published,
        date_source,
        author,
        body,
        signals,
        code,
        cut_to,
        page.stopped,
    )


def code_lines(tree: HtmlElement) -> frozenset[str]:
    """The lines of the page's code blocks, whitespace-folded (none on most pages)."""
    return frozenset(
        folded
        for block in tree.iter("pre", "code")
        for line in block.text_content().splitlines()
        if (folded := _fold(line))
    )


def extract_html(record: RawRecord) -> Outcome:
    """Body with trafilatura on a pruned page; title, date, author and site from page metadata.
    A page without article text, or that the page-type model judges a listing, section or home
    page, is refused as `no_article`, the detail naming the signal that decided."""
    reading = read_html(record)
    if isinstance(reading, Rejected):
        return reading
    body, meta, page_url = reading.body, reading.meta, reading.url
    problem = not_an_article(body, reading.code)
    if problem is None and is_listing(verdict := listing_verdict(reading.signals)):
        problem = verdict.detail()
    if problem is not None:
        return _no_article(record, problem, reading.cut_to, reading.stopped)
    return Article(
        file_id=record.file_id,
        position=record.position,
        url=page_url,
        # A canonical naming no article (a front page, a section) is kept as declared: placement
        # refuses it as a story key and records it, so the site's bad tags can be reported.
        canonical_url=canonical_url(_absolute(meta.canonical) or page_url),
        site=site_of(page_url) or site_of(meta.canonical),
        site_name=meta.site_name,
        title=reading.title,
        author=reading.author,
        published_at=reading.published,
        date_source=reading.date_source,
        language=detect_language(body) or meta.language,
        body=body,
        body_hash=body_fingerprint(body),
        fetched_at=parse_datetime(record.fetched_at) if record.fetched_at else None,
    )


def extract_text(record: RawRecord) -> Outcome:
    """A plain-text scrape of a whole page, through the project's own extractor."""
    text, cut_to = _readable_text(record, html=False)
    fetched_at = parse_datetime(record.fetched_at) if record.fetched_at else None
    scraped = extract_text_page(text, url=record.url, fetched_at=fetched_at)
    title = _clean(record.title) or _clean(scraped.title)
    body = drop_leading_title(scraped.body, title)
    if (problem := not_an_article(body)) is not None:
        return _no_article(record, problem, cut_to)
    published, date_source = _published(record, None)
    if published is None and scraped.published_at is not None:
        published, date_source = scraped.published_at, "page"
    return Article(
        file_id=record.file_id,
        position=record.position,
        url=record.url,
        canonical_url=canonical_url(record.url),
        site=site_of(record.url) or scraped.site,
        site_name=None,
        title=title,
        author=None,
        published_at=published,
        date_source=date_source,
        language=detect_language(body),
        body=body,
        body_hash=body_fingerprint(body),
        fetched_at=fetched_at,
    )


def _readable_text(record: RawRecord, html: bool) -> tuple[str, int | None]:
    """The record's text within the extractor's limits, and the limit in characters it was
    cut to, if it was cut."""
    content = record.content
    text = decode_page(content[:MAX_PAGE_BYTES], record.charset, html=html).text
    limit = MAX_PAGE_CHARS if html else MAX_TEXT_CHARS
    text, cut = fit_page(text, limit) if html else (text[:limit], len(text) > limit)
    return text, limit if cut or len(content) > MAX_PAGE_BYTES else None


def not_an_article(body: str, code: frozenset[str] = frozenset()) -> str | None:
    """Why `body` is not an article (too short, or a list of links and headlines), or None.
    Lines of the page's code blocks (`code`, whitespace-folded) count neither way."""
    if len(body) < MIN_BODY_CHARS:
        return f"no article text found ({len(body)} characters)"
    lines = [line for line in _lines(body) if not code or _fold(line) not in code]
    prose = sum(len(line) for line in lines if _is_prose(line))
    if prose < MIN_BODY_CHARS or prose < PROSE_MIN_SHARE * sum(map(len, lines)):
        return (
            f"no article text: {prose} of {len(body)} characters are sentences"
            " (a list of links or headlines)"
        )
    return None


def clean_body(body: str) -> str:
    """Drop the lines trafilatura leaves in that are not article text.

    Editor initials such as `(yop/ard)`, "read also" links, ad labels, wire sign-offs, trust and
    donation lines, and captions with their photo credits: the shapes the text-scrape extractor
    knows, applied to short lines only, so no paragraph of prose is lost. On a gallery page,
    where most lines are captions, the captions are the article: only their credits go. The
    numbered captions of a slideshow embedded in an article ("1/50 ...", "2 of 12 ...") go when
    there are several of them and the rest is an article of its own.
    """
    lines = _lines(body)
    caption_at = {line: found.start() for line in lines if (found := find_caption(line))}
    gallery = sum(1 for line in lines if line in caption_at) * 2 >= len(lines)
    slides = {line for line in lines if SLIDE_COUNTER_RE.match(line.removeprefix("- "))}
    if len(slides) >= MIN_SLIDES:
        rest = [line for line in lines if line not in slides]
        if (
            sum(map(len, rest)) >= MIN_ARTICLE_BESIDE_SLIDES
            and not_an_article("\n".join(rest)) is None
        ):
            lines = rest
    kept = []
    for line in lines:
        # A character weighs at most three: a line this long is too heavy to be boilerplate.
        short = len(line) * 3 <= BOILERPLATE_LINE_MAX_WEIGHT or (
            len(line) <= BOILERPLATE_LINE_MAX_WEIGHT
            and _weight(line) <= BOILERPLATE_LINE_MAX_WEIGHT
        )
        if (caption := caption_at.get(line)) is not None:
            if gallery or not short:
                kept.append(line[:caption].strip() or line)
        elif not (short and BOILERPLATE_LINE_RE.search(line)):
            kept.append(line)
    return "\n".join(kept)


def _lines(body: str) -> list[str]:
    """The body's lines that hold text, stripped."""
    return [line for line in map(str.strip, body.splitlines()) if line]


def _fold(line: str) -> str:
    return " ".join(line.split())


def _prose_chars(body: str) -> int:
    """Characters of `body` in lines of prose."""
    return sum(len(line) for line in _lines(body) if _is_prose(line))


def _weight(line: str) -> int:
    """Length with each character of a script without spaces counted as three letters."""
    return len(line) + 2 * dense_chars(line)


def _is_prose(line: str) -> bool:
    """A sentence-like line of words; a character of a script without spaces weighs as three
    letters."""
    weight = _weight(line)
    shaped = weight >= PROSE_LONG_CHARS or (
        weight >= PROSE_MIN_CHARS and SENTENCE_END.search(line) is not None
    )
    visible = len(line) - sum(map(str.isspace, line))
    return shaped and sum(map(str.isalnum, line)) >= PROSE_MIN_WORD_SHARE * visible


def drop_leading_title(body: str, title: str | None) -> str:
    """The body without a first line that repeats the headline (trafilatura keeps the <h1>)."""
    body = body.strip()
    if not title:
        return body
    first, _, rest = body.partition("\n")
    if normalise_text(first) == normalise_text(title):
        return rest.strip()
    return body


def drop_leading_byline(body: str) -> str:
    """The body without a first line that only names its author ("By Staff Reporter")."""
    first, _, rest = body.partition("\n")
    if rest and len(first) <= BYLINE_MAX_CHARS and BYLINE_RE.match(first.strip()):
        return rest.strip()
    return body


def _published(record: RawRecord, declared: str | None) -> tuple[datetime | None, str | None]:
    """Publication time and where it came from: the dump, or the page's metadata."""
    for value, source, parse in (
        (record.published_at, "dump", parse_datetime),
        (declared, "metadata", parse_declared_date),
    ):
        if value and (parsed := parse(value)) is not None:
            return parsed, source
    return None, None


def _page_date(
    tree: HtmlElement, url: str | None, languages: Sequence[str] | None
) -> tuple[datetime | None, str | None]:
    """The original publication date the markup states (a byline's <time>, the URL), else the
    first date in the visible text, else the one htmldate's quick search finds in the markup:
    htmldate takes a last update the page declares but does not show before the publication
    date it shows. Its extensive search would find the visible dates at several times the cost.
    htmldate is given the parsed tree, never a string: it downloads a string that looks like a
    URL."""
    if (stated := markup_date(tree, url)) is not None:
        return stated, "page"
    if (shown := visible_date(tree, languages)) is not None:
        return shown, "page"
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        found = None
    if found and (parsed := parse_declared_date(found)) is not None:
        return parsed, "page"
    return None, None


def _absolute(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes None."""
    if not value:
        return None
    return " ".join(value.split()) or None


def _no_article(
    record: RawRecord, problem: str, cut_to: int | None = None, stopped: str | None = None
) -> Rejected:
    """The reject of a page without an article, blaming the nesting (the parser `stopped`, so
    before any cut) or the size (the page was cut to `cut_to` characters) when the article may
    lie beyond what was read."""
    if stopped is not None:
        return _reject(record, Reason.TOO_DEEP, f"{stopped} (the parser stops there): {problem}")
    if cut_to is not None:
        size = (
            f"page of {len(record.content):,} bytes, of which at most {MAX_PAGE_BYTES:,} bytes"
            f" and {cut_to:,} characters are read"
        )
        return _reject(record, Reason.TOO_LARGE, f"{size}: {problem}")
    return _reject(record, Reason.NO_ARTICLE, problem)


def _reject(record: RawRecord, reason: str, detail: str) -> Rejected:
    return Rejected(record.file_id, record.position, reason, detail, record.url)
