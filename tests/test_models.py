"""SQL models: the analysts' contract (names, types, grain) on small given rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tasks.load import load_batch
from tests.test_load import article, dated_article


def test_weekly_view_has_the_documented_columns_and_types(memory_db):
    columns = memory_db.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = 'mentions_per_leader_per_week' order by ordinal_position"
    ).fetchall()
    assert columns == [
        ("week", "DATE"),
        ("leader", "VARCHAR"),
        ("articles", "BIGINT"),
        ("mentions", "BIGINT"),
        ("copies", "BIGINT"),
    ]


def test_weekly_grain_week_boundaries_and_undated_articles(memory_db):
    # Sunday 23:30 UTC is still the week of Monday 2026-01-05, whatever the session zone.
    outcomes = [
        dated_article(0, datetime(2026, 1, 11, 23, 30, tzinfo=UTC), {"Joko Widodo": 2}),
        dated_article(1, datetime(2026, 1, 12, 0, 0, tzinfo=UTC), {"Joko Widodo": 1}),
        dated_article(2, None, {"Joko Widodo": 5}),
    ]
    load_batch(memory_db, "run-1", outcomes, [], datetime(2026, 1, 20, tzinfo=UTC))
    memory_db.execute("set TimeZone = 'Asia/Jakarta'")
    rows = memory_db.execute(
        "select week, leader, articles, mentions from mentions_per_leader_per_week order by week"
    ).fetchall()
    assert rows == [
        (date(2026, 1, 5), "Joko Widodo", 1, 2),
        (date(2026, 1, 12), "Joko Widodo", 1, 1),
    ]
    undated = memory_db.execute("select count(*) from stg_articles where not has_date").fetchone()
    assert undated == (1,)


def test_rejects_and_duplicates_views_show_file_paths(memory_db):
    from tasks.batches import FileUpdate
    from tasks.discover import InputFile
    from tasks.records import Rejected

    source = InputFile("/dumps/crawl.jsonl", "jsonl", 10, "f", False)
    outcomes = [
        article("f", 0, "https://a.example/1", "Body."),
        article("f", 1, "https://a.example/1", "Body again."),
        Rejected("f", 2, "bad_json", "Expecting value", None),
    ]
    load_batch(
        memory_db, "run-1", outcomes, [FileUpdate(source, 3)], datetime(2026, 1, 20, tzinfo=UTC)
    )
    assert memory_db.execute("select file_path, position, reason from rejects").fetchall() == [
        ("/dumps/crawl.jsonl", 2, "bad_json")
    ]
    assert memory_db.execute("select file_path, position, method from duplicates").fetchall() == [
        ("/dumps/crawl.jsonl", 1, "url")
    ]
