"""The extractor pool: a page that hangs is rejected as a timeout, a page that kills or freezes
its worker is rejected as a crash, and every other page of the batch is extracted in order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tasks.extract.record import extract_record
from tasks.records import Article, Outcome, RawRecord, Reason, Rejected
from tasks.run.pool import ExtractorPool, WorkerSetup, even_parts, release_early
from tests.dumps import news_page

HANGS = b"<!-- loops forever -->"
FREEZES = b"<!-- stuck where no signal reaches -->"
CRASHES = b"<!-- kills its process -->"


def misbehaving_extract(record: RawRecord) -> Outcome:
    """The real extractor, except on pages marked to hang, freeze or crash the worker."""
    if HANGS in record.content:
        while True:
            pass
    if FREEZES in record.content:
        # Like a loop inside C code: the alarm is held back, only the pool's deadline helps.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(3600)
    if CRASHES in record.content:
        os.kill(os.getpid(), signal.SIGSEGV)
    return extract_record(record)


def page(position: int, marker: bytes = b"") -> RawRecord:
    paragraphs = [
        f"Harbour officials in district {position} said on Monday that the new ferry terminal would open in March.",
        f"The terminal in district {position} cost {position * 7} million and took three years to build.",
        "Residents welcomed the shorter crossing but asked for more evening sailings to the islands.",
    ]
    html = news_page(f"Ferry terminal {position}", paragraphs).encode() + marker
    return RawRecord("f" * 64, position, "html", html, url=f"https://port.example/{position}")


def test_hanging_and_crashing_pages_are_rejected_and_the_rest_extracted(leaders):
    markers = {3: HANGS, 8: CRASHES, 12: FREEZES}
    records = [page(n, markers.get(n, b"")) for n in range(16)]
    setup = WorkerSetup(tuple(leaders.aliases), record_timeout=1.0, extract_one=misbehaving_extract)
    with ExtractorPool(setup, workers=2, grace_seconds=3.0) as pool:
        extracted = pool.extract(records)
        # The pool still works after its workers were replaced.
        again = pool.extract(records[:2])

    outcomes = extracted.outcomes
    assert [o.position for o in outcomes] == list(range(16))
    assert isinstance(outcomes[3], Rejected) and outcomes[3].reason == Reason.TIMEOUT
    assert "longer than 1 s" in outcomes[3].detail
    for position in (8, 12):
        assert isinstance(outcomes[position], Rejected)
        assert outcomes[position].reason == Reason.EXTRACTOR_CRASH
    healthy = [o for n, o in enumerate(outcomes) if n not in markers]
    assert all(isinstance(o, Article) and o.fingerprint is not None for o in healthy)
    assert [o.title for o in again.outcomes] == ["Ferry terminal 0", "Ferry terminal 1"]
    assert extracted.seconds > 0


def test_in_process_extraction_gives_the_same_articles_as_the_pool(leaders):
    records = [page(n) for n in range(6)]
    setup = WorkerSetup(tuple(leaders.aliases))
    with ExtractorPool(setup, workers=0) as local, ExtractorPool(setup, workers=2) as pool:
        in_process = local.extract(records).outcomes
        pooled = pool.extract(records).outcomes
    assert [(o.position, o.body_hash) for o in in_process] == [
        (o.position, o.body_hash) for o in pooled
    ]


def test_a_batch_goes_to_a_cluster_in_parts_its_workers_finish_together():
    batch = [RawRecord("crawl", n, "html", b"<p>page</p>") for n in range(300)]
    parts = even_parts(batch, 64, 2)
    # Five parts of at most 64 would leave one of two workers the fifth alone.
    assert [len(part) for part in parts] == [50] * 6
    assert [r for part in parts for r in part] == batch
    assert [len(part) for part in even_parts(batch, 64, 3)] == [50] * 6  # 5 parts, rounded up to 6
    assert [len(part) for part in even_parts(batch[:10], 64, 4)] == [3, 3, 3, 1]


def test_workers_started_early_are_taken_over_and_count_with_the_run_s_list(leaders, small_leaders):
    paragraphs = [
        "Vladimir Putin spoke to Emmanuel Macron by telephone on Tuesday about grain shipments.",
        "Macron told reporters in Paris that the call had lasted more than an hour.",
        "Officials in Moscow said Putin would send a delegation to the talks in Geneva.",
    ]
    html = news_page("Leaders discuss grain shipments", paragraphs).encode()
    records = [RawRecord("e" * 64, 0, "html", html, url="https://wire.example/grain")]
    # The early workers warm up with another list than the run's, as when a store keeps its own.
    early = ExtractorPool(WorkerSetup(tuple(small_leaders.aliases)), workers=1)
    early.start_early()
    early._started()
    early_pids = {future.result() for future in early._starting}
    setup = WorkerSetup(tuple(leaders.aliases))
    with ExtractorPool(setup, workers=1) as pool:
        pids = {pool._executor.submit(os.getpid).result() for _ in range(8)}
        pooled = pool.extract(records).outcomes
    in_process = ExtractorPool(setup, workers=0).extract(records).outcomes
    assert pids <= early_pids
    assert pooled[0].mentions == in_process[0].mentions
    assert pooled[0].mentions["Emmanuel Macron"] == 2


def test_early_workers_no_pool_takes_over_are_stopped(small_leaders):
    setup = WorkerSetup(tuple(small_leaders.aliases))
    early = ExtractorPool(setup, workers=1)
    early.start_early()
    early._started()
    [future.result() for future in early._starting]
    processes = list(early._executor._processes.values())
    with ExtractorPool(setup, workers=0) as in_process:  # a run that extracts elsewhere
        assert in_process._executor is None
    assert all(process.is_alive() for process in processes)
    release_early()
    assert all(not process.is_alive() for process in processes)


def shared_state() -> tuple[int, tuple[int | None, ...]]:
    """In a worker: its pid, and where its office matcher, its leader list's matcher and
    dateparser's Swahili live (after a pause, so that calls sent together spread over workers)."""
    from dateparser.languages.loader import LocaleDataLoader

    from tasks.run import pool

    time.sleep(0.3)
    swahili = vars(LocaleDataLoader._loaded_locales.get("sw", pool))
    dictionary = swahili.get("_normalized_dictionary")  # made on the language's first use
    dictionary_at = None if dictionary is None else id(dictionary)
    return os.getpid(), (id(pool._office_matcher()), id(pool._matchers[0][1]), dictionary_at)


