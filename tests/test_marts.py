"""The analysts' marts on small given rows: exact expected output, unit-test style.

Each test inserts raw rows (articles, their story, mention counts and spans, the leader list)
into a fresh in-memory store and compares a mart with the rows it must show. Times are given in
UTC; the session variable kabar_tz moves week and day boundaries to another zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import duckdb
import pytest

from tasks.mentions.matcher import LeaderList, MentionMatcher
from tasks.store.load import load_batch
from tests.test_load import article

LEADERS = {
    "Anwar Ibrahim": "Malaysia",
    "Hun Manet": "Cambodia",
    "Lawrence Wong": "Singapore",
    "Prabowo Subianto": "Indonesia",
}

# (article_id, story_id, site, url, canonical_url, published_at, fetched_at, language, mentions)
# Story 1 is syndicated: its canonical article 1 on a.example, a corrected re-crawl of the same
# page (7, fetched later: the story's latest text), and copies on b.example (2) and c.example (3).
# Week of 2026-01-05: stories 1, 4 and 9. Week of 2026-01-12: nothing. Week of 2026-01-19:
# stories 5 and 8 (8 names nobody). Story 6 has no date. Lawrence Wong is never named.
NEWSROOM = [
    (1, 1, "a.example", "https://a.example/summit", "2026-01-06 10:00", "2026-01-06 11:00", "en",
     {"Prabowo Subianto": 2, "Anwar Ibrahim": 1}),
    (2, 1, "b.example", "https://b.example/summit-copy", "2026-01-06 12:00", None, "en",
     {"Prabowo Subianto": 2, "Anwar Ibrahim": 1}),
    (3, 1, "c.example", "https://c.example/summit", "2026-01-07 08:00", None, "id",
     {"Prabowo Subianto": 2}),
    (7, 1, "a.example", "https://a.example/summit", "2026-01-06 10:00", "2026-01-07 09:00", "en",
     {"Prabowo Subianto": 3, "Anwar Ibrahim": 1}),
    (4, 4, "a.example", "https://a.example/port", "2026-01-08 09:00", None, "en",
     {"Prabowo Subianto": 1}),
    (9, 9, "c.example", "https://c.example/asean", "2026-01-07 12:00", None, "ms",
     {"Anwar Ibrahim": 2, "Hun Manet": 1, "Prabowo Subianto": 4}),
    (5, 5, "b.example", "https://b.example/trade", "2026-01-20 09:00", None, "en",
     {"Anwar Ibrahim": 3, "Prabowo Subianto": 2}),
    (8, 8, "b.example", "https://b.example/weather", "2026-01-21 07:00", None, "en", {}),
    (6, 6, "a.example", "https://a.example/undated", None, None, "en",
     {"Anwar Ibrahim": 1, "Prabowo Subianto": 5}),
]  # fmt: skip

MARTS_AND_KEYS = {
    "stories": ("story_id",),
    "mentions_per_leader_per_week": ("week", "leader"),
    "co_mentions_per_week": ("week", "leader_a", "leader_b"),
    "leader_share_of_voice_per_week": ("week", "leader"),
    "mentions_per_site": ("site", "leader"),
    "articles_per_site_per_day": ("site", "day"),
    "mention_contexts": ("article_id", "leader", "start_offset"),
}


def utc(text: str | None) -> datetime | None:
    """'2026-01-06 10:00' as an aware UTC datetime."""
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def add_leaders(con: duckdb.DuckDBPyConnection, leaders: dict[str, str]) -> None:
    con.executemany("insert into leaders values (?, ?)", list(leaders.items()))


def add_article(
    con: duckdb.DuckDBPyConnection,
    article_id: int,
    *,
    story_id: int | None = None,
    site: str | None = "a.example",
    url: str | None = None,
    canonical_url: str | None = None,
    published_at: str | None = "2026-01-06 10:00",
    fetched_at: str | None = None,
    language: str | None = "en",
    body: str = "Body.",
    mentions: dict[str, int] | None = None,
    spans: Sequence[tuple[str, int, int]] = (),
) -> None:
    """One stored article with its story, mention counts and mention positions."""
    con.execute(
        "insert into articles (article_id, url, canonical_url, site, published_at, language,"
        " body, body_hash, fetched_at, file_id, position, run_id, ingested_at)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'f', ?, 'run-1', '2026-02-01 00:00:00+00')",
        [
            article_id,
            url,
            canonical_url if canonical_url is not None else url,
            site,
            utc(published_at),
            language,
            body,
            f"hash-{article_id}",
            utc(fetched_at),
            article_id,
        ],
    )
    con.execute(
        "insert into article_clusters values (?, ?)",
        [article_id, story_id if story_id is not None else article_id],
    )
    for leader, count in (mentions or {}).items():
        con.execute(
            "insert into mentions (article_id, leader, mention_count) values (?, ?, ?)",
            [article_id, leader, count],
        )
    for leader, start, end in spans:
        con.execute(
            "insert into mention_spans values (?, ?, ?, ?)", [article_id, leader, start, end]
        )


@pytest.fixture
def newsroom(memory_db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The store holding LEADERS and NEWSROOM."""
    add_leaders(memory_db, LEADERS)
    for article_id, story_id, site, url, published, fetched, language, mentions in NEWSROOM:
        add_article(
            memory_db,
            article_id,
            story_id=story_id,
            site=site,
            url=url,
            published_at=published,
            fetched_at=fetched,
            language=language,
            mentions=mentions,
        )
    return memory_db


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def use_zone(con: duckdb.DuckDBPyConnection, zone: str) -> None:
    con.execute(f"set variable kabar_tz = '{zone}'")


