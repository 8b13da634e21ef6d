"""The article text of an HTML page: trafilatura on a prepared tree, checked against readability.

trafilatura runs with `favor_recall`, its cheapest mode and the one that keeps whole articles
(its balanced mode's fallbacks sometimes swap a short article for a longer stretch of the page).
What recall lets in sits at the edges of the text: datelines, breadcrumbs and share prompts above
the article, copyright, licence numbers, navigation bars and teaser lists below it. Readability
(trafilatura's own port) scores the page's containers rather than its elements. Where it holds
most of trafilatura's text, the lines at either end that it lacks are dropped, up to the first
line it shares or the first paragraph of prose (readability misses some of an article's own
paragraphs, but rarely keeps page chrome). Where readability finds much more text, holding all
of trafilatura's prose, trafilatura missed part of the article (a gallery's captions sit in
<figure> elements, which it skips) and readability's text is used instead.

Short lines naming a social network that close the text ("Follow us on WhatsApp") go, as in the
text-scrape extractor. A standfirst, the description a page shows as its opening paragraph, is
often outside the container both extractors pick; it is put back in front of the text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, fromstring
from trafilatura.readability_lxml import Document as Readability

from tasks.extract.html.clean import merge_sibling_articles, page_parser, prune_page
from tasks.extract.text.lines import SHORT_LINE_CHARS, dense_chars
from tasks.extract.text.phrases import SOCIAL_RE

logger = logging.getLogger(__name__)

TRAFILATURA_OPTIONS = {
    "with_metadata": False,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_recall": True,
}
READABILITY_MIN_TEXT = 25  # trafilatura's own setting for its readability fallback
# Readability's text replaces trafilatura's when it is this many times longer (trafilatura's own
# rule for its readability fallback).
READABILITY_TAKEOVER = 2
# ... or this many times longer while holding this share of trafilatura's prose (the shingles of
# its paragraphs): trafilatura kept the article's opening but missed the rest.
READABILITY_SUPERSET, SUPERSET_SHARE = 1.5, 0.8
SAME_TEXT_SHARE = 0.9  # of either text's shingles, for the two to be the same text
BLOCK_TAGS = (
    "p", "div", "section", "article", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "figcaption", "tr", "table", "ul", "ol", "br",
)  # fmt: skip
SHINGLE = 3  # words (or characters, in scripts without spaces) per shingle
# Readability must contain this share of trafilatura's shingles for its view of the edges to count.
MIN_AGREEMENT = 0.5
# A line is readability's when this share of its shingles is in readability's text.
LINE_SHARED = 0.5
# An edge line this heavy that reads as prose is kept even when readability lacks it.
PROSE_WEIGHT = 150
SENTENCE_END = re.compile(r"[.!?。！？؟।]['\"”’»)\]]*$")
WORD = re.compile(r"\w+")
# A description shorter than this is a tagline, not an article's opening paragraph.
MIN_STANDFIRST_CHARS = 80
# Blocks whose text is as long as the description within a quarter, counted by libxml2: the
# text of only these few is then taken and compared.
STANDFIRST_BLOCKS = etree.XPath(
    "(//body//p | //body//h2 | //body//div[not(.//p or .//div)])"
    "[string-length(.) >= $shortest and string-length(.) <= $longest]"
)


def extract_body(
    tree: HtmlElement,
    url: str | None,
    clean: Callable[[str], str] = str.strip,
    description: str | None = None,
) -> str:
    """The article text of a parsed page, `clean` applied to the extractor's lines before their
    edges are checked, and the page's standfirst put back in front when it was left out. The tree
    is pruned, then consumed by readability."""
    prune_page(tree)
    merge_sibling_articles(tree)
    lead = standfirst(tree, description)
    document = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    text = (document.text or "") if document is not None else ""
    reference = readability_text(tree)
    if prefer_reference(text, reference):
        text = clean(reference)
    elif text := clean(text):
        text = trim_edges(text, reference)
    text = drop_closing_social(text)
    if text and lead and _fold(lead) not in _fold(text):
        text = f"{lead}\n{text}"
    return text


def prefer_reference(text: str, reference: str) -> bool:
    """Whether readability's text should replace trafilatura's: it is more than twice as long,
    or clearly longer and holds all of trafilatura's paragraphs of prose, or it is the same text
    in paragraphs where trafilatura ran it together in one line (its fallback on short pages)."""
    size, reference_size = _size(text), _size(reference)
    if reference_size > READABILITY_TAKEOVER * size:
        return True
    if "\n" not in text.strip() and "\n" in reference and _same_text(text, reference):
        return True
    if reference_size < READABILITY_SUPERSET * size:
        return False
    dense = dense_chars(text) > len(text) / 3
    prose = [shingles(line, dense) for line in text.splitlines() if _is_paragraph(line, dense)]
    own = set().union(*prose)
    return bool(own) and len(own & shingles(reference, dense)) >= SUPERSET_SHARE * len(own)


def _same_text(text: str, reference: str) -> bool:
    dense = dense_chars(text) > len(text) / 3
    own, other = shingles(text, dense), shingles(reference, dense)
    common = len(own & other)
    return bool(common) and common >= SAME_TEXT_SHARE * max(len(own), len(other))


def readability_text(tree: HtmlElement) -> str:
    """The text of readability's article container, a line per block (it rewrites the tree)."""
    try:
        summary = Readability(tree, min_text_length=READABILITY_MIN_TEXT).summary()
        root = fromstring(summary, parser=page_parser()) if summary.strip() else None
    except Exception as error:  # readability fails on odd markup; trafilatura's text stands
        logger.debug("readability failed: %s", error)
        return ""
    if root is None:
        return ""
    for element in root.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def standfirst(tree: HtmlElement, description: str | None) -> str | None:
    """The page's description when the page shows it as a paragraph of its own (a standfirst)."""
    if not description or len(description) < MIN_STANDFIRST_CHARS:
        return None
    wanted = _fold(description)
    slack = len(description) // 4
    shortest, longest = len(description) - slack, len(description) + slack
    for element in STANDFIRST_BLOCKS(tree, shortest=shortest, longest=longest):
        text = element.text_content()
        if abs(len(text) - len(description)) <= slack and _fold(text) == wanted:
            return " ".join(text.split())
    return None


