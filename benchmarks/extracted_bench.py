"""Throughput of already-extracted articles: `kabar ingest` of news-please records, end to end.

Records are stories of the generated corpus (benchmarks.generate: six languages, planted leader
mentions, one in five a syndicated copy of an earlier story) written as news-please JSON Lines,
in files of RECORDS_PER_FILE. They skip page extraction; language detection, mentions,
near-duplicate detection and the store are as for pages. `kabar ingest --workers 0` runs as a
subprocess, all on one core; the same with one record is the fixed cost of any ingest that has
work to do (imports, Prefect's temporary server, the flow), given beside the figures. (A folder
with nothing new in it is no measure of that: such a run skips the pipeline.)

Where a record's time goes is measured apart, in this process and warm (every language's
automata built, the office lexicon read): CPU milliseconds per record of each step of the
already-extracted path, on the first STEP_RECORDS records. What the run costs beyond their sum
is Prefect's per-batch work, its server, and the threads sharing one interpreter.

    python -m benchmarks.extracted_bench --records 20000 [--seed 1]
        [--out benchmarks/results/extracted.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.generate import SITES, rng_for, slug, story_version
from benchmarks.ingest_bench import batch_timings, rate, run_ingest, stage_figures, store_runs
from benchmarks.machine import machine, save

DEFAULT_RECORDS = 20_000
RECORDS_PER_FILE = 5_000
# One record in this many is a syndicated copy of the story before it.
COPY_EVERY = 5
TARGET_RECORDS_PER_SECOND = 1_000
# Records whose steps are timed one by one.
STEP_RECORDS = 3_000


def news_please_record(seed: int, number: int) -> dict[str, Any]:
    """One story of the generated corpus as news-please writes an article."""
    story_id, copy = (number - 1, 1) if number % COPY_EVERY == COPY_EVERY - 1 else (number, 0)
    story = story_version(seed, story_id, copy)
    site = SITES[story.site]
    rng = rng_for(seed, "record", number)
    return {
        "authors": [],
        "date_download": f"{story.published:%Y-%m-%d %H:%M:%S}",
        "date_modify": None,
        "date_publish": f"{story.published:%Y-%m-%d %H:%M:%S}",
        "description": story.standfirst,
        "filename": f"{slug(rng, 3)}.json",
        "image_url": None,
        "language": story.language,
        "localpath": None,
        "maintext": "\n".join(story.paragraphs),
        "source_domain": f"www.{site.domain}",
        "title": story.title,
        "title_page": None,
        "title_rss": None,
        "url": f"https://www.{site.domain}/{story.published:%Y/%m/%d}/{slug(rng)}-{number}",
    }


def write_records(folder: Path, records: int, seed: int) -> list[Path]:
    """`records` news-please records in gzipped JSON Lines files under `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, records, RECORDS_PER_FILE):
        path = folder / f"news-please-{start // RECORDS_PER_FILE:03d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8") as out:
            for number in range(start, min(records, start + RECORDS_PER_FILE)):
                out.write(json.dumps(news_please_record(seed, number), ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def measure(records: int, seed: int, work_dir: Path | None = None) -> dict[str, Any]:
    """Ingest `records` generated news-please records on one core; records per second."""
    with tempfile.TemporaryDirectory(dir=work_dir) as folder:
        work = Path(folder)
        dump = work / "dump"
        write_records(dump, records, seed)
        db = work / "bench.duckdb"
        first = run_ingest([dump], db, workers=0)
        run = store_runs(db)[-1]
        stages = stage_figures(batch_timings(db, run["run_id"]))
        extracted_by = _extracted_by(db)
        steps = step_costs(sorted(dump.iterdir()), work / "steps.duckdb")
        one = work / "one"
        write_records(one, 1, seed)
        fixed = run_ingest([one], work / "one.duckdb", workers=0)
    beyond = first["seconds"] - fixed["seconds"]
    cpu_beyond = first["cpu_seconds"] - fixed["cpu_seconds"]
    records_beyond = records - 1  # the fixed-cost run ingested one
    return {
        "benchmark": "extracted",
        "records": records,
        "seed": seed,
        "workers": 0,
        "ingest": first,
        "fixed_cost": fixed,
        "records_per_second": round(records / first["seconds"], 1),
        "records_per_second_without_fixed": rate(records_beyond, beyond),
        # On a machine shared with other work the wall time counts waits for a core: records
        # per second of CPU time (the ingest's process tree, beyond the fixed cost's) is what
        # one core of its own would do.
        "records_per_cpu_second_without_fixed": rate(records_beyond, cpu_beyond),
        "records_per_cpu_second": rate(records, first["cpu_seconds"]),
        "stages": stages,
        "steps_ms_per_record": steps,
        "target_records_per_second": TARGET_RECORDS_PER_SECOND,
        "run": {key: run[key] for key in ("records_seen", "articles_new", "duplicates", "rejects")},
        "rejects_by_reason": dict(run["rejects_by_reason"] or {}),
        "extracted_by": extracted_by,
    }


def step_costs(paths: Sequence[Path], db: Path, records: int = STEP_RECORDS) -> dict[str, float]:
    """CPU milliseconds per record of each step of an already-extracted record's path, warm,
    in this process: reading (JSON and shape), taking the body as given, mention matching,
    references by office, the near-duplicate fingerprint, and loading into a new store in
    batches as a run cuts them."""
    from tasks.dedup.similarity import fingerprint
    from tasks.extract.given import take_given
    from tasks.mentions.matcher import MentionMatcher
    from tasks.mentions.offices import OfficeMatcher, load_lexicon
    from tasks.read.batches import GIVEN_PER_RECORD
    from tasks.read.discover import describe
    from tasks.read.readers import read_records
    from tasks.records import Article, RawRecord
    from tasks.settings import DEFAULT_BATCH_SIZE, DEFAULT_NEAR_THRESHOLD, OFFICE_LEXICON
    from tasks.store import database as store
    from tasks.store.leaders import active_leaders
    from tasks.store.load import load_batch

    files = [describe(path) for path in paths]
    every: list[Any] = []
    read = _cpu(lambda: every.extend(r for f in files for r in read_records(f))) / len(every)
    raw = [r for r in every if isinstance(r, RawRecord)][:records]
    con = store.open_writer(db)
    try:
        leaders = active_leaders(con, None)
        matcher = MentionMatcher(tuple(leaders.aliases))
        offices = OfficeMatcher(load_lexicon(OFFICE_LEXICON))
        for language in {r.language or "" for r in raw}:
            matcher.find("warm", language)  # each language's automaton, built once per run
        # Loaded on first use, once per run: the suffix list that names sites, the permutations.
        fingerprint(take_given(raw[0]).body, DEFAULT_NEAR_THRESHOLD)
        articles: list[Article] = []

        def given_and_fingerprinted() -> None:
            # As in a run, the fingerprint right after the body is taken: the folded body the
            # exact key needed is still at hand for the shingles.
            for record in raw:
                articles.append(article := take_given(record))
                article.fingerprint = fingerprint(article.body, DEFAULT_NEAR_THRESHOLD)

        costs = {
            "read": read * len(raw),
            "take_given": _cpu(lambda: [take_given(r) for r in raw]),
            "fingerprint": _cpu(given_and_fingerprinted),
            "mentions": _cpu(lambda: [matcher.annotate(a) for a in articles]),
            "offices": _cpu(lambda: [offices.annotate(a) for a in articles]),
        }
        costs["fingerprint"] -= costs["take_given"]
        run_id = str(uuid.uuid4())
        store.start_run(con, run_id, datetime.now(UTC), [str(db)], leaders.version)
        size = DEFAULT_BATCH_SIZE * GIVEN_PER_RECORD
        costs["load"] = _cpu(
            lambda: [
                load_batch(con, run_id, articles[i : i + size], [], datetime.now(UTC))
                for i in range(0, len(articles), size)
            ]
        )
    finally:
        con.close()
    per_record = {step: round(seconds * 1000 / len(raw), 3) for step, seconds in costs.items()}
    return {**per_record, "sum": round(sum(per_record.values()), 3), "records": len(raw)}


def _cpu(work: Callable[[], object]) -> float:
    """CPU seconds of this process that `work` takes (DuckDB's threads included)."""
    started = time.process_time()
    work()
    return time.process_time() - started


def _extracted_by(db: Path) -> dict[str, int]:
    """Stored articles by where their body came from."""
    from tasks.store.database import connect_reader, query

    with connect_reader(db) as con:
        rows = query(con, "bench/extracted_by").to_dicts()
    return {row["extracted_by"]: row["articles"] for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=DEFAULT_RECORDS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    results = {"machine": machine(), **measure(args.records, args.seed)}
    save(results, args.out)


if __name__ == "__main__":
    main()