# -- stories ---------------------------------------------------------------------------------


def test_stories_take_the_latest_text_and_count_every_copy(newsroom):
    assert rows(
        newsroom,
        "select story_id, latest_article_id, site, published_week, published_day, copies, sites"
        " from stories order by story_id",
    ) == [
        (1, 7, "a.example", date(2026, 1, 5), date(2026, 1, 6), 4, 3),
        (4, 4, "a.example", date(2026, 1, 5), date(2026, 1, 8), 1, 1),
        (5, 5, "b.example", date(2026, 1, 19), date(2026, 1, 20), 1, 1),
        (6, 6, "a.example", None, None, 1, 1),
        (8, 8, "b.example", date(2026, 1, 19), date(2026, 1, 21), 1, 1),
        (9, 9, "c.example", date(2026, 1, 5), date(2026, 1, 7), 1, 1),
    ]


# -- mentions_per_leader_per_week --------------------------------------------------------------


def test_weekly_mentions_are_dense_over_weeks_and_leaders(newsroom):
    assert rows(
        newsroom,
        "select week, leader, articles, mentions, copies from mentions_per_leader_per_week order by week, leader",
    ) == [
        # Story 1 counts once (its latest text, article 7: 3 and 1) with its 4 copies.
        (date(2026, 1, 5), "Anwar Ibrahim", 2, 3, 5),
        (date(2026, 1, 5), "Hun Manet", 1, 1, 1),
        (date(2026, 1, 5), "Lawrence Wong", 0, 0, 0),
        (date(2026, 1, 5), "Prabowo Subianto", 3, 8, 6),
        # No story at all this week: every leader still has a row, with zeros.
        (date(2026, 1, 12), "Anwar Ibrahim", 0, 0, 0),
        (date(2026, 1, 12), "Hun Manet", 0, 0, 0),
        (date(2026, 1, 12), "Lawrence Wong", 0, 0, 0),
        (date(2026, 1, 12), "Prabowo Subianto", 0, 0, 0),
        (date(2026, 1, 19), "Anwar Ibrahim", 1, 3, 1),
        (date(2026, 1, 19), "Hun Manet", 0, 0, 0),
        (date(2026, 1, 19), "Lawrence Wong", 0, 0, 0),
        (date(2026, 1, 19), "Prabowo Subianto", 1, 2, 1),
    ]


