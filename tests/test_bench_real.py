"""The real-page ingest benchmark works (quick form, on pages written here in the shape of the
corpora it reads: `html/` pages, some gzipped, and `text/` scrapes). How fast is for
`make bench` to say."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from benchmarks.real_pages import measure, real_pages
from tests.test_idle_run import STORIES, write_page


@pytest.fixture
def corpora(tmp_path: Path) -> list[Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first / "html", second / "html", second / "text"):
        folder.mkdir(parents=True)
    (first / "truth.jsonl").write_text("{}\n", encoding="utf-8")  # not a page
    write_page(first / "html", 2, "the ferry timetable")
    page = write_page(first / "html", 3, "the crane permits")
    page.with_name(page.name + ".gz").write_bytes(gzip.compress(page.read_bytes()))
    page.unlink()
    write_page(second / "html", 4, "the pilot boats")
    scrape = "Harbour Gazette\nHome News Sport\n" + STORIES["the pilot boats"].replace(
        "<p>", ""
    ).replace("</p>", "\n")
    (second / "text" / "pilot-boats.txt").write_text(scrape, encoding="utf-8")
    return [first, second]


def test_the_pages_of_every_corpus_are_found_by_kind(corpora):
    pages = real_pages(corpora)
    assert [(kind, path.name) for kind, path in pages] == [
        ("html", "the-crane-permits.html.gz"),
        ("html", "the-ferry-timetable.html"),
        ("html", "the-pilot-boats.html"),
        ("text", "pilot-boats.txt"),
    ]


def test_too_few_pages_are_refused_without_a_limit(corpora):
    with pytest.raises(SystemExit, match="at least 1000"):
        measure(corpora, workers=1, rounds=1)


def test_one_round_measures_both_sides_on_the_same_pages(corpora, on_session_server):
    result = measure(corpora, workers=1, rounds=1, limit=10)
    assert result["pages"] == 4 and result["gzipped_pages"] == 1
    assert result["pages_by_kind"] == {"html": 3, "text": 1}
    (only,) = result["rounds"]
    assert only["baseline"]["pages"] == 4 and only["baseline"]["documents"] >= 3
    kabar = only["kabar"]
    assert kabar["records_seen"] == 4 and kabar["articles_new"] >= 3
    assert only["ratio"] > 0 and kabar["peak_rss_mb"] > 0
    # the second run of the same pages finds nothing new
    assert only["rerun"]["records_seen"] == 0 and only["rerun"]["files_skipped"] == 4
    assert result["ratio_range"] == [only["ratio"], only["ratio"]]
