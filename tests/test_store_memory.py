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
