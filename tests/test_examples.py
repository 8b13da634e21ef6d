"""The bundled example dumps end to end, against the hand-made ground truth in examples/expected.json."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from flows.ingest import RunSummary, ingest
from tests.conftest import EXAMPLES

EXPECTED = json.loads((EXAMPLES.parent / "expected.json").read_text(encoding="utf-8"))
ARTICLES = [e for e in EXPECTED if e["outcome"] == "article"]


@pytest.fixture(scope="module")
def example_store(prefect_server, tmp_path_factory) -> tuple[Path, RunSummary]:
    db = tmp_path_factory.mktemp("examples") / "kabar.duckdb"
    return db, ingest([str(EXAMPLES)], db=str(db), workers=0)


def stored(db: Path) -> dict[tuple[str, int], dict]:
    """Every ledger row with its article, keyed by (path relative to the dumps, position)."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.sql(
            "select r.file_path, r.position, r.outcome, r.article_id, c.story_id, a.title, a.published_at,"
            " a.language, a.site, a.body from stg_records r left join articles a using (article_id)"
            " left join stg_article_clusters c using (article_id)"
        ).pl()
        mentions = con.sql("select article_id, leader, mention_count from mentions").pl()
    by_article: dict[int, dict[str, int]] = {}
    for row in mentions.iter_rows(named=True):
        by_article.setdefault(row["article_id"], {})[row["leader"]] = row["mention_count"]
    result = {}
    for row in rows.iter_rows(named=True):
        key = (Path(row["file_path"]).relative_to(EXAMPLES).as_posix(), row["position"])
        result[key] = {**row, "mentions": by_article.get(row["article_id"], {})}
    return result


def test_every_record_is_placed_as_expected(example_store):
    db, summary = example_store
    records = stored(db)
    assert {key: row["outcome"] for key, row in records.items()} == {
        (e["file"], e["position"]): e["outcome"] for e in EXPECTED
    }
    assert summary.records_seen == len(EXPECTED)
    assert summary.reconciles


@pytest.mark.parametrize("expected", ARTICLES, ids=lambda e: f"{e['file']}:{e['position']}")
def test_article_fields_and_mentions(example_store, expected: dict):
    db, _ = example_store
    row = stored(db)[(expected["file"], expected["position"])]
    assert row["title"] == expected["title"]
    assert row["published_at"] == datetime.fromisoformat(expected["published_at"])
    assert row["language"] == expected["language"]
    assert row["site"] == expected["site"]
    body = row["body"]
    assert expected["first_words"] in body[: len(expected["first_words"]) + 80]
    assert expected["last_words"] in body[-(len(expected["last_words"]) + 80) :]
    assert row["mentions"] == expected["mentions"]


def test_duplicates_point_at_their_originals(example_store):
    db, _ = example_store
    records = stored(db)
    for entry in EXPECTED:
        if entry["outcome"] == "duplicate":
            original = entry["duplicate_of"]
            copy = records[(entry["file"], entry["position"])]
            assert copy["story_id"] == records[(original["file"], original["position"])]["story_id"]


def test_weekly_table_totals(example_store):
    db, _ = example_store
    expected: dict[str, int] = {}
    for entry in ARTICLES:
        for leader, count in entry["mentions"].items():
            expected[leader] = expected.get(leader, 0) + count
    with duckdb.connect(str(db), read_only=True) as con:
        totals = dict(
            con.execute(
                "select leader, sum(mentions) from mentions_per_leader_per_week"
                " where mentions > 0 group by all"
            ).fetchall()
        )
        weeks = [
            w
            for (w,) in con.execute(
                "select distinct week::varchar from mentions_per_leader_per_week order by 1"
            ).fetchall()
        ]
    assert totals == expected
    assert weeks == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]
