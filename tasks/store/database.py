"""The DuckDB store: opening it, and every read and write the ingest makes."""

from __future__ import annotations

import logging
import os
import shutil
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import polars as pl
import psutil

from tasks.errors import KabarError
from tasks.settings import TZ_ENV
from tasks.store.sql import build_models, sql_text

logger = logging.getLogger(__name__)
T = TypeVar("T")

LEADERS_VERSION_KEY = "leaders_version"
# The version of the stored terms in office (and leaders' countries): no recount when it changes.
TERMS_VERSION_KEY = "terms_version"
NEAR_THRESHOLD_KEY = "near_threshold"
# DuckDB's working memory in a writing process: enough for a batch's joins against a store of
# millions of articles (larger joins spill to disk); without a cap DuckDB keeps every block it
# has read cached, and the writer would grow with the store. 64 MB made a 200,000-page ingest
# fail ("Out of Memory", 78 MB cap) after ~80,000 records: part of what a batch writes is held
# in memory until it commits.
WRITER_MEMORY = 128 << 20
# On top of it, room for the primary-key indexes: DuckDB holds the index of a table in memory
# while rows are added to it, and fails the write when the indexes do not fit under the cap.
# Measured 40 bytes a key in a store's indexes (87 for file hashes; ~0.5 MB at least per
# index), up to ~110 bytes a key while a million 64-character keys take new rows. A store has
# about three keys per record (sql/indexed_rows.sql counts them).
INDEX_BYTES_PER_ROW = 64
# DuckDB's working memory while a batch looks for its copies among the stored articles. That
# read-only query scans the stored band keys and signatures; DuckDB keeps every block it reads
# cached up to the cap, so the writer's memory would follow the size of the store. Under this
# cap it evicts as it reads and the blocks come back from the operating system's file cache.
# The query runs on one thread, its joins in the order written (sql/load/stored_candidates.sql):
# so it needed 28 MB for batches of 465-700 articles against 196,000 stored ones (50,000-62,000
# candidate pairs), and 36 MB for 930-1,400 articles (105,000-153,000 pairs); in DuckDB's own
# join order, on two threads, 64-96 MB.
SCAN_MEMORY = 48 << 20
# The ingest checkpoints between batches once the write-ahead log has reached this size (the
# size at which DuckDB would checkpoint on its own).
CHECKPOINT_WAL = 16 << 20

# The writer connection of each running ingest, by run id. Prefect keeps a task's parameters in
# the task run's context, and copies of that context taken on Prefect's event-loop thread (its
# event and log senders) outlive the run: a connection passed to a task as a parameter stayed
# referenced until the interpreter's exit, where DuckDB's bindings reported it, and every type
# of theirs, as leaked. Tasks are given the run id and find the connection here instead.
_run_writers: dict[str, duckdb.DuckDBPyConnection] = {}


def register_writer(run_id: str, con: duckdb.DuckDBPyConnection) -> None:
    """Make `con` the writer that `run_writer(run_id)` returns, until `release_writer`."""
    _run_writers[run_id] = con


def run_writer(run_id: str) -> duckdb.DuckDBPyConnection:
    """The writer connection of a running ingest."""
    return _run_writers[run_id]


def release_writer(run_id: str) -> None:
    """Forget a run's writer, so that closing it lets the connection object go."""
    _run_writers.pop(run_id, None)


def working_path(db: str | Path) -> Path:
    """The writer's own database beside the analysts' one: `news.duckdb` → `news.work.duckdb`."""
    path = Path(db)
    return path.with_name(f"{path.stem}.work{path.suffix or '.duckdb'}")


