"""What mention matching costs beside extraction, with every generated name form in the automaton.

On the project's corpus pages (`eval/corpus/`, HTML), or on the HTML pages of the corpora named
with `--corpus` (real pages, as users' are: every `--every`th), each page is extracted as
`kabar ingest` does (best of `--repeat` runs), then its body is matched `--repeat` times by a
matcher holding the listed aliases only and by one holding them with every generated form (the
default). Reported: the automaton's keys, memory and build time (paid once per worker process),
matching time per page against extraction time per page, and matching time with the forms
against without them (what `kabar remention`, which only matches, pays more per article), also
on the labelled examples of `eval/mentions/`, a text dense with names; and the search for
references by office that runs after the names, in the same worker pass.

    python -m benchmarks.mentions_bench [--corpus DIR ...] [--every N] [--pages N] [--repeat N]
        [--out FILE]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from statistics import median

from benchmarks.machine import machine, save
from benchmarks.real_pages import page_bytes
from tasks.evaluate.extraction import load_corpus
from tasks.evaluate.mentions import load_gold
from tasks.extract.record import extract_record
from tasks.mentions.matcher import MentionMatcher
from tasks.mentions.offices import OfficeMatcher, load_lexicon
from tasks.mentions.registry import default_leaders
from tasks.records import Article, RawRecord
from tasks.settings import OFFICE_LEXICON, ROOT

CORPUS = ROOT / "eval" / "corpus"
EXAMPLES = ROOT / "eval" / "mentions" / "examples.jsonl"


def _best(seconds: list[float]) -> float:
    return min(seconds)


def _timed_build(generate: bool) -> tuple[MentionMatcher, float]:
    """A matcher, and the seconds its automaton with every form took to build."""
    matcher = MentionMatcher(default_leaders().aliases, generate=generate)
    started = time.perf_counter()
    matcher.find("", None)
    return matcher, time.perf_counter() - started


def _build_seconds(language: str) -> float:
    """What a worker pays, once, for the automaton of one language's forms."""
    matcher = MentionMatcher(default_leaders().aliases)
    started = time.perf_counter()
    matcher.find("", language)
    return time.perf_counter() - started


def measure(
    pages: int | None = None,
    repeat: int = 5,
    corpora: Sequence[Path] = (CORPUS,),
    every: int = 1,
) -> dict[str, object]:
    """Build both matchers, then time extraction and matching on each page."""
    plain, plain_build = _timed_build(generate=False)
    full, full_build = _timed_build(generate=True)
    offices = OfficeMatcher(load_lexicon(OFFICE_LEXICON))
    extract_s, match_s, plain_s, office_s, mentions = [], [], [], [], 0
    chosen = [page for corpus in corpora for page in load_corpus(corpus)][::every][:pages]
    for page in chosen:
        record = RawRecord("bench", 0, "html", page_bytes(page.file), url=page.url)
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            outcome = extract_record(record)
            runs.append(time.perf_counter() - started)
        if not isinstance(outcome, Article):
            continue
        extract_s.append(_best(runs))
        language = outcome.language or ""
        match_s.append(_best([_time(full, outcome.body, language) for _ in range(repeat)]))
        plain_s.append(_best([_time(plain, outcome.body, language) for _ in range(repeat)]))
        found = full.find(outcome.body, language)
        named = [(mention.leader, mention.start, mention.end) for mention in found]
        office_s.append(_best([_time_offices(offices, outcome.body, named) for _ in range(repeat)]))
        mentions += len(found)
    ratios = [m / e for m, e in zip(match_s, extract_s, strict=True)]
    # The corpus pages name few leaders; the labelled examples name one every 60 characters.
    dense = "\n\n".join(page.body or "" for page in load_gold(EXAMPLES))
    dense_s = _best([_time(full, dense) for _ in range(4 * repeat)])
    dense_plain_s = _best([_time(plain, dense) for _ in range(4 * repeat)])
    return {
        "machine": machine(),
        "corpora": [corpus.name for corpus in corpora],
        "pages": len(extract_s),
        "mentions_found": mentions,
        "automaton": {
            "listed_aliases": plain.size,
            "keys_with_generated_forms": full.size,
            "memory_mb_listed": round(plain.memory_bytes / 2**20, 1),
            "memory_mb_with_forms": round(full.memory_bytes / 2**20, 1),
            "build_seconds_listed": round(plain_build, 3),
            "build_seconds_with_forms": round(full_build, 3),
            "build_seconds_per_language": {
                language: round(_build_seconds(language), 3)
                for language in ("en", "de", "pl", "ru")
            },
        },
        "extract_ms_per_page": round(1000 * sum(extract_s) / len(extract_s), 3),
        "match_ms_per_page": round(1000 * sum(match_s) / len(match_s), 4),
        "match_ms_per_page_listed_only": round(1000 * sum(plain_s) / len(plain_s), 4),
        "match_share_of_extraction": round(sum(match_s) / sum(extract_s), 5),
        "office_ms_per_page": round(1000 * sum(office_s) / len(office_s), 4),
        "office_share_of_extraction": round(sum(office_s) / sum(extract_s), 5),
        "names_and_offices_share_of_extraction": round(
            (sum(match_s) + sum(office_s)) / sum(extract_s), 5
        ),
        "match_share_of_extraction_median_page": round(median(ratios), 5),
        "match_share_of_extraction_worst_page": round(max(ratios), 5),
        "forms_over_listed_match_time": round(sum(match_s) / sum(plain_s), 3),
        "dense_text": {
            "chars": len(dense),
            "mentions": len(full.find(dense)),
            "match_ms_per_1000_chars": round(1000 * dense_s / len(dense) * 1000, 4),
            "forms_over_listed_match_time": round(dense_s / dense_plain_s, 3),
        },
    }


def _time_offices(offices: OfficeMatcher, body: str, named: list) -> float:
    started = time.perf_counter()
    offices.candidates(body, named)
    return time.perf_counter() - started


def _time(matcher: MentionMatcher, body: str, language: str | None = None) -> float:
    started = time.perf_counter()
    matcher.find(body, language)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, action="append", help="a corpus folder [default: eval/corpus]"
    )
    parser.add_argument("--every", type=int, default=1, help="every Nth page of the corpora")
    parser.add_argument("--pages", type=int, default=None, help="only the first N corpus pages")
    parser.add_argument("--repeat", type=int, default=5, help="runs per page; the best counts")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    save(measure(args.pages, args.repeat, args.corpus or [CORPUS], args.every), args.out)


if __name__ == "__main__":
    main()
