"""The writer's DuckDB memory: a bounded working part, plus room for the primary-key indexes,
which DuckDB must hold in memory to add rows and which grow with the store."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import duckdb
import polars as pl
import pytest

from benchmarks.dedup_scale import new_articles, synthesise_store
from tasks.errors import KabarError
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.store import database as store
from tasks.store.load import BAND_SCHEMA, SIGNATURE_SCHEMA, load_batch

WORKING = 64 << 20
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# A ledger of file hashes and positions, as ingests write it.
FILL_LEDGER = """
insert into records (file_id, position, run_id, outcome, reason)
select sha256(($offset + i)::varchar), i, 'run', 'reject', 'no_article'
from range($rows) as t(i)
"""


def ledger(tmp_path, rows: int) -> duckdb.DuckDBPyConnection:
    con = store.open_writer(tmp_path / "news.duckdb")
    con.execute("set memory_limit = '2GB'")
    con.execute(FILL_LEDGER, {"offset": 0, "rows": rows})
    con.execute("checkpoint")
    return con


def test_the_cap_grows_with_the_keys_of_the_store(tmp_path):
    with ledger(tmp_path, 10_000) as con:
        small = store.cap_memory(con, WORKING)
        assert small >= WORKING + 10_000 * store.INDEX_BYTES_PER_ROW
        con.execute(FILL_LEDGER, {"offset": 10_000, "rows": 2_000})
        assert store.cap_memory(con, WORKING) - small == 2_000 * store.INDEX_BYTES_PER_ROW


def test_a_store_whose_indexes_outgrow_the_working_memory_still_takes_new_rows(tmp_path):
    # A million keys: the ledger's index (~60 MB) does not fit in the working memory alone.
    with ledger(tmp_path, 1_000_000) as con:
        # New files' hashes spread over the whole index, so all of it is loaded.
        store.execute(con, "store/set_memory_limit", memory_limit=f"{WORKING >> 20}MiB")
        with pytest.raises((duckdb.OutOfMemoryException, duckdb.TransactionException)):
            con.execute(FILL_LEDGER, {"offset": 5_000_000, "rows": 5_000})
        store.cap_memory(con, WORKING)
        con.execute(FILL_LEDGER, {"offset": 5_000_000, "rows": 5_000})
        con.execute("checkpoint")
        (rows,) = con.execute("select count(*) from records").fetchone()
    assert rows == 1_005_000


# The three tables as stores made before kept them: with primary keys that restate what the
# loader guarantees, and whose indexes the writer had to hold in memory.
KEYED_TABLES = """
create table article_signatures (
    article_id bigint primary key, signature uinteger[] not null, numbers varchar[] not null
);
create table article_clusters (article_id bigint primary key, cluster_id bigint not null);
create table mentions (
    article_id bigint not null,
    leader varchar not null,
    mention_count integer not null check (mention_count > 0),
    primary key (article_id, leader)
);
insert into article_signatures values (1, [7, 8], []), (2, [7, 9], ['2024']);
insert into article_clusters values (1, 1), (2, 1);
insert into mentions values (1, 'Joko Widodo', 2), (2, 'Joko Widodo', 1), (2, 'Xi Jinping', 3);
"""
UNKEYED = ("article_signatures", "article_clusters", "mentions")


# The columns the older store had: mentions has gained in_office since.
COLUMNS = {"mentions": "article_id, leader, mention_count"}


def rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        table: con.execute(f"select {COLUMNS.get(table, '*')} from {table} order by all").fetchall()
        for table in UNKEYED
    }


def test_an_older_store_loses_the_keys_that_restate_the_loader_and_keeps_its_rows(tmp_path):
    path = tmp_path / "news.work.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(KEYED_TABLES)
        before = rows(con)

    with store.open_store(path) as con:
        after = rows(con)
        keys = con.execute(
            "select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY'"
        ).fetchall()
        leftovers = con.execute(
            "select table_name from duckdb_tables() where table_name like '%keyed'"
        ).fetchall()
        with pytest.raises(duckdb.ConstraintException):  # the columns' own checks stay
            con.execute("insert into mentions values (3, 'Xi Jinping', 0, null)")
    assert after == before
    assert not {table for (table,) in keys} & set(UNKEYED)
    assert leftovers == []
    with store.open_store(path) as con:  # opening it again changes nothing
        assert rows(con) == before


def stored_articles(tmp_path, size: int) -> duckdb.DuckDBPyConnection:
    """A writer's connection to a store of `size` articles, each with its band keys and
    signature (the rows a batch's copies are looked for among), capped as ingests cap it."""
    path = tmp_path / "news.duckdb"
    synthesise_store(store.working_path(path), size)
    return store.open_writer(path)


def duckdb_memory(con: duckdb.DuckDBPyConnection) -> int:
    return int(store.query(con, "load/store_memory")["store_memory_bytes"][0])


def writer_cap_is_set(con: duckdb.DuckDBPyConnection) -> bool:
    """True when DuckDB's limit is the writer's cap for the store as it is now."""
    limit = store.query(con, "store/memory_limit")["memory_limit"][0]
    store.cap_memory(con)
    return store.query(con, "store/memory_limit")["memory_limit"][0] == limit


SCAN_MEMORY = store.SCAN_MEMORY


@pytest.mark.parametrize("scan_memory", [SCAN_MEMORY, 1 << 30])
def test_looking_for_copies_leaves_no_more_cached_than_the_scan_cap(
    tmp_path, monkeypatch, scan_memory
):
    # The candidate query reads every stored band key; uncapped, DuckDB keeps them all cached
    # and the writer grows with the store. The 1 GB case shows the test can tell.
    monkeypatch.setattr(store, "SCAN_MEMORY", scan_memory)
    with stored_articles(tmp_path, 300_000) as con:
        store.cap_memory(con)
        counts = load_batch(con, "run", new_articles(200, seed=5), [], NOW)
        used = duckdb_memory(con)
        indexes = int(store.query(con, "load/store_memory")["index_memory_bytes"][0])
        assert writer_cap_is_set(con)
    assert counts.records == 200
    # Beyond the scan's cap: the indexes and the blocks the batch's rows went into.
    bound = SCAN_MEMORY + indexes + (8 << 20)
    assert used < bound if scan_memory == SCAN_MEMORY else used > bound


SHARED_BY = 130  # stored articles behind one band key of each batch article


def widely_shared_band_keys(
    con: duckdb.DuckDBPyConnection, articles: int = 465
) -> dict[str, pl.DataFrame]:
    """A batch whose articles each have one band key shared by SHARED_BY stored articles, as
    sites that reuse sentence templates make them (465 articles: 60,450 candidate pairs, one of
    them a copy), and 33 keys no stored article has. Returns the batch's frames, as the loader
    registers them."""
    rng = random.Random(4)
    batch = range(10_000_000, 10_000_000 + articles)
    shared = pl.DataFrame(
        [
            {"band_key": -1 - index, "article_id": stored}
            for index in range(articles)
            for stored in range(index * SHARED_BY, (index + 1) * SHARED_BY)
        ],
        schema=BAND_SCHEMA,
    )
    with store.registered(con, shared=shared):
        con.execute("insert into article_bands select * from shared")
    bands = [
        {"band_key": key, "article_id": article_id, "method": "near"}
        for index, article_id in enumerate(batch)
        for key in [-1 - index, *(-rng.getrandbits(62) - articles for _ in range(33))]
    ]
    signatures = [
        {"article_id": a, "signature": [rng.getrandbits(32) for _ in range(128)], "numbers": []}
        for a in batch
    ]
    # The first is a copy of the first stored article behind its shared key.
    ((copied,),) = con.execute(
        "select signature from article_signatures where article_id = 0"
    ).fetchall()
    signatures[0]["signature"] = copied
    return {
        "batch_bands": pl.DataFrame(bands, schema={**BAND_SCHEMA, "method": pl.String}),
        "batch_signatures": pl.DataFrame(signatures, schema=SIGNATURE_SCHEMA),
    }


def test_the_copy_lookup_fits_its_cap_when_band_keys_are_widely_shared(tmp_path, monkeypatch):
    # Measured on this store: 18 MB as written, 50-54 MB in DuckDB's order. A 32 MB cap leaves
    # both sides a margin, where the scan's own 48 MB would make the control a coin toss.
    monkeypatch.setattr(store, "SCAN_MEMORY", 32 << 20)
    with stored_articles(tmp_path, 100_000) as con:
        frames = widely_shared_band_keys(con)
        threshold = DEFAULT_NEAR_THRESHOLD
        with store.registered(con, **frames):
            expected = store.query(con, "load/stored_candidates", threshold=threshold)
            # In DuckDB's own join order every candidate pair is held with its batch signature.
            with (
                pytest.raises(duckdb.OutOfMemoryException),
                store.memory_limited(con, store.scan_limit(con)),
            ):
                store.query(con, "load/stored_candidates", threshold=threshold)
            with store.planned_as_written(con), store.memory_limited(con, store.scan_limit(con)):
                found = store.query(con, "load/stored_candidates", threshold=threshold)
            everything = store.scan(con, "load/stored_candidates", threshold=0.0)
    assert found.sort(pl.all()).equals(expected.sort(pl.all()))
    assert found.select("article_id", "other_id", "similarity").rows() == [(10_000_000, 0, 1.0)]
    assert everything.height == 465 * SHARED_BY  # every pair was compared


def test_a_scan_that_runs_out_of_its_memory_runs_again_with_the_writers(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "SCAN_MEMORY", 256 << 10)
    monkeypatch.setattr(store, "INDEX_BYTES_PER_ROW", 0)
    with ledger(tmp_path, 20_000) as con:
        store.cap_memory(con)
        limit = store.query(con, "store/memory_limit")["memory_limit"][0]
        expected = store.query(con, "bench/ingest_ledger")
        with pytest.raises(duckdb.OutOfMemoryException), store.memory_limited(con, 256 << 10):
            store.query(con, "bench/ingest_ledger")  # the join does not fit in 256 KB
        assert store.scan(con, "bench/ingest_ledger").equals(expected)
        assert store.query(con, "store/memory_limit")["memory_limit"][0] == limit


def test_between_batches_the_writer_drops_what_duckdb_cached(tmp_path):
    with stored_articles(tmp_path, 300_000) as con:
        store.cap_memory(con)
        # A full read of the stored signatures (~150 MB): DuckDB caches up to its cap.
        con.execute("select sum(signature[1]) from article_signatures").fetchall()
        cached = duckdb_memory(con)
        store.scan(con, "store/indexed_rows")  # the next batch's copy lookup starts this way
        after = duckdb_memory(con)
        assert writer_cap_is_set(con)
        assert after <= store.scan_limit(con) < cached


def commit_batches(con: duckdb.DuckDBPyConnection, batches: int, first: int = 0) -> None:
    """Commit ledger batches `first` to `first + batches` of 5,000 rows: ~0.6 MB of log each."""
    for number in range(first, first + batches):
        con.execute(FILL_LEDGER, {"offset": 10_000_000 + number * 5_000, "rows": 5_000})


@pytest.mark.parametrize("deferred", [False, True])
def test_the_ingest_checkpoints_between_batches_and_not_inside_a_commit(tmp_path, deferred):
    with ledger(tmp_path, 100_000) as con:
        store.cap_memory(con)
        if deferred:
            store.defer_checkpoints(con)
        commit_batches(con, 40)  # ~24 MB of log: DuckDB's own threshold is 16 MB
        if not deferred:  # the control: DuckDB checkpointed inside one of the commits
            assert store.log_bytes(con) < store.CHECKPOINT_WAL
            return
        assert store.log_bytes(con) > store.CHECKPOINT_WAL
        assert store.checkpoint_if_due(con)
        assert store.log_bytes(con) == 0
        assert not store.checkpoint_if_due(con)  # nothing is due until the log fills again
        commit_batches(con, 1, first=40)
        assert 0 < store.log_bytes(con) < store.CHECKPOINT_WAL
        assert not store.checkpoint_if_due(con)
        (records,) = con.execute("select count(*) from records").fetchall()[0]
    assert records == 100_000 + 41 * 5_000


def test_a_due_checkpoint_runs_under_the_scan_limit(tmp_path, monkeypatch):
    limits: list[str] = []
    execute = store.execute

    def watched(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> None:
        if name == "load/checkpoint":
            limits.append(store.query(con, "store/memory_limit")["memory_limit"][0])
        execute(con, name, **params)

    monkeypatch.setattr(store, "execute", watched)
    with ledger(tmp_path, 100_000) as con:
        store.cap_memory(con)
        store.defer_checkpoints(con)
        commit_batches(con, 40)
        with store.memory_limited(con, store.scan_limit(con)):
            lean = store.query(con, "store/memory_limit")["memory_limit"][0]
        writer = store.query(con, "store/memory_limit")["memory_limit"][0]
        assert store.checkpoint_if_due(con)
        assert writer_cap_is_set(con)
    assert limits == [lean]
    assert lean != writer


def test_a_checkpoint_that_cannot_run_lean_runs_under_the_writers_cap(tmp_path, monkeypatch):
    # Under 1 MB the limit cannot even be set: the ledger's index alone holds ~35 MB.
    monkeypatch.setattr(store, "scan_limit", lambda con: 1 << 20)
    with ledger(tmp_path, 100_000) as con:
        store.cap_memory(con)
        store.defer_checkpoints(con)
        commit_batches(con, 40)
        with pytest.raises(duckdb.OutOfMemoryException):
            store.set_memory_limit(con, store.scan_limit(con))
        store.cap_memory(con)
        assert store.checkpoint_if_due(con)
        assert store.log_bytes(con) == 0
        assert writer_cap_is_set(con)
        (records,) = con.execute("select count(*) from records").fetchall()[0]
    assert records == 100_000 + 40 * 5_000


def test_a_checkpoint_that_runs_out_stops_the_run_and_keeps_every_committed_batch(
    tmp_path, monkeypatch
):
    # 2 MB beyond the ledger's index can be set, but the checkpoint needs more. Running out
    # inside a checkpoint invalidates DuckDB's database for the rest of the process.
    monkeypatch.setattr(store, "SCAN_MEMORY", 2 << 20)
    with ledger(tmp_path, 100_000) as con:
        store.cap_memory(con)
        store.defer_checkpoints(con)
        commit_batches(con, 40)
        with pytest.raises(KabarError, match="committed so far is kept in the log; run the same"):
            store.checkpoint_if_due(con)
        with pytest.raises(duckdb.FatalException):
            con.execute("select count(*) from records").fetchall()
    with store.open_writer(tmp_path / "news.duckdb") as con:  # the log is replayed
        (records,) = con.execute("select count(*) from records").fetchall()[0]
        commit_batches(con, 1, first=40)
    assert records == 100_000 + 40 * 5_000
