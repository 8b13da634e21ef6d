"""Extraction where the input is: a distributed worker is told where a part's records are (file
and positions) and reads them itself, so that page bytes never travel through the scheduler."""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from tasks.read.batches import read_with_retries
from tasks.read.discover import InputFile, input_exists, is_url
from tasks.read.readers import ReadResult
from tasks.records import RawRecord, Reason, Rejected
from tasks.run.pool import Extracted, WorkerSetup, extract_in_worker

# Files a worker keeps open between parts. Parts of one file reach a worker mostly in reading
# order, so the next part goes on from where the last stopped rather than from the file's start.
OPEN_READS = 4


@dataclass(frozen=True, slots=True)
class Located:
    """Records of one input file, by position: what a worker reads for itself."""

    source: InputFile
    positions: tuple[int, ...]


def locate(records: Iterable[RawRecord], sources: Mapping[str, InputFile]) -> list[Located]:
    """Where `records` are: one entry per run of records from one file, in their order.

    Local paths are made absolute: a worker does not run in the flow's working directory.
    """
    runs: list[tuple[InputFile, list[int]]] = []
    for record in records:
        if runs and runs[-1][0].file_id == record.file_id:
            runs[-1][1].append(record.position)
        else:
            runs.append((_absolute(sources[record.file_id]), [record.position]))
    return [Located(source, tuple(positions)) for source, positions in runs]


def _absolute(source: InputFile) -> InputFile:
    return source if is_url(source.path) else replace(source, path=os.path.abspath(source.path))


def sees_inputs(paths: Sequence[str]) -> bool:
    """Whether this process can open the input paths (run on each worker before a run)."""
    return all(input_exists(path) for path in paths)


def extract_located(parts: Sequence[Located], setup: WorkerSetup) -> Extracted:
    """Read the records `parts` name and extract them, in this (worker) process.

    Outcomes are as if the records had been read by the flow: a record the worker cannot
    read again comes back as a reject with the reason reading gave, or `vanished`.
    """
    started = time.perf_counter()
    results = [result for part in parts for result in _read_part(part)]
    records = [result for result in results if isinstance(result, RawRecord)]
    rejects = [result for result in results if isinstance(result, Rejected)]
    extracted = extract_in_worker(records, setup)
    return Extracted([*rejects, *extracted.outcomes], time.perf_counter() - started)


class _Cursor:
    """An open read of one file that hands out the results at given positions, in order."""

    def __init__(self, source: InputFile) -> None:
        self.results = read_with_retries(source)
        self.ahead: ReadResult | None = None  # read, past the last positions asked for
        self.passed = 0  # positions below this are behind the read
        self.ended: Rejected | None = None  # the reject that stopped reading, if one did

    def take(self, wanted: set[int]) -> dict[int, ReadResult]:
        found: dict[int, ReadResult] = {}
        last = max(wanted)
        while True:
            result = self.ahead if self.ahead is not None else next(self.results, None)
            self.ahead = None
            if result is None:
                return found
            if result.position > last:
                self.ahead = result
                return found
            self.passed = result.position + 1
            if result.position in wanted:
                found[result.position] = result
            if isinstance(result, Rejected) and result.reason in STOPPING_REASONS:
                self.ended = result

    def close(self) -> None:
        self.results.close()


# Rejects after which a file yields nothing more: the positions still wanted share their reason.
STOPPING_REASONS = frozenset(
    {Reason.UNREADABLE_FILE, Reason.VANISHED, Reason.TOO_LARGE, Reason.UNSUPPORTED_FORMAT}
)
_cursors: OrderedDict[str, _Cursor] = OrderedDict()
_cursors_lock = threading.Lock()


def _read_part(part: Located) -> list[ReadResult]:
    """The results at a part's positions; a position the file no longer holds is a reject."""
    wanted = set(part.positions)
    file_id = part.source.file_id
    with _cursors_lock:
        cursor = _cursors.pop(file_id, None)
        if cursor is None or cursor.passed > min(wanted):
            if cursor is not None:
                cursor.close()
            cursor = _Cursor(part.source)
        found = cursor.take(wanted)
        _cursors[file_id] = cursor
        while len(_cursors) > OPEN_READS:
            _cursors.popitem(last=False)[1].close()
    return [found.get(position) or _missing(part, position, cursor) for position in part.positions]


def _missing(part: Located, position: int, cursor: _Cursor) -> Rejected:
    """The reject of a record that was read at discovery but is not there for the worker."""
    if cursor.ended is not None and cursor.ended.position <= position:
        reason, detail = cursor.ended.reason, cursor.ended.detail
    else:
        reason = Reason.VANISHED
        detail = "not in the file when the worker read it: the file changed after discovery"
    return Rejected(part.source.file_id, position, reason, detail)
