"""Progress of an ingest: a bar with records per second on a terminal, log lines elsewhere."""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

# Off a terminal, one line at most this often: enough to follow a run in a log file.
LOG_EVERY_SECONDS = 10.0


class IngestProgress:
    """Counts records as batches are loaded and shows the rate."""

    def __init__(self, logger: logging.Logger | logging.LoggerAdapter):
        self.records = 0
        self.batches = 0
        self._logger = logger
        self._started = time.monotonic()
        self._last_log = self._started
        self._bar: Progress | None = None
        self._task = None

    def __enter__(self) -> IngestProgress:
        if sys.stderr.isatty():
            self._bar = Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                TextColumn("{task.fields[records]} records, {task.fields[rate]} records/s"),
                TimeElapsedColumn(),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("ingest", total=None, records=0, rate="-")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    @property
    def rate(self) -> float:
        return self.records / max(time.monotonic() - self._started, 1e-6)

    def batch_loaded(self, records: int) -> None:
        """Count a loaded batch; update the bar, or log now and then."""
        self.records += records
        self.batches += 1
        if self._bar is not None:
            self._bar.update(self._task, records=self.records, rate=f"{self.rate:.0f}")
            return
        now = time.monotonic()
        if now - self._last_log >= LOG_EVERY_SECONDS:
            self._last_log = now
            self._logger.info(
                "%d records in %d batches, %.0f records/s", self.records, self.batches, self.rate
            )
