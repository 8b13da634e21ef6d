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


def news_please_line(number: int) -> dict[str, object]:
    """An article as news-please writes it: its body extracted already."""
    return {
        "authors": ["Rina Hartono"],
        "date_download": "2026-03-02 08:15:00",
        "date_publish": "2026-03-02 07:40:00",
        "language": "en",
        "maintext": f"The river authority opened sluice gate {number} on Monday morning.\n"
        "Farmers downstream were told to move livestock to higher ground by nightfall.",
        "source_domain": "www.valleypost.example",
        "title": f"Sluice gate {number} opened",
        "url": f"https://www.valleypost.example/2026/03/02/sluice-gate-{number}",
    }


def test_already_extracted_articles_fill_a_batch_four_to_a_record(tmp_path):
    # Pages first, then articles whose bodies are given, then a page again: the batch size
    # counts a page (or a reject) as one record and an already-extracted article as a quarter.
    rows: list[object | str] = [
        {"url": f"https://news.example/{n}", "html": news_page(f"Story {n}", ["Text."])}
        for n in range(3)
    ]
    rows += [news_please_line(n) for n in range(10)]
    rows.append('{"maintext": "cut off')
    rows.append({"url": "https://news.example/last", "html": news_page("Last", ["Text."])})
    dump = describe(write_jsonl(tmp_path / "mixed.jsonl", rows))

    batches = list(batch_records([dump], lambda file_id: set(), batch_size=2))

    kinds = [[record.kind for record in batch.to_extract] for batch in batches]
    assert kinds == [
        ["html", "html"],
        ["html", "article", "article", "article", "article"],
        ["article"] * 6,
        ["html"],
    ]
    # The broken line is a whole record: it closes the batch of the last two articles.
    assert [r.position for r in batches[2].settled] == [13]
    assert [position for batch in batches for _, position in batch.order] == list(range(15))


def test_a_file_that_ends_as_its_batch_fills_is_completed_in_that_batch(tmp_path):
    # Eight given articles fill a batch of size 2 exactly: the file is marked read to its end
    # in that batch, not in a batch of its own that holds no records.
    first = describe(write_jsonl(tmp_path / "a.jsonl", [news_please_line(n) for n in range(8)]))
    second = describe(write_jsonl(tmp_path / "b.jsonl", [news_please_line(n) for n in range(3)]))

    batches = list(batch_records([first, second], lambda file_id: set(), batch_size=2))

    assert [len(batch) for batch in batches] == [8, 3]
    assert [(u.input_file.path, u.records) for u in batches[0].files] == [
        (first.path, None),
        (first.path, 8),
    ]
    assert [(u.input_file.path, u.records) for u in batches[1].files] == [
        (second.path, None),
        (second.path, 3),
    ]
