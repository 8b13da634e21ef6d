"""`kabar report NAME`: every report on a small store, its filters, formats and errors."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from tasks.mentions.matcher import LeaderList, parse_leaders
from tasks.records import Rejected
from tasks.store.database import open_store
from tasks.store.leaders import sync_leaders
from tasks.store.load import load_batch
from tests.test_cli import run
from tests.test_load import article, file_update

LEADER_ROWS = [
    ("Vladimir Putin", "Russia", "Vladimir Putin", "name"),
    ("Vladimir Putin", "Russia", "Putin", "name"),
    ("Xi Jinping", "China", "Xi Jinping", "name"),
    ("Xi Jinping", "China", "Xi", "ambiguous"),
    ("Donald Trump", "United States", "Donald Trump", "name"),
    ("Donald Trump", "United States", "Trump", "name"),
    ("Donald Trump", "United States", "Melania Trump", "exclude"),
]

# (position, site, published_at, body). Position 5 copies position 0's text on another site;
# position 3 has no date; position 4 names nobody; position 6 is rejected.
NEWSROOM = [
    (0, "a.example", datetime(2026, 1, 6, 10, tzinfo=UTC), "Vladimir Putin met Xi Jinping in Moscow. Putin spoke first."),
    (1, "b.example", datetime(2026, 1, 11, 23, 59, tzinfo=UTC), "Putin said the talks went well."),
    (2, "a.example", datetime(2026, 1, 12, 8, tzinfo=UTC), "Xi Jinping visited the port. Xi smiled. Trump called him."),
    (3, "b.example", None, "Donald Trump and Melania Trump arrived in Paris."),
    (4, "a.example", datetime(2026, 1, 20, 9, tzinfo=UTC), "The weather stays dry all week."),
    (5, "c.example", datetime(2026, 1, 7, 6, tzinfo=UTC), "Vladimir Putin met Xi Jinping in Moscow. Putin spoke first."),
]  # fmt: skip


def leader_list(rows=LEADER_ROWS) -> LeaderList:
    return parse_leaders(
        dict(zip(("leader", "country", "alias", "kind"), r, strict=True)) for r in rows
    )


def build_store(db_path: Path, newsroom=NEWSROOM, leaders: LeaderList | None = None) -> Path:
    """A store of the given articles whose mentions are counted from their bodies."""
    con = open_store(db_path)
    outcomes = [
        dataclasses.replace(
            article("f", position, f"https://{site}/{position}", body, published_at=published),
            site=site,
        )
        for position, site, published, body in newsroom
    ]
    outcomes.append(Rejected("f", len(newsroom), "no_article", "a tag page"))
    load_batch(
        con, "run-1", outcomes, [file_update("f", len(outcomes))], datetime(2026, 2, 1, tzinfo=UTC)
    )
    sync_leaders(con, leaders or leader_list(), workers=0)
    con.close()
    return db_path


@pytest.fixture
def newsroom(db_path: Path) -> Path:
    return build_store(db_path)


def csv_rows(capsys, *argv: str) -> list[str]:
    code, out, err = run(capsys, "report", *argv, "--format", "csv")
    assert (code, err) == (0, "")
    return out.splitlines()


def test_weekly_counts_stories_once_and_keeps_only_weeks_with_mentions(capsys, newsroom: Path):
    assert csv_rows(capsys, "weekly", "--db", str(newsroom)) == [
        "week,leader,articles,mentions,copies,office_mentions,articles_any",
        "2026-01-05,Vladimir Putin,2,3,3,0,2",
        "2026-01-05,Xi Jinping,1,1,2,0,1",
        "2026-01-12,Xi Jinping,1,2,1,0,1",
        "2026-01-12,Donald Trump,1,1,1,0,1",
    ]


def test_weekly_is_mentions_per_leader_per_week(capsys, newsroom: Path):
    db = ("--db", str(newsroom))
    assert csv_rows(capsys, "weekly", *db) == csv_rows(capsys, "mentions_per_leader_per_week", *db)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["PUTIN"], ["2026-01-05,Vladimir Putin,2,3,3,0,2"]),
        (["xi"], ["2026-01-05,Xi Jinping,1,1,2,0,1", "2026-01-12,Xi Jinping,1,2,1,0,1"]),
        (
            ["vladimir putin", "Trump"],
            ["2026-01-05,Vladimir Putin,2,3,3,0,2", "2026-01-12,Donald Trump,1,1,1,0,1"],
        ),
    ],
)
def test_leader_takes_names_and_aliases_in_any_case_and_repeats(capsys, newsroom, names, expected):
    argv = [arg for name in names for arg in ("--leader", name)]
    assert csv_rows(capsys, "weekly", "--db", str(newsroom), *argv)[1:] == expected


def test_since_and_until_cut_weeks(capsys, newsroom: Path):
    rows = csv_rows(capsys, "weekly", "--db", str(newsroom), "--since", "2026-01-14")
    assert rows[1:] == ["2026-01-12,Xi Jinping,1,2,1,0,1", "2026-01-12,Donald Trump,1,1,1,0,1"]
    rows = csv_rows(capsys, "weekly", "--db", str(newsroom), "--until", "2026-01-11")
    assert [row.split(",")[0] for row in rows[1:]] == ["2026-01-05", "2026-01-05"]


def test_co_mentions_keep_pairs_with_either_leader(capsys, newsroom: Path):
    assert csv_rows(capsys, "co_mentions_per_week", "--db", str(newsroom)) == [
        "week,leader_a,leader_b,stories,copies,mentions_a,mentions_b,joint_mentions",
        "2026-01-05,Vladimir Putin,Xi Jinping,1,2,2,1,1",
        "2026-01-12,Donald Trump,Xi Jinping,1,1,1,2,1",
    ]
    rows = csv_rows(capsys, "co_mentions_per_week", "--db", str(newsroom), "--leader", "trump")
    assert rows[1:] == ["2026-01-12,Donald Trump,Xi Jinping,1,1,1,2,1"]


def test_share_of_voice(capsys, newsroom: Path):
    assert csv_rows(capsys, "leader_share_of_voice_per_week", "--db", str(newsroom)) == [
        "week,leader,stories,stories_naming,share",
        "2026-01-05,Vladimir Putin,2,2,1.0",
        "2026-01-05,Xi Jinping,2,1,0.5",
        "2026-01-12,Donald Trump,1,1,1.0",
        "2026-01-12,Xi Jinping,1,1,1.0",
    ]


def test_mentions_per_site_counts_every_copy(capsys, newsroom: Path):
    rows = csv_rows(capsys, "mentions_per_site", "--db", str(newsroom), "--format", "csv")
    assert [",".join(row.split(",")[:4]) for row in rows] == [
        "site,leader,articles,mentions",
        "a.example,Xi Jinping,2,3",
        "a.example,Vladimir Putin,1,2",
        "c.example,Vladimir Putin,1,2",
        "a.example,Donald Trump,1,1",
        "b.example,Donald Trump,1,1",
        "b.example,Vladimir Putin,1,1",
        "c.example,Xi Jinping,1,1",
    ]


def test_articles_per_site_per_day_between_days(capsys, newsroom: Path):
    db = ("--db", str(newsroom))
    assert csv_rows(
        capsys, "articles_per_site_per_day", *db, "--since", "2026-01-07", "--until", "2026-01-12"
    ) == [
        "day,site,articles,stories,first_stories,languages",
        "2026-01-07,c.example,1,1,0,en",
        "2026-01-11,b.example,1,1,1,en",
        "2026-01-12,a.example,1,1,1,en",
    ]


def test_mention_contexts_json(capsys, newsroom: Path):
    code, out, _ = run(
        capsys,
        "report",
        "mention_contexts",
        "--db",
        str(newsroom),
        "--leader",
        "Donald Trump",
        "--format",
        "json",
    )
    rows = [(r["matched_text"], r["context"], r["published_at"]) for r in json.loads(out)]
    assert (code, rows) == (
        0,
        [
            ("Trump", "Trump called him.", "2026-01-12T08:00:00+00:00"),
            ("Donald Trump", "Donald Trump and Melania Trump arrived in Paris.", None),
        ],
    )
    rows = csv_rows(
        capsys,
        "mention_contexts",
        "--db",
        str(newsroom),
        "--leader",
        "trump",
        "--since",
        "2026-01-01",
    )
    assert len(rows) == 2  # the undated mention has no day, so a date range leaves it out


def test_stories_duplicates_and_rejects(capsys, newsroom: Path):
    stories = csv_rows(capsys, "stories", "--db", str(newsroom), "--since", "2026-01-12")
    assert [row.split(",")[0] for row in stories] == ["published_week", "2026-01-12", "2026-01-19"]
    duplicates = csv_rows(capsys, "duplicates", "--db", str(newsroom))
    assert [row.split(",")[:2] + row.split(",")[5:6] for row in duplicates] == [
        ["file_path", "position", "method"],
        ["/dumps/f.jsonl", "5", "exact"],
    ]
    rejects = csv_rows(capsys, "rejects", "--db", str(newsroom))
    assert rejects[1].split(",")[:5] == ["/dumps/f.jsonl", "6", "", "no_article", "a tag page"]


def test_list_names_every_report(capsys):
    code, out, _ = run(capsys, "report", "--list")
    assert code == 0
    for name in ("mentions_per_leader_per_week (weekly)", "co_mentions_per_week", "rejects"):
        assert name in out


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_out_writes_a_file_in_the_format_of_its_suffix(capsys, newsroom, tmp_path, fmt):
    out = tmp_path / f"weekly.{fmt}"
    code, stdout, err = run(capsys, "report", "weekly", "--db", str(newsroom), "--out", str(out))
    assert (code, stdout, err) == (0, "", f"wrote 4 rows to {out}\n")
    if fmt == "json":
        frame = pl.DataFrame(json.loads(out.read_text()))
    else:
        frame = pl.read_csv(out) if fmt == "csv" else pl.read_parquet(out)
    assert frame["mentions"].to_list() == [3, 1, 2, 1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["nope"],
            "unknown report 'nope'; use one of: mentions_per_leader_per_week, "
            "leaders_in_office_per_week, "
            "leader_share_of_voice_per_week, co_mentions_per_week, mentions_per_site, "
            "mention_contexts, articles_per_site_per_day, stories, duplicates, rejects, "
            "refused_canonicals, weekly",
        ),
        (["--db", "{db}"], "name a report; `kabar report --list` shows them"),
        (
            ["weekly", "--leader", "Melania Trump"],
            "no leader is called 'Melania Trump' in this database; `kabar leaders list` shows the names",
        ),
        (["rejects", "--leader", "putin"], "report 'rejects' has no leader column; drop --leader"),
        (
            ["mentions_per_site", "--since", "2026-01-01"],
            "report 'mentions_per_site' has no date column; drop --since and --until",
        ),
        (
            ["stories", "--until", "13/01/2026"],
            "--until '13/01/2026' is not a date; use YYYY-MM-DD",
        ),
        (
            ["weekly", "--format", "parquet"],
            "--format parquet writes a file; add --out FILE.parquet",
        ),
        (
            ["weekly", "--format", "xml"],
            "unknown format 'xml'; use one of: table, csv, json, parquet",
        ),
        (
            ["weekly", "--out", "{tmp}/w.txt"],
            "cannot tell the format of {tmp}/w.txt from its name; add --format csv, json or parquet",
        ),
        (
            ["weekly", "--format", "table", "--out", "{tmp}/w.csv"],
            "a table is for the terminal; write csv, json or parquet with --out",
        ),
        (
            ["weekly", "--out", "{tmp}/no/w.csv"],
            "{tmp}/no/w.csv: folder {tmp}/no does not exist; create it or pick another",
        ),
    ],
)
def test_report_errors_say_what_to_do(capsys, newsroom, tmp_path, argv, message):
    names = {"db": str(newsroom), "tmp": str(tmp_path)}
    argv = [arg.format(**names) for arg in argv]
    if "--db" not in argv:
        argv += ["--db", str(newsroom)]
    code, out, err = run(capsys, "report", *argv)
    assert (code, out, err) == (2, "", f"kabar: {message.format(**names)}\n")


def test_a_database_without_a_newer_view_says_how_to_get_it(capsys, newsroom: Path):
    con = open_store(newsroom)
    con.execute("drop view co_mentions_per_week")
    con.close()
    code, _, err = run(capsys, "report", "co_mentions_per_week", "--db", str(newsroom))
    assert (code, err) == (
        2,
        f"kabar: {newsroom} has no view co_mentions_per_week yet (an older Kabar made it); "
        f"the next `kabar ingest ... --db {newsroom}` adds it\n",
    )
