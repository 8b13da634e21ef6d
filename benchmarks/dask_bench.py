"""`--runner dask` on an external cluster against the default process runner, on the same real
pages read in place, and the bytes each page sends through the Dask scheduler.

A scheduler and `--workers` single-threaded workers are started with Dask's own CLI on
loopback, as a user starts them. Each round ingests the pages (the first `--pages` of
`../shared/wcxb-dev/html`, named one by one, nothing copied) into a new store with `kabar
ingest` as a user runs it, with the process runner (`--workers` processes), then through the
cluster (`--runner dask --dask-address`); both report to the benchmark's one Prefect server, so
neither pays for starting one. The rounds alternate, so that a busy spell of a shared machine
falls on both; the first meets the cluster's workers fresh, as after `dask worker` starts.
Then the graph bytes per page are measured, in this process, for the three ways a part can
reach a worker: told where it is (workers read it), scattered to the cluster (the fallback when
workers cannot see the files), and inside the task graph (as every Dask run sent it before).

    python -m benchmarks.dask_bench [--pages 300] [--workers 2] [--rounds 3]
        [--out benchmarks/results/dask.json]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.machine import machine, save
from tasks.settings import ROOT

PAGES = ROOT.parent / "shared" / "wcxb-dev" / "html"
DASK = Path(sys.executable).with_name("dask")
CLUSTER_START_SECONDS = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def dask_cluster(workers: int, home: Path) -> Iterator[str]:
    """A scheduler and `workers` single-threaded worker processes started with `dask`'s CLI on
    loopback, working in `home` (not the caller's folder); yields the scheduler's address once
    every worker has joined."""
    from distributed import Client

    port = str(free_port())
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_LOGGING__DISTRIBUTED": "warning"}
    quiet: dict[str, Any] = {"cwd": home, "env": env, "stdout": subprocess.DEVNULL}
    quiet["stderr"] = subprocess.DEVNULL
    scheduler = subprocess.Popen(
        [DASK, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"], **quiet
    )
    worker_options = ["--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"]
    pool = subprocess.Popen(
        [DASK, "worker", address, "--nworkers", str(workers), *worker_options],
        **quiet,
    )
    try:
        deadline = time.monotonic() + CLUSTER_START_SECONDS
        while True:
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(workers, timeout=max(1, deadline - time.monotonic()))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for process in (pool, scheduler):
            process.terminate()
        for process in (pool, scheduler):
            process.wait(timeout=60)


class GraphBytes:
    """Counts the bytes of the task graphs this process's Dask clients send their scheduler
    (what Dask weighs for its 'Sending large graph' warning)."""

    def __init__(self) -> None:
        self.total = 0

    def __enter__(self) -> GraphBytes:
        from distributed import Client
        from distributed.utils import nbytes

        self._original = original = Client._send_to_scheduler

        def counted(client: Any, message: dict[str, Any]) -> None:
            if message.get("op") == "update-graph":
                serialized = message["expr_ser"]
                self.total += sum(map(nbytes, [serialized.header, *serialized.frames]))
            original(client, message)

        Client._send_to_scheduler = counted
        return self

    def __exit__(self, *exc: object) -> None:
        from distributed import Client

        Client._send_to_scheduler = self._original


class _Embedding:
    """The run's Dask client, except that `scatter` hands the data back, so that it goes
    inside the task graph, as every part and the leader aliases went before."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def scatter(self, data: Any, **options: Any) -> Any:
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def timed_run(flow: Any, pages: list[str], db: Path, **options: Any) -> dict[str, Any]:
    cpu, started = time.process_time(), time.perf_counter()
    summary = flow(pages, db=str(db), **options)
    seconds = time.perf_counter() - started
    assert summary.status == "completed" and summary.reconciles, summary
    return {
        "records": summary.records_seen,
        "articles": summary.articles_new,
        "seconds": round(seconds, 2),
        "pages_per_second": round(summary.records_seen / seconds, 2),
        "flow_cpu_seconds": round(time.process_time() - cpu, 2),
    }


def cli_run(pages: list[str], db: Path, options: list[str]) -> dict[str, Any]:
    """One `kabar ingest` of the pages as a subprocess, timed, and what its run recorded."""
    from benchmarks.ingest_bench import run_ingest, store_runs

    run = run_ingest([Path(page) for page in pages], db, None, options)
    (recorded,) = store_runs(db)
    assert recorded["status"] == "completed", recorded
    records, articles = recorded["records_seen"], recorded["articles_new"]
    return {
        "records": records,
        "articles": articles,
        "seconds": run["seconds"],
        "pages_per_second": round(records / run["seconds"], 2),
        "cpu_seconds": run["cpu_seconds"],
    }


def graph_bytes(address: str, pages: list[str], work: Path, how: str) -> dict[str, Any]:
    """Bytes of task graph per page when parts reach workers `how`: located, scattered,
    embedded."""
    import flows.ingest as ingest_flow

    saved = ingest_flow._workers_see, ingest_flow._dask_client
    if how != "located":
        ingest_flow._workers_see = lambda client, paths: False
    if how == "embedded":
        client = saved[1]
        ingest_flow._dask_client = lambda: _Embedding(client())
    try:
        with GraphBytes() as graphs:
            run = timed_run(ingest_flow.with_runner("dask", address), pages, work / f"{how}.duckdb")
    finally:
        ingest_flow._workers_see, ingest_flow._dask_client = saved
    return {**run, "graph_bytes": graphs.total, "graph_bytes_per_page": graphs.total // len(pages)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    from flows.prefect_api import prefect_api

    pages = [str(path) for path in sorted(PAGES.glob("*.html*"))[: args.pages]]
    page_bytes = sum(os.path.getsize(page) for page in pages)
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch, prefect_api() as api_ready:
        work = Path(scratch)
        api_ready()
        with dask_cluster(args.workers, work) as address:
            for number in range(args.rounds):
                local = ["--workers", str(args.workers)]
                processes = cli_run(pages, work / f"p{number}.duckdb", local)
                remote = ["--runner", "dask", "--dask-address", address]
                dask = cli_run(pages, work / f"d{number}.duckdb", remote)
                ratio = round(dask["pages_per_second"] / processes["pages_per_second"], 3)
                rounds.append({"processes": processes, "dask": dask, "dask_vs_processes": ratio})
            graphs = {
                how: graph_bytes(address, pages, work, how)
                for how in ("embedded", "scattered", "located")
            }
    ratios = [r["dask_vs_processes"] for r in rounds]
    save(
        {
            "machine": machine(),
            "pages": len(pages),
            "page_mb_stored": round(page_bytes / 2**20, 1),
            "workers": args.workers,
            "rounds": rounds,
            "dask_vs_processes_range": [min(ratios), max(ratios)],
            "graph_per_page": graphs,
        },
        args.out,
    )


if __name__ == "__main__":
    main()
