"""CPU milliseconds per real page of a pool worker's whole extraction and of the steps of it
timed one by one (pruning, standfirst, line cleaning, edge trimming, the body as a whole).

CPU time, not wall time, so that two checkouts run side by side on a busy machine compare: run
it in each at the same moment (`PYTHONPATH=<checkout>`, from the checkout) and read the pairs.

    python -m benchmarks.extract_steps [--every 2] [--corpus DIR ...]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.machine import machine
from benchmarks.profile_extract import records
from benchmarks.real_pages import DEFAULT_CORPORA, real_pages

WARM_PAGES = 20  # extracted before timing: a fresh worker's first pages fill parsers' caches


def timed(module: ModuleType, name: str, spent: dict[str, float]) -> None:
    """Replace `module.name` by a wrapper that adds its CPU seconds to `spent[name]`."""
    function: Callable[..., Any] = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - started

    setattr(module, name, wrapper)


def measure(corpora: list[Path], every: int) -> dict[str, Any]:
    import tasks.extract.html.body as body
    import tasks.extract.record as record
    from tasks.mentions.registry import default_leaders
    from tasks.run.pool import WARM_UP, WorkerSetup, extract_part

    spent: dict[str, float] = {}
    for module, name in (
        (body, "prune_page"),
        (body, "standfirst"),
        (body, "trim_edges"),
        (record, "clean_body"),
        (record, "extract_body"),
    ):
        timed(module, name, spent)
    setup = WorkerSetup(tuple(default_leaders().aliases), record_timeout=None)
    work = records(real_pages(corpora)[::every])
    extract_part([WARM_UP, *work[:WARM_PAGES]], setup)
    spent.clear()
    started = time.process_time()
    extract_part(work, setup)
    whole = time.process_time() - started
    per_page = {name: round(1000 * seconds / len(work), 2) for name, seconds in spent.items()}
    return {"pages": len(work), "cpu_ms_per_page": round(1000 * whole / len(work), 2), **per_page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder")
    parser.add_argument("--every", type=int, default=2, help="every N-th real page")
    args = parser.parse_args()
    corpora = [path.resolve() for path in args.corpus or DEFAULT_CORPORA]
    print(json.dumps({**measure(corpora, args.every), "machine": machine()}))


if __name__ == "__main__":
    main()
