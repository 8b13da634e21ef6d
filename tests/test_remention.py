"""`kabar remention` and the chunked, multi-process recount behind it (correctness, not speed)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from benchmarks.dedup_scale import VOCABULARY
from tasks.mentions.matcher import MentionMatcher, Term
from tasks.store.database import open_store, registered, transaction
from tasks.store.leaders import recount_mentions
from tests.test_cli import run
from tests.test_reports import LEADER_ROWS, build_store, leader_list

NAMES = ["Vladimir Putin", "Putin", "Xi Jinping", "Xi", "Donald Trump", "Trump", "Melania Trump"]


def synthetic_bodies(count: int, seed: int = 3) -> list[str]:
    """Bodies of about 1 KB with 0 to 6 names dropped between sentences, some in other scripts."""
    rng = random.Random(seed)
    bodies = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(8, 14)):
            words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 16)))
            parts.append(f"{words.capitalize()}.")
            if rng.random() < 0.3:
                parts.append(f"{rng.choice(NAMES)} said so.")
        if rng.random() < 0.05:
            parts.append("Путин и 习近平 встретились.")
        bodies.append(" ".join(parts))
    return bodies


def store_bodies(db: Path, bodies: list[str]) -> None:
    """Articles with these bodies, added straight to the articles table (no dedup needed)."""
    frame = pl.DataFrame(
        {
            "article_id": range(len(bodies)),
            "body": bodies,
            "body_hash": [str(i) for i in range(len(bodies))],
            "file_id": "synthetic",
            "position": range(len(bodies)),
            "run_id": "test",
            "ingested_at": datetime(2026, 1, 1, tzinfo=UTC),
        }
    )
    con = open_store(db)
    with registered(con, new_articles=frame):
        con.execute("insert into articles by name select * from new_articles")
    con.close()


def expected_counts(bodies: list[str], matcher: MentionMatcher) -> tuple[Counter, Counter]:
    counts: Counter = Counter()
    spans: Counter = Counter()
    for article_id, body in enumerate(bodies):
        for mention in matcher.find(body):
            counts[(article_id, mention.leader)] += 1
            spans[(article_id, mention.leader, mention.start, mention.end)] += 1
    return counts, spans


def stored_counts(con: duckdb.DuckDBPyConnection) -> tuple[Counter, Counter]:
    counts = Counter(
        {
            (a, leader): n
            for a, leader, n in con.execute(
                "select article_id, leader, mention_count from mentions"
            ).fetchall()
        }
    )
    spans = Counter(con.execute("select * from mention_spans").fetchall())
    return counts, spans


@pytest.mark.parametrize(("workers", "chunk", "piece"), [(0, 700, 300), (2, 1000, 250)])
def test_chunked_recount_matches_counting_each_body(db_path: Path, workers, chunk, piece):
    """A few thousand articles across chunks, pieces and worker processes: same rows as one by one."""
    bodies = synthetic_bodies(3000)
    store_bodies(db_path, bodies)
    aliases = leader_list(
        [
            *LEADER_ROWS,
            ("Vladimir Putin", "Russia", "Путин", "name"),
            ("Xi Jinping", "China", "习近平", "name"),
        ]
    ).aliases
    con = open_store(db_path)
    con.execute(
        "insert into mentions (article_id, leader, mention_count) values (0, 'Stale Leader', 9)"
    )
    with transaction(con):
        recount = recount_mentions(con, aliases, workers, chunk_size=chunk, piece_size=piece)
    counts, spans = expected_counts(bodies, MentionMatcher(aliases))
    assert stored_counts(con) == (counts, spans)
    con.close()
    assert recount.articles == 3000
    assert (recount.mentions, recount.spans) == (len(counts), sum(spans.values()))
    # Many bodies name leaders, some in other scripts, and some name nobody.
    assert 1000 < len({article_id for article_id, _ in counts}) < 3000
    assert any(leader == "Xi Jinping" and start > 0 for _, leader, start, _ in spans)


def test_remention_after_a_leaders_change_recounts_and_publishes(capsys, db_path: Path):
    store = build_store(db_path)
    con = open_store(store)
    con.execute("delete from leader_aliases where alias = 'Trump'")
    con.close()
    assert out_rows(capsys, store) == ["2026-01-12,Donald Trump,1,1,1,0,1"]
    code, _, err = run(capsys, "remention", "--db", str(store), "--workers", "0")
    assert code == 0
    assert err.startswith(
        f"{store}: recounted 6 articles with 3 leaders: 7 article-leader counts, 10 mentions, "
    )
    # Article 2 said "Trump called him": with the alias gone, Trump is named only where undated.
    assert out_rows(capsys, store) == []
    with duckdb.connect(str(store), read_only=True) as published:
        assert published.execute(
            "select sum(mention_count) from mentions where leader = 'Donald Trump'"
        ).fetchall() == [(1,)]


def out_rows(capsys, store: Path) -> list[str]:
    code, out, _ = run(
        capsys,
        "report",
        "weekly",
        "--db",
        str(store),
        "--leader",
        "donald trump",
        "--format",
        "csv",
    )
    assert code == 0
    return out.splitlines()[1:]


def test_remention_errors(capsys, tmp_path: Path):
    missing = tmp_path / "none.duckdb"
    code, _, err = run(capsys, "remention", "--db", str(missing))
    assert (code, err) == (
        2,
        f"kabar: {missing}: no such database; run `kabar ingest PATH --db {missing}` first\n",
    )
    empty = tmp_path / "empty.duckdb"
    open_store(empty).close()
    code, _, err = run(capsys, "remention", "--db", str(empty))
    assert (code, err) == (
        2,
        f"kabar: {empty} has no leader list yet; add one with `kabar leaders import FILE --db {empty}`\n",
    )


def test_a_recount_gives_a_titled_shared_surname_to_the_one_in_office_on_the_article_s_day(
    tmp_path: Path,
):
    # Two presidents share a surname; a recount reads each article's day from the store.
    bushes = leader_list(
        [
            ("George W. Bush", "United States", "George W. Bush", "name"),
            ("George W. Bush", "United States", "Bush", "ambiguous"),
            ("George H. W. Bush", "United States", "George H. W. Bush", "name"),
            ("George H. W. Bush", "United States", "Bush", "ambiguous"),
        ]
    )
    terms = [
        Term("President of the United States", "United States", "head_of_state_and_government",
             person, start, end)
        for person, start, end in (
            ("George H. W. Bush", date(1989, 1, 20), date(1993, 1, 20)),
            ("George W. Bush", date(2001, 1, 20), date(2009, 1, 20)),
        )
    ]  # fmt: skip
    db_path = tmp_path / "bushes.duckdb"
    body = "President Bush met the visiting premier. Mr Bush said the talks went well."
    store_bodies(db_path, [body, body, body])
    con = open_store(db_path)
    days = [datetime(1991, 3, 1, 9, tzinfo=UTC), datetime(2006, 3, 1, 9, tzinfo=UTC), None]
    for article_id, published_at in enumerate(days):
        con.execute(
            "update articles set published_at = ? where article_id = ?", [published_at, article_id]
        )
    with transaction(con):
        recount_mentions(con, bushes.aliases, 0, terms=terms)
    counts, _ = stored_counts(con)
    con.close()
    assert counts == Counter({(0, "George H. W. Bush"): 2, (1, "George W. Bush"): 2})
