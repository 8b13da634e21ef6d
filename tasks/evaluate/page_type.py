"""Fit the page-type model (article or listing) on the tune half of development corpora.

`python -m tasks.evaluate.page_type CORPUS...` (`make page-type-model`) reads every page of each
corpus as the extractor does (`tasks.extract.record.read_html`), keeps those that hold article
text (the others are refused before the model is asked), fits an L2-regularised logistic
regression on their signals (`tasks.extract.html.page_type`) on the tune half only, by gradient
descent, picks the threshold that keeps articles rejected by the model at or under
`MAX_ARTICLES_REJECTED` on the tune half, writes the model next to the extractor, and prints the
figures of both halves: the tune half's out of fold (each page judged by a model, weights and
threshold, fitted without it: what to expect of unseen pages), the check half's by the model.
Pages marked `expect: "reject"` are listings; every other page is an article.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np

from tasks.evaluate.extraction import load_corpus, read_page
from tasks.extract.html.page_type import FEATURES, MODEL_FILE, is_listing, listing_verdict
from tasks.extract.record import HtmlReading, not_an_article, read_html
from tasks.records import RawRecord

MAX_ARTICLES_REJECTED = 0.005
L2 = 0.01
STEPS, RATE = 3000, 0.5
FOLDS, SHUFFLES = 5, 3
Sample = tuple[dict[str, float], bool, str, str]  # signals, is a listing, half, page


def samples(corpora: list[Path]) -> list[Sample]:
    """Signals, label, half and name of every page of the corpora that the model judges: those
    that parse and hold article text."""
    found = []
    for corpus in corpora:
        for page in load_corpus(corpus):
            record = RawRecord("page-type", 0, "html", read_page(page.file), url=page.url)
            reading = read_html(record)
            # a page without article text is refused before the model is asked
            if (
                isinstance(reading, HtmlReading)
                and not_an_article(reading.body, reading.code) is None
            ):
                found.append((reading.signals, page.expect_reject, page.half, page.file.name))
    return found


def fit(train: list[Sample]) -> dict:
    """Logistic regression on standardised signals, classes weighted to count alike, by full-batch
    gradient descent (deterministic: the same pages give the same model)."""
    table = np.array([[s[0][name] for name in FEATURES] for s in train], dtype=float)
    means = table.mean(axis=0)
    scales = table.std(axis=0)
    scales[scales == 0] = 1.0
    rows = (table - means) / scales
    labels = np.array([1.0 if s[1] else 0.0 for s in train])
    positives = labels.sum() or 1.0
    negatives = (len(labels) - positives) or 1.0
    sample_weights = np.where(
        labels == 1.0, len(labels) / (2 * positives), len(labels) / (2 * negatives)
    )
    weights, intercept = np.zeros(len(FEATURES)), 0.0
    for _ in range(STEPS):
        scores = np.clip(intercept + rows @ weights, -50, 50)
        error = sample_weights * (1 / (1 + np.exp(-scores)) - labels) / len(rows)
        weights -= RATE * (L2 * weights + rows.T @ error)
        intercept -= RATE * float(error.sum())
    model = {
        "features": list(FEATURES),
        "means": dict(zip(FEATURES, map(float, means), strict=True)),
        "scales": dict(zip(FEATURES, map(float, scales), strict=True)),
        "weights": dict(zip(FEATURES, map(float, weights), strict=True)),
        "intercept": intercept,
        "threshold": 0.5,
    }
    model["threshold"] = threshold(model, train)
    return model


def threshold(model: dict, train: list[Sample]) -> float:
    """The lowest threshold that rejects at most `MAX_ARTICLES_REJECTED` of the articles."""
    scores = sorted((listing_verdict(s[0], model).listing for s in train if not s[1]), reverse=True)
    allowed = int(MAX_ARTICLES_REJECTED * len(scores))
    return max(0.5, min(0.99, scores[allowed] + 1e-6)) if scores else 0.5


def folds(pages: list[Sample], seed: int) -> list[list[int]]:
    """`FOLDS` folds of page indexes, listings and articles dealt out separately so each fold
    holds its share of both; the shuffle depends on the seed and the page names alone."""
    dealt: list[list[int]] = [[] for _ in range(FOLDS)]
    for label in (True, False):
        indexes = [i for i, s in enumerate(pages) if s[1] == label]
        indexes.sort(key=lambda i: pages[i][3])
        random.Random(seed).shuffle(indexes)
        for position, index in enumerate(indexes):
            dealt[position % FOLDS].append(index)
    return dealt


def rates(model: dict, pages: list[Sample]) -> tuple[float, float]:
    """Share of listings rejected and of articles rejected."""
    listings = [s for s in pages if s[1]]
    articles = [s for s in pages if not s[1]]

    def rejected(group: list[Sample]) -> float:
        hits = sum(is_listing(listing_verdict(s[0], model), model) for s in group)
        return hits / len(group) if group else 0.0

    return rejected(listings), rejected(articles)


def cross_validated(pages: list[Sample]) -> tuple[float, float]:
    """Listings and articles rejected, each page by a model (weights and threshold) fitted on
    the other folds alone, averaged over the shuffles."""
    listings = articles = 0.0
    for seed in range(SHUFFLES):
        for held in folds(pages, seed):
            kept = set(held)
            model = fit([s for i, s in enumerate(pages) if i not in kept])
            for index in held:
                refused = is_listing(listing_verdict(pages[index][0], model), model)
                listings += refused and pages[index][1]
                articles += refused and not pages[index][1]
    total = sum(s[1] for s in pages) * SHUFFLES, sum(not s[1] for s in pages) * SHUFFLES
    return listings / (total[0] or 1), articles / (total[1] or 1)


def main(arguments: list[str]) -> None:
    corpora = [Path(argument) for argument in arguments]
    found = samples(corpora)
    tune = [s for s in found if s[2] == "tune"]
    model = fit(tune)
    MODEL_FILE.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    listings, articles = cross_validated(tune)
    print(f"tune, out of fold: listings rejected {listings:.3f}, articles rejected {articles:.3f}")
    listings, articles = rates(model, [s for s in found if s[2] == "check"])
    print(f"check: listings rejected {listings:.3f}, articles rejected {articles:.3f}")
    print(f"model: {MODEL_FILE} (threshold {model['threshold']:.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
