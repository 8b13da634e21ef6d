"""The writer's DuckDB memory: a bounded working part, plus room for the primary-key indexes,
which DuckDB must hold in memory to add rows and which grow with the store."""

from __future__ import annotations

import duckdb
import pytest

from tasks import store

WORKING = 64 << 20
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
        store.execute(con, "set_memory_limit", memory_limit=f"{WORKING >> 20}MiB")
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


def rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        table: con.execute(f"select * from {table} order by all").fetchall() for table in UNKEYED
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
            con.execute("insert into mentions values (3, 'Xi Jinping', 0)")
    assert after == before
    assert not {table for (table,) in keys} & set(UNKEYED)
    assert leftovers == []
    with store.open_store(path) as con:  # opening it again changes nothing
        assert rows(con) == before
