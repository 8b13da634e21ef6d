"""The pre-extracted records benchmark works (quick form): its records are news-please articles
that Kabar reads as such, and the measure reconciles. How fast is for `make bench` to say."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from benchmarks.extracted_bench import COPY_EVERY, measure, write_records
from tasks.read.discover import describe
from tasks.read.readers import read_records
from tasks.records import RawRecord

RECORDS = 200


def test_generated_records_are_news_please_articles(tmp_path: Path):
    [path] = write_records(tmp_path, 30, seed=2)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    assert len(rows) == 30 and len({row["url"] for row in rows}) == 30
    records = list(read_records(describe(path)))
    assert all(isinstance(r, RawRecord) and r.extracted_by == "news-please" for r in records)
    assert {r.language for r in records if isinstance(r, RawRecord)} > {"en"}


def test_the_benchmark_ingests_every_record_as_given(tmp_path: Path, on_session_server):
    result = measure(RECORDS, seed=2, work_dir=tmp_path)
    run = result["run"]
    assert run["records_seen"] == RECORDS and run["rejects"] == 0
    assert run["articles_new"] + run["duplicates"] == RECORDS
    # Every fifth record is a syndicated copy of the story before it.
    assert 0.5 * RECORDS / COPY_EVERY <= run["duplicates"] <= RECORDS / COPY_EVERY
    assert result["extracted_by"] == {"news-please": RECORDS}
    assert result["records_per_second"] > 0 and result["ingest"]["cpu_seconds"] > 0
    assert result["stages"]["records"] == RECORDS
    steps = result["steps_ms_per_record"]
    assert steps["records"] == RECORDS
    timed = ("read", "take_given", "fingerprint", "mentions", "offices", "load")
    assert all(steps[step] > 0 for step in timed)
