"""Prepare a page for the extractors: parse it within limits, remove what no reader sees as
the article, and group the posts of a live blog.

Parsed: with lxml's HTML parser, never fetching anything (no network, and HTML has no entity
declarations: a DOCTYPE's internal subset is ignored, so no external entity is read and no
entity bomb expands) and without its huge-tree mode, so libxml2 keeps its limits: it stops at
256 levels of nesting, which keeps trafilatura's recursion and lxml's C code within their
stacks. A page larger than the extractors can take in a few seconds first loses the bodies of
its scripts and style sheets and its inline data URIs (a giant state object or base64 image is
never article text), then is cut: an article near the top is kept.

Removed: hidden elements (the `hidden` attribute, `aria-hidden="true"`, an inline `display: none`
or `visibility: hidden`): paywall prompts, save-article pop-ups, video-player menus and modal
windows; elements whose ARIA role is an interface widget (dialog, menu, tooltip, toolbar) or one
of the page's landmarks around the article (navigation, banner, contentinfo, search,
complementary); comment boxes and "read also", related and popular-story blocks, recognised by
their class or id in several languages (trafilatura knows the English names that *start* with
"comment", not `sf_comment_list` or `article-comments-box`). A block holding a large share of
the page's visible text (scripts and style sheets do not count) is kept whatever its markup says:
some pages hide the article until a script runs (streamed server rendering puts it in a hidden
`<div>` that a script moves into place), and some name the article's own container after its
comments. Class names inside `<pre>` and `<code>` are a syntax highlighter's (a `comment` token
is a line of the code), so they never mark a block for removal.

Grouped: sibling <article> elements that each hold a paragraph of prose are the posts of a live
blog; extractors take the first <article> as the whole story, so the posts are wrapped in one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)
from trafilatura.utils import repair_faulty_html

# Never removed: the document itself and the containers an article lives in.
PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})
BOILERPLATE_CLASS = re.compile(
    r"(?:^|[^a-z])comments?(?:[^a-z]|list|box|area|wrap|form|$)"
    r"|komentar|kommentar|commentaire|comentario|коммент|댓글"
    r"|baca-?juga|terkait|rekomendasi|populer|читайте|lesen-sie-auch|a-lire-aussi",
)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A block with more than this share of the page's text is the content, whatever its markup.
MAX_REMOVED_SHARE = 0.4
# ARIA roles of interface widgets and of the page's own landmarks around the article.
CHROME_ROLES = frozenset(
    {
        "dialog", "alertdialog", "menu", "menubar", "menuitem", "tooltip", "toolbar",
        "navigation", "banner", "contentinfo", "search", "complementary",
    }
)  # fmt: skip
# Sibling <article> elements holding prose: this many are the posts of one page (a live blog).
MIN_POSTS = 2
POST_MIN_PARAGRAPH = 80
# Text a reader sees is all text but that of scripts, style sheets and templates; taking one
# from the other is several times faster than testing every text node's ancestors. Plain strings,
# not lxml's "smart" ones that keep their element alive.
ALL_TEXT = etree.XPath(".//text()", smart_strings=False)
UNSEEN_TEXT = etree.XPath(
    ".//script//text() | .//style//text() | .//noscript//text() | .//template//text()",
    smart_strings=False,
)
CANDIDATES = etree.XPath("//*[@class or @id or @hidden or @aria-hidden or @style or @role]")
# Inside code, class names are a syntax highlighter's tokens (`hljs-comment`, `token comment`),
# not the page's layout: a code comment is part of the article.
IN_CODE = etree.XPath("boolean(ancestor::pre or ancestor::code)")
# An XML declaration naming an encoding: lxml refuses it in text that is already decoded.
XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]{0,200}>")
# Scripts and style sheets whose bodies go from a page too large to parse whole; an opening tag
# longer than this is left alone (the bound keeps the search linear on broken markup).
BLOB_OPENING = re.compile(r"<(script|style)\b[^>]{0,2000}>", re.IGNORECASE)
BLOB_CLOSING = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
}
DATA_URI = re.compile(r"\bdata:[^,\"'\s<>]{0,200},[^\"'\s<>)]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A page's tree, and what stopped libxml2 short of the page's end, if anything."""

    tree: HtmlElement
    stopped: str | None = None


# Every element of a page as an HtmlElement, chosen in C. lxml.html's own lookup asks a Python
# method for each element the extractors touch (thousands a page, 3.5% of extraction), to give
# forms, inputs and labels classes of their own whose form methods no extractor uses.
ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement,
    comment=HtmlComment,
    pi=HtmlProcessingInstruction,
    entity=HtmlEntity,
)


