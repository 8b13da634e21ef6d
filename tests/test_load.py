"""Placing records (article, duplicate, reject) and loading batches atomically and idempotently."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import polars as pl
import pytest

from tasks.dedup.similarity import estimated_jaccard, fingerprint
from tasks.read.batches import FileUpdate
from tasks.read.discover import InputFile
from tasks.read.normalise import body_fingerprint, canonical_url, record_key
from tasks.records import Article, Reason, Rejected
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.store import database as store
from tasks.store.database import query, registered
from tasks.store.load import load_batch

NOW = datetime(2026, 1, 20, 12, 0, tzinfo=UTC)
# A report long enough for its re-crawls to be compared by their text.
REPORT = (
    "Dock workers at the northern port walked out on Monday after talks over night-shift pay "
    "broke down, leaving more than forty ships waiting at anchor outside the harbour.\n\n"
    "The union said its members would stay off the quays until the operator restored the "
    "allowance it cut in the autumn, and that pickets would be held at every gate."
)
UPDATE = " The operator said it would meet union leaders again on Wednesday morning."
OTHER = (
    "The city council approved a new cycling lane along the river on Tuesday, after a year of "
    "consultations with shop owners who had feared losing parking in front of their doors."
)


def article(file_id: str, position: int, url: str | None, body: str, **extra) -> Article:
    return Article(
        file_id=file_id,
        position=position,
        url=url,
        canonical_url=canonical_url(url),
        site="example.com",
        site_name=None,
        title=extra.get("title", "A title"),
        author=None,
        published_at=extra.get("published_at", datetime(2026, 1, 14, 9, 30, tzinfo=UTC)),
        date_source="metadata",
        language=extra.get("language", "en"),
        body=body,
        body_hash=body_fingerprint(body),
        mentions=extra.get("mentions", {}),
        fingerprint=fingerprint(body, DEFAULT_NEAR_THRESHOLD),
    )


def dated_article(
    position: int, published_at: datetime | None, mentions: dict[str, int]
) -> Article:
    """An article of file "f" with its own URL and body, published at the given time."""
    return article(
        "f",
        position,
        f"https://a.example/{position}",
        f"Body {position}.",
        published_at=published_at,
        mentions=mentions,
    )


def file_update(file_id: str, records: int | None) -> FileUpdate:
    return FileUpdate(InputFile(f"/dumps/{file_id}.jsonl", "jsonl", 100, file_id, False), records)


def ledger(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "select file_id, position, outcome, method, reason from records order by file_id, position"
    ).fetchall()


def test_batch_places_every_record_once(memory_db):
    outcomes = [
        article(
            "f1",
            0,
            "https://example.com/port/strike-halts-ships?utm_source=x",
            REPORT,
            mentions={"Vladimir Putin": 2},
        ),
        # The same page re-crawled after a sentence was added: a version by its URL.
        article("f1", 1, "https://www.example.com/port/strike-halts-ships", REPORT + UPDATE),
        article("f1", 2, "https://example.com/b-2", REPORT.upper().replace(".", "!")),
        Rejected("f1", 3, Reason.BAD_JSON, "Expecting value"),
        article("f1", 4, "https://example.com/c-3", OTHER),
    ]
    counts = load_batch(memory_db, "run-1", outcomes, [file_update("f1", 5)], NOW)
    assert (counts.articles, counts.duplicates, counts.rejects) == (2, 2, 1)
    assert ledger(memory_db) == [
        ("f1", 0, "article", None, None),
        ("f1", 1, "duplicate", "url", None),
        ("f1", 2, "duplicate", "exact", None),
        ("f1", 3, "reject", None, "bad_json"),
        ("f1", 4, "article", None, None),
    ]
    first_id = memory_db.execute("select article_id from records where position = 0").fetchone()[0]
    copies = memory_db.execute(
        "select canonical_id, method from article_duplicates order by all"
    ).fetchall()
    assert copies == [(first_id, "exact"), (first_id, "url")]
    # Every copy is stored; the story counts once.
    assert memory_db.execute("select count(*) from articles").fetchone() == (4,)
    assert memory_db.execute("select count(*), sum(copies) from stories").fetchone() == (2, 4)
    assert memory_db.execute("select leader, mention_count from mentions").fetchall() == [
        ("Vladimir Putin", 2)
    ]
    assert memory_db.execute("select records, completed_run_id from files").fetchall() == [
        (5, "run-1")
    ]


def test_duplicates_are_found_against_earlier_batches(memory_db):
    load_batch(memory_db, "run-1", [article("f1", 0, "https://example.com/a-1", REPORT)], [], NOW)
    load_batch(
        memory_db,
        "run-2",
        [
            article("f2", 0, "https://example.com/a-1/", REPORT + UPDATE),
            article("f2", 1, "https://other.example/z-9", REPORT.lower()),
        ],
        [],
        NOW,
    )
    assert [row[2:4] for row in ledger(memory_db)] == [
        ("article", None),
        ("duplicate", "url"),
        ("duplicate", "exact"),
    ]
    assert memory_db.execute("select count(*) from stories").fetchone() == (1,)


def test_a_chain_of_copies_points_at_the_first_article(memory_db):
    outcomes = [
        article("f1", 0, "https://a.example/1", REPORT),
        article("f1", 1, "https://b.example/2", REPORT),
        article("f1", 2, "https://b.example/2", REPORT + UPDATE),
    ]
    load_batch(memory_db, "run-1", outcomes, [], NOW)
    stories = memory_db.execute("select distinct cluster_id from article_clusters").fetchall()
    assert len(stories) == 1


def test_a_failed_batch_leaves_nothing_behind(memory_db):
    load_batch(memory_db, "run-1", [article("f1", 0, "https://a.example/1", "Body one.")], [], NOW)
    with pytest.raises(duckdb.ConstraintException):
        # Position 0 of f1 is already in the ledger: the whole batch must roll back.
        load_batch(
            memory_db,
            "run-2",
            [
                article("f1", 1, "https://a.example/2", "Body two."),
                article("f1", 0, "https://a.example/3", "Body 3."),
            ],
            [file_update("f1", 2)],
            NOW,
        )
    assert memory_db.execute("select count(*) from articles").fetchone() == (1,)
    assert memory_db.execute("select count(*) from records").fetchone() == (1,)
    assert memory_db.execute("select count(*) from files").fetchone() == (0,)


def test_file_progress_keeps_first_path_and_sets_total_once(memory_db):
    load_batch(memory_db, "run-1", [], [file_update("f1", None)], NOW)
    assert memory_db.execute("select records from files").fetchall() == [(None,)]
    load_batch(memory_db, "run-2", [], [file_update("f1", 7)], NOW)
    assert memory_db.execute(
        "select records, first_run_id, completed_run_id from files"
    ).fetchone() == (
        7,
        "run-1",
        "run-2",
    )


def test_only_unfinished_files_are_looked_up_in_the_ledger(memory_db, monkeypatch):
    # f1 was read to the end, f2 only to position 1 (a run cut short), f3 is new.
    outcomes = [
        article("f1", 0, "https://a.example/1", "Body one."),
        article("f2", 0, "https://a.example/2", "Body two."),
        Rejected("f2", 1, Reason.BAD_JSON, "Expecting value"),
    ]
    load_batch(memory_db, "run-1", outcomes, [file_update("f1", 1), file_update("f2", None)], NOW)
    scanned: list[str] = []
    run_query = store.query

    def spy(con, name, **params):
        if name == "load/done_positions":
            scanned.append(params["file_id"])
        return run_query(con, name, **params)

    monkeypatch.setattr(store, "query", spy)
    positions = store.done_positions(memory_db)
    assert (positions("f2"), positions("f3")) == ({0, 1}, set())
    assert scanned == ["f2"]


REPORT = (
    "The port authority said on Monday that container traffic rose by 12 percent in March, "
    "helped by new routes to the south. Officials expect the second terminal to open in June, "
    "after dredging work that cost 40 million. Shipping lines have asked for longer night "
    "hours, and the authority said it would decide before the summer season begins."
)


def test_stored_candidates_carry_the_signatures_similarity(memory_db):
    load_batch(memory_db, "run-1", [article("f1", 0, "https://a.example/port", REPORT)], [], NOW)
    copy = article("f2", 0, "https://b.example/ports", REPORT.replace("Monday", "Tuesday"))
    load_batch(memory_db, "run-2", [copy], [], NOW)
    (original_signature,) = memory_db.execute(
        "select signature from article_signatures where article_id = $id",
        {"id": record_key("f1", 0)},
    ).fetchone()
    (similarity,) = memory_db.execute(
        "select similarity from article_links where article_id = $id", {"id": record_key("f2", 0)}
    ).fetchone()
    assert similarity == estimated_jaccard(copy.fingerprint.signature, original_signature)
    assert DEFAULT_NEAR_THRESHOLD <= similarity < 1


def test_a_band_key_shared_by_many_unrelated_articles_brings_none_of_them(memory_db):
    # A crowded LSH bucket (boilerplate, or chance over a large store): every stored article
    # shares one band key with the new one, and none is similar to it.
    stored = [
        article("f1", i, f"https://a.example/{i}", f"Item {i}: {' '.join(['word'] * i)} end.")
        for i in range(200)
    ]
    load_batch(memory_db, "run-1", stored, [], NOW)
    new = article("f2", 0, "https://b.example/port", REPORT)
    crowded = new.fingerprint.band_keys[0]
    memory_db.execute(
        "insert into article_bands select $key, article_id from articles", {"key": crowded}
    )
    counts = load_batch(memory_db, "run-2", [new], [], NOW)
    assert counts.articles == 1 and counts.duplicates == 0
    lookups = pl.DataFrame(
        {"band_key": [crowded], "article_id": [record_key("f2", 0)], "method": ["near"]}
    )
    prints = pl.DataFrame(
        {"article_id": [record_key("f2", 0)], "signature": [list(new.fingerprint.signature)]},
        schema={"article_id": pl.Int64, "signature": pl.List(pl.UInt32)},
    )
    with registered(memory_db, batch_bands=lookups, batch_signatures=prints):
        near = query(memory_db, "load/stored_candidates", threshold=DEFAULT_NEAR_THRESHOLD)
        everything = query(memory_db, "load/stored_candidates", threshold=0.0)
    # Itself (now stored) and nothing else passes; with no threshold all 200 would come back.
    assert near["other_id"].to_list() == [record_key("f2", 0)]
    assert everything.height == 201


def test_every_field_of_an_article_and_a_reject_is_stored(memory_db):
    from dataclasses import replace

    fetched = datetime(2026, 1, 14, 10, 0, tzinfo=UTC)
    story = replace(
        article("f", 0, "https://ledger.example/2026/port?utm_source=x", "Dockers went back."),
        site_name="Daily Ledger",
        author="Staff Reporter",
        date_source="json-ld",
        language="id",
        fetched_at=fetched,
    )
    bad = Rejected("f", 1, Reason.EMPTY_RECORD, "field 'html' is empty", "https://ledger.example/x")
    load_batch(memory_db, "run-1", [story, bad], [file_update("f", 2)], NOW)
    stored = memory_db.execute(
        "select url, canonical_url, site, site_name, title, author, published_at, date_source,"
        " language, body, body_hash, fetched_at, file_id, position, run_id, ingested_at"
        " from articles"
    ).fetchall()
    assert stored == [
        (
            story.url,
            "https://ledger.example/2026/port",
            "example.com",
            "Daily Ledger",
            "A title",
            "Staff Reporter",
            story.published_at,
            "json-ld",
            "id",
            "Dockers went back.",
            story.body_hash,
            fetched,
            "f",
            0,
            "run-1",
            NOW,
        )
    ]
    rejects = memory_db.execute(
        "select position, outcome, article_id, method, reason, detail, url from records"
        " where outcome = 'reject'"
    ).fetchall()
    assert rejects == [
        (
            1,
            "reject",
            None,
            None,
            "empty_record",
            "field 'html' is empty",
            "https://ledger.example/x",
        )
    ]
