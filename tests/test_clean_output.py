"""A successful `kabar ingest`, with its own temporary Prefect server, prints no traceback and no
error-level line, from the first line to Prefect's shutdown, on either runner."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

# Error lines in any of the formats the run's loggers use, and Prefect's own shutdown complaints.
KABAR_INGEST = (sys.executable, "-m", "flows.cli", "ingest")
ALARMING = re.compile(r"\b(ERROR|CRITICAL)\b|Traceback|Error logging to API|Exception in thread")


@pytest.mark.parametrize("runner", ["processes", "dask"])
def test_a_successful_run_prints_no_error(tmp_path: Path, runner: str):
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
