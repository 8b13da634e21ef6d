"""Page type: listing, tag and home pages are refused as `no_article` with the deciding signal;
articles, with their related-links blocks and teaser rails, are kept.

The pages are written here in the shapes real news sites use: a section front of teaser cards,
a tag page of dated headlines, a home page with a lead story and rails of teasers, and an article
followed by a block of related links.
"""

from __future__ import annotations

import pytest

from tasks.extract.html.page_type import (
    FEATURES,
    SIGNAL_NAMES,
    listing_verdict,
    load_model,
)
from tasks.extract.record import extract_record
from tasks.records import Article, RawRecord, Reason, Rejected
from tests.test_extract_html import PROSE as HARBOUR_PROSE

HEADLINES = [
    "Harbour authority delays opening of new container terminal until March",
    "Regional council approves budget for widening the coastal highway",
    "Fishing fleet lands record sardine catch as water temperatures fall",
    "Shipping companies warn of congestion on port access roads at peak hours",
    "Opposition councillors call the highway pledge unrealistic and costly",
    "New ferry route links the northern islands with the mainland twice a day",
    "Dock workers agree a three-year pay deal after weeks of negotiations",
    "Storm damage on the northern quay costs the port authority millions",
    "Tourism board expects more cruise ships to call at the harbour next year",
    "City plans a cycle path along the waterfront from the old lighthouse",
    "Customs officers seize counterfeit goods hidden in a shipment of toys",
    "Marine biologists track the return of dolphins to the bay after decades",
]
SUMMARY = "The decision follows months of debate among local officials and residents."
PROSE = [
    *HARBOUR_PROSE,
    "Construction crews will work through the winter on the remaining berths, the authority said, "
    "and the first ships are expected to dock at the terminal within weeks of its opening.",
]
NAV = (
    "<header><nav><ul>"
    + "".join(
        f"<li><a href='/{name.lower()}/'>{name}</a></li>"
        for name in ("News", "Business", "Sport", "Culture", "Opinion", "Weather")
    )
    + "</ul></nav></header>"
)
FOOTER = (
    "<footer><p>© 2026 Coast Daily. All rights reserved.</p>"
    "<a href='/about/'>About us</a> <a href='/contact/'>Contact</a></footer>"
)


def slug(headline: str) -> str:
    return "-".join(headline.lower().split()[:8])


def record(body: str, url: str, og_type: str | None = None, head: str = "") -> RawRecord:
    meta = f"<meta property='og:type' content='{og_type}'>" if og_type else ""
    html = (
        f"<html><head><meta charset='utf-8'><title>Coast Daily</title>{meta}{head}</head>"
        f"<body>{NAV}{body}{FOOTER}</body></html>"
    )
    return RawRecord("test", 0, "html", html.encode("utf-8"), url=url)


def teaser(headline: str, summary: bool = True, day: int = 3) -> str:
    return (
        "<article class='card'><a class='card__img' href='/news/{0}'><img src='/i/{0}.jpg' alt=''>"
        "</a><h3 class='card__title'><a href='/news/{0}'>{1}</a></h3>"
        "{2}<time datetime='2026-03-{3:02d}'>{3} March 2026</time></article>"
    ).format(
        slug(headline), headline, f"<p class='card__dek'>{SUMMARY}</p>" if summary else "", day
    )


def section_front() -> RawRecord:
    cards = "".join(
        teaser(headline, summary=False, day=1 + index) for index, headline in enumerate(HEADLINES)
    )
    return record(
        f"<main><h1>Port and shipping</h1><div class='grid'>{cards}</div>"
        "<a class='more' href='/news/port/page/2'>More stories</a></main>",
        "https://coastdaily.example/news/port/",
        og_type="website",
    )


def tag_page() -> RawRecord:
    items = "".join(
        f"<li class='tag-list__item'><a href='/news/{slug(h)}'>{h}</a>"
        f" <span class='date'>{1 + i} March 2026</span></li>"
        for i, h in enumerate(HEADLINES)
    )
    return record(
        f"<main><h1>Tag: harbour</h1><p>All our stories about the harbour.</p>"
        f"<ul class='tag-list'>{items}</ul></main>",
        "https://coastdaily.example/tag/harbour",
    )