def page_parser() -> HTMLParser:
    """A parser for one page (a parser's error log is its last run's, so none is shared)."""
    parser = HTMLParser(
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
    )
    parser.set_element_class_lookup(ELEMENT_CLASSES)
    return parser


def parse_page(markup: str) -> ParsedPage | None:
    """The parsed page, or None when it holds no markup at all."""
    markup = XML_DECLARATION.sub("", markup, count=1)
    parser = page_parser()
    try:
        tree = document_fromstring(repair_faulty_html(markup, markup[:50].lower()), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    stops = (e.message for e in parser.error_log if e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT)
    return ParsedPage(tree, next(stops, None))


def fit_page(markup: str, limit: int) -> tuple[str, bool]:
    """`markup` within `limit` characters, and whether it had to be cut: a longer page first
    loses its script and style bodies (JSON-LD is kept) and data URIs."""
    if len(markup) <= limit:
        return markup, False
    markup = drop_blobs(markup)
    return markup[:limit], len(markup) > limit


def drop_blobs(markup: str) -> str:
    """`markup` without the bodies of its scripts and style sheets, but for JSON-LD, and with
    its data URIs emptied."""
    kept, position = [], 0
    while (opening := BLOB_OPENING.search(markup, position)) is not None:
        start = opening.end()
        closing = BLOB_CLOSING[opening.group(1).lower()].search(markup, start)
        # an unclosed script runs to the end of the page, as it does in a browser
        end = closing.start() if closing is not None else len(markup)
        kept.append(markup[position:start])
        if "ld+json" in opening.group(0).lower():
            kept.append(markup[start:end])
        position = end
    kept.append(markup[position:])
    return DATA_URI.sub("data:,", "".join(kept))


def prune_page(tree: HtmlElement) -> int:
    """Remove hidden elements and comment or related-story blocks; return how many went."""
    doomed = [element for element in CANDIDATES(tree) if _unwanted(element)]
    if not doomed:
        return 0
    limit = MAX_REMOVED_SHARE * visible_chars(tree)
    removed = 0
    for element in doomed:
        # an ancestor removed earlier leaves the element detached from the tree
        if element.getparent() is None or not _attached(element, tree):
            continue
        if _outweighs(element, limit):
            continue
        element.drop_tree()
        removed += 1
    return removed


def merge_sibling_articles(tree: HtmlElement) -> int:
    """Wrap sibling <article> elements that each hold prose (a live blog's posts) in one
    <article>; return how many groups were wrapped."""
    merged = 0
    parents = {
        id(parent): parent for a in tree.iter("article") if (parent := a.getparent()) is not None
    }
    for parent in parents.values():
        posts = [child for child in parent if child.tag == "article" and _has_prose(child)]
        if len(posts) < MIN_POSTS:
            continue
        wrapper = parent.makeelement("article", {})
        parent.insert(parent.index(posts[0]), wrapper)
        for post in posts:
            post.tag = "div"
            wrapper.append(post)
        merged += 1
    return merged


def visible_chars(element: HtmlElement) -> int:
    """Characters of text a reader could see: scripts and style sheets do not count (a page's
    state object can outweigh its article tenfold)."""
    return text_chars(ALL_TEXT(element)) - text_chars(UNSEEN_TEXT(element))


def _outweighs(element: HtmlElement, limit: float) -> bool:
    """Whether a reader sees more than `limit` characters of the element's text. All of its
    text, scripts and whitespace included, bounds that from above and comes in one call of C:
    most blocks that go (menus, comment boxes) are settled by it, without a count per node."""
    return len(element.text_content()) > limit and visible_chars(element) > limit


def text_chars(texts: list[str]) -> int:
    """Characters of text nodes without their surrounding whitespace."""
    return sum(map(len, map(str.strip, texts)))


def _has_prose(element: HtmlElement) -> bool:
    return any(len(p.text_content()) >= POST_MIN_PARAGRAPH for p in element.iter("p"))


def _unwanted(element: HtmlElement) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag in PROTECTED_TAGS:
        return False
    # `get` on the element itself: no attribute mapping is built for each of the page's elements
    get = element.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    if get("role") in CHROME_ROLES:
        return True
    style = get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    names = f"{get('class', '')} {get('id', '')}"
    return names != " " and _boilerplate_names(names) and not IN_CODE(element)


@lru_cache(maxsize=4096)
def _boilerplate_names(names: str) -> bool:
    """Whether class and id names mark a comment or related-story block (a page repeats the same
    few class strings on hundreds of elements, so each is matched once)."""
    return BOILERPLATE_CLASS.search(names.lower()) is not None


def _attached(element: HtmlElement, root: HtmlElement) -> bool:
    return element.getroottree().getroot() is root.getroottree().getroot()
