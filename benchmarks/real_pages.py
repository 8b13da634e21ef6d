"""Ingest throughput on real pages: `kabar ingest` beside plain trafilatura, same pages, same run.

The pages are taken at run time from corpora of real web pages kept outside the repository
(`../shared/wcxb-dev` and `../shared/devpages` by default): every HTML page (gzipped or not)
under their `html/` folders and every text scrape under `text/`. Nothing of them is copied.

Each round measures, in this order and on the same pages: (a) the baseline, plain
`trafilatura.bare_extraction(with_metadata=True)` in a pool of as many processes as Kabar's
extractors, given each page's raw bytes (a text scrape as one <p> per line); (b) `kabar ingest`
of the same folders into a new database, as a subprocess, fixed costs included; (c) the same
folders again into that database (a run that finds nothing new); (d) one short page into
another database (the fixed cost of any run with work to do). The machine may be shared:
speeds are compared as a ratio within a round, and rounds are repeated to show how much the
ratio moves.

    python -m benchmarks.real_pages [--corpus DIR ...] [--workers N] [--rounds 2]
        [--limit N] [--out benchmarks/results/ingest_real.json]
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.ingest_bench import (
    MB,
    baseline_map,
    baseline_workers,
    batch_timings,
    fixed_cost,
    rate,
    run_ingest,
    stage_figures,
    store_runs,
)
from benchmarks.machine import machine, save
from tasks.settings import ROOT

DEFAULT_CORPORA = (ROOT.parent / "shared" / "wcxb-dev", ROOT.parent / "shared" / "devpages")
PAGE_FOLDERS = {"html": "html", "text": "text"}  # folder of a corpus → kind of page
PAGE_SUFFIXES = {"html": (".html", ".htm", ".html.gz", ".htm.gz"), "text": (".txt", ".txt.gz")}
BASELINE_CHUNK = 20  # pages per baseline task
MIN_PAGES = 1000  # the figure means little on fewer real pages
DEFAULT_ROUNDS = 2


def real_pages(corpora: list[Path], limit: int | None = None) -> list[tuple[str, Path]]:
    """(kind, path) of every page of the corpora, in a fixed order; `limit` per kind."""
    pages: list[tuple[str, Path]] = []
    for kind, folder in PAGE_FOLDERS.items():
        found = sorted(
            path
            for corpus in corpora
            for path in (corpus / folder).rglob("*")
            if path.is_file() and path.name.endswith(PAGE_SUFFIXES[kind])
        )
        pages += [(kind, path) for path in found[:limit]]
    return pages


def page_bytes(path: Path) -> bytes:
    """A page's bytes as a crawler stored them, unzipped."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def baseline_job(pages: tuple[tuple[str, str], ...]) -> tuple[int, int, int]:
    """Plain trafilatura over some pages: (pages, pages it found a document in, bytes read)."""
    import trafilatura

    from tasks.evaluate.extraction import lines_as_html

    found = size = 0
    for kind, path in pages:
        data = page_bytes(Path(path))
        size += len(data)
        page: str | bytes = data
        if kind == "text":
            page = lines_as_html(data.decode("utf-8", "replace"))
        found += trafilatura.bare_extraction(page, with_metadata=True) is not None
    return len(pages), found, size


def run_baseline(pages: list[tuple[str, Path]], workers: int) -> dict[str, Any]:
    """Plain trafilatura over every page in `workers` spawned processes (as Kabar's pool)."""
    jobs = [
        tuple((kind, str(path)) for kind, path in pages[i : i + BASELINE_CHUNK])
        for i in range(0, len(pages), BASELINE_CHUNK)
    ]
    timed = baseline_map(baseline_job, workers, jobs)
    results, seconds = timed.results, timed.seconds
    count = sum(r[0] for r in results)
    return {
        "workers": workers,
        "pages": count,
        "documents": sum(r[1] for r in results),
        "mb": round(sum(r[2] for r in results) / MB, 1),
        "seconds": round(seconds, 2),
        "pages_per_second": round(count / seconds, 1),
        "peak_rss_mb": round(timed.peak_bytes / MB),
    }


def page_inputs(pages: list[tuple[str, Path]], limit: int | None) -> list[Path]:
    """What `kabar ingest` is given: the corpora's page folders whole, or, with a limit, each
    page named (a path named on the command line is read even through a link)."""
    if limit is None:
        return sorted({path.parent for _, path in pages})
    return [path for _, path in pages]


def round_figures(
    pages: list[tuple[str, Path]], workers: int | None, limit: int | None
) -> dict[str, Any]:
    """One round: baseline, first ingest, re-run and a one-page run, with their ratio."""
    baseline = run_baseline(pages, baseline_workers(workers))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = page_inputs(pages, limit)
        db = work / "real.duckdb"
        first = run_ingest(inputs, db, workers)
        run = store_runs(db)[-1]
        stages = stage_figures(batch_timings(db, run["run_id"]))
        again = run_ingest(inputs, db, workers)
        again_run = store_runs(db)[-1]
        fixed = fixed_cost(work, workers)
    count = len(pages)
    kabar = {
        **first,
        "pages_per_second": round(count / first["seconds"], 1),
        "pages_per_second_without_fixed": rate(count, first["seconds"] - fixed["seconds"]),
        "records_seen": run["records_seen"],
        "articles_new": run["articles_new"],
        "duplicates": run["duplicates"],
        "rejects": run["rejects"],
        "rejects_by_reason": dict(run["rejects_by_reason"] or {}),
        "stages": stages,
    }
    return {
        "baseline": baseline,
        "kabar": kabar,
        "ratio": round(kabar["pages_per_second"] / baseline["pages_per_second"], 3),
        "rerun": {
            **again,
            "records_seen": again_run["records_seen"],
            "files_skipped": again_run["files_skipped"],
        },
        "fixed_cost": fixed,
    }


def measure(
    corpora: list[Path],
    workers: int | None = None,
    rounds: int = DEFAULT_ROUNDS,
    limit: int | None = None,
    after_round: Callable[[dict[str, Any]], None] = lambda results: None,
) -> dict[str, Any]:
    """Every round's figures on the corpora's pages, and the ratio's range over the rounds;
    `after_round` gets the figures so far after each round (a long run keeps what it measured)."""
    pages = real_pages(corpora, limit)
    if limit is None and len(pages) < MIN_PAGES:
        raise SystemExit(
            f"only {len(pages)} real pages under {', '.join(map(str, corpora))}; the benchmark "
            f"needs at least {MIN_PAGES}: point --corpus at more"
        )
    kinds = {kind: sum(1 for k, _ in pages if k == kind) for kind in PAGE_FOLDERS}
    figures: dict[str, Any] = {}
    results: list[dict[str, Any]] = []
    for _ in range(rounds):
        results.append(round_figures(pages, workers, limit))
        ratios = [r["ratio"] for r in results]
        figures = {
            "benchmark": "ingest_real_pages",
            "corpora": [corpus.name for corpus in corpora],
            "pages": len(pages),
            "pages_by_kind": kinds,
            "gzipped_pages": sum(1 for _, path in pages if path.name.endswith(".gz")),
            "workers": workers,
            "rounds": results,
            "ratio_range": [min(ratios), max(ratios)],
            "rerun_seconds": [r["rerun"]["seconds"] for r in results],
        }
        after_round(figures)
    return figures


def print_summary(results: dict[str, Any]) -> None:
    """One line per round on stderr."""
    print(
        f"{results['pages']} real pages {results['pages_by_kind']}, "
        f"{results['gzipped_pages']} gzipped",
        file=sys.stderr,
    )
    for number, result in enumerate(results["rounds"], 1):
        base, kabar = result["baseline"], result["kabar"]
        print(
            f"round {number}: baseline {base['pages_per_second']} pages/s ({base['seconds']} s), "
            f"kabar ingest {kabar['pages_per_second']} pages/s ({kabar['seconds']} s, peak "
            f"{kabar['peak_rss_mb']} MB resident, {kabar['peak_pss_mb']} MB proportional) = "
            f"{result['ratio']}x; re-run "
            f"{result['rerun']['seconds']} s; one-page run {result['fixed_cost']['seconds']} s",
            file=sys.stderr,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder")
    parser.add_argument("--workers", type=int, help="extractor processes [default: every core]")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
    parser.add_argument("--limit", type=int, help="pages of each kind (a quick look)")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    corpora = [path.resolve() for path in args.corpus or DEFAULT_CORPORA]

    def keep(results: dict[str, Any]) -> None:
        results["machine"] = machine()
        print_summary(results)
        save(results, args.out)

    measure(corpora, args.workers, args.rounds, args.limit, keep)


if __name__ == "__main__":
    main()