def trim_edges(text: str, reference: str) -> str:
    """`text` without the leading and trailing lines `reference` lacks, unless they are prose."""
    dense = dense_chars(text) > len(text) / 3
    known = shingles(reference, dense)
    lines = text.splitlines()
    found = [shingles(line, dense) for line in lines]
    total = set().union(*found)
    if not known or not total or len(total & known) < MIN_AGREEMENT * len(total):
        return text

    def keep(index: int) -> bool:
        own = found[index]
        if own and len(own & known) >= LINE_SHARED * len(own):
            return True
        return _is_paragraph(lines[index], dense)

    start, end = 0, len(lines)
    while start < end and not keep(start):
        start += 1
    while end > start and not keep(end - 1):
        end -= 1
    return "\n".join(lines[start:end])


def drop_closing_social(text: str) -> str:
    """`text` without the short "follow us on WhatsApp" lines that close it (not sentences that
    name a network)."""
    lines = text.splitlines()
    while (
        lines
        and len(lines[-1]) < SHORT_LINE_CHARS
        and SOCIAL_RE.search(lines[-1])
        and not SENTENCE_END.search(lines[-1])
    ):
        lines.pop()
    return "\n".join(lines)


def shingles(text: str, dense: bool) -> set[tuple[str, ...]]:
    """Word (or, for scripts without spaces, character) n-grams of a text, case-folded."""
    folded = text.casefold()
    tokens = [ch for ch in folded if not ch.isspace()] if dense else WORD.findall(folded)
    if len(tokens) < SHINGLE:
        return {tuple(tokens)} if tokens else set()
    # the shifted lists differ in length on purpose: zip stops where the last shingle ends
    return set(zip(*(tokens[i:] for i in range(SHINGLE)), strict=False))


def _is_paragraph(line: str, dense: bool) -> bool:
    weight = len(line) + 2 * dense_chars(line) if dense else len(line)
    return weight >= PROSE_WEIGHT and SENTENCE_END.search(line.rstrip()) is not None


def _size(text: str) -> int:
    return len("".join(text.split()))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()
