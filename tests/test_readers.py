"""Reading records out of each dump format; every unreadable part becomes a reject."""

from __future__ import annotations

import gzip
from pathlib import Path

from tasks.discover import describe
from tasks.readers import read_records
from tasks.records import RawRecord, Reason, Rejected
from tests.dumps import news_page, warc_bytes, write_jsonl

PAGE = news_page("Port strike ends", ["Dockers returned to work on Monday after a deal."])


def read(path: Path) -> list[RawRecord | Rejected]:
    return list(read_records(describe(path)))


def test_html_file_is_one_record(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [record] = read(path)
    assert isinstance(record, RawRecord)
    assert (record.kind, record.position) == ("html", 0)
    assert b"Dockers returned to work" in record.content


def test_gzipped_html_is_decompressed(tmp_path: Path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    [record] = read(path)
    assert isinstance(record, RawRecord) and b"Dockers returned" in record.content


def test_truncated_gzip_is_a_reject(tmp_path: Path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode())[:60])
    [record] = read(path)
    assert isinstance(record, Rejected) and record.reason == Reason.TRUNCATED


def test_empty_file_is_a_reject(tmp_path: Path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    [record] = read(path)
    assert isinstance(record, Rejected) and record.reason == Reason.EMPTY_FILE


def test_text_scrape_is_one_text_record(tmp_path: Path):
    path = tmp_path / "scrape.txt"
    path.write_text("Beranda\nJudul\nIsi berita.\n", encoding="utf-8")
    [record] = read(path)
    assert isinstance(record, RawRecord) and record.kind == "text"


def test_jsonl_lines_become_records_and_bad_lines_rejects(tmp_path: Path):
    path = write_jsonl(
        tmp_path / "crawl.jsonl",
        [
            {"url": "https://a.example/1", "html": PAGE, "published_at": "2026-01-05T10:00:00Z"},
            '{"url": "https://a.example/2", "html": "<p>cut off',
            {"url": "https://a.example/3", "text": "Title\n\nBody text of a scrape."},
            "",
            ["not", "an", "object"],
            {"url": 42, "html": PAGE},
            {"url": "https://a.example/6"},
            {"url": "https://a.example/7", "html": "   "},
            {"url": "https://a.example/8", "html": {"nested": True}},
        ],
    )
    results = read(path)
    # The blank line (position 3) is not a record; every other line is, at its line number.
    assert [r.position for r in results] == [0, 1, 2, 4, 5, 6, 7, 8]
    first, third = results[0], results[2]
    assert isinstance(first, RawRecord) and first.kind == "html"
    assert first.url == "https://a.example/1" and first.published_at == "2026-01-05T10:00:00Z"
    assert isinstance(third, RawRecord) and third.kind == "text"
    reasons = {r.position: r.reason for r in results if isinstance(r, Rejected)}
    assert reasons == {
        1: Reason.BAD_JSON,
        4: Reason.WRONG_TYPE,
        5: Reason.WRONG_TYPE,
        6: Reason.MISSING_FIELD,
        7: Reason.EMPTY_RECORD,
        8: Reason.WRONG_TYPE,
    }


def test_gzipped_jsonl_and_truncation(tmp_path: Path):
    rows = [{"url": f"https://a.example/{i}", "text": f"Story number {i}."} for i in range(50)]
    path = write_jsonl(tmp_path / "crawl.jsonl.gz", rows, compress=True)
    assert len(read(path)) == 50
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-30])
    results = read(cut)
    assert isinstance(results[-1], Rejected) and results[-1].reason == Reason.TRUNCATED
    assert all(isinstance(r, RawRecord) for r in results[:-1])
    assert [r.position for r in results] == list(range(len(results)))


def test_warc_responses_are_records_and_other_page_records_rejects(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes(
            [
                {"url": "https://a.example/ok", "body": PAGE},
                {"url": "https://a.example/moved", "body": "", "status": "301 Moved Permanently"},
                {
                    "url": "https://a.example/logo.png",
                    "body": b"\x89PNG\r\n",
                    "content_type": "image/png",
                },
                {"url": "https://a.example/ok", "body": "", "record_type": "revisit"},
                {
                    "url": "https://a.example/cp1251",
                    "body": PAGE.encode("cp1251", "replace"),
                    "content_type": "text/html; charset=windows-1251",
                },
            ]
        )
    )
    results = read(path)
    assert [r.position for r in results] == [0, 1, 2, 3, 4]
    ok, moved, image, revisit, legacy = results
    assert isinstance(ok, RawRecord) and ok.url == "https://a.example/ok"
    assert ok.fetched_at == "2026-01-14T08:00:00Z" and b"Dockers returned" in ok.content
    assert (
        isinstance(moved, Rejected) and moved.reason == Reason.HTTP_STATUS and "301" in moved.detail
    )
    assert isinstance(image, Rejected) and image.reason == Reason.NOT_HTML
    assert isinstance(revisit, Rejected) and revisit.reason == Reason.WARC_REVISIT
    assert isinstance(legacy, RawRecord) and legacy.charset == "windows-1251"


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path):
    pages = [{"url": f"https://a.example/{i}", "body": PAGE} for i in range(4)]
    whole = warc_bytes(pages, compress=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: int(len(whole) * 0.8)])
    results = read(path)
    assert all(isinstance(r, RawRecord) for r in results[:-1])
    assert isinstance(results[-1], Rejected) and results[-1].reason == Reason.TRUNCATED
    assert [r.position for r in results] == list(range(len(results)))


def test_unknown_binary_file_is_one_reject(tmp_path: Path):
    path = tmp_path / "blob"
    path.write_bytes(bytes(range(256)) * 8)
    [record] = read(path)
    assert isinstance(record, Rejected) and record.reason == Reason.UNSUPPORTED_FORMAT


def test_limit_stops_reading_early(tmp_path: Path):
    rows = [{"url": f"https://a.example/{i}", "text": f"Story {i}."} for i in range(10)]
    path = write_jsonl(tmp_path / "crawl.jsonl", rows)
    assert len(list(read_records(describe(path), limit=3))) == 3


def test_warc_cut_inside_a_record_header_is_a_reject(tmp_path: Path):
    pages = [{"url": f"https://a.example/{i}", "body": PAGE} for i in range(3)]
    whole = warc_bytes(pages, compress=False)
    last = whole.rindex(b"WARC/1.")
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: last + 60])
    results = read(path)
    assert isinstance(results[-1], Rejected) and results[-1].reason == Reason.TRUNCATED
    assert sum(isinstance(r, RawRecord) for r in results) == 2
