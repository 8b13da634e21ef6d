"""Extraction in worker processes: a pool kept alive across batches, a time limit per record,
and a worker that dies on a page costing only that page."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import cache

from tasks.dedup.similarity import fingerprint
from tasks.mentions.matcher import Alias, MentionMatcher, Term
from tasks.mentions.offices import OfficeMatcher, load_lexicon
from tasks.mentions.registry import default_leaders
from tasks.records import Article, Outcome, RawRecord, Reason, Rejected
from tasks.run.heap import fix_mmap_threshold, trim_heap
from tasks.settings import DEFAULT_NEAR_THRESHOLD, DEFAULT_RECORD_TIMEOUT, OFFICE_LEXICON

logger = logging.getLogger(__name__)

ExtractOne = Callable[[RawRecord], Outcome]

# A chunk whose worker neither answers nor hits its own alarm (stuck inside C code) is given
# up on after its records' limits plus this margin; its worker is then killed.
CHUNK_GRACE_SECONDS = 60.0
# How long a new pool waits for its workers to start before it hands out work regardless.
WARM_UP_SECONDS = 120.0
# Chunks per worker and batch: small enough that the workers finish a batch together.
CHUNKS_PER_WORKER = 4


def extract_page(record: RawRecord) -> Outcome:
    """Extract one record with Kabar's extractor, imported where extraction runs: the writer,
    which only hands records out, need not load trafilatura and the parsers it brings."""
    from tasks.extract.record import extract_record

    return extract_record(record)


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker needs to extract: the leader aliases, the near-duplicate threshold, the
    time limit per record, the function that extracts one record, and the leaders' terms (which
    of two leaders sharing a surname a titled one names, on the article's day)."""

    aliases: tuple[Alias, ...]
    threshold: float = DEFAULT_NEAR_THRESHOLD
    record_timeout: float | None = DEFAULT_RECORD_TIMEOUT
    extract_one: ExtractOne = extract_page
    terms: tuple[Term, ...] = ()

    def __reduce__(self) -> tuple[Callable[..., WorkerSetup], tuple[object, ...]]:
        """A setup travels with every chunk sent to a worker. Its ten thousand aliases would
        cost tens of milliseconds to pickle and unpickle each time, in the writer and in the
        worker: they travel as one pickle made once per leader list, which a worker that has
        seen it before does not unpickle again."""
        digest, packed = _packed_list(self.aliases, self.terms)
        fields = (self.threshold, self.record_timeout, self.extract_one)
        return _unpacked_setup, (digest, packed, *fields)


# The leader list last packed in this process: (its aliases and terms, their digest, their
# pickle).
_packed: list[tuple[tuple[tuple[Alias, ...], tuple[Term, ...]], str, bytes]] = []
# The leader list last unpacked in this process, by digest: its aliases and terms.
_unpacked: dict[str, tuple[tuple[Alias, ...], tuple[Term, ...]]] = {}


