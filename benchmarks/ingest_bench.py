"""Ingest throughput: `kabar ingest` end to end beside plain trafilatura on the same pages.

A generated dump (benchmarks.generate) is read twice in one run: (a) the baseline, plain
`trafilatura.bare_extraction(with_metadata=True)` over every page of the dump in a process pool,
the pages read from the dump's own files and nothing else; a text scrape is given to it as one
<p> per line, as `kabar eval` does, so both sides handle every record; (b) `kabar ingest` as a
subprocess into a new database. Then (c) the same dump again into the same database, and
one short page into another one, which is the fixed cost of any `kabar ingest` with work to do
(imports, Prefect's temporary server, the extractor processes, publishing). Peak memory is the
resident memory summed over the process tree.

    python -m benchmarks.ingest_bench --pages 20000 [--seed 1] [--workers N]
        [--out benchmarks/results/ingest.json] [--skip-baseline] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import psutil

from benchmarks.generate import GENERATOR_VERSION, MANIFEST, generate
from benchmarks.machine import machine, save
from tasks.settings import ROOT

T = TypeVar("T")
DEFAULT_PAGES = 20_000
POLL_SECONDS = 0.2
BASELINE_CHUNK = 50  # HTML or text files per baseline task
# Time creep: seconds per record of the last tenth of batches over the first tenth.
CREEP_SHARE = 0.1
CREEP_TARGET = 1.2
REINGEST_TARGET = 0.03
STAGES = ("read_seconds", "extract_seconds", "load_seconds")
MB = 2**20


class PeakMemory:
    """Peak resident memory of a process and all its descendants, polled in a thread, with
    when the peak came and how it was shared among the processes; and the CPU seconds of every
    process of the tree, as last read (`cpu_seconds`)."""

    def __init__(self, pid: int, interval: float = POLL_SECONDS):
        self.pid, self.interval = pid, interval
        self.cpu_by_pid: dict[int, float] = {}
        # Resident memory summed over processes counts a page that forked processes share once
        # in each; the proportional share (PSS) counts it once in all, so its sum is the tree's.
        self.peak_pss_bytes = 0
        self.peak_bytes = 0
        self.peak_seconds = 0.0
        self.peak_processes: list[tuple[str, int]] = []
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> PeakMemory:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        """Add up the tree's resident memory now and keep the largest sum seen."""
        try:
            root = psutil.Process(self.pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        shares: list[tuple[str, int]] = []
        pss = 0
        for process in tree:
            try:
                memory = process.memory_full_info()
                shares.append((_label(process), memory.rss))
                pss += getattr(memory, "pss", memory.rss)
                times = process.cpu_times()
                self.cpu_by_pid[process.pid] = times.user + times.system
            except psutil.Error:
                continue  # a worker that ended between listing and reading
        self.peak_pss_bytes = max(self.peak_pss_bytes, pss)
        total = sum(rss for _, rss in shares)
        if total > self.peak_bytes:
            self.peak_bytes = total
            self.peak_seconds = time.perf_counter() - self._started
            self.peak_processes = shares

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds of the tree's processes, each as last read (up to one interval short)."""
        return sum(self.cpu_by_pid.values())

    def figures(self) -> dict[str, Any]:
        """The peak, when it came, and each process's part of it, in MB."""
        return {
            "peak_rss_mb": round(self.peak_bytes / MB),
            "peak_pss_mb": round(self.peak_pss_bytes / MB),
            "peak_at_seconds": round(self.peak_seconds, 1),
            "peak_by_process_mb": [
                [label, round(rss / MB)]
                for label, rss in sorted(self.peak_processes, key=lambda s: s[1], reverse=True)
            ],
        }


def _label(process: psutil.Process) -> str:
    """A short name for a process of the tree: its program and first arguments."""
    try:
        words = [Path(word).name if "/" in word else word for word in process.cmdline()[:4]]
    except psutil.Error:
        return process.name()
    return " ".join(words)[:80]


# --- (a) the baseline: plain trafilatura over the dump's pages ---


def baseline_jobs(dump: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The dump's files as pool tasks, largest first: one per WARC or JSONL file, page files in
    chunks."""
    jobs: list[tuple[str, tuple[str, ...]]] = []
    for fmt in ("warc", "jsonl"):
        jobs += [(fmt, (str(path),)) for path in sorted((dump / fmt).glob("*.gz"))]
    for fmt, pattern in (("html", "*.html"), ("text", "*.txt")):
        paths = [str(path) for path in sorted((dump / fmt).rglob(pattern))]
        jobs += [
            (fmt, tuple(paths[i : i + BASELINE_CHUNK]))
            for i in range(0, len(paths), BASELINE_CHUNK)
        ]
    return sorted(jobs, key=lambda job: -sum(os.path.getsize(p) for p in job[1]))


def baseline_pages(fmt: str, path: str) -> Iterator[tuple[str, str | None]]:
    """The pages of one dump file as trafilatura takes them: HTML text and URL."""
    from warcio.archiveiterator import ArchiveIterator

    from tasks.evaluate.extraction import lines_as_html

    if fmt == "warc":
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    yield record.content_stream().read().decode("utf-8", "replace"), url
    elif fmt == "jsonl":
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                yield row["html"], row.get("url")
    elif fmt == "html":
        yield Path(path).read_text(encoding="utf-8"), None
    else:
        yield lines_as_html(Path(path).read_text(encoding="utf-8")), None


def baseline_job(fmt: str, paths: tuple[str, ...]) -> tuple[int, int]:
    """Run trafilatura over the pages of `paths`: (pages, pages it found a document in)."""
    import trafilatura

    pages = found = 0
    for path in paths:
        for page, url in baseline_pages(fmt, path):
            pages += 1
            found += trafilatura.bare_extraction(page, url=url, with_metadata=True) is not None
    return pages, found


def _quiet() -> None:
    # trafilatura logs every page it finds no text in; that is a result here, not news.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def baseline_map(job: Callable[..., T], workers: int, *args: Iterable[Any]) -> Timed[T]:
    """`job` over `args` in a pool of `workers` processes, timed, with the peak memory of this
    process and the pool. Spawned, as Kabar's pool: each worker pays the same start-up."""
    started = time.perf_counter()
    with (
        PeakMemory(os.getpid()) as memory,
        ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_quiet,
        ) as pool,
    ):
        results = list(pool.map(job, *args))
    return Timed(results, time.perf_counter() - started, memory.peak_bytes)


@dataclass(frozen=True, slots=True)
class Timed(Generic[T]):
    """Results of a pool's work, the seconds it took and the peak memory it needed."""

    results: list[T]
    seconds: float
    peak_bytes: int


def run_baseline(dump: Path, workers: int) -> dict[str, Any]:
    """Plain trafilatura over every page of the dump in `workers` processes."""
    jobs = baseline_jobs(dump)
    timed = baseline_map(baseline_job, workers, *zip(*jobs, strict=True))
    results, seconds = timed.results, timed.seconds
    pages = sum(p for p, _ in results)
    return {
        "workers": workers,
        "pages": pages,
        "documents": sum(f for _, f in results),
        "seconds": round(seconds, 2),
        "pages_per_second": round(pages / seconds, 1),
        "peak_rss_mb": round(timed.peak_bytes / MB),
    }


# --- (b) and (c): kabar ingest as a subprocess ---


def run_ingest(
    paths: list[Path], db: Path, workers: int | None, options: Sequence[str] = ()
) -> dict[str, Any]:
    """Time one `kabar ingest` process (with further command-line `options`) and the peak
    memory of its process tree."""
    command = [sys.executable, "-m", "flows.cli", "ingest", *map(str, paths), "--db", str(db)]
    if workers is not None:
        command += ["--workers", str(workers)]
    command += options
    # Prefect's logs go to a file: a full pipe would stall the run being timed.
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        cpu_before = _children_cpu_seconds()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
        with PeakMemory(process.pid) as memory:
            process.wait()
        seconds = time.perf_counter() - started
        # Both figures fall short, so the larger is the nearer: reaped children count exactly,
        # but the extractors' fork server and the workers forked from it are reaped by nobody
        # here; the readings of the tree count every process, each up to a poll short.
        cpu_seconds = max(_children_cpu_seconds() - cpu_before, memory.cpu_seconds)
        if process.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"kabar ingest failed ({process.returncode}):\n{tail}")
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2), **memory.figures()}


