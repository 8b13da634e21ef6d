"""Page metadata that news sites declare: JSON-LD, OpenGraph and article meta tags."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "OpinionNewsArticle",
    "WebPage",
}
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


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect metadata, preferring JSON-LD over meta tags over markup."""
    linked = next(_linked_articles(tree), {})
    meta = _meta_tags(tree)
    canonical = next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)
    lang = next(iter(tree.xpath("/html/@lang")), None)
    time_attr = next(
        iter(tree.xpath("//article//time/@datetime | //time[@pubdate]/@datetime")), None
    )
    return PageMetadata(
        title=_text(linked.get("headline")) or meta.get("og:title"),
        published=_text(linked.get("datePublished"))
        or next((meta[name] for name in PUBLISHED_META if meta.get(name)), None)
        or time_attr,
        author=_author(linked.get("author")) or meta.get("author") or meta.get("article:author"),
        site_name=meta.get("og:site_name") or _author(linked.get("publisher")),
        canonical=canonical or meta.get("og:url") or _text(linked.get("url")),
        language=(lang or meta.get("og:locale") or "").split("-")[0].split("_")[0].lower() or None,
        article_body=_text(linked.get("articleBody")),
    )


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """Meta tags by name, property or itemprop; the first value of each name wins."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = element.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower() if ":" in key else key.strip(), value.strip())
    return found


def _linked_articles(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """JSON-LD objects of article types, including those inside `@graph` lists."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        yield from _article_objects(data)


def _article_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _article_objects(item)
    elif isinstance(data, dict):
        kinds = data.get("@type")
        kinds = set(kinds) if isinstance(kinds, list) else {kinds}
        if kinds & ARTICLE_TYPES and (data.get("headline") or data.get("datePublished")):
            yield data
        if "@graph" in data:
            yield from _article_objects(data["@graph"])


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@id") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _author(value: Any) -> str | None:
    """An author or publisher name from JSON-LD, which gives a string, an object or a list."""
    if isinstance(value, list):
        names = [name for item in value if (name := _author(item))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)