def _packed_list(aliases: tuple[Alias, ...], terms: tuple[Term, ...]) -> tuple[str, bytes]:
    if not _packed or _packed[0][0][0] is not aliases or _packed[0][0][1] is not terms:
        packed = pickle.dumps((aliases, terms), protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.blake2b(packed, digest_size=16).hexdigest()
        _packed[:] = [((aliases, terms), digest, packed)]
    return _packed[0][1], _packed[0][2]


def _unpacked_setup(
    digest: str,
    packed: bytes,
    threshold: float,
    record_timeout: float | None,
    extract_one: ExtractOne,
) -> WorkerSetup:
    if digest not in _unpacked:
        _unpacked.clear()
        _unpacked[digest] = pickle.loads(packed)
    aliases, terms = _unpacked[digest]
    return WorkerSetup(aliases, threshold, record_timeout, extract_one, terms)


@dataclass(slots=True)
class Extracted:
    """Outcomes of some records in their order, and the worker seconds they took."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    def extend(self, other: Extracted) -> None:
        self.outcomes.extend(other.outcomes)
        self.seconds += other.seconds


# Extracted once by every new worker, untimed, so that loading the extractor's libraries and
# models does not count against the first real page's time limit.
WARM_UP = RawRecord(
    "warm-up",
    0,
    "html",
    b"<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    b"<p>The harbour board met on Monday and agreed to keep the night ferry running all year."
    b"</p><p>Its members said the service carried more passengers this winter than last.</p>"
    b"</article></body></html>",
)


def warm_up(setup: WorkerSetup) -> None:
    """Start a pool worker: load everything extraction needs in this process, outside any time
    limit, and keep its memory from creeping over a long run (`extract_in_worker`). In a worker
    forked from a warmed process (`warm_shared`) only the run's leader list is left to load."""
    fix_mmap_threshold()
    extract_part([WARM_UP], replace(setup, record_timeout=None))


def warm_shared() -> None:
    """Load what every worker needs: the extractor's libraries, its language model, dateparser's
    languages, the office lexicon, and the mention automaton of the registry's leader list, which
    most runs count with (a worker given another list builds its own)."""
    from tasks.extract.dates import compile_languages

    leaders = default_leaders()
    extract_part([WARM_UP], WorkerSetup(tuple(leaders.aliases), record_timeout=None))
    compile_languages()


def extract_in_worker(records: Sequence[RawRecord], setup: WorkerSetup) -> Extracted:
    """`extract_part` in a pool worker, then hand what the chunk freed back to the system: a
    worker parses thousands of pages, and glibc would keep the pages' trees' memory."""
    extracted = extract_part(records, setup)
    trim_heap()
    return extracted


class RecordTimeout(BaseException):
    """Raised by the alarm in a worker. A BaseException, so that no `except Exception` inside
    the extractor or its libraries can swallow it."""


# Each process builds the matcher for a leader list once and keeps it for later chunks:
# (the aliases, their matcher).
_matchers: list[tuple[tuple[Alias, ...], MentionMatcher]] = []


@cache
def _office_matcher() -> OfficeMatcher:
    return OfficeMatcher(load_lexicon(OFFICE_LEXICON))


def _matcher_for(setup: WorkerSetup) -> MentionMatcher:
    # the same list arrives as the same tuple (`_unpacked_setup`): equality is rarely tested
    if not _matchers or (_matchers[0][0] is not setup.aliases and _matchers[0][0] != setup.aliases):
        _matchers[:] = [(setup.aliases, MentionMatcher(setup.aliases))]
    elif _matchers[0][0] is not setup.aliases:  # an equal list: compared once, not every chunk
        _matchers[0] = (setup.aliases, _matchers[0][1])
    # terms cost nothing to take: a list whose terms alone changed keeps its automata
    _matchers[0][1].use_terms(setup.terms)
    return _matchers[0][1]


def extract_part(records: Sequence[RawRecord], setup: WorkerSetup) -> Extracted:
    """Extract records where this runs (a pool worker, a Dask worker, or in-process).

    Bytes come in; compact articles with mentions and fingerprints go back. In a process's
    main thread each record gets `setup.record_timeout` seconds and is rejected as a timeout
    past it; elsewhere (threads cannot take signals) the chunk deadline of the pool applies.
    """
    started = time.perf_counter()
    matcher = _matcher_for(setup)
    limit = setup.record_timeout if threading.current_thread() is threading.main_thread() else None
    outcomes = [_extract_one(record, setup, matcher, limit) for record in records]
    return Extracted(outcomes, time.perf_counter() - started)


def _extract_one(
    record: RawRecord, setup: WorkerSetup, matcher: MentionMatcher, limit: float | None
) -> Outcome:
    previous = signal.signal(signal.SIGALRM, _alarm) if limit else None
    try:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, limit)
        outcome = setup.extract_one(record)
        if isinstance(outcome, Article):
            matcher.annotate(outcome)
            _office_matcher().annotate(outcome)
            outcome.fingerprint = fingerprint(outcome.body, setup.threshold)
        return outcome
    except RecordTimeout:
        return Rejected(
            record.file_id,
            record.position,
            Reason.TIMEOUT,
            f"extraction took longer than {limit:g} s; the page was given up",
            record.url,
        )
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _alarm(signum: int, frame: object) -> None:
    raise RecordTimeout