def test_weekly_mentions_of_an_empty_store_or_undated_stories_only_are_empty(memory_db):
    add_leaders(memory_db, LEADERS)
    assert rows(memory_db, "select * from mentions_per_leader_per_week") == []
    add_article(memory_db, 1, published_at=None, mentions={"Hun Manet": 2})
    assert rows(memory_db, "select * from mentions_per_leader_per_week") == []


def test_weekly_mentions_keep_a_leader_that_left_the_list(memory_db):
    add_leaders(memory_db, {"Hun Manet": "Cambodia"})
    add_article(memory_db, 1, mentions={"Hun Sen": 1})
    assert rows(
        memory_db,
        "select week, leader, articles, mentions, copies from mentions_per_leader_per_week order by leader",
    ) == [
        (date(2026, 1, 5), "Hun Manet", 0, 0, 0),
        (date(2026, 1, 5), "Hun Sen", 1, 1, 1),
    ]


# -- time zone ---------------------------------------------------------------------------------

# Sunday 2026-01-11 20:00 UTC and Monday 2026-01-12 02:00 UTC, seen from three zones.
SUNDAY_EVENING = "2026-01-11 20:00"
MONDAY_NIGHT = "2026-01-12 02:00"


@pytest.mark.parametrize(
    ("zone", "local", "days", "weeks"),
    [
        (
            "UTC",
            [datetime(2026, 1, 11, 20), datetime(2026, 1, 12, 2)],
            [date(2026, 1, 11), date(2026, 1, 12)],
            [date(2026, 1, 5), date(2026, 1, 12)],
        ),
        (
            "Asia/Jakarta",  # UTC+7: Sunday evening is already Monday morning.
            [datetime(2026, 1, 12, 3), datetime(2026, 1, 12, 9)],
            [date(2026, 1, 12), date(2026, 1, 12)],
            [date(2026, 1, 12), date(2026, 1, 12)],
        ),
        (
            "America/New_York",  # UTC-5: Monday 02:00 UTC is still Sunday night.
            [datetime(2026, 1, 11, 15), datetime(2026, 1, 11, 21)],
            [date(2026, 1, 11), date(2026, 1, 11)],
            [date(2026, 1, 5), date(2026, 1, 5)],
        ),
    ],
)
def test_staging_cuts_days_and_weeks_in_the_analysts_zone(memory_db, zone, local, days, weeks):
    add_article(memory_db, 1, published_at=SUNDAY_EVENING)
    add_article(memory_db, 2, published_at=MONDAY_NIGHT)
    use_zone(memory_db, zone)
    assert rows(
        memory_db,
        "select published_at, published_local, published_day, published_week"
        " from stg_articles order by article_id",
    ) == [
        (utc(SUNDAY_EVENING), local[0], days[0], weeks[0]),
        (utc(MONDAY_NIGHT), local[1], days[1], weeks[1]),
    ]


def test_weekly_and_daily_marts_move_with_kabar_tz(memory_db):
    add_leaders(memory_db, {"Prabowo Subianto": "Indonesia"})
    add_article(memory_db, 1, published_at=SUNDAY_EVENING, mentions={"Prabowo Subianto": 1})
    add_article(memory_db, 2, published_at="2026-01-13 09:00", mentions={"Prabowo Subianto": 2})
    weekly = "select week, leader, articles, mentions, copies from mentions_per_leader_per_week"
    share = "select week, stories, stories_naming, share from leader_share_of_voice_per_week"
    daily = "select site, day, articles from articles_per_site_per_day order by day"

    assert rows(memory_db, weekly + " order by week") == [
        (date(2026, 1, 5), "Prabowo Subianto", 1, 1, 1),
        (date(2026, 1, 12), "Prabowo Subianto", 1, 2, 1),
    ]
    assert rows(memory_db, share + " order by week") == [
        (date(2026, 1, 5), 1, 1, 1.0),
        (date(2026, 1, 12), 1, 1, 1.0),
    ]
    assert rows(memory_db, daily) == [
        ("a.example", date(2026, 1, 11), 1),
        ("a.example", date(2026, 1, 13), 1),
    ]

    use_zone(memory_db, "Asia/Jakarta")
    assert rows(memory_db, weekly) == [(date(2026, 1, 12), "Prabowo Subianto", 2, 3, 2)]
    assert rows(memory_db, share) == [(date(2026, 1, 12), 2, 2, 1.0)]
    assert rows(memory_db, daily) == [
        ("a.example", date(2026, 1, 12), 1),
        ("a.example", date(2026, 1, 13), 1),
    ]

    # Without the variable (DuckDB's own shell before `set variable`), weeks are UTC's.
    memory_db.execute("reset variable kabar_tz")
    assert rows(memory_db, weekly + " order by week")[0][0] == date(2026, 1, 5)


