"""A run killed with SIGKILL at a random moment leaves the store as of its last batch; the next
run completes the work, and the result equals one clean run: nothing lost, nothing twice."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from flows.ingest import ingest
from tests.dumps import news_page, write_jsonl
from tests.stores import snapshot

RECORDS = 160
TRIALS = 10
# Seconds after start to kill at: from start-up through every batch to publishing.
KILL_WINDOW = (1.0, 5.0)


def big_dump(folder: Path) -> Path:
    folder.mkdir()
    rows = []
    for n in range(RECORDS):
        paragraphs = [
            f"Report {n}: the city council of district {n % 17} approved a budget of {n * 3} million on Monday.",
            f"Councillors said the money for district {n % 17} would go to schools, roads and {n % 5} new clinics.",
            f"Opposition members in district {n % 17} voted against, saying the plan had been rushed through.",
        ]
        rows.append(
            {
                "url": f"https://city.example/{n}",
                "html": news_page(f"Budget {n}", paragraphs, "2026-02-02T08:00:00Z"),
            }
        )
        if n % 40 == 7:
            rows.append('{"url": "https://city.example/broken", "html": "<p>cut')
    return write_jsonl(folder / "crawl.jsonl", rows)


def test_killed_runs_resume_to_the_same_store(tmp_path: Path, server_env: dict[str, str]):
    dump = big_dump(tmp_path / "dump")
    clean = tmp_path / "clean.duckdb"
    ingest([str(dump)], db=str(clean), workers=0, batch_size=20)
    expected = snapshot(clean)
    assert len(expected["records"]) == RECORDS + RECORDS // 40

    rng = random.Random(11)
    for trial in range(TRIALS):
        db = tmp_path / f"killed{trial}.duckdb"
        command = [
            sys.executable,
            "-m",
            "flows.cli",
            "ingest",
            str(dump),
            "--db",
            str(db),
            "--workers",
            "0",
            "--batch-size",
            "20",
        ]
        run = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=server_env,
        )
        time.sleep(rng.uniform(*KILL_WINDOW))
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=300, env=server_env
        )
        assert finished.returncode == 0, finished.stderr
        assert snapshot(db) == expected, f"trial {trial}"
        with duckdb.connect(str(db), read_only=True) as con:
            statuses = [
                s for (s,) in con.execute("select status from runs order by started_at").fetchall()
            ]
        # The killed run, if it got as far as starting, stays marked as not finished.
        assert statuses[-1] == "completed" and all(s in ("running", "completed") for s in statuses)
