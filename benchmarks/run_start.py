"""What a run costs besides its pages, before and after a change: one-page `kabar ingest` runs
of two checkouts, alternating, in CPU seconds of each process (the writer, Prefect's temporary
server, the extractor processes), and the temporary server's boot on its own.

CPU seconds, not wall time, are the figures to compare on a shared machine: a run's processes
wait for cores that others hold, which costs them wall time but not CPU time. Each checkout runs
its own `.venv` with its own `PREFECT_HOME`, which has been used once before the pairs start
(a first start creates Prefect's database, a cost of the first run only).

    python -m benchmarks.run_start --before ../main [--after .] [--pairs 3] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from benchmarks.machine import machine, save
from tasks.settings import ROOT

PAGE = ROOT / "examples" / "dumps" / "html" / "meridianpost-modi-macron.html"
POLL_SECONDS = 0.05
# Starts Prefect's temporary server the way `kabar ingest` does, waits until it answers, stops it.
BOOT_SCRIPT = """
import resource, sys, time
from flows.prefect_api import TemporaryServer
from prefect.settings import get_current_settings
server = TemporaryServer(get_current_settings().to_environment_variables(exclude_unset=True))
started = time.monotonic()
server.start()
server.wait_ready(120)
ready = time.monotonic() - started
server.stop()
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(ready, used.ru_utime + used.ru_stime)
"""


def process_kind(process: psutil.Process, writer: int) -> str:
    if process.pid == writer:
        return "writer"
    command = " ".join(process.cmdline())
    if "uvicorn" in command:
        return "server"
    return "extractors" if "multiprocessing" in command else "other"


def one_page_run(checkout: Path, prefect_home: Path) -> dict[str, Any]:
    """A one-page ingest into a new store: wall seconds, CPU seconds of all its processes, and
    each kind's share (read from the processes while they run: the last reading of each)."""
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    env.pop("PREFECT_API_URL", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as folder:
        command = [str(checkout / ".venv" / "bin" / "python"), "-m", "flows.cli", "ingest"]
        command += [str(PAGE), "--db", str(Path(folder) / "one.duckdb")]
        started = time.monotonic()
        run = subprocess.Popen(
            command, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        last: dict[int, tuple[str, float]] = {}
        root = psutil.Process(run.pid)
        while run.poll() is None:
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for process in processes:
                try:
                    times = process.cpu_times()
                    # A process's command line reads empty while it starts and once it exits.
                    kind = last.get(process.pid, ("other", 0.0))[0]
                    if kind == "other":
                        kind = process_kind(process, run.pid)
                    last[process.pid] = (kind, times.user + times.system)
                except psutil.Error:
                    continue
            time.sleep(POLL_SECONDS)
        _, errors = run.communicate()
        wall = time.monotonic() - started
    if run.returncode != 0:
        raise SystemExit(f"kabar ingest failed in {checkout}:\n{errors.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    kinds: dict[str, float] = {}
    for kind, seconds in last.values():
        kinds[kind] = round(kinds.get(kind, 0.0) + seconds, 2)
    return {
        "wall_seconds": round(wall, 2),
        # The run's waited-for children: not the extractors' fork server, which nobody waits
        # for, nor the workers forked from it; the sum of the readings counts every process.
        "cpu_seconds": round(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2
        ),
        "cpu_seconds_all_processes": round(sum(kinds.values()), 2),
        "cpu_seconds_by_process": kinds,
        "load_average": round(os.getloadavg()[0], 2),
    }


def server_boot(checkout: Path, prefect_home: Path) -> dict[str, Any]:
    """Prefect's temporary server started as `kabar ingest` starts it, until it answers."""
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    env.pop("PREFECT_API_URL", None)
    python = str(checkout / ".venv" / "bin" / "python")
    done = subprocess.run(
        [python, "-c", BOOT_SCRIPT], cwd=checkout, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"the temporary server did not start in {checkout}:\n{done.stderr}")
    ready, cpu = map(float, done.stdout.split())
    return {"wall_seconds": round(ready, 2), "cpu_seconds": round(cpu, 2)}


def measure(before: Path, after: Path, pairs: int) -> dict[str, Any]:
    """Alternating pairs of one-page runs and of server boots, before first in each pair."""
    checkouts = {"before": before, "after": after}
    results: dict[str, Any] = {
        side: {"one_page_runs": [], "server_boots": []} for side in checkouts
    }
    with tempfile.TemporaryDirectory() as homes:
        home = {side: Path(homes) / side for side in checkouts}
        for side, checkout in checkouts.items():
            server_boot(checkout, home[side])  # creates Prefect's database: not measured
        for _ in range(pairs):
            for side, checkout in checkouts.items():
                results[side]["one_page_runs"].append(one_page_run(checkout, home[side]))
                results[side]["server_boots"].append(server_boot(checkout, home[side]))
                print(side, results[side]["one_page_runs"][-1], file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout measured first")
    parser.add_argument("--after", type=Path, default=ROOT, help="checkout measured second")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    results = {
        "benchmark": "run_start",
        "what": " ".join(__doc__.split("\n\n")[0].split()),
        "page": str(PAGE.relative_to(ROOT)),
        **measure(args.before.resolve(), args.after.resolve(), args.pairs),
        "machine": machine(),
    }
    save(results, args.out)


if __name__ == "__main__":
    main()
