"""JSON documents beside pages in a dump folder: records read from arrays, metadata one reject."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tasks.read import readers
from tests.dumps import news_page

STORIES = {
    "harbour": [
        "The city council approved a plan on Tuesday to dredge the old harbour before winter storms.",
        "Work will start in October and cost about 40 million, the council's finance office said.",
        "Fishing crews welcomed the vote, saying silt had kept larger boats out for three years.",
    ],
    "rail": [
        "A new night train between the capital and the coast carried its first passengers on Friday.",
        "The operator said sleeper cabins for the summer season were sold out within a week.",
        "Unions said staffing on the route had been agreed after months of talks with management.",
    ],
    "school": [
        "Teachers in the northern province ended a two-week strike after a pay deal late on Sunday.",
        "Schools will reopen on Wednesday, and lost lessons will be made up in the spring holidays.",
        "Parents' groups said the deal should have come earlier and asked for a review of funding.",
    ],
}


def page(key: str, published: str) -> str:
    return news_page(f"News on the {key}", STORIES[key], published=published)


def expected_output(url: str, title: str) -> dict:
    """What a public extraction test suite ships beside each page: the expected result."""
    return {
        "url": url,
        "title": title,
        "author": ["Desk Reporter"],
        "date": "2026-02-03",
        "main_content": {"paragraphs": STORIES["harbour"], "word_count": 48},
        "tags": ["local", "infrastructure"],
    }


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """Pages as a test suite ships them, with its metadata files, and a JSON array of records."""
    root = tmp_path / "suite"
    pages = root / "daily-ledger" / "pages"
    pages.mkdir(parents=True)
    (pages / "harbour.html.gz").write_bytes(
        gzip.compress(page("harbour", "2026-02-03T07:00:00Z").encode(), mtime=0)
    )
    expected = expected_output("https://ledger.example/harbour", "News on the harbour")
    (root / "daily-ledger" / "harbour.json").write_text(json.dumps(expected, indent=2))
    meta = {"country": "Nowhere", "language": "en", "publishers": 1, "pages": ["harbour"]}
    (root / "meta.info").write_text(json.dumps(meta, indent=4))
    records = [
        {"url": "https://post.example/rail", "html": page("rail", "2026-02-04T09:00:00Z")},
        {"url": "https://post.example/school", "html": page("school", "2026-02-05T18:30:00Z")},
    ]
    (root / "crawl.json").write_text(json.dumps(records, indent=2))
    return root


def ledger(db: Path) -> list[tuple[str, int, str, str | None, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """select files.path, records.position, records.outcome, records.reason, records.url
            from records join files using (file_id) order by all"""
        ).fetchall()


@pytest.mark.usefixtures("prefect_server")
def test_metadata_documents_are_one_reject_each_and_arrays_are_records(dump: Path, db_path: Path):
    summary = ingest([str(dump)], db=str(db_path), workers=0)

    rows = ledger(db_path)
    by_file: dict[str, list[tuple]] = {}
    for path, *rest in rows:
        by_file.setdefault(Path(path).name, []).append(tuple(rest))
    assert by_file["crawl.json"] == [
        (0, "article", None, "https://post.example/rail"),
        (1, "article", None, "https://post.example/school"),
    ]
    assert by_file["harbour.html.gz"] == [(0, "article", None, None)]
    assert by_file["harbour.json"] == [(0, "reject", "unsupported_format", None)]
    assert by_file["meta.info"] == [(0, "reject", "unsupported_format", None)]

    assert summary.reconciles
    assert (summary.records_seen, summary.articles_new, summary.rejects) == (5, 3, 2)
    assert summary.rejects_by_reason == {"unsupported_format": 2}
    assert sorted(
        (Path(path).name, n, reasons) for path, n, reasons in summary.top_reject_files
    ) == [
        ("harbour.json", 1, {"unsupported_format": 1}),
        ("meta.info", 1, {"unsupported_format": 1}),
    ]
    with duckdb.connect(str(db_path), read_only=True) as con:
        [(detail,)] = con.execute(
            "select detail from records join files using (file_id) where files.path like '%meta.info'"
        ).fetchall()
        titles = con.execute("select title from articles order by title").fetchall()
    assert detail.startswith("a JSON document, not JSON Lines: one object with fields country")
    assert titles == [("News on the harbour",), ("News on the rail",), ("News on the school",)]


@pytest.mark.usefixtures("prefect_server")
def test_the_summary_names_the_files_that_gave_most_rejects(tmp_path: Path, db_path: Path):
    root = tmp_path / "dump"
    root.mkdir()
    good = {"url": "https://post.example/rail", "html": page("rail", "2026-02-04T09:00:00Z")}
    lines = [json.dumps(good), *("{cut" for _ in range(6)), '"a string"', "[1]"]
    (root / "noisy.jsonl").write_text("\n".join(lines) + "\n")
    (root / "few.jsonl").write_text("{cut\n" * 2)
    for size, name in enumerate(("a", "b", "c", "d"), start=1):
        (root / f"{name}.html").write_bytes(b"\x00" * size)  # binary, not a page: one reject

    summary = ingest([str(root)], db=str(db_path), workers=0)

    assert summary.reconciles and summary.rejects == 14
    top = [
        (Path(path).name, rejects, reasons) for path, rejects, reasons in summary.top_reject_files
    ]
    assert top == [
        ("noisy.jsonl", 8, {"bad_json": 6, "wrong_type": 2}),
        ("few.jsonl", 2, {"bad_json": 2}),
        ("a.html", 1, {"not_html": 1}),
        ("b.html", 1, {"not_html": 1}),
        ("c.html", 1, {"not_html": 1}),
    ]


@pytest.mark.usefixtures("prefect_server")
def test_a_store_made_before_json_documents_does_not_read_its_files_again(
    dump: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # The store as earlier versions left it: JSON documents read line by line, every line a
    # reject, and no list of the files that gave most rejects in `runs`.
    with monkeypatch.context() as old:
        old.setitem(readers.READERS, "json", readers.read_jsonl)
        first = ingest([str(dump)], db=str(db_path), workers=0)
    assert first.rejects > 10
    with duckdb.connect(str(db_path)) as con:
        con.execute("alter table runs drop column top_reject_files")
    for stale in db_path.parent.glob("*.work.duckdb"):
        stale.unlink()
    before = ledger(db_path)

    again = ingest([str(dump)], db=str(db_path), workers=0)

    assert (again.files_seen, again.files_skipped, again.records_seen) == (4, 4, 0)
    assert again.top_reject_files == []
    assert ledger(db_path) == before
