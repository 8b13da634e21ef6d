"""Batches over a dump: records in reading order, settled ones kept beside them, and a batch's
raw pages let go as soon as their outcomes are back."""

from __future__ import annotations

from pathlib import Path

from tasks.read.batches import batch_records
from tasks.read.discover import describe
from tasks.records import RawRecord, Reason, Rejected
from tests.dumps import news_page, write_jsonl


def crawl(tmp_path: Path):
    rows: list[object | str] = [
        {"url": f"https://news.example/{n}", "html": news_page(f"Story {n}", ["Text."])}
        for n in range(5)
    ]
    rows.insert(2, '{"url": "https://news.example/broken", "html": ')  # a line cut short
    return describe(write_jsonl(tmp_path / "crawl.jsonl", rows))


def stand_in(record: RawRecord) -> Rejected:
    """What a worker might send back for a record: any outcome with its key will do."""
    return Rejected(record.file_id, record.position, Reason.NO_ARTICLE, "stand-in")


def test_settling_a_batch_restores_reading_order_and_lets_the_pages_go(tmp_path):
    (first, second) = batch_records([crawl(tmp_path)], lambda file_id: set(), batch_size=4)
    assert [position for _, position in first.order] == [0, 1, 2, 3]
    assert [r.position for r in first.settled] == [2]  # the broken line never reaches a worker
    raw = list(first.to_extract)
    assert first.content_bytes == sum(len(r.content) for r in raw)

    outcomes = first.settle(reversed([stand_in(r) for r in raw]))  # workers answer in any order

    assert [o.position for o in outcomes] == [0, 1, 2, 3]
    assert outcomes[2].reason == Reason.BAD_JSON
    assert first.to_extract == []
    assert [position for _, position in second.order] == [4, 5]
    assert second.files[-1].records == 6  # the file was read to its end
