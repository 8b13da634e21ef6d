"""Extraction on pages written in the styles of real news sites, as HTML and as text scrapes.

Each page lists phrases its article must contain and boilerplate it must not; the same page's
browser text scrape goes through the text extractor and must meet the same lists.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tasks.extract.record import extract_record
from tasks.records import Article, RawRecord, Reason, Rejected

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


def extract(name: str, kind: str) -> Article | Rejected:
    record = RawRecord("fixture", 0, kind, (PAGES / name).read_bytes())  # type: ignore[arg-type]
    return extract_record(record)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["html"])
@pytest.mark.parametrize("kind", ["html", "text"])
def test_page(case: dict, kind: str):
    outcome = extract(case[kind], kind)
    if not case["is_article"]:
        assert isinstance(outcome, Rejected) and outcome.reason == Reason.NO_ARTICLE
        return
    assert isinstance(outcome, Article), outcome
    for phrase in case["must_contain"]:
        assert phrase in outcome.body
    for phrase in case["must_not_contain"]:
        assert phrase not in outcome.body
    assert outcome.language == case["language"]
    assert outcome.title and (case["title"] in outcome.title or outcome.title in case["title"])
    if case["published_at"]:
        expected = datetime.fromisoformat(case["published_at"].replace("Z", "+00:00"))
        assert outcome.published_at is not None and outcome.published_at.date() == expected.date()


def test_legacy_encoding_is_decoded_from_the_meta_tag():
    outcome = extract("ru_cp1251_sibvedomosti.html", "html")
    assert isinstance(outcome, Article)
    assert "Ð" not in outcome.body and any("а" <= ch <= "я" for ch in outcome.body)
