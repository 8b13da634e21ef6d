"""`kabar export DIR`: articles and mentions as Parquet partitioned by week, read back two ways."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.test_cli import run
from tests.test_reports import build_store

WEEKS = ["week=2026-01-05", "week=2026-01-12", "week=2026-01-19", "week=undated"]


@pytest.fixture
def store(db_path: Path) -> Path:
    return build_store(db_path)


def partitions(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_export_writes_week_partitions_with_an_undated_one(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "export"
    code, stdout, err = run(capsys, "export", str(out), "--db", str(store))
    assert (code, stdout) == (0, "")
    assert err == (
        f"exported 6 articles and 8 mention rows in 4 week partitions to {out}/articles "
        f"and {out}/mentions\n"
    )
    assert partitions(out / "articles") == WEEKS
    # Article 4 names nobody, so its week has no mentions.
    assert partitions(out / "mentions") == ["week=2026-01-05", "week=2026-01-12", "week=undated"]
    assert all(
        path.suffix == ".parquet" for path in (out / "articles").rglob("*") if path.is_file()
    )


def test_export_reads_back_with_polars(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "export"
    assert run(capsys, "export", str(out), "--db", str(store))[0] == 0
    articles = pl.read_parquet(out / "articles", hive_partitioning=True)
    assert articles.height == 6
    by_position = {row["position"]: row for row in articles.iter_rows(named=True)}
    assert by_position[3]["week"] == "undated" and by_position[3]["published_at"] is None
    assert by_position[1]["week"] == "2026-01-05"  # Sunday 23:59 UTC is still that week
    # The copy on c.example belongs to the story of article 0.
    assert by_position[5]["story_id"] == by_position[0]["article_id"]
    assert by_position[0]["body"].startswith("Vladimir Putin met Xi Jinping")

    mentions = pl.read_parquet(out / "mentions", hive_partitioning=True)
    totals = mentions.group_by("leader").agg(pl.col("mention_count").sum()).sort("leader")
    assert totals.rows() == [("Donald Trump", 2), ("Vladimir Putin", 5), ("Xi Jinping", 4)]


def test_export_reads_back_with_duckdb_and_matches_the_store(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "export"
    assert run(capsys, "export", str(out), "--db", str(store))[0] == 0
    with duckdb.connect(str(store), read_only=True) as con:
        stored = con.execute(
            "select article_id, leader, mention_count from mentions order by all"
        ).fetchall()
        exported = con.execute(
            "select article_id, leader, mention_count from read_parquet($glob, hive_partitioning = true)"
            " order by all",
            {"glob": f"{out}/mentions/*/*.parquet"},
        ).fetchall()
        weeks = con.execute(
            "select week, count(*) from read_parquet($glob, hive_partitioning = true)"
            " group by week order by week",
            {"glob": f"{out}/articles/*/*.parquet"},
        ).fetchall()
    assert exported == stored
    assert [(str(week), n) for week, n in weeks] == [
        ("2026-01-05", 3),
        ("2026-01-12", 1),
        ("2026-01-19", 1),
        ("undated", 1),
    ]


def test_export_refuses_to_mix_with_an_earlier_export(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "export"
    assert run(capsys, "export", str(out), "--db", str(store))[0] == 0
    code, _, err = run(capsys, "export", str(out), "--db", str(store))
    assert (code, err) == (
        2,
        f"kabar: {out}/articles already holds an export; remove it, pick another folder "
        "or add --overwrite\n",
    )
    code, _, _ = run(capsys, "export", str(out), "--db", str(store), "--overwrite")
    assert code == 0 and partitions(out / "articles") == WEEKS


def test_export_errors(capsys, store: Path, tmp_path: Path):
    file = tmp_path / "file"
    file.write_text("x")
    code, _, err = run(capsys, "export", str(file), "--db", str(store))
    assert (code, err) == (2, f"kabar: cannot create {file}/articles: Not a directory\n")
    missing = tmp_path / "none.duckdb"
    code, _, err = run(capsys, "export", str(tmp_path / "e"), "--db", str(missing))
    assert (code, err) == (
        2,
        f"kabar: {missing}: no such database; run `kabar ingest PATH --db {missing}` first\n",
    )