def _children_cpu_seconds() -> float:
    """User and system CPU time of the finished child processes (and theirs, once reaped): on a
    busy machine, the work a run did, where its wall time also counts the waits for a core."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# The page of the fixed-cost run: enough text to be an article, nothing to take time over.
ONE_PAGE = (
    "<html><head><title>Ferry runs all year</title></head><body><article>"
    "<h1>Ferry runs all year</h1><p>The harbour board agreed on Monday to keep the night ferry"
    " running through the winter, after a season in which it carried more passengers than in"
    " any year since the service began.</p><p>Its members said the timetable would stay as it"
    " is until the spring review.</p></article></body></html>"
)


def fixed_cost(work: Path, workers: int | None) -> dict[str, Any]:
    """A run of one short page into a new database: what any run with work to do costs."""
    folder = work / "one-page"
    folder.mkdir()
    (folder / "page.html").write_text(ONE_PAGE, encoding="utf-8")
    return run_ingest([folder], work / "one-page.duckdb", workers)


def store_runs(db: Path) -> list[dict[str, Any]]:
    """Every run recorded in the published store, oldest first."""
    from tasks.store.database import connect_reader, query

    with connect_reader(db) as con:
        return query(con, "bench/ingest_runs").to_dicts()


def batch_timings(db: Path, run_id: str) -> list[dict[str, Any]] | None:
    """The run's per-batch timings, or None when the store does not record them."""
    from tasks.store.database import connect_reader, query

    with connect_reader(db) as con:
        if not query(con, "bench/table_exists", table_name="run_batches")["present"][0]:
            return None
        return query(con, "bench/ingest_batches", run_id=run_id).to_dicts()


