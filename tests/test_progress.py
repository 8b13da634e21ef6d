"""Ingest progress: a bar on a terminal, a log line now and then elsewhere."""

from __future__ import annotations

import logging

import pytest

import tasks.run.progress as progress_module
from tasks.run.progress import IngestProgress


def test_off_a_terminal_progress_is_logged_with_the_rate(caplog, monkeypatch):
    monkeypatch.setattr(progress_module, "LOG_EVERY_SECONDS", 0.0)
    logger = logging.getLogger("test.progress")
    with (
        caplog.at_level(logging.INFO, logger="test.progress"),
        IngestProgress(logger) as progress,
    ):
        progress.batch_loaded(2000)
        progress.batch_loaded(500)
    assert progress.records == 2500 and progress.batches == 2
    assert [r.getMessage().split(" records/s")[0].rsplit(", ", 1)[0] for r in caplog.records] == [
        "2000 records in 1 batches",
        "2500 records in 2 batches",
    ]


def test_rate_is_records_over_elapsed_time(monkeypatch):
    clock = iter([100.0, 104.0])
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    progress = IngestProgress(logging.getLogger("test.progress"))
    progress.records = 800
    assert progress.rate == pytest.approx(200.0)
