"""The ingest flow on a real local Dask cluster of two worker processes gives the same store as
the default process pool, batch for batch."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest, with_runner
from flows.prefect_api import prefect_api
from tasks.errors import KabarError
from tests.conftest import EXAMPLES
from tests.stores import snapshot
from tests.test_kill_resume import big_dump


@pytest.mark.usefixtures("prefect_server")
def test_dask_runner_gives_the_same_store_as_the_process_pool(tmp_path: Path):
    dump = big_dump(tmp_path / "dump")
    paths = [str(dump), str(EXAMPLES)]
    local = tmp_path / "local.duckdb"
    ingest(paths, db=str(local), workers=2, batch_size=100)

    distributed = tmp_path / "dask.duckdb"
    with prefect_api() as api_ready:
        api_ready()
        summary = with_runner("dask", workers=2)(paths, db=str(distributed), batch_size=100)

    assert summary.status == "completed" and summary.reconciles
    assert summary.records_seen == len(snapshot(local)["records"])
    assert snapshot(distributed) == snapshot(local)
    with duckdb.connect(str(distributed), read_only=True) as con:
        # Batches of 100 went out as parts; every batch still has its timings.
        (batches,) = con.execute("select count(*) from run_batches").fetchone()
    assert batches == -(-summary.records_seen // 100)


def test_unknown_runner_is_refused_with_the_choices():
    with pytest.raises(KabarError, match="unknown runner 'spark'; use one of: processes, dask"):
        with_runner("spark")
