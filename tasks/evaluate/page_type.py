"""Fit the page-type model (article or listing) on the tune half of development corpora.

`python -m tasks.evaluate.page_type CORPUS...` (`make page-type-model`) reads every page of each
corpus as the extractor does (`tasks.extract.record.read_html`), keeps those that hold article
text (the others are refused before the model is asked), fits an L2-regularised logistic
regression on their signals (`tasks.extract.html.page_type`) on the tune half only, by plain
gradient descent (a few dozen numbers per page and a thousand pages need no library), picks the
threshold that keeps articles rejected by the model at or under `MAX_ARTICLES_REJECTED` on the
tune half, writes the model next to the extractor, and prints the figures of both halves. Pages
marked `expect: "reject"` are listings; every other page is an article.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from tasks.evaluate.extraction import load_corpus, read_page
from tasks.extract.html.page_type import FEATURES, MODEL_FILE, is_listing, listing_verdict
from tasks.extract.record import HtmlReading, not_an_article, read_html
from tasks.records import RawRecord

MAX_ARTICLES_REJECTED = 0.005
L2 = 0.01
STEPS, RATE = 3000, 0.5
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
    """Logistic regression on standardised signals, classes weighted to count alike."""
    columns = {name: [s[0][name] for s in train] for name in FEATURES}
    means = {name: sum(values) / len(values) for name, values in columns.items()}
    scales = {
        name: math.sqrt(sum((v - means[name]) ** 2 for v in values) / len(values)) or 1.0
        for name, values in columns.items()
    }
    rows = [[(s[0][n] - means[n]) / scales[n] for n in FEATURES] for s in train]
    labels = [1.0 if s[1] else 0.0 for s in train]
    positives = sum(labels) or 1.0
    weights_of = [
        len(labels) / (2 * positives) if y else len(labels) / (2 * (len(labels) - positives))
        for y in labels
    ]
    weights, intercept = [0.0] * len(FEATURES), 0.0
    for _ in range(STEPS):
        gradient, bias = [L2 * w for w in weights], 0.0
        for row, label, weight in zip(rows, labels, weights_of, strict=True):
            score = intercept + sum(w * x for w, x in zip(weights, row, strict=True))
            error = weight * (1 / (1 + math.exp(-max(-50, min(50, score)))) - label) / len(rows)
            bias += error
            for index, value in enumerate(row):
                gradient[index] += error * value
        weights = [w - RATE * g for w, g in zip(weights, gradient, strict=True)]
        intercept -= RATE * bias
    model = {
        "features": list(FEATURES),
        "means": means,
        "scales": scales,
        "weights": dict(zip(FEATURES, weights, strict=True)),
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


def rates(model: dict, pages: list[Sample]) -> tuple[float, float]:
    """Share of listings rejected and of articles rejected."""
    listings = [s for s in pages if s[1]]
    articles = [s for s in pages if not s[1]]

    def rejected(group: list[Sample]) -> float:
        hits = sum(is_listing(listing_verdict(s[0], model), model) for s in group)
        return hits / len(group) if group else 0.0

    return rejected(listings), rejected(articles)


def main(arguments: list[str]) -> None:
    corpora = [Path(argument) for argument in arguments]
    found = samples(corpora)
    model = fit([s for s in found if s[2] == "tune"])
    MODEL_FILE.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for half in ("tune", "check"):
        listings, articles = rates(model, [s for s in found if s[2] == half])
        print(f"{half}: listings rejected {listings:.3f}, articles rejected {articles:.3f}")
    print(f"model: {MODEL_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
