"""Mart speed: the weekly marts read back from a store of 1M articles and 5M mentions.

The store is synthesised in SQL (sql/bench/marts_store.sql) with Kabar's own schema and leader
list: articles spread over two years of weeks, stories of one or three copies, mentions of every
leader of the list. Each mart is read whole, on a freshly opened connection made the way
`kabar report` opens one: the first read is reported, then the best of three more.

    python -m benchmarks.marts_bench [--articles 1000000] [--mentions 5000000] [--out FILE]
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.machine import machine, save

DEFAULT_ARTICLES = 1_000_000
DEFAULT_MENTIONS = 5_000_000
WEEKS = 104
# An article's k-th mention names leader (first + STRIDE k) mod n (see marts_store.sql).
STRIDE = 13
REPEATS = 3
TARGET_SECONDS = 1.0  # for the weekly mart
# Mart name → the statement that reads it whole.
MARTS = {
    "mentions_per_leader_per_week": "bench/weekly_mart",
    "leader_share_of_voice_per_week": "bench/share_of_voice_mart",
}
MB = 2**20


def build_store(path: Path, articles: int, mentions: int) -> int:
    """Create the synthetic store at `path` with the default leader list; its leader count."""
    from tasks.mentions.registry import default_leaders
    from tasks.store.database import execute, open_store
    from tasks.store.leaders import sync_leaders

    leaders = default_leaders()
    count = len(leaders.leaders)
    if math.gcd(STRIDE, count) != 1 or mentions > count * articles:
        raise ValueError(
            f"{mentions} mentions cannot name distinct leaders of {count} per article "
            f"over {articles} articles"
        )
    con = open_store(path)
    try:
        sync_leaders(con, leaders)
        execute(con, "bench/marts_store", articles=articles, mentions=mentions, weeks=WEEKS)
        execute(con, "load/checkpoint")
    finally:
        con.close()
    return count


def time_mart(path: Path, statement: str, repeats: int = REPEATS) -> dict[str, Any]:
    """Read a mart whole on a fresh reader connection: the first read, then the best of
    `repeats`."""
    from tasks.store.database import connect_reader, query

    timings = []
    rows = 0
    with connect_reader(path) as con:
        for _ in range(repeats + 1):
            started = time.perf_counter()
            rows = query(con, statement).height
            timings.append(time.perf_counter() - started)
    return {
        "rows": rows,
        "first_seconds": round(timings[0], 3),
        "best_seconds": round(min(timings[1:]), 3),
        "seconds": [round(t, 3) for t in timings[1:]],
    }


def measure(articles: int, mentions: int, work_dir: Path | None = None) -> dict[str, Any]:
    """Build the store, then time each mart."""
    with tempfile.TemporaryDirectory(dir=work_dir) as folder:
        path = Path(folder) / "marts.duckdb"
        started = time.perf_counter()
        leaders = build_store(path, articles, mentions)
        built = time.perf_counter() - started
        marts = {name: time_mart(path, statement) for name, statement in MARTS.items()}
        size = path.stat().st_size
    weekly = marts["mentions_per_leader_per_week"]["best_seconds"]
    return {
        "benchmark": "marts",
        "articles": articles,
        "mentions": mentions,
        "weeks": WEEKS,
        "leaders": leaders,
        "build_seconds": round(built, 1),
        "db_mb": round(size / MB),
        "marts": marts,
        "target_seconds": TARGET_SECONDS,
        "weekly_within_target": weekly <= TARGET_SECONDS,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def expected_weekly_rows(leaders: int) -> int:
    """Rows of the dense weekly marts on the synthetic store: every leader in every week."""
    return WEEKS * leaders


def main() -> None:
    """Command line: build, time, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--mentions", type=int, default=DEFAULT_MENTIONS)
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    results = measure(args.articles, args.mentions)
    results["machine"] = machine()
    for name, figures in results["marts"].items():
        print(
            f"{name}: {figures['rows']} rows, first read {figures['first_seconds']} s, "
            f"best of {REPEATS} {figures['best_seconds']} s",
            file=sys.stderr,
        )
    save(results, args.out)


if __name__ == "__main__":
    main()
