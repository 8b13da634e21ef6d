"""SQL models: the analysts' contract (names, types, grain) on small given rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tasks.settings import ROOT
from tasks.store.database import connect_reader, open_store
from tasks.store.load import load_batch
from tasks.store.sql import model_files
from tests.test_load import REPORT, UPDATE, article, dated_article

# The columns and types of every model, as docs/models.md documents them.
MODEL_COLUMNS = {
    "stg_articles": [
        ("article_id", "BIGINT"),
        ("url", "VARCHAR"),
        ("canonical_url", "VARCHAR"),
        ("site", "VARCHAR"),
        ("title", "VARCHAR"),
        ("author", "VARCHAR"),
        ("published_at", "TIMESTAMP WITH TIME ZONE"),
        ("published_at_utc", "TIMESTAMP"),
        ("published_local", "TIMESTAMP"),
        ("published_day", "DATE"),
        ("published_week", "DATE"),
        ("has_date", "BOOLEAN"),
        ("language", "VARCHAR"),
        ("source_country", "VARCHAR"),
        ("body", "VARCHAR"),
        ("fetched_at", "TIMESTAMP WITH TIME ZONE"),
        ("ingested_at", "TIMESTAMP WITH TIME ZONE"),
    ],
    "stg_mentions": [
        ("article_id", "BIGINT"),
        ("leader", "VARCHAR"),
        ("mention_count", "BIGINT"),
        ("in_office", "BOOLEAN"),
    ],
    "stg_leader_terms": [
        ("office", "VARCHAR"),
        ("country", "VARCHAR"),
        ("role", "VARCHAR"),
        ("leader", "VARCHAR"),
        ("start_date", "DATE"),
        ("end_date", "DATE"),
        ("dates", "VARCHAR"),
        ("note", "VARCHAR"),
    ],
    "stg_site_countries": [("site", "VARCHAR"), ("country", "VARCHAR")],
    "stg_mention_spans": [
        ("article_id", "BIGINT"),
        ("leader", "VARCHAR"),
        ("start_offset", "INTEGER"),
        ("end_offset", "INTEGER"),
    ],
    "stg_leaders": [("leader", "VARCHAR"), ("country", "VARCHAR")],
    "stg_article_clusters": [("article_id", "BIGINT"), ("story_id", "BIGINT")],
    "stories": [
        ("story_id", "BIGINT"),
        ("latest_article_id", "BIGINT"),
        ("url", "VARCHAR"),
        ("site", "VARCHAR"),
        ("published_at", "TIMESTAMP WITH TIME ZONE"),
        ("published_week", "DATE"),
        ("published_day", "DATE"),
        ("published_local", "TIMESTAMP"),
        ("language", "VARCHAR"),
        ("source_country", "VARCHAR"),
        ("title", "VARCHAR"),
        ("body", "VARCHAR"),
        ("copies", "BIGINT"),
        ("sites", "BIGINT"),
    ],
    "leaders_in_office_per_week": [
        ("week", "DATE"),
        ("office", "VARCHAR"),
        ("country", "VARCHAR"),
        ("leader", "VARCHAR"),
        ("articles", "BIGINT"),
        ("mentions", "BIGINT"),
        ("copies", "BIGINT"),
    ],
    "mentions_per_leader_per_week": [
        ("week", "DATE"),
        ("leader", "VARCHAR"),
        ("articles", "BIGINT"),
        ("mentions", "BIGINT"),
        ("copies", "BIGINT"),
        ("office_mentions", "BIGINT"),
        ("metonym_mentions", "BIGINT"),
        ("articles_any", "BIGINT"),
    ],
    "stg_office_references": [
        ("article_id", "BIGINT"),
        ("leader", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("start_offset", "INTEGER"),
        ("end_offset", "INTEGER"),
    ],
    "story_office_references": [
        ("week", "DATE"),
        ("published_day", "DATE"),
        ("leader", "VARCHAR"),
        ("story_id", "BIGINT"),
        ("office_mentions", "BIGINT"),
        ("metonym_mentions", "BIGINT"),
        ("copies", "BIGINT"),
    ],
    "co_mentions_per_week": [
        ("week", "DATE"),
        ("leader_a", "VARCHAR"),
        ("leader_b", "VARCHAR"),
        ("stories", "BIGINT"),
        ("copies", "BIGINT"),
        ("mentions_a", "BIGINT"),
        ("mentions_b", "BIGINT"),
        ("joint_mentions", "BIGINT"),
    ],
    "leader_share_of_voice_per_week": [
        ("week", "DATE"),
        ("leader", "VARCHAR"),
        ("stories", "BIGINT"),
        ("stories_naming", "BIGINT"),
        ("share", "DOUBLE"),
    ],
    "mentions_per_site": [
        ("site", "VARCHAR"),
        ("leader", "VARCHAR"),
        ("articles", "BIGINT"),
        ("mentions", "BIGINT"),
        ("first_seen", "TIMESTAMP WITH TIME ZONE"),
        ("last_seen", "TIMESTAMP WITH TIME ZONE"),
    ],
    "articles_per_site_per_day": [
        ("site", "VARCHAR"),
        ("day", "DATE"),
        ("articles", "BIGINT"),
        ("stories", "BIGINT"),
        ("first_stories", "BIGINT"),
        ("languages", "VARCHAR[]"),
    ],
    "mention_contexts": [
        ("article_id", "BIGINT"),
        ("story_id", "BIGINT"),
        ("leader", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("start_offset", "INTEGER"),
        ("end_offset", "INTEGER"),
        ("matched_text", "VARCHAR"),
        ("context", "VARCHAR"),
        ("published_at", "TIMESTAMP WITH TIME ZONE"),
        ("site", "VARCHAR"),
        ("url", "VARCHAR"),
    ],
}


@pytest.mark.parametrize(("model", "expected"), MODEL_COLUMNS.items())
def test_models_have_the_documented_columns_and_types(memory_db, model, expected):
    columns = memory_db.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = ? order by ordinal_position",
        [model],
    ).fetchall()
    assert columns == expected


def test_every_model_file_is_documented():
    documented = (ROOT / "docs" / "models.md").read_text(encoding="utf-8")
    for layer in ("staging", "marts"):
        for path in model_files(layer):
            assert f"### `{path.stem}`" in documented, f"{path.stem} is not in docs/models.md"


def test_kabar_connections_cut_weeks_in_kabar_tz(db_path, monkeypatch):
    # Sunday 20:00 UTC is Monday 03:00 in Jakarta: the next week there.
    monkeypatch.setenv("KABAR_TZ", "Asia/Jakarta")
    con = open_store(db_path)
    load_batch(
        con,
        "run-1",
        [dated_article(0, datetime(2026, 1, 11, 20, 0, tzinfo=UTC), {"Joko Widodo": 1})],
        [],
        datetime(2026, 1, 20, tzinfo=UTC),
    )
    con.close()
    reader = connect_reader(db_path)
    assert reader.execute("select week from mentions_per_leader_per_week").fetchall() == [
        (date(2026, 1, 12),)
    ]
    reader.close()
    monkeypatch.delenv("KABAR_TZ")
    reader = connect_reader(db_path)
    assert reader.execute("select week from mentions_per_leader_per_week").fetchall() == [
        (date(2026, 1, 5),)
    ]
    reader.close()


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
    from tasks.read.batches import FileUpdate
    from tasks.read.discover import InputFile
    from tasks.records import Rejected

    source = InputFile("/dumps/crawl.jsonl", "jsonl", 10, "f", False)
    outcomes = [
        article("f", 0, "https://a.example/1", REPORT),
        # The page re-crawled after a sentence was added: a version, matched by its URL.
        article("f", 1, "https://a.example/1", REPORT + UPDATE),
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
