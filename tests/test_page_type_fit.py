"""Refitting the page-type model: folds hold every page once with both kinds in each, the fit is
reproducible, and its out-of-fold figures judge each page by a model fitted without it.

The samples are the signals of the pages `tests/test_page_type.py` writes (listings and
articles in the shapes real sites use), each read at a few addresses, as the refit reads its
corpora.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tasks.evaluate import page_type as refit
from tasks.extract.html.page_type import listing_verdict
from tasks.extract.record import read_html
from tests import test_page_type as pages

LISTINGS = (pages.section_front, pages.tag_page, pages.home_page, pages.blog_category)
ARTICLES = (
    pages.article_with_related_links,
    pages.long_article_with_inline_links,
    pages.short_article_with_most_read,
)


@pytest.fixture(scope="module")
def samples() -> list[refit.Sample]:
    found = []
    for copy in range(4):
        for build in (*LISTINGS, *ARTICLES):
            record = build()
            # the same page at another site's address: the page's own signals are unchanged
            reading = read_html(
                replace(record, url=record.url.replace("coastdaily", f"coast{copy}"))
            )
            found.append((reading.signals, build in LISTINGS, "tune", f"{build.__name__}{copy}"))
    return found


def test_folds_hold_every_page_once_and_both_kinds_in_each(samples):
    dealt = refit.folds(samples, seed=0)
    assert sorted(i for fold in dealt for i in fold) == list(range(len(samples)))
    assert all({samples[i][1] for i in fold} == {True, False} for fold in dealt)
    # a fold is the same pages whatever order the corpus lists them in
    shuffled = samples[::-1]
    names = [{shuffled[i][3] for i in fold} for fold in refit.folds(shuffled, seed=0)]
    assert names == [{samples[i][3] for i in fold} for fold in dealt]
    assert dealt != refit.folds(samples, seed=1)


def test_the_fit_is_reproducible_and_its_threshold_spares_the_articles(samples):
    model = refit.fit(samples)
    assert model == refit.fit(samples)
    scores = [listing_verdict(s[0], model) for s in samples]
    # it tells the pages it was fitted on apart, and refuses no more articles than allowed
    assert all((verdict.listing >= 0.5) == s[1] for verdict, s in zip(scores, samples, strict=True))
    refused = sum(
        refit.is_listing(verdict, model)
        for verdict, s in zip(scores, samples, strict=True)
        if not s[1]
    )
    assert refused <= refit.MAX_ARTICLES_REJECTED * sum(not s[1] for s in samples)


def test_cross_validation_judges_each_page_by_a_model_that_did_not_see_it(samples):
    """Each page is judged by a model fitted on the other folds (which hold the same page at
    other sites' addresses): listings are still refused more than articles, and the figures
    are fractions of each kind."""
    listings, articles = refit.cross_validated(samples)
    assert 0.0 <= articles < listings <= 1.0
