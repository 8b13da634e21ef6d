"""`make eval` in CI size: extraction quality on the project's corpus may not fall below its floors.

The floors sit a little under the figures measured when they were pinned (README, "Measuring
extraction"); a change that loses quality fails here and shows which figure dropped.
"""

from __future__ import annotations

import pytest

from tasks.evaluate.extraction import evaluate, summarise
from tasks.settings import ROOT

CORPUS = ROOT / "eval" / "corpus"
FLOORS = {
    # format: (body F1, title exact, date to the day, language)
    "html": (0.91, 0.90, 0.90, 0.98),
    "text": (0.86, 0.73, 0.78, 0.98),
}


@pytest.fixture(scope="module")
def summary() -> dict[tuple[str, str], dict]:
    rows = summarise(evaluate(CORPUS))
    return {(row["format"], row["system"]): row for row in rows if row["half"] == "all"}


@pytest.mark.parametrize("fmt", sorted(FLOORS))
def test_kabar_holds_its_floors(summary, fmt: str):
    row = summary[(fmt, "kabar")]
    f1, title, date, language = FLOORS[fmt]
    assert row["pages"] >= 40
    assert row["f1"] >= f1
    assert row["title"] >= title
    assert row["date"] >= date
    assert row["language"] >= language


@pytest.mark.parametrize("fmt", sorted(FLOORS))
def test_kabar_beats_plain_trafilatura(summary, fmt: str):
    assert summary[(fmt, "kabar")]["f1"] > summary[(fmt, "trafilatura")]["f1"] + 0.05
