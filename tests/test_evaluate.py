"""The extraction scorer and the evaluation harness, on a tiny corpus written here."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tasks.errors import KabarError
from tasks.evaluate.extraction import (
    Extraction,
    TruthPage,
    evaluate,
    load_corpus,
    score_page,
    stated_scores,
    summarise,
)
from tasks.evaluate.split import half_of
from tests.dumps import news_page

BODY = [
    "Fishermen in the northern bay landed their largest catch of sardines in a decade this week, the port authority said.",
    "Prices at the morning auction fell by a fifth as buyers from three provinces competed for the fresh supply.",
    "Officials said cooler water temperatures had drawn the shoals closer to the coast than in recent years.",
]


def truth(**overrides) -> TruthPage:
    values = {
        "file": Path("page.html"),
        "text_file": None,
        "body": "\n\n".join(BODY),
        "title": "Sardine catch hits ten-year high",
        "published_at": "2026-02-10T06:00:00Z",
        "language": "en",
        "url": None,
        "body_partial": False,
    }
    values.update(overrides)
    return TruthPage(**values)


def test_score_page_counts_body_title_date_and_language():
    found = Extraction(
        body="\n".join(BODY),
        title="Sardine  catch hits ten-year high",
        published_at=datetime(2026, 2, 10, 23, 0, tzinfo=UTC),
        language="en",
        seconds=0.01,
    )
    precision, recall, f1, title_ok, date_ok, language_ok = score_page(truth(), found)
    assert (precision, recall, f1) == (1.0, 1.0, 1.0)
    assert (title_ok, date_ok, language_ok) == (True, True, True)


def test_score_page_penalises_boilerplate_and_wrong_metadata():
    found = Extraction(
        body="\n".join(
            [*BODY, "Subscribe to our newsletter for the latest news from the coast every morning."]
        ),
        title="Sardines | Coast Daily",
        published_at=datetime(2026, 2, 11, tzinfo=UTC),
        language="es",
        seconds=0.01,
    )
    precision, recall, f1, title_ok, date_ok, language_ok = score_page(truth(), found)
    assert recall == 1.0 and precision < 0.9 and f1 < 0.95
    assert (title_ok, date_ok, language_ok) == (False, False, False)


def test_pages_without_truth_are_not_judged():
    found = Extraction(body="", title=None, published_at=None, language=None, seconds=0.0)
    *_, title_ok, date_ok, language_ok = score_page(
        truth(title=None, published_at=None, language=None), found
    )
    assert (title_ok, date_ok, language_ok) == (None, None, None)


def test_evaluate_runs_both_systems_on_both_formats(tmp_path: Path):
    (tmp_path / "html").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "html" / "sardines.html").write_text(
        news_page("Sardine catch hits ten-year high", BODY, "2026-02-10T06:00:00Z"),
        encoding="utf-8",
    )
    (tmp_path / "text" / "sardines.txt").write_text(
        "Home\nWorld\nBusiness\nSardine catch hits ten-year high\n10 February 2026\n\n"
        + "\n\n".join(BODY)
        + "\n\nRelated stories\nStorm closes ports along the coast\nCopyright 2026 Coast Daily\n",
        encoding="utf-8",
    )
    entry = {
        "file": "html/sardines.html",
        "text_file": "text/sardines.txt",
        "body": "\n\n".join(BODY),
        "title": "Sardine catch hits ten-year high",
        "published_at": "2026-02-10T06:00:00Z",
        "language": "en",
        "url": None,
    }
    (tmp_path / "truth.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    scores = list(evaluate(tmp_path))
    assert {(s.format, s.system) for s in scores} == {
        ("html", "kabar"),
        ("html", "trafilatura"),
        ("text", "kabar"),
        ("text", "trafilatura"),
    }
    kabar = {s.format: s for s in scores if s.system == "kabar"}
    assert kabar["html"].f1 > 0.95 and kabar["text"].f1 > 0.95
    assert kabar["html"].title_ok and kabar["html"].date_ok and kabar["text"].date_ok
    # The scrape writes the title as a line and the day as "10 February 2026": both reachable.
    assert (kabar["text"].title_stands_ok, kabar["text"].date_stated_ok) == (True, True)
    assert (kabar["html"].title_stands_ok, kabar["html"].date_stated_ok) == (None, None)
    summary = {(row["format"], row["system"]): row for row in summarise(scores)}
    assert summary[("html", "kabar")]["pages"] == 1
    assert summary[("text", "kabar")]["dates_stated"] == 1
    assert summary[("text", "kabar")]["date_stated"] == 1.0
    assert summary[("html", "kabar")]["date_stated"] is None
    assert summary[("text", "trafilatura")]["language"] is None


def test_a_folder_without_truth_is_refused(tmp_path: Path):
    with pytest.raises(
        KabarError, match=r"no truth\.jsonl; a corpus is a folder of pages with a truth\.jsonl"
    ):
        load_corpus(tmp_path)


def test_gzip_pages_and_expected_rejects_are_scored_per_half(tmp_path: Path):
    """A corpus of gzip pages: an article is scored on its body, a listing page marked
    `expect: "reject"` on whether it was refused; each half is summarised, and both together."""
    (tmp_path / "html").mkdir()
    listing = "".join(
        f"<li><a href='/coast/story-{n}'>Harbour story number {n} from the northern coast</a></li>"
        for n in range(30)
    )
    pages = {
        "sardines.html.gz": news_page("Sardine catch hits ten-year high", BODY, "2026-02-10"),
        "coast.html.gz": f"<html><body><h1>Coast</h1><ul>{listing}</ul></body></html>",
    }
    lines = []
    for name, markup in pages.items():
        (tmp_path / "html" / name).write_bytes(gzip.compress(markup.encode("utf-8")))
        entry = {"file": f"html/{name}", "url": f"https://coast.example/{name[:-8]}"}
        if name.startswith("coast"):
            entry |= {"expect": "reject", "body": None, "title": "Coast"}
        else:
            entry |= {"body": "\n\n".join(BODY), "title": "Sardine catch hits ten-year high"}
            entry |= {"published_at": "2026-02"}  # a month only: the date is not judged
        lines.append(json.dumps(entry))
    (tmp_path / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = list(evaluate(tmp_path))
    kabar = {s.page: s for s in scores if s.system == "kabar"}
    assert kabar["coast.html.gz"].expect_reject and kabar["coast.html.gz"].rejected
    assert kabar["sardines.html.gz"].f1 > 0.95 and kabar["sardines.html.gz"].date_ok is None
    rows = {(r["half"], r["system"]): r for r in summarise(scores) if r["format"] == "html"}
    assert rows[("all", "kabar")]["listings_rejected"] == 1.0
    assert rows[("all", "kabar")]["articles_rejected"] == 0.0
    assert rows[("all", "kabar")]["pages"] == 2
    halves = {half_of(name) for name in pages}
    assert {half for half, _ in rows} == halves | {"all"}


def test_a_half_that_does_not_exist_is_refused(tmp_path: Path):
    (tmp_path / "truth.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(KabarError, match="half 'test' is not one of tune, check"):
        list(evaluate(tmp_path, half="test"))


def test_a_scrape_is_judged_on_the_title_and_date_it_holds():
    """The expected title is the page's <title> with the site's name; the scrape has the headline
    line and no date, so the headline alone counts where the title stands, and the date is not
    judged there."""
    page = truth(title="Sardine catch hits ten-year high | Coast Daily")
    scrape = "Coast Daily\nSardine catch hits ten-year high\n\n" + "\n\n".join(BODY)
    headline = Extraction("\n\n".join(BODY), "Sardine catch hits ten-year high", None, "en", 0.0)
    *_, title_ok, date_ok, _ = score_page(page, headline)
    assert (title_ok, date_ok) == (False, False)
    assert stated_scores(page, headline, scrape, date_ok) == (True, None)
    wrong = Extraction("\n\n".join(BODY), "Coast Daily", None, "en", 0.0)
    assert stated_scores(page, wrong, scrape, date_ok) == (False, None)
    assert stated_scores(page, headline, None, date_ok) == (None, None)  # an HTML page