def open_writer(db: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the working database behind `db` for writing, creating it from `db` if only that exists.

    Analysts read `db`; writers never open it, so a long analyst session and a scheduled run
    never meet on one file. `publish` replaces `db` with the working database's state.
    """
    path = Path(db)
    if not path.parent.exists():
        raise KabarError(
            f"{path}: folder {path.parent} does not exist; create it or pick another --db"
        )
    work = working_path(path)
    if not work.exists() and path.exists():
        shutil.copyfile(db, work)
    try:
        con = open_store(work)
    except KabarError as error:
        if "in use" in str(error):
            raise KabarError(
                f"{path} is being written by another Kabar process; "
                "wait for it to finish and try again"
            ) from error
        raise
    cap_memory(con)
    return con


def cap_memory(con: duckdb.DuckDBPyConnection, working: int = WRITER_MEMORY) -> int:
    """Cap DuckDB's memory on this connection's database at `working` bytes plus room for the
    store's primary-key indexes, and return the cap. Call again as the store grows."""
    limit = memory_cap(con, working)
    set_memory_limit(con, limit)
    return limit


def scan_limit(con: duckdb.DuckDBPyConnection) -> int:
    """SCAN_MEMORY beyond the indexes DuckDB holds now."""
    return SCAN_MEMORY + int(query(con, "load/store_memory")["index_memory_bytes"][0])


def memory_cap(con: duckdb.DuckDBPyConnection, working: int = WRITER_MEMORY) -> int:
    """`working` bytes plus room for the store's primary-key indexes as they are now."""
    indexed_rows = int(query(con, "store/indexed_rows")["indexed_rows"][0])
    return working + INDEX_BYTES_PER_ROW * indexed_rows


def set_memory_limit(con: duckdb.DuckDBPyConnection, limit: int) -> None:
    execute(con, "store/set_memory_limit", memory_limit=f"{limit >> 10}KiB")


@contextmanager
def memory_limited(con: duckdb.DuckDBPyConnection, limit: int) -> Iterator[None]:
    """DuckDB's memory limited to `limit` bytes for the block (lowering it evicts cached blocks
    at once), then at the writer's cap again. If the block fails inside a transaction, DuckDB
    refuses even a setting until the rollback: the block's own error is the one reported, and
    the writer's cap is set again before its next batch."""
    writer = memory_cap(con)  # counted first: the block's limit may not leave room to count
    set_memory_limit(con, limit)
    try:
        yield
    except BaseException:
        with suppress(duckdb.Error):
            set_memory_limit(con, writer)
        raise
    set_memory_limit(con, writer)


def scan(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    """Run the read-only query `sql/<name>.sql` on one thread, its joins in the order written,
    with DuckDB's memory kept lean (`leanly`). Call it outside a transaction, which a failed
    statement would abort."""
    with planned_as_written(con):
        return leanly(con, name, lambda: query(con, name, **params))


def leanly(con: duckdb.DuckDBPyConnection, name: str, run: Callable[[], T]) -> T:
    """Run the statement `name` (by `run`) with DuckDB's memory limited to SCAN_MEMORY beyond
    the indexes it holds now, then at the writer's cap again. A statement that needs more runs
    again under the writer's cap: a slower batch, never a failed one. Lowering the limit also
    drops what earlier statements left cached (the last batch's writes, file look-ups), so that
    does not pile up between batches either."""
    try:
        with memory_limited(con, scan_limit(con)):
            return run()
    except duckdb.OutOfMemoryException:
        logger.info("%s needed over %d MB; ran it again with more", name, SCAN_MEMORY >> 20)
        return run()


@contextmanager
def planned_as_written(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Queries of the block run on one thread, their joins in the order their SQL writes them;
    then as before. On the writer the extraction workers already keep every core busy, so a
    second DuckDB thread would mostly add its own buffers."""
    before = query(con, "store/planner_settings").row(0, named=True)
    execute(
        con, "store/set_planner", threads=1, disabled_optimizers="join_order,build_side_probe_side"
    )
    try:
        yield
    finally:
        execute(con, "store/set_planner", **before)


def defer_checkpoints(con: duckdb.DuckDBPyConnection) -> None:
    """Leave this connection's checkpoints to `checkpoint_if_due`. DuckDB checkpoints on its
    own inside the commit that takes its log past 16 MB, with the batch's frames still held and
    its cache free to fill up to the writer's cap: at 200,000 stored articles such a commit
    took the writer 10-86 MB above where it started (5 checkpoints in 36 batches)."""
    execute(con, "load/defer_checkpoints", threshold="1TiB")


def checkpoint_if_due(con: duckdb.DuckDBPyConnection) -> bool:
    """Write the log into the database file once it has reached CHECKPOINT_WAL, under the
    lean limit (`leanly`); True when it did. Call it between batches.

    Within a checkpoint DuckDB cannot fall back: running out of memory there invalidates the
    database for the rest of the process. On the 200,000-article store a checkpoint needed
    between 8 and 16 MB beyond the indexes; the lean limit leaves SCAN_MEMORY (48 MB). Should
    one still run out, the run stops with what to do: the batches committed so far are in the
    log, which DuckDB replays when the store is next opened."""
    if log_bytes(con) < CHECKPOINT_WAL:
        return False
    try:
        leanly(con, "load/checkpoint", lambda: execute(con, "load/checkpoint"))
    except duckdb.FatalException as error:
        raise KabarError(
            f"DuckDB ran out of memory writing its log into the store: {error}. Every batch "
            "committed so far is kept in the log; run the same command again to go on"
        ) from error
    return True


def log_bytes(con: duckdb.DuckDBPyConnection) -> int:
    """Bytes in the write-ahead log beside the connection's database file (0 when none)."""
    database = Path(query(con, "load/database_file")["path"][0])
    log = database.with_name(f"{database.name}.wal")
    return log.stat().st_size if log.exists() else 0


def publish(con: duckdb.DuckDBPyConnection, db: str | Path) -> None:
    """Atomically replace the analysts' database with the writer's committed state.

    The copy is written beside `db` and renamed over it: readers that have the old file open
    keep reading it unchanged; new readers open the new one. Nothing is ever half-written.
    """
    target = Path(db)
    execute(con, "load/checkpoint")
    work = working_path(target)
    # A copy left by a run killed while publishing: only the one writer publishes, so any
    # copy there now is stale.
    for stale in target.parent.glob(f".{target.name}.*.publishing"):
        stale.unlink(missing_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}.publishing")
    try:
        shutil.copyfile(work, staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def connect_reader(db: str | Path, directories: Sequence[Path] = ()) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the analysts' database (that may write in `directories`)."""
    return connect(db, read_only=True, directories=directories)


def connect(
    db: str | Path, read_only: bool = False, directories: Sequence[Path] = ()
) -> duckdb.DuckDBPyConnection:
    """Open the database, turning DuckDB's errors into messages that say what to do.

    The connection can touch no file but the database and the given `directories`.
    """
    path = Path(db)
    if read_only and not path.exists():
        raise KabarError(f"{path}: no such database; run `kabar ingest PATH --db {path}` first")
    if not read_only and not path.parent.exists():
        raise KabarError(
            f"{path}: folder {path.parent} does not exist; create it or pick another --db"
        )
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as error:
        message = str(error)
        if "lock" in message.lower():
            raise KabarError(
                f"{path} is in use by another Kabar process; wait for it to finish and try again"
            ) from error
        raise KabarError(f"cannot open database {path}: {message.splitlines()[0]}") from error
    execute(con, "store/session", time_zone=analyst_time_zone())
    execute(con, "store/lockdown", directories=[f"{Path(d).resolve()}/" for d in directories])
    return con


def analyst_time_zone() -> str:
    """The zone weekly and daily models use: $KABAR_TZ, UTC by default."""
    zone = os.environ.get(TZ_ENV) or "UTC"
    if zone not in _time_zones():
        raise KabarError(f"{TZ_ENV}={zone} is not a time zone; use a name like Asia/Jakarta or UTC")
    return zone


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def open_store(db: str | Path) -> duckdb.DuckDBPyConnection:
    """Open the database for writing, creating or updating its tables and views."""
    con = connect(db)
    try:
        build_models(con)
        # Imported here: the upgrade reads and writes through this module's helpers.
        from tasks.store.upgrade import upgrade_story_keys

        upgrade_story_keys(con)
    except duckdb.Error as error:
        con.close()
        raise KabarError(f"cannot prepare database {db}: {error}") from error
    return con


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    """Run `sql/<name>.sql` with bound parameters and return the rows as a frame."""
    return con.sql(sql_text(name), params=params or None).pl()


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    """Run the statements of `sql/<name>.sql`, each with the parameters it names."""
    for statement in con.extract_statements(sql_text(name)):
        bound = {key: params[key] for key in statement.named_parameters}
        con.execute(statement, bound or None)


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, **frames: pl.DataFrame) -> Iterator[None]:
    """Make frames visible to SQL under the given names for the duration of the block."""
    for name, frame in frames.items():
        con.register(name, frame.to_arrow())
    try:
        yield
    finally:
        for name in frames:
            # In a failed transaction DuckDB refuses even this; the next register replaces it.
            with suppress(duckdb.TransactionException):
                con.unregister(name)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: commit when the block ends, roll back if it raises."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


def completed_files(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Ids of input files already read to the end."""
    return set(query(con, "load/completed_files")["file_id"].to_list())


def done_positions(con: duckdb.DuckDBPyConnection) -> Callable[[str], set[int]]:
    """A look-up of the record positions of a file that are already in the ledger.

    A file's row is written with its first records, so only files a run began and did not
    finish can have any: the ledger, which has no index on files, is scanned for those alone
    rather than once for every new file (a scan that grows with the store)."""
    unfinished = set(query(con, "load/unfinished_files")["file_id"].to_list())

    def positions(file_id: str) -> set[int]:
        if file_id not in unfinished:
            return set()
        return set(query(con, "load/done_positions", file_id=file_id)["position"].to_list())

    return positions


def get_state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = query(con, "load/get_state", key=key)
    return rows["value"][0] if rows.height else None


def set_state(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    execute(con, "load/set_state", key=key, value=value)


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: datetime,
    paths: list[str],
    leaders_version: str,
) -> None:
    execute(
        con,
        "load/start_run",
        run_id=run_id,
        started_at=started_at,
        paths=paths,
        leaders_version=leaders_version,
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    finished_at: datetime,
    status: str,
    files_seen: int,
    files_skipped: int,
) -> dict[str, Any]:
    """Close the run with counts from the ledger and return its row."""
    execute(
        con,
        "load/finish_run",
        run_id=run_id,
        finished_at=finished_at,
        status=status,
        files_seen=files_seen,
        files_skipped=files_skipped,
    )
    return query(con, "load/run_summary", run_id=run_id).row(0, named=True)


def record_batch(con: duckdb.DuckDBPyConnection, **timing: Any) -> None:
    """Record where a loaded batch's time went, and the writer's memory after it (`run_batches`)."""
    memory = query(con, "load/store_memory").row(0, named=True)
    rss = psutil.Process().memory_info().rss
    execute(con, "load/record_batch", **timing, **memory, writer_rss_bytes=rss)


def check_writable(db: str | Path) -> None:
    """Fail early, with a message, when the database cannot be opened for writing."""
    open_writer(db).close()


def check_near_threshold(con: duckdb.DuckDBPyConnection, threshold: float) -> None:
    """Record the near-duplicate threshold of a new store; refuse another one on a used store.

    The stored LSH band keys are cut for one threshold; articles banded for another would
    never meet.
    """
    if not 0.5 <= threshold < 1.0:
        raise KabarError(f"near-duplicate threshold {threshold} is out of range; use 0.5 to 0.99")
    stored = get_state(con, NEAR_THRESHOLD_KEY)
    if stored is None:
        set_state(con, NEAR_THRESHOLD_KEY, repr(threshold))
    elif float(stored) != threshold:
        raise KabarError(
            f"this database was built with near-duplicate threshold {stored}; "
            f"ingest with --near-threshold {stored}, or into a new database"
        )
