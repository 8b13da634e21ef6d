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

Where readability holds less than half of trafilatura's text, the two read different parts of
the page and a third view casts the deciding vote: trafilatura's baseline reading of what
readability left of the tree (the text of an <article>, else of the paragraphs). It counts only
where it agrees with trafilatura: when it holds trafilatura's prose and is much longer (the
superset rule above), trafilatura kept a fragment of the article and the third view is used. A
view that is merely longer is not enough (on listing pages it is the teasers). It runs on few
pages: those where the two disagree, trafilatura's text has prose and the tree has text enough.

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
# The characters of a tree's text, spaces squeezed: no view of the tree holds more.
TREE_CHARS = etree.XPath("string-length(normalize-space(.))")
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
    found = (document.text or "") if document is not None else ""
    reference = readability_text(tree)
    if prefer_reference(found, reference):
        text = clean(reference)
    elif text := clean(found):
        trimmed = trim_edges(text, reference)
        if trimmed is not None:
            text = trimmed
        elif holds_prose(found, third := third_view(tree, found)):
            text = clean(third)
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
    return reference_size >= READABILITY_SUPERSET * size and holds_prose(text, reference)


def holds_prose(text: str, reference: str) -> bool:
    """Whether `reference` holds `SUPERSET_SHARE` of the shingles of `text`'s paragraphs of prose
    (and `text` has some)."""
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


def third_view(tree: HtmlElement, found: str) -> str:
    """trafilatura's baseline reading of what readability left of the tree (it moves the
    container it picks out of it): its <article>, else its paragraphs, a line each. Nothing when
    `found` has no prose for the view to hold or the view is not much longer than `found`; the
    tree's size, counted by libxml2, settles that first on most pages and spares the baseline's
    copy of the tree."""
    needed = READABILITY_SUPERSET * _size(found)
    dense = dense_chars(found) > len(found) / 3
    if TREE_CHARS(tree) < needed or not any(
        _is_paragraph(line, dense) for line in found.splitlines()
    ):
        return ""
    view = _baseline(tree)
    return view if _size(view) >= needed else ""


def _baseline(tree: HtmlElement) -> str:
    try:
        return trafilatura.baseline(tree)[1]
    except Exception as error:  # odd markup: no third view, trafilatura's text stands
        logger.debug("baseline failed: %s", error)
        return ""


def trim_edges(text: str, reference: str) -> str | None:
    """`text` without the leading and trailing lines `reference` lacks, unless they are prose;
    None when `reference` holds less than `MIN_AGREEMENT` of `text` (it read another part of the
    page). Only the lines at the edges are looked at one by one."""
    dense = dense_chars(text) > len(text) / 3
    known = shingles(reference, dense)
    total = shingles(text, dense)
    if not known or not total or len(total & known) < MIN_AGREEMENT * len(total):
        return None
    lines = text.splitlines()

    def keep(index: int) -> bool:
        own = shingles(lines[index], dense)
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