def stage_figures(batches: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Time per stage over the run, per record, and how much later batches slow down."""
    if not batches:
        return {"available": False}
    records = sum(b["records"] for b in batches)
    figures: dict[str, Any] = {"available": True, "batches": len(batches), "records": records}
    for stage in STAGES:
        seconds = sum(b[stage] for b in batches)
        figures[stage] = round(seconds, 2)
        figures[stage.replace("_seconds", "_ms_per_record")] = round(1000 * seconds / records, 2)
    figures["creep"] = {
        "total": creep(batches, STAGES),
        **{stage.removesuffix("_seconds"): creep(batches, (stage,)) for stage in STAGES},
        "target": CREEP_TARGET,
    }
    figures["writer_memory_mb"] = writer_memory(batches)
    return figures


def writer_memory(batches: list[dict[str, Any]]) -> dict[str, Any] | None:
    """How the writing process's memory went over the run (resident set, DuckDB's part, and of
    that the indexes), after the second batch, halfway and after the last; None for stores
    that do not record it."""
    if batches[-1].get("writer_rss_bytes") is None:
        return None
    picks = {"early": batches[min(1, len(batches) - 1)], "middle": batches[len(batches) // 2]}
    picks["last"] = batches[-1]
    return {
        column.removesuffix("_bytes"): {
            when: round((batch[column] or 0) / MB) for when, batch in picks.items()
        }
        for column in ("writer_rss_bytes", "store_memory_bytes", "index_memory_bytes")
    }


def creep(batches: list[dict[str, Any]], stages: tuple[str, ...]) -> float | None:
    """Seconds per record of the last tenth of batches over the first tenth, the very first
    batch (cold caches, pool start-up) left out; None with fewer than two batches to compare."""
    rest = batches[1:]
    if len(rest) < 2:
        return None
    count = max(1, round(len(rest) * CREEP_SHARE))

    def per_record(group: list[dict[str, Any]]) -> float:
        return sum(b[s] for b in group for s in stages) / max(1, sum(b["records"] for b in group))

    first = per_record(rest[:count])
    return round(per_record(rest[-count:]) / first, 2) if first > 0 else None


def truth_check(db: Path, out_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """What the store made of the planted stories, copies and section fronts, and the mentions
    it counted against those planted.

    Which copy of a story becomes its article depends on reading order, so stories are judged
    by cluster: all pages of a story should share one, and no cluster should hold two stories.
    """
    from tasks.store.database import connect_reader, query

    dump = (out_dir / manifest["dump"]).resolve()
    with connect_reader(db) as con:
        ledger = query(con, "bench/ingest_ledger").to_dicts()
        stored = dict(query(con, "bench/ingest_mentions").iter_rows())
    placed = {
        (Path(row["path"]).resolve().relative_to(dump).as_posix(), row["position"]): row
        for row in ledger
    }
    story_clusters: dict[int, set[int | None]] = {}
    cluster_stories: dict[int, set[int]] = {}
    page_cluster: dict[tuple[int, int], int | None] = {}  # (story, copy) of each first page
    copies: list[tuple[str, int, int, int | None]] = []  # role, story, copy, cluster
    rejected = indexes = 0
    for row in truth_rows(out_dir / manifest["truth"]):
        outcome = placed.get((row["file"], row["position"]), {})
        cluster = outcome.get("cluster_id")
        if row["role"] == "index":
            indexes += 1
            rejected += outcome.get("outcome") == "reject"
            continue
        story = row["story"]
        story_clusters.setdefault(story, set()).add(cluster)
        if cluster is not None:
            cluster_stories.setdefault(cluster, set()).add(story)
        if row["role"] == "original":
            page_cluster[(story, 0)] = cluster
        else:
            copies.append((row["role"], story, row["copy"], cluster))
            if row["role"] == "syndicated":
                page_cluster[(story, row["copy"])] = cluster
    found: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    for role, story, copy, cluster in copies:
        planted[role] += 1
        # An exact duplicate repeats one page; a syndicated copy repeats the story's original.
        source = (story, copy) if role == "duplicate" else (story, 0)
        found[role] += cluster is not None and page_cluster.get(source) == cluster
    return {
        "stories": {
            "planted": len(story_clusters),
            "stored_as_one": sum(
                1 for c in story_clusters.values() if len(c) == 1 and None not in c
            ),
            "split": sum(1 for c in story_clusters.values() if len(c) > 1),
            "merged_with_another": sum(1 for s in cluster_stories.values() if len(s) > 1),
        },
        "exact_duplicates": {"planted": planted["duplicate"], "found": found["duplicate"]},
        "syndicated_copies": {"planted": planted["syndicated"], "found": found["syndicated"]},
        "index_pages": {"planted": indexes, "rejected": rejected},
        "mentions": mention_figures(manifest["mentions_per_leader"], stored),
    }


def truth_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The generator's truth, one row per record, streamed."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def mention_figures(planted: dict[str, int], stored: dict[str, int]) -> dict[str, Any]:
    """Mentions stored beside mentions planted, in all and per leader."""
    leaders = sorted(set(planted) | set(stored))
    return {
        "planted": sum(planted.values()),
        "stored": sum(stored.values()),
        "per_leader": {
            leader: [planted.get(leader, 0), stored.get(leader, 0)] for leader in leaders
        },
    }


def measure(
    out_dir: Path,
    manifest: dict[str, Any],
    workers: int | None = None,
    skip_baseline: bool = False,
    work_dir: Path | None = None,
) -> dict[str, Any]:
    """Baseline, first ingest, re-ingest and fixed cost on the dump under `out_dir`."""
    dump = (out_dir / manifest["dump"]).resolve()
    pages = manifest["pages"]
    with tempfile.TemporaryDirectory(dir=work_dir) as folder:
        work = Path(folder)
        baseline = None
        if not skip_baseline:
            baseline = run_baseline(dump, baseline_workers(workers))
        db = work / "bench.duckdb"
        first = run_ingest([dump], db, workers)
        runs = store_runs(db)
        first_run = runs[-1]
        stages = stage_figures(batch_timings(db, first_run["run_id"]))
        truth = truth_check(db, out_dir, manifest)
        first["db_mb"] = round(db.stat().st_size / MB)
        again = run_ingest([dump], db, workers)
        again_run = store_runs(db)[-1]
        fixed = fixed_cost(work, workers)
    kabar = {
        **first,
        "pages_per_second": round(pages / first["seconds"], 1),
        "pages_per_second_without_fixed": rate(pages, first["seconds"] - fixed["seconds"]),
        "run": _run_counts(first_run),
        "reconciles": first_run["records_seen"]
        == first_run["articles_new"] + first_run["duplicates"] + first_run["rejects"],
        "stages": stages,
    }
    return {
        "benchmark": "ingest",
        "pages": pages,
        "seed": manifest["seed"],
        "workers": workers,
        "dump": _dump_summary(manifest),
        "baseline": baseline,
        "kabar": kabar,
        "ratio": round(kabar["pages_per_second"] / baseline["pages_per_second"], 3)
        if baseline
        else None,
        "ratio_without_fixed": round(
            kabar["pages_per_second_without_fixed"] / baseline["pages_per_second"], 3
        )
        if baseline and kabar["pages_per_second_without_fixed"]
        else None,
        "reingest": reingest_figures(again, again_run, first["seconds"], fixed["seconds"]),
        "fixed_cost": fixed,
        "truth": truth,
    }


def baseline_workers(workers: int | None) -> int:
    """The baseline's processes: as many as Kabar's extractors, every core by default."""
    if workers is not None:
        return max(1, workers)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def rate(pages: int, seconds: float) -> float | None:
    """Pages per second, or None when there is no time left to divide by."""
    return round(pages / seconds, 1) if seconds > 0 else None


def reingest_figures(
    again: dict[str, Any], run: dict[str, Any], first_seconds: float, fixed_seconds: float
) -> dict[str, Any]:
    """The second ingest of the same dump as a share of the first, with and without the fixed
    cost every `kabar ingest` pays."""
    beyond = again["seconds"] - fixed_seconds  # below zero when within the runs' noise
    without = max(0.0, beyond)
    first_without = first_seconds - fixed_seconds
    return {
        **again,
        "files_skipped": run["files_skipped"],
        "records_seen": run["records_seen"],
        "seconds_beyond_fixed": round(beyond, 2),
        "fraction": round(again["seconds"] / first_seconds, 4),
        "fraction_without_fixed": round(without / first_without, 4) if first_without > 0 else None,
        "target": REINGEST_TARGET,
    }


def _run_counts(run: dict[str, Any]) -> dict[str, Any]:
    keys = ("records_seen", "articles_new", "duplicates", "rejects", "records_per_second")
    counts = {key: run[key] for key in keys}
    counts["records_per_second"] = round(counts["records_per_second"] or 0.0, 1)
    counts["duplicates_by_method"] = dict(run["duplicates_by_method"] or {})
    counts["rejects_by_reason"] = dict(run["rejects_by_reason"] or {})
    return counts


def _dump_summary(manifest: dict[str, Any]) -> dict[str, Any]:
    keys = ("formats", "stories", "syndicated_copies", "exact_duplicates", "index_pages")
    return {**{key: manifest[key] for key in keys}, "html_bytes": manifest["html_bytes"]}


def prepare_dump(pages: int, seed: int, keep: Path | None) -> tuple[Path, dict[str, Any], float]:
    """The dump to measure: the one kept in `keep` if it was made with the same pages, seed and
    generator, else a new one. Returns its folder, manifest and generation seconds."""
    out_dir = keep or Path(tempfile.mkdtemp(prefix="kabar-bench-"))
    manifest_path = out_dir / MANIFEST
    if keep is not None and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        wanted = (pages, seed, GENERATOR_VERSION)
        if (manifest["pages"], manifest["seed"], manifest["generator_version"]) == wanted:
            return out_dir, manifest, 0.0
    started = time.perf_counter()
    manifest = generate(out_dir, pages, seed)
    return out_dir, manifest, round(time.perf_counter() - started, 1)


def summary_rows(results: dict[str, Any]) -> list[tuple[str, str]]:
    """The figures worth reading, as (figure, value) rows."""
    kabar, base, again = results["kabar"], results["baseline"], results["reingest"]
    stages, truth = kabar["stages"], results["truth"]
    rows = [("pages", f"{results['pages']:,}")]
    if base:
        rows.append(
            (
                "baseline (trafilatura)",
                f"{base['pages_per_second']} pages/s, {base['seconds']} s, "
                f"{base['workers']} processes, peak {base['peak_rss_mb']} MB",
            )
        )
    rows += [
        (
            "kabar ingest",
            f"{kabar['pages_per_second']} pages/s ({kabar['pages_per_second_without_fixed']} "
            f"without the fixed cost), {kabar['seconds']} s, peak {kabar['peak_rss_mb']} MB "
            f"at {kabar['peak_at_seconds']} s: {json.dumps(kabar['peak_by_process_mb'])}",
        ),
        (
            "kabar / baseline",
            f"{results['ratio']} ({results['ratio_without_fixed']} without the fixed cost)"
            if base
            else "baseline skipped",
        ),
        ("fixed cost (one page)", f"{results['fixed_cost']['seconds']} s"),
        (
            "re-ingest",
            f"{again['seconds']} s = {again['fraction']:.1%} of the first; "
            f"{again['seconds_beyond_fixed']} s beyond the fixed cost = "
            f"{_percent(again['fraction_without_fixed'])} (target {again['target']:.0%})",
        ),
        ("records", json.dumps(kabar["run"], ensure_ascii=False)),
    ]
    if stages["available"]:
        rows += [
            (
                "stages (s, ms/record)",
                ", ".join(
                    f"{s.removesuffix('_seconds')} {stages[s]} "
                    f"({stages[s.replace('_seconds', '_ms_per_record')]})"
                    for s in STAGES
                ),
            ),
            ("time creep (last/first tenth)", json.dumps(stages["creep"])),
            ("writer memory (MB)", json.dumps(stages["writer_memory_mb"])),
        ]
    else:
        rows.append(("stages", "unavailable: the store has no run_batches table"))
    stories = truth["stories"]
    rows += [
        (
            "stories",
            f"{stories['stored_as_one']} of {stories['planted']} stored as one story, "
            f"{stories['split']} split, {stories['merged_with_another']} merged",
        ),
        *(
            (name.replace("_", " "), f"{v['found']} of {v['planted']} found in their story")
            for name, v in truth.items()
            if name in ("exact_duplicates", "syndicated_copies")
        ),
        (
            "section fronts",
            f"{truth['index_pages']['rejected']} of {truth['index_pages']['planted']} rejected",
        ),
    ]
    mentions = truth["mentions"]
    rows.append(("mentions stored / planted", f"{mentions['stored']} / {mentions['planted']}"))
    return rows


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def print_summary(results: dict[str, Any]) -> None:
    """A readable table of the results on stderr."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Ingest benchmark")
    table.add_column("figure")
    table.add_column("value")
    for name, value in summary_rows(results):
        table.add_row(name, value)
    Console(file=sys.stderr).print(table)


def main() -> None:
    """Command line: generate or reuse a dump, measure, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, help="extractor processes [default: every core]")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the dump in DIR and reuse it next time")
    args = parser.parse_args()
    out_dir, manifest, generate_seconds = prepare_dump(args.pages, args.seed, args.keep)
    try:
        results = measure(out_dir, manifest, args.workers, args.skip_baseline)
    finally:
        if args.keep is None:
            shutil.rmtree(out_dir, ignore_errors=True)
    results["generate_seconds"] = generate_seconds
    results["machine"] = machine()
    print_summary(results)
    save(results, args.out)


if __name__ == "__main__":
    main()
