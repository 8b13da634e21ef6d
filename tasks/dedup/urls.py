"""Which URLs name one article, and so may key a story.

A CMS that writes the home page or a section front into every page's `<link rel=canonical>` or
`og:url` gives all of a site's articles one URL; taken as a key, it would make them one story.
Such URLs are told by the shape of their path: a front page, a section or taxonomy listing, a
search or a page of a listing. The store refuses in the same way a URL that turned out to key
unrelated bodies (see tasks/dedup/stories.py).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from tasks.read.normalise import canonical_url

# Path segments that start a listing: what follows names a tag, an author or a section, not a page.
LISTING_SEGMENTS = {
    "tag": "tag",
    "tags": "tag",
    "topic": "tag",
    "topics": "tag",
    "label": "tag",
    "labels": "tag",
    "keyword": "tag",
    "subject": "tag",
    "category": "section",
    "categories": "section",
    "section": "section",
    "sections": "section",
    "kategori": "section",
    "rubrik": "section",
    "rubrique": "section",
    "ressort": "section",
    "author": "author",
    "authors": "author",
    "writer": "author",
    "penulis": "author",
    "auteur": "author",
    "autor": "author",
    "profile": "author",
    "search": "search",
    "cari": "search",
    "suche": "search",
    "recherche": "search",
    "page": "pagination",
    "halaman": "pagination",
    "seite": "pagination",
}
# Query parameters of searches and pages of listings; any other parameter (`?p=123`,
# `?id=...`, `?story=...`) may be what names the article.
LISTING_PARAMS = {
    "q": "search",
    "s": "search",
    "query": "search",
    "search": "search",
    "keyword": "search",
    "page": "pagination",
    "paged": "pagination",
    "pg": "pagination",
    "start": "pagination",
    "offset": "pagination",
    "sort": "pagination",
}
# Query parameters that choose how a page is shown, not which page: a front page with them is
# still a front page.
NEUTRAL_PARAMS = frozenset(["lang", "hl", "locale", "ref", "from", "src", "source", "view"])
INDEX_PAGE = re.compile(r"^(?:index|default|home)\.\w+$", re.IGNORECASE)
# A section's path is one or two plain words (`world`, `sport/football`, `berita-terkini`), one
# of them a section's usual name; an article's slug carries digits, a file name, or more words.
# A plain word alone (`/korea`) may be an article's slug, so the name must be a known one; a
# section front missed here still keys no story once it keys unrelated texts.
SECTION_NAME = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)?$")
SECTION_WORDS = frozenset(
    [
        "news",
        "latest",
        "world",
        "national",
        "nasional",
        "international",
        "internasional",
        "local",
        "regional",
        "daerah",
        "politics",
        "politik",
        "business",
        "bisnis",
        "economy",
        "ekonomi",
        "economie",
        "finance",
        "markets",
        "money",
        "sport",
        "sports",
        "olahraga",
        "football",
        "bola",
        "tech",
        "technology",
        "tekno",
        "teknologi",
        "science",
        "health",
        "kesehatan",
        "lifestyle",
        "gaya",
        "entertainment",
        "hiburan",
        "culture",
        "opinion",
        "opini",
        "editorial",
        "travel",
        "berita",
        "berita-terkini",
        "terkini",
        "breaking",
        "breaking-news",
        "top-news",
        "home",
        "beranda",
        "headlines",
        "monde",
        "politique",
        "societe",
        "wirtschaft",
        "welt",
        "inland",
        "ausland",
    ]
)
MAX_SECTION_DEPTH = 2


def refused_because(url: str | None) -> str | None:
    """Why a (normalised) URL names no single article: 'root', 'section', 'tag', 'author',
    'search' or 'pagination'; None when it may name one."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # a stored URL that no longer parses (a broken IPv6 host): judged as is
        return None
    segments = [s for s in parts.path.split("/") if s]
    if segments and INDEX_PAGE.match(segments[-1]):
        segments.pop()
    params = [key.lower() for key, _ in parse_qsl(parts.query, keep_blank_values=True)]
    for index, segment in enumerate(segments):
        kind = LISTING_SEGMENTS.get(segment.lower())
        # `/tag/flood`, `/author/jane-doe`, `/news/page/3`: the listing word and at most one
        # name or number after it end the path.
        if kind is not None and len(segments) - index <= 2:
            return kind
    if any(key not in LISTING_PARAMS and key not in NEUTRAL_PARAMS for key in params):
        return None  # `?p=48213`, `?id=...`: the query may name the article
    listing = [key for key in params if key in LISTING_PARAMS]
    if listing:
        return LISTING_PARAMS[listing[0]]
    if not segments:
        return "root"
    plain = all(SECTION_NAME.match(s) for s in segments)
    if (
        plain
        and len(segments) <= MAX_SECTION_DEPTH
        and SECTION_WORDS & {s.lower() for s in segments}
    ):
        return "section"
    return None


def story_url(declared: str | None, own: str | None) -> tuple[str | None, str | None]:
    """The URL that keys a page's story, and why its declared one was refused (else None).

    `declared` is the page's canonical URL as normalised at extraction (its own URL when it
    declared none); `own` is the URL it was crawled at, normalised here only when the declared
    one is refused. None keys no story: the page is found by its text alone.
    """
    if not declared:
        return None, None
    refusal = refused_because(declared)
    if refusal is None:
        return declared, None
    fallback = canonical_url(own)
    return (fallback if fallback and refused_because(fallback) is None else None), refusal
