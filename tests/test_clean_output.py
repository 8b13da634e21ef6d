"""A successful `kabar ingest`, with its own temporary Prefect server, prints no traceback, no
warning and no error-level line, from the first line to the interpreter's exit, on either runner."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

KABAR_INGEST = (sys.executable, "-m", "flows.cli", "ingest")
# Warning and error lines in any of the formats the run's loggers use (`WARNING |`, `WARNING
# name:`), Python's warnings (`UserWarning: Sending large graph`), Prefect's own shutdown
# complaints, and the leak report native bindings print at exit for objects still referenced.
ALARMING = re.compile(
    r"\b(WARNING|ERROR|CRITICAL)\b|\w+Warning:|Traceback|Error logging to API"
    r"|Exception in thread|\bleaked\b|nanobind"
)


@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_a_successful_run_prints_no_warning_error_or_leak(tmp_path: Path, runner: str):
    db = tmp_path / "news.duckdb"
    run = subprocess.run(
        [*KABAR_INGEST, str(EXAMPLES), "--db", str(db), "--workers", "2", "--runner", runner],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert ALARMING.findall(output) == [], output
    assert re.search(r"new articles\s*│\s*14\s*│", output), output
