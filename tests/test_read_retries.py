"""A file whose reading fails with a transient I/O error is read again from where it stopped;
when the tries run out, the rest of it becomes one reject and the run goes on."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tasks.read import batches
from tasks.read.batches import read_with_retries
from tasks.read.discover import describe
from tasks.read.readers import read_records
from tasks.records import RawRecord, Reason, Rejected
from tests.dumps import news_page, write_jsonl


@pytest.fixture
def crawl(tmp_path: Path):
    rows = [
        {"url": f"https://news.example/{n}", "html": news_page(f"Story {n}", ["Text."])}
        for n in range(6)
    ]
    return describe(write_jsonl(tmp_path / "crawl.jsonl", rows))


def flaky(failures: int, after: int, code: int = errno.EIO):
    """read_records that fails `failures` times, each time after `after` records."""
    calls = {"count": 0}

    def read(input_file, limit=None):
        calls["count"] += 1
        for index, result in enumerate(read_records(input_file, limit)):
            if index == after and calls["count"] <= failures:
                raise OSError(code, "Input/output error")
            yield result

    return read


def test_a_transient_error_is_retried_and_no_record_is_lost_or_repeated(crawl, monkeypatch):
    monkeypatch.setattr(batches, "read_records", flaky(failures=2, after=3))
    pauses: list[float] = []
    results = list(read_with_retries(crawl, delays=(1.0, 4.0, 16.0), sleep=pauses.append))
    assert [r.position for r in results] == list(range(6))
    assert all(isinstance(r, RawRecord) for r in results)
    assert pauses == [1.0, 4.0]


def test_when_tries_run_out_the_rest_of_the_file_is_one_reject(crawl, monkeypatch):
    monkeypatch.setattr(batches, "read_records", flaky(failures=9, after=2))
    pauses: list[float] = []
    results = list(read_with_retries(crawl, delays=(1.0, 4.0), sleep=pauses.append))
    assert [r.position for r in results] == [0, 1, 2]
    assert isinstance(results[-1], Rejected) and results[-1].reason == Reason.UNREADABLE_FILE
    assert results[-1].detail == "reading stopped here: Input/output error"
    assert pauses == [1.0, 4.0]


def test_a_vanished_file_is_not_retried(crawl, monkeypatch):
    monkeypatch.setattr(batches, "read_records", flaky(failures=9, after=0, code=errno.ENOENT))
    pauses: list[float] = []
    results = list(read_with_retries(crawl, sleep=pauses.append))
    assert [(r.position, r.reason) for r in results] == [(0, Reason.UNREADABLE_FILE)]
    assert pauses == []


def test_by_default_reading_is_tried_again_after_1_4_and_16_seconds(crawl, monkeypatch):
    monkeypatch.setattr(batches, "read_records", flaky(failures=9, after=1))
    pauses: list[float] = []
    results = list(read_with_retries(crawl, sleep=pauses.append))
    assert [r.position for r in results] == [0, 1]
    assert results[-1].reason == Reason.UNREADABLE_FILE
    assert pauses == [1.0, 4.0, 16.0]
