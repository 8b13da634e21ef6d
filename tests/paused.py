"""A real `kabar ingest` that holds still at a chosen point of its progress, for tests that act
on a running ingest at a known moment (kill it, start a second writer beside it)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import IO

# `kabar ingest` with hooks at the points a run may be held at: after the k-th batch is
# committed ("committed", k), inside the k-th batch's transaction with its ledger rows written
# and not committed ("loading", k), and while the store is copied for publishing
# ("publishing", 0). The hooks wrap the real functions; at the point the run prints
# "at POINT" and waits for the release file (or, given "-", for ever: until it is killed).
DRIVER = textwrap.dedent(
    """
    import os, shutil, sys, time
    import flows.ingest as flow
    from flows.cli import main
    from tasks.store import load

    point, batch, release = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    committed = 0

    def hold(where):
        print("at", where, flush=True)
        while release == "-" or not os.path.exists(release):
            time.sleep(0.05)

    def load_batch(*args, real=flow.load_batch, **kwargs):
        global committed
        counts = real(*args, **kwargs)
        committed += 1
        if point == "committed" and committed == batch:
            hold(f"committed {batch}")
        return counts

    def execute(con, name, real=load.execute, **params):
        real(con, name, **params)
        if point == "loading" and committed == batch and name == "load/insert_records":
            hold(f"loading {batch}")

    def copyfile(source, target, real=shutil.copyfile, **kwargs):
        copied = real(source, target, **kwargs)
        if point == "publishing":
            hold("publishing")
        return copied

    flow.load_batch, load.execute, shutil.copyfile = load_batch, execute, copyfile
    main(sys.argv[4:])
    """
)


def start_held(
    point: str,
    batch: int,
    arguments: list[str],
    env: dict[str, str],
    release: Path | None = None,
    stderr: IO[str] | int = subprocess.DEVNULL,
) -> subprocess.Popen[str]:
    """Start `kabar ARGUMENTS...` in a session of its own and return once it is held at the
    point (asserting that it got there). Without `release` it is held until killed. Its stderr
    goes to a file, not a pipe: a pipe nobody reads would fill and stop the run on its way."""
    run = subprocess.Popen(
        [sys.executable, "-c", DRIVER, point, str(batch), str(release or "-"), *arguments],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        start_new_session=True,
        env=env,
    )
    assert run.stdout is not None
    lines = iter(run.stdout.readline, "")
    reached = next((line[3:].strip() for line in lines if line.startswith("at ")), None)
    assert reached == ("publishing" if point == "publishing" else f"{point} {batch}")
    return run
