"""Page metadata that news sites declare: JSON-LD, OpenGraph, article meta tags and headings."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author

from tasks.extract.dates import EARLIEST, MAX_FUTURE, find_date_line, parse_datetime

logger = logging.getLogger(__name__)

ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "OpinionNewsArticle",
    "SatiricalArticle",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "BlogPosting",
    "LiveBlogPosting",
}
# A page object is a weaker source: its name and dates may be the section's or the site's.
PAGE_TYPES = {"WebPage", "ItemPage"}
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
# Script bodies saved as XHTML, or guarded for old browsers, wrap the JSON in CDATA or comments.
JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
# ISO 8601 basic format (20180619T055000+0900), which dateparser misreads.
ISO_BASIC = re.compile(
    r"^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?)?$", re.I
)
HEADINGS = etree.XPath("//h1")
TIMES = etree.XPath("//time[@datetime]/@datetime")
MAX_TIMES = 3  # the first <time> elements: the byline's, before related stories and comments
# A day in the URL's path: /2024/03/05/, /2024-03-05-slug, /20240305/.
URL_DATE = re.compile(
    r"/((?:19|20)\d\d)([/-]?)(0[1-9]|1[0-2]|[1-9])\2(0[1-9]|[12]\d|3[01]|[1-9])(?=[/_.-]|$)"
)
# Elements that end a heading's text (see `_heading_text`).
BLOCK_TAGS = frozenset(
    {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "section", "article"}
)
# ... or with the month's English name or its short form: /2023/october/03/, /2019/jan/03/.
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
URL_NAMED_DATE = re.compile(
    r"/((?:19|20)\d\d)/("
    + "|".join([*MONTHS, *(month[:3] for month in MONTHS), "sept"])
    + r")/(0[1-9]|[12]\d|3[01]|[1-9])(?=[/_.-]|$)",
    re.IGNORECASE,
)
MAX_HEADINGS = 3  # the first <h1> elements: a site logo, the headline, a widget's title
# Elements whose own text is never a visible date (their tails are page text).
UNSEEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
MAX_DATE_LINE_CHARS = 80  # a longer run of text is a sentence, not a byline's date
MAX_DATE_LINE_TRIES = 8
# What trafilatura's byline search (`extract_author`) looks at: every element it can match has
# one of these attributes holding one of these words (lower-cased), or is an <author> or <rel>
# element. Its XPaths call a Python regular expression on every element of a copy of the page,
# about 10 ms a page; finding none of the words costs 1 ms and settles that it finds nothing.
# `tests/test_extract_html.py` holds the words to the XPaths of the installed trafilatura.
BYLINE_ATTRIBUTES = ("class", "id", "rel", "itemprop", "data-testid", "data-component")
BYLINE_TAGS = ("author", "rel")
BYLINE_WORDS = (
    "author",
    "byl",
    "bbl",
    "username",
    "zuozhe",
    "bianji",
    "xiaobian",
    "channel-name",
    "submitted-by",
    "posted-by",
    "journalist-name",
    "screenname",
    "writer",
)
BYLINE_WORD = re.compile("|".join(map(re.escape, BYLINE_WORDS)))
BYLINE_MARKS = etree.XPath(
    "|".join([*(f"//@{name}" for name in BYLINE_ATTRIBUTES), *(f"//{tag}" for tag in BYLINE_TAGS)]),
    smart_strings=False,
)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What the page says about itself; any field may be missing."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    language: str | None = None
    article_body: str | None = None
    description: str | None = None
    # Headline candidates by source: "jsonld", "og", "twitter", "title" and "h1".
    titles: tuple[tuple[str, str], ...] = ()
    # Names the site goes by (og:site_name, JSON-LD publisher, application name).
    site_names: tuple[str, ...] = ()
    og_type: str | None = None
    # Every JSON-LD `@type` the page declares ("NewsArticle", "CollectionPage", "Product"...).
    linked_types: frozenset[str] = frozenset()


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect metadata, preferring JSON-LD over meta tags over markup."""
    found = list(_linked_objects(tree))
    linked = best_article(found)
    meta = _meta_tags(tree)
    canonical = next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)
    lang = next(iter(tree.xpath("/html/@lang")), None)
    time_attr = next(
        iter(tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime")), None
    )
    publisher = _author(linked.get("publisher"))
    site_names = tuple(
        dict.fromkeys(
            name.lstrip("@")
            for name in (*(meta.get(key) for key in SITE_META), publisher)
            if name and name.strip("@ ")
        )
    )
    return PageMetadata(
        title=_text(linked.get("headline")) or meta.get("og:title"),
        published=_text(linked.get("datePublished"))
        or next((meta[name] for name in PUBLISHED_META if meta.get(name)), None)
        or time_attr,
        author=_author(linked.get("author")) or meta.get("author") or meta.get("article:author"),
        site_name=meta.get("og:site_name") or publisher,
        canonical=canonical or meta.get("og:url") or _text(linked.get("url")),
        language=(lang or meta.get("og:locale") or "").split("-")[0].split("_")[0].lower() or None,
        article_body=_text(linked.get("articleBody")),
        description=_text(linked.get("description"))
        or meta.get("og:description")
        or meta.get("description"),
        titles=_title_candidates(tree, linked, meta),
        site_names=site_names,
        og_type=(meta.get("og:type") or "").strip().lower() or None,
        linked_types=frozenset().union(*(_types(item) for item in found)),
    )


def parse_declared_date(value: str | None) -> datetime | None:
    """A date from page metadata: ISO 8601 read directly (fast), anything else via dateparser."""
    if not value:
        return None
    value = value.strip()
    if (basic := ISO_BASIC.match(value)) is not None:
        year, month, day, hour, minute, second, zone = basic.groups()
        value = f"{year}-{month}-{day}"
        if hour:
            value += f"T{hour}:{minute}:{second or '00'}{(zone or '').upper()}"
    try:
        moment = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return parse_datetime(value)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment if EARLIEST <= moment <= datetime.now(UTC) + MAX_FUTURE else None


def markup_date(tree: HtmlElement, url: str | None) -> datetime | None:
    """A publication day the markup states without declaring it: the first <time datetime>
    that reads as a full date, else a day in the URL's path (the month a number or a name).
    Cheap next to a full search."""
    for value in TIMES(tree)[:MAX_TIMES]:
        if len(value.strip()) >= len("2024-03-05") and (found := parse_declared_date(value)):
            return found
    return url_date(url) if url else None


def url_date(url: str) -> datetime | None:
    """A day the URL's path names, with the month as a number or an English name."""
    path = urlsplit(url).path
    if (day := URL_DATE.search(path)) is not None:
        year, _, month, date = day.groups()
    elif (named := URL_NAMED_DATE.search(path)) is not None:
        year, name, date = named.groups()
        month = str([known[:3] for known in MONTHS].index(name[:3].lower()) + 1)
    else:
        return None
    return parse_declared_date(f"{year}-{int(month):02d}-{int(date):02d}")


def markup_author(tree: HtmlElement) -> str | None:
    """The author a byline in the markup names, found by trafilatura's `extract_author`, which
    runs only when the page has an element its byline search could match."""
    return extract_author(tree) if may_have_byline(tree) else None


def may_have_byline(tree: HtmlElement) -> bool:
    """Whether any element has a byline attribute holding a byline word, or a byline tag."""
    marks = BYLINE_MARKS(tree)
    if any(not isinstance(mark, str) for mark in marks):
        return True  # an element of a byline tag
    return BYLINE_WORD.search("\n".join(marks).lower()) is not None


def visible_date(tree: HtmlElement, languages: Sequence[str] | None) -> datetime | None:
    """The first short run of the page's visible text that reads as a full date ("Dec 12, 2025"
    beside a calendar icon, "Published: 3 January 2024"): what htmldate's extensive search
    finds, for a fraction of its cost. A bare year (a copyright notice) is no date."""
    found = find_date_line(_short_texts(tree), languages, MAX_DATE_LINE_TRIES)
    return found[1] if found is not None else None


def _short_texts(tree: HtmlElement) -> Iterator[str]:
    """The page's visible runs of text short enough to be a date line, in document order."""
    for element in tree.iter():
        own = isinstance(element.tag, str) and element.tag not in UNSEEN_TAGS
        for text in (element.text if own else None, element.tail):
            if text and 0 < len(stripped := " ".join(text.split())) <= MAX_DATE_LINE_CHARS:
                yield stripped


def best_article(found: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object of those `found` on a page that describes the article: an article type
    before a page type, and among those the first with a headline, date or body."""
    for kinds in (ARTICLE_TYPES, PAGE_TYPES):
        for item in found:
            if _types(item) & kinds and (
                item.get("headline") or item.get("datePublished") or item.get("articleBody")
            ):
                return item
    return {}


def _title_candidates(
    tree: HtmlElement, linked: dict[str, Any], meta: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    found = [
        ("jsonld", _text(linked.get("headline")) if _types(linked) & ARTICLE_TYPES else None),
        ("og", meta.get("og:title")),
        ("twitter", meta.get("twitter:title")),
        ("title", tree.findtext(".//title")),
    ]
    headings = []
    for heading in HEADINGS(tree):
        text = " ".join(_heading_text(heading).split())
        if text and text not in headings:
            headings.append(text)
        if len(headings) == MAX_HEADINGS:
            break
    found.extend(("h1", text) for text in headings)
    return tuple(
        (source, clean) for source, text in found if text and (clean := " ".join(text.split()))
    )


def _heading_text(heading: HtmlElement) -> str:
    """A heading's text up to the first block inside it: a heading holds no blocks, so one
    that seems to was left unclosed and what follows it is the page (a byline, the article)."""
    parts: list[str] = []
    for event, element in etree.iterwalk(heading, events=("start", "end")):
        if element is heading:
            if event == "start":
                parts.append(element.text or "")
            continue
        if event == "start":
            if element.tag in BLOCK_TAGS:
                break
            parts.append(element.text or "")
        else:
            parts.append(element.tail or "")
    else:
        return "".join(parts)
    return "".join(parts) if "".join(parts).strip() else heading.text_content()


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Meta tags by name, property or itemprop; the first value of each name wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower() if ":" in key else key.strip(), value.strip())
    return found


def _linked_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """JSON-LD objects, including those inside `@graph` lists and a page's `mainEntity`."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        text = JSON_WRAPPER.sub("", script.text or "")
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):  # broken, or nested deeper than Python's stack
            continue
        yield from _objects(data)


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """The objects of parsed JSON-LD in document order, with those in `@graph` lists and a
    `mainEntity`; a loop, not recursion, as the page chooses how deep they nest."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            nested = [item[key] for key in ("@graph", "mainEntity") if key in item]
            pending.extend(value for value in reversed(nested) if isinstance(value, (list, dict)))


def _types(data: dict[str, Any]) -> set[str]:
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {kind.rsplit("/", 1)[-1] for kind in kinds if isinstance(kind, str)}


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@id") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _author(value: Any) -> str | None:
    """An author or publisher name from JSON-LD, which gives a string, an object or a list."""
    if isinstance(value, list):
        names = [name for item in value if (name := _name(item))]
        return ", ".join(names) or None
    return _name(value)


def _name(value: Any) -> str | None:
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)