def test_the_duckdb_time_zone_setting_does_not_move_weeks(memory_db):
    add_article(memory_db, 1, published_at=SUNDAY_EVENING, mentions={"Hun Manet": 1})
    memory_db.execute("set TimeZone = 'Asia/Jakarta'")
    assert rows(memory_db, "select week from mentions_per_leader_per_week") == [(date(2026, 1, 5),)]


# -- co_mentions_per_week ----------------------------------------------------------------------


def test_co_mentions_pair_leaders_named_in_one_story(newsroom):
    assert rows(
        newsroom, "select * from co_mentions_per_week order by week, leader_a, leader_b"
    ) == [
        # Story 9 names all three; story 1 (latest text 3 Prabowo, 1 Anwar) names two.
        (date(2026, 1, 5), "Anwar Ibrahim", "Hun Manet", 1, 1, 2, 1, 1),
        (date(2026, 1, 5), "Anwar Ibrahim", "Prabowo Subianto", 2, 5, 3, 7, 3),
        (date(2026, 1, 5), "Hun Manet", "Prabowo Subianto", 1, 1, 1, 4, 1),
        (date(2026, 1, 19), "Anwar Ibrahim", "Prabowo Subianto", 1, 1, 3, 2, 2),
    ]


# -- leader_share_of_voice_per_week ------------------------------------------------------------


def test_share_of_voice_is_dense_and_zero_in_an_empty_week(newsroom):
    assert rows(newsroom, "select * from leader_share_of_voice_per_week order by week, leader") == [
        (date(2026, 1, 5), "Anwar Ibrahim", 3, 2, 2 / 3),
        (date(2026, 1, 5), "Hun Manet", 3, 1, 1 / 3),
        (date(2026, 1, 5), "Lawrence Wong", 3, 0, 0.0),
        (date(2026, 1, 5), "Prabowo Subianto", 3, 3, 1.0),
        (date(2026, 1, 12), "Anwar Ibrahim", 0, 0, 0.0),
        (date(2026, 1, 12), "Hun Manet", 0, 0, 0.0),
        (date(2026, 1, 12), "Lawrence Wong", 0, 0, 0.0),
        (date(2026, 1, 12), "Prabowo Subianto", 0, 0, 0.0),
        (date(2026, 1, 19), "Anwar Ibrahim", 2, 1, 0.5),
        (date(2026, 1, 19), "Hun Manet", 2, 0, 0.0),
        (date(2026, 1, 19), "Lawrence Wong", 2, 0, 0.0),
        (date(2026, 1, 19), "Prabowo Subianto", 2, 1, 0.5),
    ]


# -- mentions_per_site -------------------------------------------------------------------------


