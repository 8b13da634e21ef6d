"""The ingest flow: dumps in, articles, duplicates and rejects out, one transaction per batch."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

import duckdb
from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.utilities.annotations import quote

from tasks.analyse.reports import reasons_text
from tasks.errors import KabarError
from tasks.mentions.matcher import LeaderList
from tasks.mentions.registry import load_leader_source
from tasks.read.batches import Batch, batch_records, timed
from tasks.read.discover import FileCounts, check_paths, new_files
from tasks.read.shapes import parse_field_map
from tasks.read.urls import is_url, local_form
from tasks.records import Outcome, RawRecord
from tasks.run.heap import fix_mmap_threshold, trim_heap
from tasks.run.located import Located, extract_located, locate, sees_inputs
from tasks.run.pool import (
    Extracted,
    ExtractorPool,
    WorkerSetup,
    default_workers,
    even_parts,
    extract_part,
    merge_extracted,
)
from tasks.run.progress import IngestProgress
from tasks.run.runs import RunSummary
from tasks.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_NEAR_THRESHOLD,
    DEFAULT_RECORD_TIMEOUT,
    RUNNERS,
    resolve_db,
)
from tasks.store import database as store
from tasks.store.leaders import active_leaders
from tasks.store.load import BatchCounts, load_batch
from tasks.store.sites import sync_sites

logger = logging.getLogger("kabar.ingest")

# A batch whose load hits an I/O error is tried again after these pauses, then the run fails.
LOAD_RETRY_DELAYS = [1, 4, 16]
LOAD_RETRIES = len(LOAD_RETRY_DELAYS)
# Records per extraction task on a distributed runner: big enough that task overhead is noise
# (each task runs Prefect's task engine on its worker and reports to the API; 200 real pages
# are about 10 s of extraction), small enough that a batch keeps several workers busy. On 898
# real pages, parts of 64 ran at 0.85-0.92x the process runner's speed, parts of 200 at
# 0.95-0.98x.
DISTRIBUTED_PART_RECORDS = 200
# How long a run on an external cluster waits for a first worker before it checks what they see.
WORKER_WAIT_SECONDS = 60.0


@task(cache_policy=NO_CACHE)
def extract_batch(pool: ExtractorPool, batch: Batch) -> Extracted:
    """Extract a batch across the local worker processes."""
    return pool.extract(batch.to_extract)


@task(cache_policy=NO_CACHE)
def extract_records(records: list[RawRecord], setup: WorkerSetup) -> Extracted:
    """Extract part of a batch on whichever worker the task runner picks (Dask); the records
    arrive scattered to the cluster beforehand, not inside the task."""
    return extract_part(records, setup)


@task(cache_policy=NO_CACHE)
def extract_located_part(parts: list[Located], setup: WorkerSetup) -> Extracted:
    """Read part of a batch from its files and extract it, on a worker that sees them (Dask)."""
    return extract_located(parts, setup)


def _submit_extraction(
    batch: Batch, pool: ExtractorPool | None, cluster: Callable[[], ClusterView]
) -> Callable[[], Extracted]:
    """Start extracting a batch; the returned call waits for the result.

    On the default runner the batch goes to the local process pool as one task; on a
    distributed runner it goes out in parts of DISTRIBUTED_PART_RECORDS, one task each. Records
    go to local tasks `quote`d (and so to the load): otherwise Prefect walks every field of
    every record of a task's parameters looking for futures, which cost the writer more time
    than loading the batch itself. A Dask task is told where its part's records are, and its
    worker reads them; a page's bytes inside the task graph went through the scheduler with
    it (10 MB a part for large pages). Only workers that cannot see the inputs are sent the
    bytes, scattered to them ahead of the task. The leader aliases go to every worker once.
    """
    if pool is not None:
        return extract_batch.submit(pool, quote(batch)).result
    parts = even_parts(batch.to_extract, DISTRIBUTED_PART_RECORDS, cluster().slots)
    if cluster().workers_read:
        futures = [
            extract_located_part.submit(locate(part, batch.sources), cluster().setup)
            for part in parts
        ]
    else:
        client = _dask_client()
        # A list in a list: scatter sends each element of a list as one object.
        futures = [
            extract_records.submit(client.scatter([list(part)], hash=False)[0], cluster().setup)
            for part in parts
        ]
    return lambda: merge_extracted(future.result() for future in futures)


def _transient_write_error(task, task_run, state) -> bool:
    """Retry a batch's load only for I/O errors of the store (a full or flaky disk): the
    transaction rolled back, so loading the batch again is safe. Anything else is a bug."""
    try:
        state.result()
    except duckdb.IOException:
        return True
    except Exception:
        return False
    return False


@task(
    cache_policy=NO_CACHE,
    retries=LOAD_RETRIES,
    retry_delay_seconds=LOAD_RETRY_DELAYS,
    retry_condition_fn=_transient_write_error,
)
def load_extracted(
    run_id: str,
    batch: Batch,
    outcomes: list[Outcome],
    threshold: float,
) -> BatchCounts:
    """Place one batch's articles into stories and write it in a single transaction.

    The run's connection is looked up by run id, not passed: see `store.run_writer`."""
    return load_batch(
        store.run_writer(run_id), run_id, outcomes, batch.files, datetime.now(UTC), threshold
    )