def home_page() -> RawRecord:
    lead = (
        f"<section class='lead'><h2><a href='/news/{slug(HEADLINES[0])}'>{HEADLINES[0]}</a></h2>"
        f"<p>{PROSE[0]}</p></section>"
    )
    rails = "".join(
        f"<section class='rail'><h2>{name}</h2>"
        + "".join(teaser(h, summary=False) for h in HEADLINES[start : start + 4])
        + "</section>"
        for name, start in (("Latest", 1), ("Business", 5), ("Most read", 8))
    )
    return record(
        f"<main>{lead}{rails}</main>",
        "https://coastdaily.example/",
        og_type="website",
        head="<script type='application/ld+json'>"
        '{"@context": "https://schema.org", "@type": "WebSite", "name": "Coast Daily"}</script>',
    )


def article_with_related_links() -> RawRecord:
    related = "".join(f"<li><a href='/news/{slug(h)}'>{h}</a></li>" for h in HEADLINES[1:7])
    body = "".join(f"<p>{text}</p>" for text in PROSE)
    return record(
        f"<main><article><h1>{HEADLINES[0]}</h1><p class='byline'>By Ana Ruiz, 3 March 2026</p>"
        f"<div class='article-body'>{body}</div></article>"
        f"<aside class='related'><h2>Related stories</h2><ul>{related}</ul></aside></main>",
        f"https://coastdaily.example/news/port/{slug(HEADLINES[0])}",
        og_type="article",
    )


EXCERPTS = [
    "We compared twelve routes along the coast, from quiet coves to busy promenades, and picked the "
    "ones worth a weekend.",
    "Our reporter spent a week with the crews who keep the old lighthouse running through the "
    "winter storms.",
    "The market hall reopens after two years of repairs, with forty stalls and a new roof over "
    "the fish counters.",
    "Local bakers share the recipes their families have guarded for generations, and the stories "
    "behind them.",
    "A guide to the island ferries this summer: timetables, fares and the best seats for the view.",
    "Why the sardine season started late this year, and what the fishing cooperatives expect next.",
]
PRODUCTS = [
    ("Harbour Classic Espresso Machine, Stainless Steel", "$349.99"),
    ("Lighthouse Burr Grinder with 40 Settings", "$129.00"),
    ("Coastline Milk Frother, Matte Black", "$59.95"),
    ("Quayside Drip Coffee Maker, 12 Cups", "$89.99"),
    ("Tidewater Cold Brew System, 1.5 Litre", "$44.50"),
    ("Seaspray Pour-Over Kettle with Thermometer", "$69.00"),
    ("Mariner Espresso Tamper, Walnut Handle", "$24.99"),
    ("Breakwater Travel Mug, Double Walled", "$29.95"),
]


def blog_category() -> RawRecord:
    """A blog's category page: cards of headline, date, a sentence of excerpt and 'Read more'."""
    cards = "".join(
        f"<div class='post-card'><a class='post-card__image' href='/blog/{slug(h)}/'>"
        f"<img src='/wp-content/uploads/{i}.jpg' alt=''></a>"
        f"<div class='post-card__body'><span class='post-card__meta'>{1 + i} March 2026</span>"
        f"<h2 class='post-card__title'><a href='/blog/{slug(h)}/'>{h}</a></h2>"
        f"<p class='post-card__excerpt'>{e}</p>"
        f"<a class='post-card__more' href='/blog/{slug(h)}/'>Read more</a></div></div>"
        for i, (h, e) in enumerate(zip(HEADLINES, EXCERPTS, strict=False))
    )
    return record(
        "<main><h1>Category: Travel</h1><p>Trips, walks and weekends along the coast.</p>"
        f"<div class='post-grid'>{cards}</div>"
        "<nav class='pagination'><a href='/blog/category/travel/page/2/'>Older posts</a></nav></main>",
        "https://coastdaily.example/blog/category/travel/",
        head='<script type=\'application/ld+json\'>{"@context": "https://schema.org", "@graph": ['
        '{"@type": "CollectionPage", "name": "Travel"}, {"@type": "BreadcrumbList"}]}</script>',
    )


def shop_category() -> RawRecord:
    """A shop's category page: a short buying guide above a grid of products with prices."""
    cards = "".join(
        f"<li class='product-tile'><a href='/p/{slug(name)}'><img src='/img/{i}.jpg' alt='{name}'>"
        f"<span class='product-tile__name'>{name}</span></a>"
        f"<span class='price'>{price}</span><button type='button'>Add to cart</button></li>"
        for i, (name, price) in enumerate(PRODUCTS)
    )
    guide = (
        "<p>Whether you pull a morning shot or brew a pot for the office, our coffee machines are "
        "chosen for their build, their warranty and how easy they are to clean every day.</p>"
    )
    return record(
        f"<main><h1>Coffee machines</h1>{guide}<ul class='product-grid'>{cards}</ul></main>",
        "https://shop.coastdaily.example/kitchen/coffee-machines/",
    )