def test_mentions_per_site_count_every_stored_copy_on_each_site(newsroom):
    assert rows(newsroom, "select * from mentions_per_site order by site, leader") == [
        # Story 1 counts twice on a.example (articles 1 and 7), once each on b and c; the
        # undated article 6 counts but gives no time.
        ("a.example", "Anwar Ibrahim", 3, 3, utc("2026-01-06 10:00"), utc("2026-01-06 10:00")),
        ("a.example", "Prabowo Subianto", 4, 11, utc("2026-01-06 10:00"), utc("2026-01-08 09:00")),
        ("b.example", "Anwar Ibrahim", 2, 4, utc("2026-01-06 12:00"), utc("2026-01-20 09:00")),
        ("b.example", "Prabowo Subianto", 2, 4, utc("2026-01-06 12:00"), utc("2026-01-20 09:00")),
        ("c.example", "Anwar Ibrahim", 1, 2, utc("2026-01-07 12:00"), utc("2026-01-07 12:00")),
        ("c.example", "Hun Manet", 1, 1, utc("2026-01-07 12:00"), utc("2026-01-07 12:00")),
        ("c.example", "Prabowo Subianto", 2, 6, utc("2026-01-07 08:00"), utc("2026-01-07 12:00")),
    ]


def test_sites_without_a_name_are_grouped_as_unknown(memory_db):
    add_article(memory_db, 1, site=None, mentions={"Hun Manet": 1})
    add_article(memory_db, 2, site=None, published_at="2026-01-06 11:00")
    assert rows(memory_db, "select site, leader, articles from mentions_per_site") == [
        ("(unknown)", "Hun Manet", 1)
    ]
    assert rows(memory_db, "select site, day, articles from articles_per_site_per_day") == [
        ("(unknown)", date(2026, 1, 6), 2)
    ]


# -- articles_per_site_per_day -----------------------------------------------------------------


def test_articles_per_site_per_day(newsroom):
    assert rows(newsroom, "select * from articles_per_site_per_day order by site, day") == [
        # Articles 1 and 7 are two versions of one story that a.example published first.
        ("a.example", date(2026, 1, 6), 2, 1, 1, ["en"]),
        ("a.example", date(2026, 1, 8), 1, 1, 1, ["en"]),
        # b.example carried story 1 after a.example: not a first.
        ("b.example", date(2026, 1, 6), 1, 1, 0, ["en"]),
        ("b.example", date(2026, 1, 20), 1, 1, 1, ["en"]),
        ("b.example", date(2026, 1, 21), 1, 1, 1, ["en"]),
        ("c.example", date(2026, 1, 7), 2, 2, 1, ["id", "ms"]),
    ]


def test_articles_without_a_language_give_an_empty_list(memory_db):
    add_article(memory_db, 1, language=None)
    assert rows(memory_db, "select languages from articles_per_site_per_day") == [([],)]


# -- mention_contexts --------------------------------------------------------------------------

# Cyrillic, CJK and an emoji before the mentions: byte offsets and character offsets differ.
BODY = (
    "Рынок открылся рано 🙂 — «市场» ramai. "
    "Di Jakarta, Presiden Prabowo Subianto bertemu Anwar Ibrahim pada hari Senin! "
    "Pertemuan itu singkat。Anwar pulang sore\n"
    "Prabowo menyebut perdagangan"
)


def span(leader: str, text: str, nth: int = 1) -> tuple[str, int, int]:
    """The character offsets of the nth occurrence of text in BODY."""
    start = -1
    for _ in range(nth):
        start = BODY.index(text, start + 1)
    return leader, start, start + len(text)


def test_mention_contexts_show_the_sentence_of_each_mention(memory_db):
    spans = [
        span("Prabowo Subianto", "Prabowo Subianto"),
        span("Anwar Ibrahim", "Anwar Ibrahim"),
        span("Anwar Ibrahim", "Anwar", nth=2),
        span("Prabowo Subianto", "Prabowo", nth=2),
    ]
    add_article(
        memory_db,
        12,
        story_id=10,
        site="b.example",
        url="https://b.example/summit",
        published_at="2026-01-06 10:00",
        body=BODY,
        mentions={"Prabowo Subianto": 2, "Anwar Ibrahim": 2},
        spans=spans,
    )
    middle = "Di Jakarta, Presiden Prabowo Subianto bertemu Anwar Ibrahim pada hari Senin!"
    published = utc("2026-01-06 10:00")
    url = "https://b.example/summit"
    assert rows(
        memory_db, "select * exclude (kind) from mention_contexts order by start_offset"
    ) == [
        (12, 10, "Prabowo Subianto", 57, 73, "Prabowo Subianto", middle, published, "b.example", url),
        (12, 10, "Anwar Ibrahim", 82, 95, "Anwar Ibrahim", middle, published, "b.example", url),
        # After a full-width stop, up to (not including) the line break.
        (12, 10, "Anwar Ibrahim", 135, 140, "Anwar", "Anwar pulang sore", published, "b.example", url),
        # After the line break, up to the end of the body, which has no stop.
        (12, 10, "Prabowo Subianto", 153, 160, "Prabowo", "Prabowo menyebut perdagangan", published,
         "b.example", url),
    ]  # fmt: skip
    assert [s[1:] for s in spans] == [(57, 73), (82, 95), (135, 140), (153, 160)]


