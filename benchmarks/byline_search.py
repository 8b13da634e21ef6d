"""Authors of real pages that declare none: trafilatura's byline search against Kabar's call.

Kabar calls trafilatura's `extract_author` only on pages with an element it could match. Per
tune/check half: whether the two give the same author on every real HTML page, and the CPU
time of each.

    python -m benchmarks.byline_search [--corpus DIR ...] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from trafilatura.metadata import extract_author

from benchmarks.machine import machine, save
from benchmarks.real_pages import DEFAULT_CORPORA, page_bytes, real_pages
from tasks.evaluate.split import HALVES, half_of
from tasks.extract.html.clean import parse_page
from tasks.extract.html.meta import markup_author, may_have_byline, read_metadata
from tasks.read.decoding import decode_page


def compare(corpora: list[Path]) -> dict[str, Any]:
    """Per half: pages, pages declaring no author, pages the pre-check skips, authors found,
    authors that differ (named), and the milliseconds of CPU a page of each way."""
    halves: dict[str, dict[str, Any]] = {
        half: {"pages": 0, "undeclared": 0, "skipped": 0, "found": 0, "different": []}
        for half in HALVES
    }
    seconds = {half: {"trafilatura": 0.0, "kabar": 0.0} for half in HALVES}
    for kind, path in real_pages(corpora):
        page = parse_page(decode_page(page_bytes(path), html=True).text) if kind == "html" else None
        if page is None:
            continue
        half = halves[half_of(path.name)]
        half["pages"] += 1
        if read_metadata(page.tree).author:
            continue
        half["undeclared"] += 1
        started = time.process_time()
        plain = extract_author(page.tree)
        middle = time.process_time()
        ours = markup_author(page.tree)
        seconds[half_of(path.name)]["trafilatura"] += middle - started
        seconds[half_of(path.name)]["kabar"] += time.process_time() - middle
        half["skipped"] += not may_have_byline(page.tree)
        half["found"] += plain is not None
        if plain != ours:
            half["different"].append(path.name)
    for name, half in halves.items():
        for way, total in seconds[name].items():
            half[f"{way}_ms_per_undeclared_page"] = round(1000 * total / half["undeclared"], 2)
    return halves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a corpus folder")
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    args = parser.parse_args()
    corpora = [path.resolve() for path in args.corpus or DEFAULT_CORPORA]
    results = {
        "benchmark": "byline_search",
        "what": " ".join(__doc__.split("\n\n")[0].split()),
        "corpora": [corpus.name for corpus in corpora],
        "halves": compare(corpora),
        "machine": machine(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
    save(results, args.out)


if __name__ == "__main__":
    main()