@flow(name="ingest")
def ingest(
    paths: list[str],
    db: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int | None = None,
    leaders_file: str | None = None,
    limit: int | None = None,
    near_threshold: float = DEFAULT_NEAR_THRESHOLD,
    record_timeout: float | None = DEFAULT_RECORD_TIMEOUT,
    fields: str | None = None,
) -> RunSummary:
    """Ingest dumps under `paths` into the database `db`; re-running the same input adds nothing.

    Extraction runs in a local process pool of `workers`, or, when the flow runs with a Dask
    task runner (`with_runner`), on the Dask cluster's workers.
    """
    started = datetime.now(UTC)
    check_paths(paths)
    field_map = parse_field_map(fields) if fields else ()
    if leaders_file is not None:
        load_leader_source(leaders_file)  # a broken list stops the run before anything is opened
    db_path = resolve_db(db)
    fix_mmap_threshold()  # before the first batch: a batch's large buffers come and go
    con = store.open_writer(db_path)
    store.defer_checkpoints(con)  # run between batches, where the writer holds least
    run_id = str(uuid.uuid4())
    store.register_writer(run_id, con)
    summary = RunSummary(run_id=run_id, status="running", db=str(db_path))
    found = FileCounts()
    started_run = False  # a run refused before it starts has no row to close
    try:
        # The database's own list counts; an explicit file replaces it, a new store starts
        # from the registry (data/registry). Mentions are recounted whenever the list changes.
        leaders: LeaderList = active_leaders(con, leaders_file)
        sync_sites(con)
        store.check_near_threshold(con, near_threshold)
        store.start_run(con, run_id, started, list(paths), leaders.version)
        started_run = True
        # Files are found and fingerprinted as reading reaches them: no list of the dump's files.
        files = (
            replace(found_file, fields=field_map)
            for found_file in new_files(paths, store.completed_files(con), found)
        )
        setup = WorkerSetup(
            tuple(leaders.aliases), near_threshold, record_timeout, terms=tuple(leaders.terms)
        )
        local = not _distributed()
        # Asked once, when the first batch goes out: a run with nothing new starts no cluster.
        cluster = cache(lambda: _look_at_cluster(paths, setup))
        with (
            _interrupted_queries_as_termination(),
            ExtractorPool(setup, workers if local else 0) as pool,
            IngestProgress(get_run_logger()) as progress,
        ):
            batches = batch_records(files, store.done_positions(con), batch_size, limit)
            # Keep one batch extracting while the previous one loads.
            pending: BatchJob | None = None
            for number, (batch, read_seconds) in enumerate(timed(batches)):
                job = BatchJob(
                    number,
                    batch,
                    read_seconds,
                    _submit_extraction(batch, pool if local else None, cluster),
                )
                if pending is not None:
                    _load(con, run_id, pending, near_threshold, progress)
                pending = job
            if pending is not None:
                _load(con, run_id, pending, near_threshold, progress)
        summary.files_seen, summary.files_skipped = found.seen, found.skipped
        row = store.finish_run(
            con, run_id, datetime.now(UTC), "completed", summary.files_seen, summary.files_skipped
        )
        store.publish(con, db_path)
    except BaseException:
        summary.files_seen, summary.files_skipped = found.seen, found.skipped
        if started_run:
            with suppress(duckdb.FatalException):  # an invalidated store records nothing more
                store.finish_run(
                    con,
                    run_id,
                    datetime.now(UTC),
                    "failed",
                    summary.files_seen,
                    summary.files_skipped,
                )
        raise
    finally:
        store.release_writer(run_id)
        con.close()
    summary.take_row(row, started)
    publish_summary(summary)
    logger.info(
        "run %s: %d files (%d already ingested), %d records: "
        "%d new articles, %d duplicates, %d rejects",
        run_id,
        summary.files_seen,
        summary.files_skipped,
        summary.records_seen,
        summary.articles_new,
        summary.duplicates,
        summary.rejects,
    )
    return summary


@contextmanager
def _interrupted_queries_as_termination() -> Iterator[None]:
    """A signal that arrives while DuckDB runs a query stops the query, and DuckDB reports
    "Query interrupted" in place of the exception the signal's handler raised. During a run that
    signal is SIGTERM (a scheduler or `kill` stopping it), so it is reported as one."""
    try:
        yield
    except RuntimeError as error:
        if str(error) != "Query interrupted":
            raise
        raise TerminationSignal(signal.SIGTERM) from None


@dataclass(slots=True)
class BatchJob:
    """A batch on its way: read, extraction started, waiting to be loaded."""

    number: int
    batch: Batch
    read_seconds: float
    extracted: Callable[[], Extracted]


def _load(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    job: BatchJob,
    threshold: float,
    progress: IngestProgress,
) -> None:
    extracted = job.extracted()
    started = time.perf_counter()
    outcomes = job.batch.settle(extracted.outcomes)
    trim_heap()  # the batch's pages and the last batch's frames are gone: give the memory back
    store.checkpoint_if_due(con)
    store.cap_memory(con)  # the indexes grew with the last batch
    counts = load_extracted(run_id, quote(job.batch), quote(outcomes), threshold)
    store.record_batch(
        con,
        run_id=run_id,
        batch=job.number,
        records=counts.records,
        read_seconds=job.read_seconds,
        extract_seconds=extracted.seconds,
        load_seconds=time.perf_counter() - started,
        finished_at=datetime.now(UTC),
    )
    progress.batch_loaded(counts.records)


def _distributed() -> bool:
    """True when this flow run's tasks go to a Dask cluster rather than local threads."""
    if "prefect_dask" not in sys.modules:
        return False  # only `with_runner("dask")` loads it: a local run need not (0.3 s, 16 MB)
    from prefect_dask import DaskTaskRunner

    context = FlowRunContext.get()
    return context is not None and isinstance(context.task_runner, DaskTaskRunner)


def _dask_client() -> Any:
    """The Dask client of this flow run's task runner (started on first use)."""
    context = FlowRunContext.get()
    assert context is not None
    return context.task_runner.client


@dataclass(frozen=True, slots=True)
class ClusterView:
    """What a run needs to know of its Dask cluster, as it stands at the first batch."""

    workers_read: bool  # every worker opens the inputs itself
    slots: int  # tasks the cluster runs at once (its workers' threads)
    # The run's WorkerSetup, sent to every worker once: its leader aliases (560 KB for the
    # registry's 9,384) went inside every task's graph, 9 KB a page.
    setup: Any


def _look_at_cluster(paths: list[str], setup: WorkerSetup) -> ClusterView:
    client = _dask_client()
    with suppress(TimeoutError):
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    workers = client.scheduler_info()["workers"].values()
    slots = max(1, sum(worker.get("nthreads", 1) for worker in workers))
    shared = client.scatter(setup, broadcast=True, hash=False)
    return ClusterView(_workers_see(client, paths), slots, shared)


def _workers_see(client: Any, paths: list[str]) -> bool:
    """Whether every worker of the cluster can open the run's input paths (a shared filesystem
    or object store); if not, the run says so in one line and sends the workers page bytes."""
    given = [local_form(path) for path in paths]
    absolute = [path if is_url(path) else os.path.abspath(path) for path in given]
    answers = client.run(sees_inputs, absolute)
    if answers and all(answers.values()):
        return True
    blind = sorted(worker for worker, sees in answers.items() if not sees)
    get_run_logger().info(
        "Dask workers %s cannot open %s (no shared filesystem or object store): "
        "sending them page bytes instead, scattered once per part",
        ", ".join(blind) or "(none joined)",
        ", ".join(absolute),
    )
    return False


def with_runner(runner: str, dask_address: str | None = None, workers: int | None = None) -> Flow:
    """The ingest flow on the named runner: `processes` (local pool) or `dask`.

    Without an address, `dask` starts a local cluster of `workers` processes (one per core by
    default), one thread each: extraction holds the GIL, so threads would not add speed.
    """
    if runner == "processes":
        return ingest
    if runner != "dask":
        raise KabarError(f"unknown runner '{runner}'; use one of: {', '.join(RUNNERS)}")
    # Workers inherit the environment: keep their routine chatter out of the run's output.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    # Imported here: Dask is only loaded by runs that use it.
    from prefect_dask import DaskTaskRunner

    if dask_address:
        task_runner = DaskTaskRunner(address=dask_address)
    else:
        task_runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers or default_workers(),
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return ingest.with_options(task_runner=task_runner)


def publish_summary(summary: RunSummary) -> None:
    """The run's figures as a Prefect artifact, for operators who look at the UI."""
    lines = [
        f"## Kabar ingest run `{summary.run_id}`: {summary.status}",
        "",
        "| figure | value |",
        "|---|---|",
        f"| files (already ingested) | {summary.files_seen} ({summary.files_skipped}) |",
        f"| records | {summary.records_seen} |",
        f"| new articles | {summary.articles_new} |",
        f"| duplicates | {summary.duplicates} |",
        f"| rejects | {summary.rejects} |",
        f"| records per second | {summary.records_per_second:.1f} |",
        f"| database | `{summary.db}` |",
    ]
    for title, counts in (
        ("Duplicates by method", summary.duplicates_by_method),
        ("Rejects by reason", summary.rejects_by_reason),
        ("Top leaders", dict(summary.top_leaders)),
    ):
        if counts:
            lines += [
                "",
                f"### {title}",
                "",
                *(f"- {name}: {count}" for name, count in counts.items()),
            ]
    if summary.top_reject_files:
        lines += [
            "",
            "### Files with most rejects",
            "",
            "| file | rejects | reasons |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{path}` | {rejects} | {reasons_text(reasons)} |"
            for path, rejects, reasons in summary.top_reject_files
        ]
    create_markdown_artifact(
        "\n".join(lines), key="kabar-ingest-summary", description="What the ingest run did"
    )