def crashed(record: RawRecord, detail: str) -> Rejected:
    """The reject of a record whose extraction kills or hangs the process working on it."""
    return Rejected(record.file_id, record.position, Reason.EXTRACTOR_CRASH, detail, record.url)


def default_workers() -> int:
    """One worker per core available to this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ExtractorPool:
    """Extracts batches of records in worker processes, or in-process when `workers` is 0.

    A worker that dies (a crash in C code, the kernel's OOM killer) or stops answering breaks
    the pool: the pool is started again and the chunks that were in flight are extracted again,
    alone and then halved, until the one record that breaks a worker is found and rejected.
    """

    def __init__(
        self,
        setup: WorkerSetup,
        workers: int | None = None,
        grace_seconds: float = CHUNK_GRACE_SECONDS,
    ):
        self.setup = setup
        self.workers = default_workers() if workers is None else workers
        self.grace_seconds = grace_seconds
        self._executor: ProcessPoolExecutor | None = None
        self._starting: list[Future] = []  # one call per worker, answered once it is warm
        self._starter: threading.Thread | None = None  # starting the workers early
        # Without workers, batches are extracted in the flow's threads one at a time: the next
        # batch is submitted while the last one still extracts, and two at once would share one
        # interpreter (no faster) and each build the automata of the languages they first meet.
        self._in_process = threading.Lock()

    def start_early(self) -> None:
        """Start the workers now, without waiting for them, for the run's pool to take over:
        they spawn, import and warm up while the command does the rest of its start (Prefect's
        server, the flow's imports). Workers no pool takes over stop with `release_early`."""
        global _early
        release_early()
        if self.workers > 0:
            # In a thread: a new worker's setup goes to it through a pipe that it reads only
            # once its fork server has warmed up, and the command has more to do meanwhile.
            self._starter = threading.Thread(target=self._start, name="extractors", daemon=True)
            self._starter.start()
            _early = self

    def _started(self) -> None:
        """Wait until the workers started early have been sent their setup."""
        if self._starter is not None:
            self._starter.join()
            self._starter = None

    def _adopt_early(self) -> bool:
        """Take over the workers started early, if they are as many as this pool wants. Their
        warm-up setup may hold another leader list than this run's: a worker then builds this
        run's matcher on its first chunk, so the outcomes are the same either way."""
        global _early
        early, _early = _early, None
        if early is not None:
            early._started()
        if early is None or early.workers != self.workers:
            if early is not None:
                early._kill()
            return False
        self._executor, early._executor = early._executor, None
        self._starting = early._starting
        return True

    def __enter__(self) -> ExtractorPool:
        if self.workers > 0:
            if not self._adopt_early():
                self._start()
            self._wait_warm()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def extract(self, records: Sequence[RawRecord]) -> Extracted:
        """Outcomes for `records`, in the same order, with the worker seconds spent."""
        if self._executor is None:
            with self._in_process:
                return extract_part(records, self.setup)
        return merge_extracted(
            self._extract_chunks(split(records, self.workers * CHUNKS_PER_WORKER))
        )

    def _start(self) -> None:
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=worker_context(),
            initializer=warm_up,
            initargs=(self.setup,),
        )
        # A call per worker makes the executor spawn them all now.
        self._starting = [self._executor.submit(os.getpid) for _ in range(self.workers)]

    def _wait_warm(self) -> None:
        """Wait for every worker's warm-up (imports, the mention automaton with its generated
        name forms), so that no chunk's time limit pays for a worker's start."""
        wait(self._starting, timeout=WARM_UP_SECONDS)
        self._starting = []

    def _restart(self) -> None:
        """Kill the workers of a broken or stuck pool and start new ones."""
        self._kill()
        self._start()
        self._wait_warm()

    def _kill(self) -> None:
        """Kill the workers and let the executor go: they are stuck in C code, which the
        executor cannot stop, or were never used (their warm-up need not be waited for)."""
        self._started()
        executor, self._executor = self._executor, None
        if executor is not None:
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
            executor.shutdown(wait=True, cancel_futures=True)

    def _extract_chunks(self, chunks: list[Sequence[RawRecord]]) -> list[Extracted]:
        assert self._executor is not None
        futures = [self._executor.submit(extract_in_worker, chunk, self.setup) for chunk in chunks]
        results: list[Extracted | None] = []
        failed: list[int] = []
        for index, (chunk, future) in enumerate(zip(chunks, futures, strict=True)):
            outcome = self._wait(chunk, future)
            results.append(outcome)
            if outcome is None:
                failed.append(index)
        if failed:
            logger.warning(
                "an extractor process died or hung; extracting %d records again to find the page",
                sum(len(chunks[i]) for i in failed),
            )
            self._restart()
            for index in failed:
                results[index] = self._isolate(chunks[index], alone=len(chunks) == 1)
        return [result for result in results if result is not None]

    def _wait(self, chunk: Sequence[RawRecord], future: Future) -> Extracted | None:
        """A chunk's result, or None when its worker died or stopped answering."""
        limit = self.setup.record_timeout
        deadline = None if limit is None else limit * len(chunk) + self.grace_seconds
        try:
            return future.result(timeout=deadline)
        except (BrokenProcessPool, FutureTimeout):
            return None

    def _isolate(self, chunk: Sequence[RawRecord], alone: bool) -> Extracted:
        """Extract a chunk that was in flight when a worker died: run alone first, since the
        fault may be another chunk's; halve it once it fails alone; reject a single record."""
        if not alone:
            return merge_extracted(self._extract_chunks([chunk]))
        if len(chunk) == 1:
            record = chunk[0]
            logger.warning(
                "rejecting %s:%d: it kills the extractor", record.file_id, record.position
            )
            return Extracted([crashed(record, "the extractor process died or hung on this page")])
        middle = len(chunk) // 2
        return merge_extracted(self._extract_chunks([chunk[:middle], chunk[middle:]]))


# The module a fork server imports before it forks any worker (`worker_context`).
PRELOAD = "tasks.run.preload"


def worker_context() -> multiprocessing.context.BaseContext:
    """How workers start: forked from a server process that has loaded and warmed what every
    worker needs (`tasks.run.preload`), so that two workers pay for it once, between them, and
    share its memory; spawned afresh where there is no fork server. Never forked from this
    process itself: it runs Prefect's threads, and forking threads is unsafe."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    return context


# Workers started before the run's pool exists (`ExtractorPool.start_early`), waiting for it.
_early: ExtractorPool | None = None


def release_early() -> None:
    """Stop workers started early that no pool took over (the command stopped before its run)."""
    global _early
    early, _early = _early, None
    if early is not None:
        early._kill()


def merge_extracted(parts: Iterable[Extracted]) -> Extracted:
    """Parts extracted separately, joined in the order given."""
    merged = Extracted()
    for part in parts:
        merged.extend(part)
    return merged


def split(records: Sequence[RawRecord], parts: int) -> list[Sequence[RawRecord]]:
    """Cut `records` into about `parts` contiguous chunks so workers share the load."""
    return chunked(records, -(-len(records) // max(1, parts)))


def even_parts(records: Sequence[RawRecord], size: int, slots: int) -> list[Sequence[RawRecord]]:
    """Contiguous parts of at most `size` records, as many as a multiple of `slots`, so that
    `slots` workers finish a batch together (300 records for 2 workers: 6 parts of 50, where
    parts of 64 would leave one worker the fifth part alone)."""
    count = -(-len(records) // max(1, size))
    return split(records, -(-count // max(1, slots)) * max(1, slots))


def chunked(records: Sequence[RawRecord], size: int) -> list[Sequence[RawRecord]]:
    """Contiguous chunks of at most `size` records."""
    size = max(1, size)
    return [records[i : i + size] for i in range(0, len(records), size)]