def test_workers_share_the_extractor_state_their_fork_server_warmed(leaders):
    """The office lexicon, the registry's mention automaton and dateparser's languages are
    built once, before the workers are forked, not once in every worker: two workers hold them
    at the same address."""
    with ExtractorPool(WorkerSetup(tuple(leaders.aliases)), workers=2) as pool:
        probes = [pool._executor.submit(shared_state) for _ in range(6)]
        seen = dict(probe.result() for probe in probes)
    assert len(seen) == 2
    assert len(set(seen.values())) == 1
    assert None not in next(iter(seen.values()))


def test_the_writer_loads_no_extraction_library():
    """The flow's process hands records to the workers: it never parses a page, so importing
    the flow must not load the parsers (a few tenths of a CPU second each run)."""
    code = (
        "import sys, flows.ingest; "
        "print(sorted(m for m in ('trafilatura', 'htmldate', 'dateparser', 'justext') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "[]"


def test_batches_extracted_in_process_from_two_threads_run_one_at_a_time(leaders):
    # The flow submits the next batch while the last one still extracts. In its own process
    # the two would share one interpreter, and each would build the automata the first article
    # of a language needs: they take turns.
    running, most = 0, 0
    lock = threading.Lock()

    def counting_extract(record: RawRecord) -> Outcome:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.01)
        with lock:
            running -= 1
        return extract_record(record)

    setup = WorkerSetup(tuple(leaders.aliases), extract_one=counting_extract)
    batches = [[page(n) for n in range(start, start + 4)] for start in (0, 4)]
    with ExtractorPool(setup, workers=0) as pool, ThreadPoolExecutor(2) as threads:
        results = list(threads.map(pool.extract, batches))

    assert most == 1
    assert [[o.title for o in r.outcomes] for r in results] == [
        [f"Ferry terminal {n}" for n in range(start, start + 4)] for start in (0, 4)
    ]
