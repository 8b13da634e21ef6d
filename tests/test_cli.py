"""The `kabar` command line: reports, SQL, and error messages word for word."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from flows.cli import main
from tasks.store.database import open_store
from tasks.store.load import load_batch
from tests.test_load import dated_article


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `kabar argv...` in-process and return its exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


@pytest.fixture
def store(db_path: Path) -> Path:
    """A store with three articles over two weeks mentioning two leaders."""
    con = open_store(db_path)
    con.execute(
        "insert into leaders values ('Vladimir Putin', 'Russia'), ('Xi Jinping', 'China');"
        "insert into leader_aliases (leader, alias, kind) values ('Vladimir Putin', 'Vladimir Putin', 'name'),"
        " ('Vladimir Putin', 'Putin', 'name'), ('Xi Jinping', 'Xi Jinping', 'name')"
    )
    outcomes = [
        dated_article(0, datetime(2026, 1, 6, tzinfo=UTC), {"Vladimir Putin": 3, "Xi Jinping": 1}),
        dated_article(1, datetime(2026, 1, 11, 23, 59, tzinfo=UTC), {"Vladimir Putin": 1}),
        dated_article(2, datetime(2026, 1, 12, tzinfo=UTC), {"Xi Jinping": 2}),
    ]
    load_batch(con, "run-1", outcomes, [], datetime(2026, 1, 20, tzinfo=UTC))
    con.close()
    return db_path


def test_report_weekly_json(capsys, store: Path):
    code, out, _ = run(capsys, "report", "weekly", "--db", str(store), "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {
            "week": "2026-01-05",
            "leader": "Vladimir Putin",
            "articles": 2,
            "mentions": 4,
            "copies": 2,
            "office_mentions": 0,
            "articles_any": 2,
        },
        {
            "week": "2026-01-05",
            "leader": "Xi Jinping",
            "articles": 1,
            "mentions": 1,
            "copies": 1,
            "office_mentions": 0,
            "articles_any": 1,
        },
        {
            "week": "2026-01-12",
            "leader": "Xi Jinping",
            "articles": 1,
            "mentions": 2,
            "copies": 1,
            "office_mentions": 0,
            "articles_any": 1,
        },
    ]


def test_report_weekly_filters_by_alias_and_dates(capsys, store: Path):
    code, out, _ = run(
        capsys, "report", "weekly", "--db", str(store), "--leader", "putin", "--format", "csv"
    )
    assert (code, out.splitlines()) == (
        0,
        [
            "week,leader,articles,mentions,copies,office_mentions,articles_any",
            "2026-01-05,Vladimir Putin,2,4,2,0,2",
        ],
    )
    code, out, _ = run(
        capsys, "report", "weekly", "--db", str(store), "--since", "2026-01-14", "--format", "csv"
    )
    assert out.splitlines()[1:] == ["2026-01-12,Xi Jinping,1,2,1,0,1"]


def test_report_reads_the_database_named_in_kabar_db(capsys, store: Path, monkeypatch):
    monkeypatch.setenv("KABAR_DB", str(store))
    code, out, _ = run(capsys, "report", "weekly", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 4


def test_report_table_output(capsys, store: Path):
    code, out, _ = run(capsys, "report", "weekly", "--db", str(store))
    assert code == 0
    assert "Vladimir Putin" in out and "2026-01-12" in out and "mentions" in out


def test_sql_runs_queries_with_formats(capsys, store: Path):
    code, out, _ = run(
        capsys, "sql", "select count(*) as n from articles", "--db", str(store), "--format", "csv"
    )
    assert (code, out) == (0, "n\n3\n")


def test_sql_is_read_only(capsys, store: Path):
    code, _, err = run(capsys, "sql", "delete from articles", "--db", str(store))
    assert code == 2 and err.startswith("kabar: query failed:")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["report", "weekly", "--db", "{missing}"],
            "kabar: {missing}: no such database; run `kabar ingest PATH --db {missing}` first\n",
        ),
        (
            ["report", "weekly", "--db", "{db}", "--since", "2026-13-01"],
            "kabar: --since '2026-13-01' is not a date; use YYYY-MM-DD\n",
        ),
        (
            ["sql", "select 1", "--db", "{db}", "--format", "xml"],
            "kabar: unknown format 'xml'; use one of: table, csv, json\n",
        ),
        (
            ["ingest", "{missing}", "--db", "{db}"],
            "kabar: {missing}: no such file or directory; check the path and try again\n",
        ),
        (
            ["ingest", "{tmp}", "--db", "{tmp}/no/such/dir/k.duckdb"],
            "kabar: {tmp}/no/such/dir/k.duckdb: folder {tmp}/no/such/dir does not exist; create it or pick another --db\n",
        ),
        (
            ["ingest", "{tmp}", "--db", "{db}", "--batch-size", "0"],
            "kabar: --batch-size must be at least 1\n",
        ),
    ],
)
def test_errors_are_one_line_that_says_what_to_do(
    capsys, store: Path, tmp_path: Path, argv, message
):
    names = {"missing": str(tmp_path / "missing.duckdb"), "db": str(store), "tmp": str(tmp_path)}
    code, out, err = run(capsys, *(arg.format(**names) for arg in argv))
    assert (code, out, err) == (2, "", message.format(**names))


def test_weekly_view_uses_utc_monday_weeks(store: Path):
    con = open_store(store)
    weeks = con.execute(
        "select distinct week from mentions_per_leader_per_week order by week"
    ).fetchall()
    con.close()
    assert weeks == [(date(2026, 1, 5),), (date(2026, 1, 12),)]
