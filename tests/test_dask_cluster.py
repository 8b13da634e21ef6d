"""Ingest through a Dask cluster started the way a user starts one (`dask scheduler`, `dask
worker --nworkers 2`, on loopback): the workers read their own inputs, the store equals the
process runner's, and the run prints no warning, traceback or leak report. Inputs they cannot
see (`memory://`, which lives in one process) reach them as bytes, and the run says so."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest

from benchmarks.dask_bench import dask_cluster
from flows.ingest import with_runner
from tests.conftest import EXAMPLES
from tests.stores import snapshot
from tests.test_clean_output import ALARMING, KABAR_INGEST
from tests.test_kill_resume import big_dump

FIXTURES = Path(__file__).parent / "fixtures"
# Small batches, so that the big JSONL file goes out in parts read by either worker.
BATCH = 40
NOT_SEEN = "cannot open"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[str]:
    """A scheduler and two single-threaded worker processes, in a folder of their own (a
    relative input path means nothing to them)."""
    with dask_cluster(2, tmp_path_factory.mktemp("dask-workers")) as address:
        yield address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, prefect_server) -> tuple[list[str], dict[str, list[tuple]]]:
    """Absolute input paths of every format (HTML folder, WARC, JSONL, text scrapes, a JSONL
    file of several parts), and the store the default process runner makes of them."""
    folder = tmp_path_factory.mktemp("cluster-inputs")
    paths = [str(EXAMPLES), str(FIXTURES / "scrapes"), str(big_dump(folder / "dump"))]
    local = folder / "local.duckdb"
    with_runner("processes")(paths, db=str(local), workers=2, batch_size=BATCH)
    return paths, snapshot(local)


def test_cli_run_on_the_cluster_reads_in_place_and_ends_clean(
    cluster: str, inputs, tmp_path: Path, server_env: dict[str, str]
):
    paths, expected = inputs
    # One input as a file:// URL: the same file, read by the same workers.
    given = [*paths[:-1], "file://" + paths[-1]]
    db = tmp_path / "cluster.duckdb"
    run = subprocess.run(
        [
            *KABAR_INGEST,
            *given,
            "--db",
            str(db),
            "--batch-size",
            str(BATCH),
            "--runner",
            "dask",
            "--dask-address",
            cluster,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=server_env,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert ALARMING.findall(output) == [], output
    assert NOT_SEEN not in output  # the workers read the files themselves
    assert snapshot(db) == expected


def test_inputs_the_workers_cannot_see_reach_them_as_bytes(
    cluster: str, inputs, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    paths, expected = inputs
    memory = fsspec.filesystem("memory")
    # Numbered, so that the files are met in the order of the local run.
    for number, root in enumerate(map(Path, paths)):
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file():
                inside = path.relative_to(root.parent)
                memory.pipe(f"/dumps/{number}/{inside}", path.read_bytes())
    db = tmp_path / "memory.duckdb"
    try:
        summary = with_runner("dask", cluster)(["memory://dumps"], db=str(db), batch_size=BATCH)
    finally:
        memory.rm("/dumps", recursive=True)
    assert summary.status == "completed" and summary.reconciles
    (said,) = [r.getMessage() for r in caplog.records if NOT_SEEN in r.getMessage()]
    assert "memory://dumps" in said and "scattered once per part" in said
    stored = snapshot(db)
    # The same records, articles and stories; only the files' paths differ.
    assert {name: rows for name, rows in stored.items() if name != "files"} == {
        name: rows for name, rows in expected.items() if name != "files"
    }
    assert [row[::2] for row in stored["files"]] == [row[::2] for row in expected["files"]]
