"""SIGTERM, as schedulers stop runs, at any moment of a run: the run stops, and no process it
started (Prefect's temporary server, extractor workers) outlives it; the next run finishes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import psutil
import pytest
from prefect.exceptions import TerminationSignal

from flows.ingest import _interrupted_queries_as_termination
from tests.test_kill_resume import RECORDS, big_dump

GONE_WITHIN = 15.0


def started_run(dump: Path, db: Path) -> tuple[subprocess.Popen, list[str]]:
    command = [sys.executable, "-m", "flows.cli", "ingest", str(dump), "--db", str(db)]
    command += ["--workers", "2", "--batch-size", "5"]
    # Its own temporary Prefect server, as a scheduled `kabar ingest` without a server has.
    run = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return run, command


def stop_and_check(run: subprocess.Popen, output: list[str]) -> int:
    """SIGTERM the run; every process it had started must be gone soon after it exits."""
    children = psutil.Process(run.pid).children(recursive=True)
    run.send_signal(signal.SIGTERM)
    code = run.wait(timeout=60)
    deadline = time.monotonic() + GONE_WITHIN
    while time.monotonic() < deadline and any(_alive(child) for child in children):
        time.sleep(0.2)
    left = [child.cmdline()[:3] for child in children if _alive(child)]
    assert not left, (left, "".join(output))
    output += run.stdout.readlines()  # ends: nothing left holds the pipe
    return code


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def read_until(run: subprocess.Popen, done) -> list[str]:
    output: list[str] = []
    for line in run.stdout:
        output.append(line)
        if done(output):
            break
    return output


def test_sigterm_while_prefect_starts_leaves_no_server_behind(tmp_path: Path):
    dump = big_dump(tmp_path / "dump")
    run, _ = started_run(dump, tmp_path / "news.duckdb")
    output = read_until(run, lambda lines: "temporary server on" in lines[-1])
    deadline = time.monotonic() + 30
    while not any(
        "uvicorn" in " ".join(child.cmdline()) for child in psutil.Process(run.pid).children()
    ):
        assert time.monotonic() < deadline, "".join(output)
        time.sleep(0.05)
    assert stop_and_check(run, output) == 128 + signal.SIGTERM, "".join(output)
    assert "stopped (SIGTERM)" in "".join(output)


def test_sigterm_while_batches_load_stops_the_run_and_the_next_finishes(tmp_path: Path):
    dump = big_dump(tmp_path / "dump")
    db = tmp_path / "news.duckdb"
    run, command = started_run(dump, db)
    output = read_until(run, lambda lines: sum("task_runs: Finished" in x for x in lines) >= 3)
    assert stop_and_check(run, output) != 0, "".join(output)
    assert "aborted by a termination signal" in "".join(output)

    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = con.execute("select status from runs order by started_at").fetchall()
        (records,) = con.execute("select count(*) from records").fetchone()
    assert statuses[-1] == ("completed",)
    assert records == RECORDS + RECORDS // 40


def test_a_sigterm_that_stops_a_query_is_reported_as_the_termination_it_is():
    # DuckDB stops its query when a signal arrives and says "Query interrupted" instead of
    # passing on what the handler (Prefect's, during a flow run) raised.
    con = duckdb.connect()

    def prefects_handler(signum: int, frame: object) -> None:
        raise TerminationSignal(signum)

    previous = signal.signal(signal.SIGTERM, prefects_handler)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        with pytest.raises(TerminationSignal) as caught, _interrupted_queries_as_termination():
            con.execute("select count(*) from range(10_000_000_000) t(a) where a % 7 = 3")
    finally:
        timer.cancel()
        signal.signal(signal.SIGTERM, previous)
    assert caught.value.signal == signal.SIGTERM
    with pytest.raises(RuntimeError, match="other"), _interrupted_queries_as_termination():
        raise RuntimeError("other")