def test_mention_contexts_cut_a_long_sentence_around_the_mention(memory_db):
    body = "a " * 100 + "Prabowo" + " b" * 100 + "."
    add_article(
        memory_db,
        1,
        body=body,
        mentions={"Prabowo Subianto": 1},
        spans=[("Prabowo Subianto", 200, 207)],
    )
    ((context,),) = rows(memory_db, "select context from mention_contexts")
    assert context == body[50:357]
    assert len(context) == 150 + len("Prabowo") + 150


def test_mention_contexts_of_a_mention_at_the_very_start_and_end(memory_db):
    add_article(
        memory_db,
        1,
        body="Prabowo. Prabowo",
        mentions={"Prabowo Subianto": 2},
        spans=[("Prabowo Subianto", 0, 7), ("Prabowo Subianto", 9, 16)],
    )
    assert rows(
        memory_db, "select matched_text, context from mention_contexts order by start_offset"
    ) == [("Prabowo", "Prabowo."), ("Prabowo", "Prabowo")]


def test_mention_contexts_read_the_offsets_the_matcher_stores(memory_db, small_leaders: LeaderList):
    body = "Вчера Путин и 김정은 встретились. 习近平 did not attend; أردوغان سافر. Trump spoke."
    found = MentionMatcher(small_leaders.aliases).find(body)
    stored = article("f", 0, "https://a.example/meeting", body)
    stored.mentions = {m.leader: 1 for m in found}
    stored.mention_spans = [(m.leader, m.start, m.end) for m in found]
    load_batch(memory_db, "run-1", [stored], [], datetime(2026, 1, 20, tzinfo=UTC))
    assert rows(
        memory_db,
        "select leader, matched_text, context from mention_contexts order by start_offset",
    ) == [
        ("Vladimir Putin", "Путин", "Вчера Путин и 김정은 встретились."),
        ("Kim Jong-un", "김정은", "Вчера Путин и 김정은 встретились."),
        ("Xi Jinping", "习近平", "习近平 did not attend; أردوغان سافر."),
        ("Recep Tayyip Erdoğan", "أردوغان", "习近平 did not attend; أردوغان سافر."),
        ("Donald Trump", "Trump", "Trump spoke."),
    ]


# -- keys of every mart ------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["UTC", "Asia/Jakarta"])
@pytest.mark.parametrize(("mart", "key"), MARTS_AND_KEYS.items())
def test_every_mart_has_a_unique_not_null_key(newsroom, mart, key, zone):
    add_article(
        newsroom,
        20,
        body=BODY,
        mentions={"Prabowo Subianto": 2, "Anwar Ibrahim": 2},
        spans=[
            span("Prabowo Subianto", "Prabowo Subianto"),
            span("Anwar Ibrahim", "Anwar Ibrahim"),
            span("Anwar Ibrahim", "Anwar", nth=2),
            span("Prabowo Subianto", "Prabowo", nth=2),
        ],
    )
    use_zone(newsroom, zone)
    columns = ", ".join(key)
    nulls = " or ".join(f"{column} is null" for column in key)
    total, distinct_keys, null_keys = newsroom.execute(
        f"select count(*), count(distinct ({columns})), count(*) filter (where {nulls}) from {mart}"
    ).fetchone()
    assert total > 0
    assert (distinct_keys, null_keys) == (total, 0)
