"""Deduplication at scale: load 1,000 new articles into stores of 10k, 100k and 1M articles.

Stored articles are synthesised directly in DuckDB (random signatures and band keys, distinct
URLs and bodies), which is what the placement queries read; the 1,000 new articles go through
the real path: fingerprints, candidate join, verification, story assignment, one transaction.
Each store size runs in a fresh process so peak memory is per size.

    python -m benchmarks.dedup_scale [--sizes 10000 100000 1000000] [--new 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.machine import machine, save

VOCABULARY = (
    "minister",
    "talks",
    "border",
    "trade",
    "port",
    "strike",
    "grain",
    "rate",
    "bank",
    "election",
    "vote",
    "court",
    "ruling",
    "police",
    "river",
    "flood",
    "school",
    "budget",
    "energy",
    "pipeline",
    "summit",
    "treaty",
    "sanctions",
    "inflation",
    "harvest",
    "rain",
    "protest",
    "parliament",
    "coalition",
    "governor",
    "mayor",
    "airport",
    "railway",
    "export",
    "import",
    "tariff",
)


def synthesise_store(path: Path, size: int) -> None:
    """A store of `size` stored articles, each its own story, built with set-based SQL."""
    from tasks.dedup.similarity import lsh_shape
    from tasks.settings import DEFAULT_NEAR_THRESHOLD
    from tasks.store.database import execute, open_store

    con = open_store(path)
    execute(con, "bench/synthetic_store", size=size, bands=lsh_shape(DEFAULT_NEAR_THRESHOLD)[0])
    con.close()


def new_articles(count: int, seed: int) -> list:
    # Positions are offset by seed so two calls never produce the same article ids.
    """Realistic new articles: distinct stories, a third of them with a syndicated copy."""
    from tasks.dedup.similarity import fingerprint
    from tasks.read.normalise import body_fingerprint, canonical_url
    from tasks.records import Article
    from tasks.settings import DEFAULT_NEAR_THRESHOLD

    rng = random.Random(seed)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    articles = []
    while len(articles) < count:
        sentences = [
            " ".join(rng.choices(VOCABULARY, k=rng.randint(12, 22))) + "." for _ in range(14)
        ]
        copies = 2 if rng.random() < 0.33 else 1
        for copy in range(copies):
            text = "\n\n".join(sentences if copy == 0 else ["WIRE -", *sentences[1:]])
            index = len(articles)
            url = f"https://site{index % 97}.example/news/{seed}-{index}"
            articles.append(
                Article(
                    file_id=f"bench-{seed}",
                    position=index,
                    url=url,
                    canonical_url=canonical_url(url),
                    site=f"site{index % 97}.example",
                    site_name=None,
                    title=f"Story {index}",
                    author=None,
                    published_at=start + timedelta(minutes=index),
                    date_source="metadata",
                    language="en",
                    body=text,
                    body_hash=body_fingerprint(text),
                    fingerprint=fingerprint(text, DEFAULT_NEAR_THRESHOLD),
                )
            )
    return articles[:count]


def measure(size: int, count: int) -> dict:
    """Time to place and load `count` new articles into a store of `size`; peak memory."""
    from tasks.store.database import cap_memory, open_store
    from tasks.store.load import load_batch

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        synthesise_store(path, size)
        built = time.perf_counter() - started
        first, second = new_articles(count, seed=size), new_articles(count, seed=size + 1)
        con = open_store(path)
        cap_memory(con)  # as an ingest's writer runs
        started = time.perf_counter()
        counts = load_batch(con, "bench", first, [], datetime.now(UTC))
        seconds = time.perf_counter() - started
        # A long ingest loads batch after batch on one connection: the store is warm then.
        started = time.perf_counter()
        load_batch(con, "bench", second, [], datetime.now(UTC))
        warm_seconds = time.perf_counter() - started
        con.close()
    return {
        "stored_articles": size,
        "new_articles": count,
        "load_seconds": round(seconds, 3),
        "next_batch_seconds": round(warm_seconds, 3),
        "duplicates_found": counts.duplicates,
        "store_build_seconds": round(built, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.new)))
        return
    results = []
    for size in args.sizes:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.dedup_scale",
                "--one",
                str(size),
                "--new",
                str(args.new),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), file=sys.stderr)
    for key in ("load_seconds", "next_batch_seconds"):
        base = results[0][key]
        for row in results:
            row[f"{key}_ratio"] = round(row[key] / base, 2)
    report = {"benchmark": "dedup_scale", "machine": machine(), "results": results}
    save(report, args.out)


if __name__ == "__main__":
    main()
