"""Article or not: a page judged as a whole, before its body is extracted.

A listing, section, tag, shop-category or home page has text, often plenty, but it is a list of
teasers: most of its words sit in links, the same block (headline, picture, a line of summary)
repeats down the page, headlines outnumber paragraphs, and the page declares itself a website or a
collection rather than an article. The address says the same (`/tag/...`, `/collections/...`, a
bare section name, no slug). Each of these signals is a number (`page_signals`), and a logistic
model weighs them (`listing_score`): its weights live in `page_type_model.json` beside this module,
fitted on the tune half of the development corpora by `make page-type-model`
(`tasks/evaluate/page_type.py`). Inference is a dot product in plain Python: no library, no pass
over the page beyond the one that counts the signals.

The signals (all cheap counts over the parsed page, before it is pruned):

- `link_share`: share of the body's visible characters that sit inside links;
- `teaser_share`, `teasers`: share and log count of headline links whose block repeats a
  sibling's shape (same tag and class, three or more times): a run of teaser cards;
- `headline_links`: log count of links with headline-length text (25-150 characters);
- `paragraph_chars`: log of the characters in paragraphs of prose outside links;
- `long_paragraphs`: log count of `<p>` of 150 characters or more outside links;
- `headline_paragraph_ratio`: headline links per long paragraph;
- `articles`: log count of `<article>` elements (a listing has one per teaser);
- `prices`: log count of prices in the text (shop category pages);
- `og_article`, `og_website`: what `og:type` declares;
- `ld_article`, `ld_collection`, `ld_product`: JSON-LD types declared;
- `url_depth`, `url_slug`, `url_listing`, `url_home`: the address's shape (path depth; a slug of
  three or more words, or a long number in the last segment or the query; a listing word such as
  `tag` or `category`; no path at all);
- `time_elements`: log count of `<time>` elements (a listing dates every teaser);
- `linked_headings`: log count of `<h2>`-`<h4>` holding a link (teaser headlines);
- `repeated_link_text`: log count of the most repeated link text ("Read more", "Shop now");
- `linked_images`: log count of links around pictures (teaser and product cards);
- `body_chars`, `body_prose_share`, `body_short_lines`, `body_page_share`: the extracted main
  text's log size, share of characters in lines of prose, share of lines under 80 characters (a
  list of headlines), and share of the page's visible text.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from tasks.extract.html.clean import ALL_TEXT, UNSEEN_TEXT, text_chars
from tasks.extract.html.meta import ARTICLE_TYPES, PageMetadata

MODEL_FILE = Path(__file__).with_name("page_type_model.json")
HEADLINE_CHARS = (25, 150)
MIN_HEADLINE_LINKS = 3
LONG_PARAGRAPH_CHARS = 150
PRICE_RE = re.compile(r"(?:[$€£¥₹]\s?\d[\d,.]*|\d[\d,.]*\s?(?:€|zł|kr|руб|₽|USD|EUR))")
PRICE_NODE_CHARS = 200
ID_RE = re.compile(r"\d{5,}")
SLUG_RE = re.compile(r"(?:[^\W_]+[-_]){2,}[^\W_]+|\d{5,}", re.UNICODE)
LISTING_WORDS = frozenset(
    (
        *("tag", "tags", "category", "categories", "collection", "collections", "section"),
        *("sections", "topic", "topics", "archive", "archives", "page", "search", "shop"),
        *("products", "list", "lists", "news", "latest", "blog", "blogs", "author", "authors"),
        *("issues", "series", "cat", "c"),
    )
)
COLLECTION_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "OfferCatalog"})
PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "Offer", "AggregateOffer"})
BODY = etree.XPath("//body")
LINK_TEXT = etree.XPath("//body//a//text()", smart_strings=False)
LINKS = etree.XPath("//body//a[not(ancestor::a)]")
PARAGRAPHS = etree.XPath("//body//p")
PARAGRAPH_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
# counted by XPath, which makes no Python object per element
ARTICLES = etree.XPath("count(//body//article)")
TIMES = etree.XPath("count(//body//time)")
LINKED_HEADINGS = etree.XPath("count(//body//*[self::h2 or self::h3 or self::h4][.//a])")
LINKED_IMAGES = etree.XPath("count(//body//a[.//img])")
FEATURES = (
    "link_share",
    "teaser_share",
    "teasers",
    "headline_links",
    "paragraph_chars",
    "long_paragraphs",
    "headline_paragraph_ratio",
    "articles",
    "prices",
    "og_article",
    "og_website",
    "ld_article",
    "ld_collection",
    "ld_product",
    "url_depth",
    "url_slug",
    "url_listing",
    "url_home",
    "time_elements",
    "linked_headings",
    "repeated_link_text",
    "linked_images",
    "body_chars",
    "body_prose_share",
    "body_short_lines",
    "body_page_share",
)
# How a signal reads in a reject's detail, when it is the one that decided.
SIGNAL_NAMES = {
    "link_share": "most of its text is in links",
    "teaser_share": "its headline links sit in repeated teaser blocks",
    "teasers": "it repeats teaser blocks",
    "headline_links": "it holds many headline links",
    "paragraph_chars": "it has little paragraph text",
    "long_paragraphs": "it has few paragraphs",
    "headline_paragraph_ratio": "its headlines outnumber its paragraphs",
    "articles": "it holds many <article> blocks",
    "prices": "it lists prices",
    "og_article": "og:type is not article",
    "og_website": "og:type is website",
    "ld_article": "it declares no article in JSON-LD",
    "ld_collection": "JSON-LD declares a collection",
    "ld_product": "JSON-LD declares products",
    "url_depth": "its address is shallow",
    "url_slug": "its address has no article slug",
    "url_listing": "its address names a listing",
    "url_home": "it is a site's home page",
    "time_elements": "it dates many items",
    "body_chars": "its main text is short",
    "body_prose_share": "its main text is not prose",
    "body_short_lines": "its main text is a list of short lines",
    "linked_headings": "its headings are links",
    "repeated_link_text": "a link's words repeat down the page (read more, shop now)",
    "linked_images": "its pictures are links",
    "body_page_share": "its main text is a small part of the page",
}
SHORT_LINE_CHARS = 80


@dataclass(frozen=True, slots=True)
class Verdict:
    """The model's view of a page: probability that it is a listing, and the signal that
    pushed it there most."""

    listing: float
    signal: str
    values: dict[str, float]

    def detail(self) -> str:
        return (
            f"a listing or section page, not an article: {SIGNAL_NAMES[self.signal]}"
            f" ({self.signal}={self.values[self.signal]:.2f}; listing score {self.listing:.2f})"
        )


def page_signals(tree: HtmlElement, meta: PageMetadata, url: str | None) -> dict[str, float]:
    """The page-type signals of a parsed page (before pruning), as named numbers."""
    body = next(iter(BODY(tree)), tree)
    # the body's text nodes, read once for its visible characters and for prices (as
    # `visible_chars` reads them)
    texts, unseen = ALL_TEXT(body), UNSEEN_TEXT(body)
    total = text_chars(texts) - text_chars(unseen)
    linked = text_chars(LINK_TEXT(tree))
    shapes: Counter[tuple[str, str]] = Counter()
    words: Counter[str] = Counter()
    headlines: list[tuple[str, str]] = []
    for link in LINKS(tree):
        text = " ".join(link.text_content().split())
        words[text.casefold()] += 1
        holder = link.getparent()
        holder = (
            holder.getparent() if holder is not None and holder.getparent() is not None else holder
        )
        shape = (str(holder.tag), holder.get("class", "")) if holder is not None else ("", "")
        shapes[shape] += 1
        if HEADLINE_CHARS[0] <= len(text) <= HEADLINE_CHARS[1]:
            headlines.append(shape)
    paragraph = long_paragraphs = 0
    for element in PARAGRAPHS(tree):
        outside = len(" ".join(element.text_content().split())) - text_chars(
            PARAGRAPH_LINK_TEXT(element)
        )
        paragraph += outside if outside >= 40 else 0
        long_paragraphs += outside >= LONG_PARAGRAPH_CHARS
    teasers = sum(shapes[shape] >= 3 for shape in headlines)
    prices = _prices(texts) - _prices(unseen)
    types = meta.linked_types
    address = urlsplit(url or "")
    parts = [part for part in address.path.split("/") if part]
    return {
        "link_share": linked / total if total else 0.0,
        "teaser_share": teasers / len(headlines) if headlines else 0.0,
        "teasers": math.log1p(teasers),
        "headline_links": math.log1p(len(headlines)),
        "paragraph_chars": math.log1p(paragraph),
        "long_paragraphs": math.log1p(long_paragraphs),
        "headline_paragraph_ratio": math.log1p(len(headlines) / (1 + long_paragraphs)),
        "articles": math.log1p(ARTICLES(tree)),
        "prices": math.log1p(prices),
        "og_article": float(meta.og_type == "article"),
        "og_website": float(meta.og_type == "website"),
        "ld_article": float(bool(types & ARTICLE_TYPES)),
        "ld_collection": float(bool(types & COLLECTION_TYPES)),
        "ld_product": float(bool(types & PRODUCT_TYPES)),
        "url_depth": float(min(len(parts), 6)) if url else 2.0,
        "url_slug": float(has_slug(address)) if url else 1.0,
        "url_listing": float(any(part.lower() in LISTING_WORDS for part in parts)),
        "url_home": float(url is not None and not parts),
        "time_elements": math.log1p(TIMES(tree)),
        "linked_headings": math.log1p(LINKED_HEADINGS(tree)),
        "repeated_link_text": math.log1p(max((n for text, n in words.items() if text), default=0)),
        "linked_images": math.log1p(LINKED_IMAGES(tree)),
        "page_chars": float(total),
    }


def _prices(texts: list[str]) -> int:
    """Text nodes that show a price; a price sits in a short node (a card's price tag), and
    searching every script's text would cost more than all the other signals."""
    return sum(1 for text in texts if len(text) <= PRICE_NODE_CHARS and PRICE_RE.search(text))


def has_slug(address: SplitResult) -> bool:
    """Whether an address names one item: a slug of three or more words or a long number in its
    last path segment, or a long number in its query (`article.aspx?id=31244150`)."""
    parts = [part for part in address.path.split("/") if part]
    last = parts[-1].rsplit(".", 1)[0] if parts else ""
    return bool(SLUG_RE.search(last) or ID_RE.search(address.query))


def body_signals(body: str, prose_chars: int, page_chars: float) -> dict[str, float]:
    """The signals of the extracted main text: its size, share of prose, share of short lines,
    and its share of the page's visible text (`page_chars`)."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    size = sum(map(len, lines))
    return {
        "body_page_share": min(1.0, size / page_chars) if page_chars else 1.0,
        "body_chars": math.log1p(size),
        "body_prose_share": prose_chars / size if size else 0.0,
        "body_short_lines": (
            sum(len(line) < SHORT_LINE_CHARS for line in lines) / len(lines) if lines else 1.0
        ),
    }


@cache
def load_model(path: Path = MODEL_FILE) -> dict:
    """The shipped model: feature means and scales, weights, intercept and threshold."""
    return json.loads(path.read_text(encoding="utf-8"))


def listing_verdict(signals: dict[str, float], model: dict | None = None) -> Verdict:
    """The probability that a page with these signals is a listing, and the deciding signal:
    the one whose weighted, standardised value pushes furthest towards a listing."""
    model = model or load_model()
    weights, means, scales = model["weights"], model["means"], model["scales"]
    contributions = {
        name: weights[name] * (signals[name] - means[name]) / scales[name]
        for name in model["features"]
    }
    score = model["intercept"] + sum(contributions.values())
    probability = 1 / (1 + math.exp(-max(-50.0, min(50.0, score))))
    signal = max(contributions, key=contributions.__getitem__)
    return Verdict(probability, signal, signals)


def is_listing(verdict: Verdict, model: dict | None = None) -> bool:
    """Whether the model refuses the page: its score reaches the threshold, and the page lists
    at least `MIN_HEADLINE_LINKS` headlines (a short article at a short address, with a related
    link or two, scores high on size and address alone; on the tune half this guard halves the
    articles refused and keeps every listing caught)."""
    listed = verdict.values["headline_links"] >= math.log1p(MIN_HEADLINE_LINKS)
    return listed and verdict.listing >= (model or load_model())["threshold"]
