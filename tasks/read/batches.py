"""Group the records of many files into batches, streaming, resuming part-read files."""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from tasks.read.discover import InputFile
from tasks.read.readers import ReadResult, read_records
from tasks.records import Outcome, RawRecord, Reason, Rejected

logger = logging.getLogger(__name__)
T = TypeVar("T")

# A batch is cut at this many bytes of raw content even when it holds fewer records,
# so that a dump of very large pages still moves in bounded memory.
MAX_BATCH_BYTES = 32 << 20
# Already-extracted articles count this many to a record towards the batch size: one needs
# no page extraction (about 0.8 ms of work, where a page takes 10 ms or more), and each batch
# costs the run about 0.25 CPU s whatever it holds (its two Prefect tasks, the store's
# per-batch queries). In batches of 500 that added 0.5 ms to an article; in batches of 2,000 it
# adds 0.12 ms. Larger batches would save less and hold more of the writer's memory (a batch
# of 2,000 articles in flight takes it from about 460 to 550 MB).
GIVEN_PER_RECORD = 4

# A file whose reading fails with an I/O error (a flaky disk or network share) is read again
# after these pauses, from where it stopped; then the rest of it becomes one reject.
READ_RETRY_DELAYS = (1.0, 4.0, 16.0)
# Errors that another try cannot mend: the file is gone, or not ours to read.
PERMANENT_ERRNOS = {errno.ENOENT, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR}


@dataclass(frozen=True, slots=True)
class FileUpdate:
    """A file touched by a batch; `records` is its total once the file has been read to the end."""

    input_file: InputFile
    records: int | None


@dataclass(slots=True)
class Batch:
    """Records to extract and records already settled, in reading order, plus file progress."""

    to_extract: list[RawRecord] = field(default_factory=list)
    settled: list[Rejected] = field(default_factory=list)
    order: list[tuple[str, int]] = field(default_factory=list)
    files: list[FileUpdate] = field(default_factory=list)
    content_bytes: int = 0
    # What the batch holds towards its size: an already-extracted article 1, any other record
    # GIVEN_PER_RECORD.
    shares: int = 0
    # The files the records to extract come from, by file id: where a worker that reads its
    # own input (a distributed runner's) finds them again.
    sources: dict[str, InputFile] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.order)

    def add(self, result: RawRecord | Rejected, source: InputFile | None = None) -> None:
        self.order.append((result.file_id, result.position))
        given = isinstance(result, RawRecord) and result.kind == "article"
        self.shares += 1 if given else GIVEN_PER_RECORD
        if isinstance(result, RawRecord):
            self.to_extract.append(result)
            self.content_bytes += len(result.content)
            if source is not None:
                self.sources.setdefault(source.file_id, source)
        else:
            self.settled.append(result)

    def is_full(self, batch_size: int) -> bool:
        """Whether the batch holds `batch_size` records (GIVEN_PER_RECORD already-extracted
        articles counting as one) or MAX_BATCH_BYTES of content."""
        return self.shares >= batch_size * GIVEN_PER_RECORD or self.content_bytes >= MAX_BATCH_BYTES

    def settle(self, extracted: Iterable[Outcome]) -> list[Outcome]:
        """Settled and extracted outcomes merged back into reading order. The raw records are
        let go: their outcomes replace them, and a batch of pages (up to MAX_BATCH_BYTES) would
        otherwise stay in memory while the batch loads."""
        by_key = {(o.file_id, o.position): o for o in (*self.settled, *extracted)}
        self.to_extract.clear()
        return [by_key[key] for key in self.order]


def batch_records(
    files: Iterable[InputFile],
    done_positions: Callable[[str], set[int]],
    batch_size: int,
    limit: int | None = None,
) -> Iterator[Batch]:
    """Batches of at most `batch_size` records over `files` (or GIVEN_PER_RECORD times as many
    already-extracted articles), skipping positions already stored.

    A full batch goes out when the next record (or file) arrives, not when it fills: a file
    that ends just as a batch fills marks itself complete in that batch, where it would
    otherwise cost a batch of its own with no records (two Prefect tasks and a transaction)."""
    batch = Batch()
    for input_file in files:
        if batch.is_full(batch_size):
            yield batch
            batch = Batch()
        done = done_positions(input_file.file_id)
        batch.files.append(FileUpdate(input_file, None))
        total = 0
        for result in read_with_retries(input_file, limit):
            total += 1
            if result.position in done:
                continue
            if batch.is_full(batch_size):
                yield batch
                batch = Batch()
            batch.add(result, input_file)
        if limit is None or total < limit:
            # Read to the end: the file is complete. A run cut short by `limit` leaves it
            # resumable, so a later full run reads the rest.
            batch.files.append(FileUpdate(input_file, total))
    if batch.order or batch.files:
        yield batch


def read_with_retries(
    input_file: InputFile,
    limit: int | None = None,
    delays: Iterable[float] = READ_RETRY_DELAYS,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[ReadResult]:
    """The file's records, reading it again after a transient I/O error and skipping what was
    already given; when the tries run out, what is left becomes one `unreadable_file` reject."""
    given = 0
    next_position = 0
    for delay in (*delays, None):
        try:
            for index, result in enumerate(read_records(input_file, limit)):
                if index >= given:
                    given += 1
                    next_position = result.position + 1
                    yield result
            return
        except OSError as error:
            if delay is None or error.errno in PERMANENT_ERRNOS:
                yield Rejected(
                    input_file.file_id,
                    next_position,
                    Reason.UNREADABLE_FILE,
                    f"reading stopped here: {error.strerror or error}",
                )
                return
            logger.warning(
                "reading %s failed (%s); trying again in %g s",
                input_file.path,
                error.strerror or error,
                delay,
            )
            sleep(delay)


def timed(items: Iterable[T]) -> Iterator[tuple[T, float]]:
    """Each item with the seconds it took to produce (for a generator: to read it)."""
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            return
        yield item, time.perf_counter() - started