def long_article_with_inline_links() -> RawRecord:
    """A long feature whose paragraphs link to earlier coverage in almost every sentence."""
    paragraphs = "".join(
        f"<p>{text} As <a href='/news/{slug(h)}'>we reported earlier</a>, "
        f"<a href='/news/{slug(h)}'>{h.lower()}</a>.</p>"
        for text, h in zip(PROSE * 3, HEADLINES, strict=False)
    )
    return record(
        f"<main><article><h1>How the harbour changed in a decade</h1>"
        f"<p class='byline'>By Ana Ruiz</p>{paragraphs}</article></main>",
        "https://coastdaily.example/features/how-the-harbour-changed-in-a-decade",
        og_type="article",
        head="<meta property='article:published_time' content='2026-03-03T08:00:00Z'>",
    )


def short_article_with_most_read() -> RawRecord:
    """A short news item, a 'most read' box of headlines beside it."""
    most_read = "".join(f"<li><a href='/news/{slug(h)}'>{h}</a></li>" for h in HEADLINES[4:10])
    return record(
        f"<main><article><h1>{HEADLINES[2]}</h1><p>{PROSE[0]}</p><p>{PROSE[1]}</p></article>"
        f"<aside class='most-read'><h2>Most read</h2><ol>{most_read}</ol></aside></main>",
        f"https://coastdaily.example/news/{slug(HEADLINES[2])}",
        og_type="article",
    )


@pytest.mark.parametrize(
    "build",
    [section_front, tag_page, home_page, shop_category],
    ids=lambda f: f.__name__,
)
def test_listing_pages_are_refused_with_the_deciding_signal(build):
    outcome = extract_record(build())
    assert isinstance(outcome, Rejected)
    assert outcome.reason == Reason.NO_ARTICLE
    # the detail names a signal the model knows, in words, with its value
    assert any(words in outcome.detail for words in SIGNAL_NAMES.values()) or (
        "no article text" in outcome.detail
    )


def test_an_article_with_a_related_links_block_is_kept():
    outcome = extract_record(article_with_related_links())
    assert isinstance(outcome, Article)
    assert outcome.body.startswith(PROSE[0][:40])
    assert HEADLINES[3] not in outcome.body


@pytest.mark.parametrize(
    "build",
    [long_article_with_inline_links, short_article_with_most_read],
    ids=lambda f: f.__name__,
)
def test_articles_full_of_links_are_kept(build):
    """Links in every paragraph, or a box of headlines beside a short story, do not make a
    listing: the text around them is the article."""
    outcome = extract_record(build())
    assert isinstance(outcome, Article), outcome
    assert PROSE[0][:40] in outcome.body


def test_a_home_page_whose_lead_story_passes_as_text_is_refused_by_the_page_type_model():
    """The home page's lead paragraph is prose enough to pass as an article's text: the page as a
    whole decides, and the detail says which signal did."""
    outcome = extract_record(home_page())
    assert isinstance(outcome, Rejected) and outcome.reason == Reason.NO_ARTICLE
    assert outcome.detail.startswith("a listing or section page, not an article: ")
    assert "listing score" in outcome.detail


def test_the_same_lead_paragraph_in_an_article_page_is_kept():
    """The home page's lead, published on its own at an article's address, is an article: the
    refusal above came from the page around it."""
    body = f"<main><article><h1>{HEADLINES[0]}</h1>{''.join(f'<p>{t}</p>' for t in PROSE[:2])}"
    outcome = extract_record(
        record(
            body + "</article></main>",
            f"https://coastdaily.example/news/port/{slug(HEADLINES[0])}",
            og_type="article",
        )
    )
    assert isinstance(outcome, Article)


def test_the_shipped_model_covers_every_signal_and_scores_in_range():
    model = load_model()
    assert model["features"] == list(FEATURES)
    assert set(model["weights"]) == set(FEATURES) and 0.5 <= model["threshold"] < 1
    plain = dict.fromkeys(FEATURES, 0.0)
    verdict = listing_verdict(plain | {"link_share": 0.9, "teaser_share": 1.0}, model)
    assert 0.0 <= verdict.listing <= 1.0 and verdict.signal in FEATURES
