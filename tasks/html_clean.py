"""Prepare a parsed page for the extractors: remove what no reader sees as the article, and
group the posts of a live blog.

Removed: hidden elements (the `hidden` attribute, `aria-hidden="true"`, an inline `display: none`
or `visibility: hidden`): paywall prompts, save-article pop-ups, video-player menus and modal
windows; elements whose ARIA role is an interface widget (dialog, menu, tooltip, toolbar) or one
of the page's landmarks around the article (navigation, banner, contentinfo, search,
complementary); comment boxes and "read also", related and popular-story blocks, recognised by
their class or id in several languages (trafilatura knows the English names that *start* with
"comment", not `sf_comment_list` or `article-comments-box`). A block holding a large share of
the page's text is kept whatever its markup says: some pages hide the article until a script
runs, and some name the article's own container after its comments.

Grouped: sibling <article> elements that each hold a paragraph of prose are the posts of a live
blog; extractors take the first <article> as the whole story, so the posts are wrapped in one.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

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
CANDIDATES = etree.XPath("//*[@class or @id or @hidden or @aria-hidden or @style or @role]")


def prune_page(tree: HtmlElement) -> int:
    """Remove hidden elements and comment or related-story blocks; return how many went."""
    doomed = [element for element in CANDIDATES(tree) if _unwanted(element)]
    if not doomed:
        return 0
    limit = MAX_REMOVED_SHARE * len(tree.text_content())
    removed = 0
    for element in doomed:
        # an ancestor removed earlier leaves the element detached from the tree
        if element.getparent() is None or not _attached(element, tree):
            continue
        if len(element.text_content()) > limit:
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


def _has_prose(element: HtmlElement) -> bool:
    return any(len(p.text_content()) >= POST_MIN_PARAGRAPH for p in element.iter("p"))


def _unwanted(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or element.tag in PROTECTED_TAGS:
        return False
    attributes = element.attrib
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    if attributes.get("role") in CHROME_ROLES:
        return True
    style = attributes.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    names = f"{attributes.get('class', '')} {attributes.get('id', '')}".lower()
    return names != " " and BOILERPLATE_CLASS.search(names) is not None


def _attached(element: HtmlElement, root: HtmlElement) -> bool:
    return element.getroottree().getroot() is root.getroottree().getroot()
