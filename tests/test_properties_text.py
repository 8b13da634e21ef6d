"""Properties of URL and text normalisation: the keys deduplication compares must be stable."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.extract.text.phrases import (
    CAPTION_CLUES,
    CAPTION_RE,
    CAPTION_WORD_FORMS,
    PHOTO_AGENCY_NAMES,
    find_caption,
)
from tasks.read.normalise import body_fingerprint, canonical_url, normalise_text, site_of

# The same examples on every run and nothing stored between runs: CI stays deterministic.
PROPERTY = settings(derandomize=True, database=None, deadline=None)

# Parameters that only say where a reader came from (courlan's tracker list, and AMP switches).
TRACKING_KEYS = ("utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "mc_cid", "amp")
# Parameters that identify a page; several open with the name of an HTML entity (`&reg`, `&not`).
PAGE_KEYS = ("id", "page", "p", "q", "lang", "region", "copy", "notify", "times", "section", "yen")
HOST_PREFIXES = ("", "", "www.", "m.", "amp.", "mobile.", "www.m.")

label = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
site_label = label.filter(lambda text: text not in ("www", "m", "amp", "mobile"))
idn_label = st.sampled_from(["xn--mnchen-3ya", "münchen", "пример", "xn--e1afmkfd", "例え"])
suffix = st.sampled_from(["com", "co.id", "co.uk", "ru", "xn--p1ai", "рф", "org", "go.kr", "news"])
path_segment = st.text(
    st.characters(codec="ascii", categories=["L", "N"]) | st.sampled_from("-_.~%!,:=é "),
    max_size=10,
)
query_word = st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=6)
query_value = st.text(max_size=8).map(lambda text: quote(text, safe=""))
# Strings built from the pieces URLs are made of, for the edges of URL parsing.
url_pieces = st.sampled_from(
    [
        "http://", "https://", "//", "[", "]", "::1", "xn--", "xn--80a", "@", ":", ":80", ":443",
        "/", "?", "#", "&", "=", "%", "%2", "%ZZ", "%e2%82", "amp", "www.", "m.", ".", "a", "B",
        "é", "ß", " ", "\t", "\n", "\x00", "\u3000", "utm_source=1", "co.uk", "com", "\\", ";",
        "+", "..", "-", "İ", "\u200b", "\ud800",
    ]
)  # fmt: skip
url_like = st.lists(url_pieces, max_size=12).map("".join)


@st.composite
def hosts(draw: st.DrawFn) -> str:
    """A host with a registrable name: sub-domains, a site label and a public suffix."""
    subdomains = draw(st.lists(label | idn_label, max_size=2))
    return ".".join([*subdomains, draw(site_label | idn_label), draw(suffix)])


@st.composite
def page_urls(draw: st.DrawFn) -> str:
    """An absolute http(s) URL of a page, without tracking parameters or fragment."""
    path = "/".join(draw(st.lists(path_segment, max_size=4)))
    pairs = draw(st.lists(st.tuples(query_word, query_value), max_size=3))
    query = "&".join(f"{key}={value}" for key, value in pairs if key.lower() not in TRACKING_KEYS)
    scheme = draw(st.sampled_from(["http", "https"]))
    return f"{scheme}://{draw(hosts())}/{path}" + (f"?{query}" if query else "")


@st.composite
def messy_urls(draw: st.DrawFn) -> str:
    """A page URL as links carry it: user and port, IPv6 or mobile hosts, AMP paths, entities."""
    scheme, _, rest = draw(page_urls()).partition("://")
    host, _, path = rest.partition("/")
    host = draw(st.sampled_from([host, "[::1]", "[2001:DB8::7]", "127.0.0.1"]))
    user = draw(st.sampled_from(["", "reader@", "a:b@", "@"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":99999", ":x"]))
    amp = draw(st.sampled_from(["", "/amp", "/amp/", "/AMP/amp", "/amp/amp/"]))
    query = draw(
        st.sampled_from(["", "?amp=1", "?id=1&amp;page=2", "?id=1&amp=1", "?a=1&region=2"])
    )
    prefix = draw(st.sampled_from(HOST_PREFIXES))
    return f"{scheme}://{user}{prefix}{host}{port}/{path.partition('?')[0]}{amp}{query}"


any_url = st.one_of(page_urls(), messy_urls(), url_like, st.text(max_size=40))


@settings(PROPERTY, max_examples=400)
@given(url=any_url)
def test_canonical_url_is_idempotent(url: str):
    canonical = canonical_url(url)
    assert canonical is None or canonical_url(canonical) == canonical


@settings(PROPERTY, max_examples=400)
@given(url=any_url)
def test_canonical_url_and_site_are_none_or_text_without_whitespace(url: str):
    for key in (canonical_url(url), site_of(url)):
        assert key is None or (key and not any(char.isspace() for char in key)), key


@settings(PROPERTY, max_examples=200)
@given(
    url=page_urls(),
    trackers=st.lists(st.tuples(st.sampled_from(TRACKING_KEYS), query_value), min_size=1),
    fragment=st.none() | st.text(st.characters(codec="ascii", exclude_categories=["Cc"])),
    data=st.data(),
)
def test_tracking_parameters_and_fragments_never_change_the_canonical_url(
    url: str,
    trackers: list[tuple[str, str]],
    fragment: str | None,
    data: st.DataObject,
):
    base, _, query = url.partition("?")
    pairs = query.split("&") if query else []
    for key, value in trackers:
        pairs.insert(data.draw(st.integers(0, len(pairs))), f"{key}={value}")
    tracked = f"{base}?{'&'.join(pairs)}" + ("" if fragment is None else f"#{fragment}")
    assert canonical_url(tracked) == canonical_url(url) is not None


@settings(PROPERTY, max_examples=200)
@given(
    url=page_urls(),
    pairs=st.lists(
        st.tuples(st.sampled_from(PAGE_KEYS), st.text(min_size=1, max_size=8)), min_size=1
    ),
)
def test_parameters_that_identify_a_page_survive_with_their_values(
    url: str, pairs: list[tuple[str, str]]
):
    base = url.partition("?")[0]
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in pairs)
    canonical = canonical_url(f"{base}?{query}")
    assert canonical is not None
    assert sorted(parse_qsl(urlsplit(canonical).query)) == sorted(pairs)


@settings(PROPERTY, max_examples=200)
@given(
    url=page_urls(),
    prefix=st.sampled_from(HOST_PREFIXES),
    scheme=st.sampled_from(["http", "https", "HTTP", "Https"]),
    data=st.data(),
)
def test_scheme_host_case_and_mobile_prefixes_do_not_matter(
    url: str, prefix: str, scheme: str, data: st.DataObject
):
    _, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    flips = data.draw(
        st.lists(st.booleans(), min_size=len(prefix + host), max_size=len(prefix + host))
    )
    shouted = "".join(
        char.upper() if flip and char.isascii() else char
        for char, flip in zip(prefix + host, flips, strict=True)
    )
    variant = f"{scheme}://{shouted}{slash}{path}"
    assert canonical_url(variant) == canonical_url(url) is not None
    assert site_of(variant) == site_of(url)


@settings(PROPERTY, max_examples=200)
@given(url=page_urls())
def test_a_pages_site_is_the_same_from_any_form_of_its_url(url: str):
    assert site_of(canonical_url(url)) == site_of(url)


@settings(PROPERTY, max_examples=400)
@given(text=st.text(st.characters(exclude_categories=())))
def test_normalise_text_is_idempotent_on_any_unicode(text: str):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip() and "  " not in once


words = st.lists(
    st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8), min_size=1, max_size=8
)
whitespace = st.text(st.sampled_from(" \t\n\r\u00a0\u3000\u2009\x0b\x0c"), min_size=1, max_size=3)


@settings(PROPERTY, max_examples=300)
@given(words=words, data=st.data())
def test_fingerprint_ignores_how_words_are_spaced(words: list[str], data: st.DataObject):
    spaced = "".join(word + data.draw(whitespace) for word in words)
    assert body_fingerprint(spaced) == body_fingerprint(" ".join(words))


@settings(PROPERTY, max_examples=300)
@given(words=words, data=st.data())
def test_fingerprint_ignores_punctuation_and_ascii_case(words: list[str], data: st.DataObject):
    punctuation = st.text(st.sampled_from(".,;:!?-—–'\"«»()[]…_/"), min_size=1, max_size=3)
    marked = "".join(word + data.draw(punctuation) for word in words)
    flipped = "".join(char.swapcase() if char.isascii() else char for char in marked)
    assert body_fingerprint(flipped) == body_fingerprint(" ".join(words))


@settings(PROPERTY, max_examples=200)
@given(words=words, extra=st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8))
def test_fingerprint_changes_when_a_word_is_added(words: list[str], extra: str):
    assert body_fingerprint(" ".join([*words, extra])) != body_fingerprint(" ".join(words))


@settings(PROPERTY, max_examples=300)
@given(text=st.text(st.characters(exclude_categories=())))
def test_fingerprint_never_raises_and_is_a_hex_digest(text: str):
    digest = body_fingerprint(text)
    assert len(digest) == 32 and int(digest, 16) >= 0


# Pieces of lines with and without captions: every clue in several cases, the words and marks
# caption lines are made of, letters that case-fold in unusual ways, and filler.
CAPTION_PIECES = [
    *(
        form
        for clue in (*CAPTION_CLUES, "photograph", "imagen", "sumber foto", "الصورة", "media")
        for form in (clue, clue.upper(), clue.title())
    ),
    ": ", "/", " by ", " credit ", "Image caption ", "Video copyright ", "© ", "图为", " 摄",
    " | Archives", " | DR", "(", ")", "[", "]", ".", " ", "  ", "ſ", "K", "İ", "ß", "x",
    "The minister spoke", "1/50", "\u00a0",
]  # fmt: skip


@settings(PROPERTY, max_examples=600)
@given(st.lists(st.sampled_from(CAPTION_PIECES), max_size=12).map("".join))
def test_caption_search_with_its_clues_finds_what_the_pattern_finds(line):
    full = CAPTION_RE.search(line)
    found = find_caption(line)
    assert (found and found.span()) == (full and full.span())


def test_every_caption_word_and_agency_holds_a_clue():
    """A word added to the caption words or agencies must bring its clue, or `find_caption`
    would settle its lines without the pattern."""
    for form in (*CAPTION_WORD_FORMS, *PHOTO_AGENCY_NAMES):
        assert any(clue in form.casefold() for clue in CAPTION_CLUES), form
