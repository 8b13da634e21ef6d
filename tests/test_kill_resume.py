"""A run killed with SIGKILL leaves the store as of its last committed batch; the next run
completes the work, and the result equals one clean run: nothing lost, nothing twice.

Each trial kills at a chosen point of progress, not at a random time: the run is the real
`kabar ingest`, held still at the point until the kill (`tests/paused.py`). The trial then
checks where the kill landed."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tasks.store.database import working_path
from tests.dumps import news_page, write_jsonl
from tests.paused import start_held
from tests.stores import snapshot

RECORDS = 80
BROKEN = RECORDS // 40  # cut-off lines among them
BATCH = 10
BATCHES = -(-(RECORDS + BROKEN) // BATCH)  # 9: eight of 10 records and one of 2

# (point, batch): one kill before the first commit, eight between it and the end of loading,
# one while publishing.
KILLS = [
    ("loading", 0),
    ("committed", 1),
    ("committed", 2),
    ("loading", 3),
    ("committed", 4),
    ("loading", 5),
    ("committed", 6),
    ("loading", 7),
    ("committed", 8),
    ("publishing", 0),
]


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
        if n % (RECORDS // BROKEN) == 7:
            rows.append('{"url": "https://city.example/broken", "html": "<p>cut')
    return write_jsonl(folder / "crawl.jsonl", rows)


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory, prefect_server) -> tuple[Path, dict[str, list[tuple]]]:
    """The dump, and the store one uninterrupted run makes of it."""
    folder = tmp_path_factory.mktemp("kill")
    dump = big_dump(folder / "dump")
    clean = folder / "clean.duckdb"
    ingest([str(dump)], db=str(clean), workers=0, batch_size=BATCH)
    expected = snapshot(clean)
    assert len(expected["records"]) == RECORDS + BROKEN
    return dump, expected


def kill_at(point: str, batch: int, arguments: list[str], env: dict[str, str]) -> None:
    """Run the ingest until it is held at `point`, then SIGKILL its whole process group."""
    run = start_held(point, batch, arguments, env)
    os.killpg(run.pid, signal.SIGKILL)
    run.communicate()


def landed(db: Path) -> tuple[int, list[str], bool]:
    """Where a kill left the store: ledger rows committed, run statuses, whether published."""
    with duckdb.connect(str(working_path(db)), read_only=True) as con:
        (records,) = con.execute("select count(*) from records").fetchone()
        statuses = [s for (s,) in con.execute("select status from runs").fetchall()]
    return records, statuses, db.exists()


@pytest.mark.parametrize(("point", "batch"), KILLS, ids=[f"{p}-{b}" for p, b in KILLS])
def test_a_run_killed_at_a_point_of_progress_resumes_to_the_same_store(
    point: str, batch: int, clean_store, tmp_path: Path, server_env: dict[str, str]
):
    dump, expected = clean_store
    db = tmp_path / "killed.duckdb"
    command = ["ingest", str(dump), "--db", str(db), "--workers", "0", "--batch-size", str(BATCH)]
    kill_at(point, batch, command, server_env)

    records, statuses, published = landed(db)
    if point == "publishing":
        # Every batch and the run's end are committed; the analysts' copy was never replaced.
        assert (records, statuses, published) == (RECORDS + BROKEN, ["completed"], False)
    else:
        # The batches committed before the kill are kept whole; the one in flight left nothing.
        assert 0 <= batch < BATCHES
        assert (records, statuses, published) == (batch * BATCH, ["running"], False)

    # The next run, in this process: it starts no interpreter, and it is the same flow.
    assert ingest([str(dump)], db=str(db), workers=0, batch_size=BATCH).status == "completed"
    assert snapshot(db) == expected
    # Nothing is left beside the store but the writer's own file and its log.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        {db.name, working_path(db).name} | {p.name for p in tmp_path.glob("*.wal")}
    )
    with duckdb.connect(str(db), read_only=True) as con:
        statuses = [
            s for (s,) in con.execute("select status from runs order by started_at").fetchall()
        ]
    # The killed run stays marked as not finished, unless it had finished before the kill.
    assert statuses == (["completed"] * 2 if point == "publishing" else ["running", "completed"])
