"""An ingest and an analyst at the same time, as separate processes: neither waits, neither fails.

The analyst holds one read-only connection open for the whole ingest and opens new ones all the
while; the ingest writes its working database and publishes a new copy at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tests.dumps import news_page, write_jsonl
from tests.paused import start_held
from tests.stores import snapshot

ANALYST = textwrap.dedent(
    """
    import json, os, sys, time, duckdb
    db, stop, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    # DuckDB shares one database instance per file within a process, so the "fresh" analyst
    # keeps no connection open between queries, and the "held" one keeps one open throughout.
    held = duckdb.connect(db, read_only=True) if mode == "held" else None
    print("ready", flush=True)
    counts, errors = set(), []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not os.path.exists(stop):
        try:
            if held is not None:
                counts.add(held.execute("select count(*) from stories").fetchone()[0])
            else:
                with duckdb.connect(db, read_only=True) as fresh:
                    counts.add(fresh.execute("select count(*) from stories").fetchone()[0])
        except Exception as error:
            errors.append(repr(error))
        time.sleep(0.05)
    print(json.dumps({"counts": sorted(counts), "errors": errors}))
    """
)


def dump(folder: Path, first: int, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(first, first + count):
        paragraphs = [
            f"Officials in district {n} opened a new water treatment plant on Monday, the regional government said.",
            f"The plant in district {n} will serve about {n * 1000} households once its second stage is finished next year.",
            f"Engineers said the design for district {n} uses solar panels to cut the plant's running costs by a third.",
        ]
        rows.append(
            {
                "url": f"https://water.example/d/{n}",
                "html": news_page(f"Plant {n} opens", paragraphs, "2026-02-02T08:00:00Z"),
            }
        )
    return write_jsonl(folder / f"crawl-{first}.jsonl", rows)


@pytest.mark.usefixtures("prefect_server")
def test_analyst_and_ingest_run_at_once(tmp_path: Path):
    db = tmp_path / "news.duckdb"
    ingest([str(dump(tmp_path / "first", 0, 5))], db=str(db), workers=0)

    stop = tmp_path / "stop"
    analysts = {
        mode: subprocess.Popen(
            [sys.executable, "-c", ANALYST, str(db), str(stop), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for mode in ("held", "fresh")
    }
    for analyst in analysts.values():
        assert analyst.stdout is not None and analyst.stdout.readline().strip() == "ready"
    second = dump(tmp_path / "second", 100, 40)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "ingest",
            str(second),
            "--db",
            str(db),
            "--workers",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    time.sleep(1.0)  # let the fresh analyst open a few connections on the published copy
    stop.touch()
    seen = {}
    for mode, analyst in analysts.items():
        out, err = analyst.communicate(timeout=60)
        assert analyst.returncode == 0, err
        seen[mode] = json.loads(out.strip().splitlines()[-1])
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert seen["held"] == {"counts": [5], "errors": []}  # its snapshot, unchanged
    assert seen["fresh"] == {"counts": [5, 45], "errors": []}  # old copy, then the published one
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from stories").fetchone() == (45,)


def test_a_second_writer_is_refused_and_the_running_ingest_finishes_untouched(
    tmp_path: Path, server_env: dict[str, str]
):
    first_dump = dump(tmp_path / "first", 0, 12)
    expected = tmp_path / "expected.duckdb"
    ingest([str(first_dump)], db=str(expected), workers=0, batch_size=4)

    db = tmp_path / "news.duckdb"
    release = tmp_path / "release"
    log = tmp_path / "first.log"
    with log.open("w") as first_log:
        # Held after its first batch is committed, with two batches still to load.
        first = start_held(
            "committed",
            1,
            ["ingest", str(first_dump), "--db", str(db), "--workers", "0", "--batch-size", "4"],
            server_env,
            release,
            first_log,
        )
        try:
            more = dump(tmp_path / "more", 50, 2)
            second = subprocess.run(
                [sys.executable, "-m", "flows.cli", "ingest", str(more), "--db", str(db)],
                capture_output=True,
                text=True,
                timeout=300,
                env=server_env,
            )
        finally:
            release.touch()
            out, _ = first.communicate(timeout=300)
    assert second.returncode == 2
    assert second.stderr.strip() == (
        f"kabar: {db} is being written by another Kabar process; wait for it to finish and try again"
    )
    assert first.returncode == 0, log.read_text()
    assert "Traceback" not in out + log.read_text()
    assert snapshot(db) == snapshot(expected)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select status, records_seen from runs").fetchall() == [
            ("completed", 12)
        ]
