"""A pool of extractor processes kept alive across batches."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor

from tasks.extract import extract_record
from tasks.mentions import Alias, MentionMatcher
from tasks.records import Article, Outcome, RawRecord
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.similarity import fingerprint

# Each worker builds its matcher once, at start-up, and keeps the near-duplicate threshold.
_matcher: MentionMatcher | None = None
_threshold: float = DEFAULT_NEAR_THRESHOLD


def _start_worker(aliases: Sequence[Alias], threshold: float) -> None:
    global _matcher, _threshold
    _matcher = MentionMatcher(aliases)
    _threshold = threshold


def extract_chunk(records: Sequence[RawRecord]) -> list[Outcome]:
    """Extract records in a worker; bytes come in, compact articles with fingerprints go back."""
    outcomes = []
    for record in records:
        outcome = extract_record(record, _matcher)
        if isinstance(outcome, Article):
            outcome.fingerprint = fingerprint(outcome.body, _threshold)
        outcomes.append(outcome)
    return outcomes


def default_workers() -> int:
    """One worker per core available to this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ExtractorPool:
    """Extracts batches of records in worker processes, or in-process when `workers` is 0."""

    def __init__(
        self,
        aliases: Sequence[Alias],
        workers: int | None = None,
        threshold: float = DEFAULT_NEAR_THRESHOLD,
    ):
        self.workers = default_workers() if workers is None else workers
        self._aliases = tuple(aliases)
        self._threshold = threshold
        self._executor: Executor | None = None

    def __enter__(self) -> ExtractorPool:
        if self.workers > 0:
            # spawn, not fork: the parent runs Prefect's threads, and forking threads is unsafe.
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self._aliases, self._threshold),
            )
        else:
            _start_worker(self._aliases, self._threshold)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def extract(self, records: Sequence[RawRecord]) -> list[Outcome]:
        """Outcomes for `records`, in the same order."""
        if self._executor is None:
            return extract_chunk(records)
        chunks = _split(records, self.workers * 4)
        return [outcome for part in self._executor.map(extract_chunk, chunks) for outcome in part]


def _split(records: Sequence[RawRecord], parts: int) -> list[Sequence[RawRecord]]:
    """Cut `records` into about `parts` contiguous chunks so workers share the load."""
    size = max(1, -(-len(records) // max(1, parts)))
    return [records[i : i + size] for i in range(0, len(records), size)]
