"""One dump folder holding every hostile input of the catalogue (`tests/hostile.py`), ingested by
a real `kabar ingest`: the run completes, every record ends where the catalogue says, counts
reconcile, memory stays under 2 GB, and the README's table says exactly what happened."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from benchmarks.ingest_bench import PeakMemory
from tasks.settings import ROOT
from tests.hostile import ARTICLE, CASES, build, readme_table

MEMORY_LIMIT = 2 << 30
STORED = {"article", "duplicate"}


def test_every_hostile_input_ends_where_the_catalogue_says(tmp_path: Path, server_env):
    dump = tmp_path / "dump"
    build(dump)
    db = tmp_path / "news.duckdb"
    command = [sys.executable, "-m", "flows.cli", "ingest", str(dump), "--db", str(db)]
    run = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=server_env
    )
    with PeakMemory(run.pid) as memory:
        out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert "Traceback" not in out + err

    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select f.path, r.outcome, r.reason from records r join files f using (file_id)"
            " order by f.path, r.position"
        ).fetchall()
        (status, seen, articles, duplicates, rejects) = con.execute(
            "select status, records_seen, articles_new, duplicates, rejects from runs"
        ).fetchone()
    found: dict[str, list[str]] = {}
    for path, outcome, reason in rows:
        found.setdefault(Path(path).name, []).append(ARTICLE if outcome in STORED else reason)
    expected = {name: outcomes for case in CASES for name, outcomes in case.expected.items()}
    assert found == expected
    assert status == "completed" and seen == len(rows) == articles + duplicates + rejects
    assert memory.peak_bytes < MEMORY_LIMIT, f"peak {memory.peak_bytes / 2**30:.2f} GB"


def test_the_readme_table_is_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme
