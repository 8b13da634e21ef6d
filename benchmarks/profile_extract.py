"""Where a worker's time per page goes on real pages: one process extracts real pages exactly as
a pool worker does (extraction, mention matching, fingerprint), under pyinstrument.

Prints the time per page of each step that matters, as a share of the whole, and writes
pyinstrument's full tree beside the results when asked. Shares are of wall time (pyinstrument
samples the clock), so on a busy machine read them, and the CPU milliseconds per page, rather
than the wall milliseconds.

    python -m benchmarks.profile_extract [--corpus DIR ...] [--every 3] [--tree FILE]
        [--out benchmarks/results/extract_profile.json]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path
from typing import Any

from benchmarks.machine import machine, save
from benchmarks.real_pages import DEFAULT_CORPORA, page_bytes, real_pages
from tasks.records import RawRecord

# Pages a fresh worker extracts before the profile starts (spread over the sample).
FIRST_PAGES, FIRST_EVERY = 40, 7

# Steps worth naming: (label, function name, file it is defined in, as pyinstrument reports).
STEPS = (
    ("whole extraction (per page)", "extract_part", "tasks/run/pool.py"),
    ("decode bytes", "decode_page", "tasks/read/decoding.py"),
    ("parse HTML", "parse_page", "tasks/extract/html/clean.py"),
    ("page metadata (JSON-LD, meta tags)", "read_metadata", "tasks/extract/html/meta.py"),
    ("htmldate (no declared date)", "_page_date", "tasks/extract/record.py"),
    ("trafilatura author (no declared author)", "extract_author", "trafilatura/metadata.py"),
    ("body: all", "extract_body", "tasks/extract/html/body.py"),
    ("body: pruning", "prune_page", "tasks/extract/html/clean.py"),
    ("body: trafilatura", "bare_extraction", "trafilatura/core.py"),
    ("body: readability", "readability_text", "tasks/extract/html/body.py"),
    ("clean_body", "clean_body", "tasks/extract/record.py"),
    ("no-article check", "not_an_article", "tasks/extract/record.py"),
    ("text scrape extractor", "extract_text_page", "tasks/extract/text/scrape.py"),
    ("language", "detect_language", "tasks/extract/language.py"),
    ("mentions", "annotate", "tasks/mentions/matcher.py"),
    ("fingerprint (MinHash)", "fingerprint", "tasks/dedup/similarity.py"),
)


def records(pages: list[tuple[str, Path]]) -> list[RawRecord]:
    """The pages as the readers hand them to the pool."""
    found = []
    for kind, path in pages:
        data = page_bytes(path)
        file_id = hashlib.sha256(data).hexdigest()
        found.append(RawRecord(file_id, 0, "html" if kind == "html" else "text", data))
    return found


def step_seconds(root: Any) -> dict[tuple[str, str], float]:
    """Seconds in each named function, counting a function once where it calls itself."""
    totals: dict[tuple[str, str], float] = {}

    def walk(frame: Any, open_keys: frozenset[tuple[str, str]]) -> None:
        key = (frame.function or "", frame.file_path_short or "")
        match = next((k for k in _keys() if key[0] == k[0] and key[1].endswith(k[1])), None)
        if match is not None and match not in open_keys:
            totals[match] = totals.get(match, 0.0) + frame.time
            open_keys = open_keys | {match}
        for child in frame.children:
            walk(child, open_keys)

    walk(root, frozenset())
    return totals


def _keys() -> list[tuple[str, str]]:
    return [(function, file) for _, function, file in STEPS]


def measure(corpora: list[Path], every: int, tree: Path | None) -> dict[str, Any]:
    """Profile one in-process worker over every `every`-th real page."""
    from pyinstrument import Profiler

    from tasks.mentions.registry import default_leaders
    from tasks.run.pool import WARM_UP, WorkerSetup, extract_part

    sample = real_pages(corpora)[::every]
    setup = WorkerSetup(tuple(default_leaders().aliases), record_timeout=None)
    extract_part([WARM_UP], setup)  # libraries and models loaded, as a pool worker starts
    # A fresh worker's first real pages also fill the parsers' caches (dateparser compiles
    # its languages' patterns on first use): measured apart, as a cost per process.
    first = records(sample[::FIRST_EVERY][:FIRST_PAGES])
    cpu = time.process_time()
    extract_part(first, setup)
    first_cpu = time.process_time() - cpu
    work = records(sample)
    profiler = Profiler(interval=0.001)
    started, cpu = time.perf_counter(), time.process_time()
    profiler.start()
    extracted = extract_part(work, setup)
    profiler.stop()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if tree is not None:
        tree.write_text(profiler.output_text(show_all=False, unicode=True), encoding="utf-8")
    totals = step_seconds(profiler.last_session.root_frame())
    whole = totals.get(_keys()[0], extracted.seconds) or 1.0
    kinds = {kind: sum(1 for k, _ in sample if k == kind) for kind in ("html", "text")}
    return {
        "benchmark": "extract_profile",
        "pages": len(work),
        "pages_by_kind": kinds,
        "articles": sum(1 for o in extracted.outcomes if hasattr(o, "body")),
        "ms_per_page": round(1000 * seconds / len(work), 1),
        "cpu_ms_per_page": round(1000 * cpu / len(work), 1),
        "first_pages": {"pages": len(first), "cpu_seconds": round(first_cpu, 2)},
        "steps": [
            {
                "step": label,
                "ms_per_page": round(1000 * totals.get((function, file), 0.0) / len(work), 2),
                "share": round(totals.get((function, file), 0.0) / whole, 3),
            }
            for label, function, file in STEPS
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder")
    parser.add_argument("--every", type=int, default=3, help="profile every N-th page")
    parser.add_argument("--tree", type=Path, help="write pyinstrument's tree to this file")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    corpora = [path.resolve() for path in args.corpus or DEFAULT_CORPORA]
    results = measure(corpora, args.every, args.tree)
    results["machine"] = machine()
    for step in results["steps"]:
        print(f"{step['step']:<40} {step['ms_per_page']:>8.2f} ms  {step['share']:>6.1%}")
    save(results, args.out)


if __name__ == "__main__":
    main()
