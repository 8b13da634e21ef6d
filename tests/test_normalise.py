"""Canonical URLs, sites and body fingerprints."""

from __future__ import annotations

import pytest

from tasks.read.normalise import body_fingerprint, canonical_url, record_key, site_of


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.com/news/story-1", "https://example.com/news/story-1"),
        ("http://example.com/news/story-1/", "https://example.com/news/story-1"),
        ("https://m.example.com/news/story-1#comments", "https://example.com/news/story-1"),
        ("https://amp.example.com/news/story-1/amp/", "https://example.com/news/story-1"),
        ("https://example.com/news/story-1?amp=1", "https://example.com/news/story-1"),
        (
            "https://example.com/news/story-1?utm_source=twitter&utm_medium=social&fbclid=x1&gclid=y2",
            "https://example.com/news/story-1",
        ),
        ("https://EXAMPLE.com/read?id=42&utm_campaign=z", "https://example.com/read?id=42"),
        ("https://www.example.co.id/", "https://example.co.id/"),
    ],
)
def test_canonical_url(url: str, expected: str):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", [None, "", "not a url", "mailto:desk@example.com"])
def test_canonical_url_of_non_urls_is_none(url):
    assert canonical_url(url) is None


def test_query_parameters_that_identify_a_page_are_kept():
    assert canonical_url("https://example.com/read?id=1") != canonical_url(
        "https://example.com/read?id=2"
    )


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://international.sindonews.com/read/1", "sindonews.com"),
        ("https://news.detik.co.id/berita/2", "detik.co.id"),
        ("https://www.bbc.co.uk/news/world", "bbc.co.uk"),
        (None, None),
    ],
)
def test_site_is_the_registrable_domain(url, site):
    assert site_of(url) == site


def test_fingerprint_ignores_case_spacing_and_punctuation():
    a = "Presiden Rusia Vladimir Putin bertemu Kim Jong-un.\n\nPertemuan itu berlangsung lama."
    b = "presiden rusia  vladimir putin bertemu kim jong un pertemuan itu berlangsung lama"
    assert body_fingerprint(a) == body_fingerprint(b)
    assert body_fingerprint(a) != body_fingerprint(a.replace("lama", "singkat"))


def test_record_key_is_stable_and_distinct():
    assert record_key("abc", 1) == record_key("abc", 1)
    assert len({record_key("abc", i) for i in range(1000)}) == 1000
    assert 0 <= record_key("abc", 1) < 2**63


def test_article_id_parameters_survive():
    assert (
        canonical_url("https://www.hanbando.co.kr/news/articleView.html?idxno=208417&utm_source=x")
        == "https://hanbando.co.kr/news/articleView.html?idxno=208417"
    )
