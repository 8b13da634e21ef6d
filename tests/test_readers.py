"""Reading records out of each dump format; every unreadable part becomes a reject."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import tarfile
import tracemalloc
from pathlib import Path

import pytest

from tasks.read.discover import describe, discover
from tasks.read.readers import read_records
from tasks.records import RawRecord, Reason, Rejected
from tests.dumps import news_page, warc_bytes, write_jsonl

PAGE = news_page("Port strike ends", ["Dockers returned to work on Monday after a deal."])


def read(path: Path) -> list[RawRecord | Rejected]:
    """The file's records and rejects, each filed under the file, at positions in reading order
    (a page file's one result at 0): the ledger's key (file, position) depends on it."""
    found = describe(path)
    results = list(read_records(found))
    positions = [r.position for r in results]
    assert all(r.file_id == found.file_id for r in results)
    assert positions == sorted(set(positions)) and all(p >= 0 for p in positions)
    if found.format in ("html", "text"):
        assert positions == [0]
    return results


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
    assert record.detail.startswith("cannot decompress: ")


def test_a_page_of_only_whitespace_is_an_empty_file(tmp_path: Path):
    path = tmp_path / "blank.html"
    path.write_bytes(b"  \r\n\t\n")
    [record] = read(path)
    assert (record.reason, record.detail) == (Reason.EMPTY_FILE, "the file holds no content")


def test_a_page_file_is_read_up_to_the_page_limit_exactly(tmp_path: Path):
    from tasks.read.archives import MAX_PAGE_BYTES

    at_limit = PAGE.encode()
    at_limit += b" " * (MAX_PAGE_BYTES - len(at_limit))
    (tmp_path / "at.html").write_bytes(at_limit)
    (tmp_path / "over.html").write_bytes(at_limit + b" ")
    [kept] = read(tmp_path / "at.html")
    assert isinstance(kept, RawRecord) and len(kept.content) == MAX_PAGE_BYTES
    del kept
    [over] = read(tmp_path / "over.html")
    assert (over.reason, over.detail) == (Reason.TOO_LARGE, "a page larger than the 64 MiB limit")


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
    found = describe(path)
    results = list(read_records(found))
    assert [r.position for r in results] == [0, 1, 2, 3, 4]
    ok, moved, image, revisit, legacy = results
    assert isinstance(ok, RawRecord) and ok.url == "https://a.example/ok"
    assert (ok.file_id, ok.kind, ok.charset) == (found.file_id, "html", "utf-8")
    assert ok.fetched_at == "2026-01-14T08:00:00Z" and b"Dockers returned" in ok.content
    # Each reject is filed under its file and position, says why, and keeps the record's URL.
    file_id = found.file_id
    assert moved == Rejected(
        file_id, 1, Reason.HTTP_STATUS, "HTTP status 301", "https://a.example/moved"
    )
    assert image == Rejected(
        file_id, 2, Reason.NOT_HTML, "content type image/png", "https://a.example/logo.png"
    )
    assert revisit == Rejected(
        file_id,
        3,
        Reason.WARC_REVISIT,
        "revisit record: no payload of its own",
        "https://a.example/ok",
    )
    assert isinstance(legacy, RawRecord) and legacy.charset == "windows-1251"
    assert legacy.url == "https://a.example/cp1251"


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


# Hostile and damaged input: each bad record is a reject with its own reason, and the good
# records of the same file are still read.

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01"


def outcomes(results: list[RawRecord | Rejected]) -> list[str]:
    """Each result's reason, or `page` for a raw record, in reading order."""
    return [r.reason if isinstance(r, Rejected) else "page" for r in results]


def ok(n: int) -> dict:
    return {"url": f"https://a.example/{n}", "body": PAGE}


@pytest.mark.parametrize(
    "name", ["empty.html", "empty.txt", "empty.jsonl", "empty.warc.gz", "blob"]
)
def test_every_empty_file_is_one_empty_file_reject(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"")
    assert outcomes(read(path)) == [Reason.EMPTY_FILE]


def test_files_with_no_records_are_empty_file_rejects(tmp_path: Path):
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n  \n\n")
    crawl_only = tmp_path / "crawl-info.warc.gz"
    crawl_only.write_bytes(warc_bytes([]))
    assert outcomes(read(blank)) == [Reason.EMPTY_FILE]
    assert outcomes(read(crawl_only)) == [Reason.EMPTY_FILE]


@pytest.mark.parametrize(
    ("content", "kind"),
    [(bytes(range(256)) * 8, "binary"), (PDF, "PDF"), (PNG, "PNG"), (JPEG, "JPEG")],
)
def test_binary_content_named_html_is_not_html(tmp_path: Path, content: bytes, kind: str):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    [record] = read(path)
    assert isinstance(record, Rejected) and record.reason == Reason.NOT_HTML
    assert record.detail == f"{kind} content, not an HTML page"


def test_images_and_pdfs_in_a_warc_are_not_html(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes(
            [
                {"url": "https://a.example/a.jpg", "body": JPEG, "content_type": "image/jpeg"},
                {"url": "https://a.example/a.pdf", "body": PDF, "content_type": "application/pdf"},
                ok(2),
                # Servers that call everything text/html: the bytes say otherwise.
                {"url": "https://a.example/b.pdf", "body": PDF, "content_type": "text/html"},
                {"url": "https://a.example/b.png", "body": PNG, "content_type": "text/html"},
                {"url": "https://a.example/b.jpg", "body": JPEG},
            ]
        )
    )
    results = read(path)
    assert outcomes(results) == [Reason.NOT_HTML] * 2 + ["page"] + [Reason.NOT_HTML] * 3
    assert [r.detail for r in results[3:]] == [
        "PDF content, not an HTML page",
        "PNG content, not an HTML page",
        "JPEG content, not an HTML page",
    ]


@pytest.mark.parametrize(
    "status", ["301 Moved Permanently", "404 Not Found", "500 Internal Server Error"]
)
def test_non_200_responses_are_http_status_rejects(tmp_path: Path, status: str):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_bytes([{"url": "https://a.example/x", "body": PAGE, "status": status}, ok(1)])
    )
    results = read(path)
    assert outcomes(results) == [Reason.HTTP_STATUS, "page"]
    assert results[0].detail == f"HTTP status {status[:3]}"


def test_response_with_an_empty_body_is_an_empty_record(tmp_path: Path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        warc_bytes([{"url": "https://a.example/x", "body": ""}, ok(1)], compress=False)
    )
    results = read(path)
    assert outcomes(results) == [Reason.EMPTY_RECORD, "page"]
    assert (results[0].detail, results[0].url) == ("response has no body", "https://a.example/x")


def set_content_length(warc: bytes, record: int, change: int) -> bytes:
    """Make the Content-Length of the `record`-th response off by `change` bytes."""
    start = [i for i in range(len(warc)) if warc.startswith(b"WARC-Type: response", i)][record]
    field = warc.index(b"Content-Length: ", start) + len(b"Content-Length: ")
    end = warc.index(b"\r\n", field)
    return warc[:field] + str(int(warc[field:end]) + change).encode() + warc[end:]


@pytest.mark.parametrize(
    ("change", "problem"), [(300, "runs past"), (-300, "stops before"), (10**6, "runs past")]
)
def test_wrong_content_length_rejects_that_record_only(tmp_path: Path, change: int, problem: str):
    whole = warc_bytes([ok(n) for n in range(4)], compress=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(set_content_length(whole, 1, change))
    results = read(path)
    assert outcomes(results) == ["page", Reason.TRUNCATED, "page", "page"]
    assert problem in results[1].detail and results[1].url == "https://a.example/1"
    assert [r.url for r in results] == [f"https://a.example/{n}" for n in range(4)]


def test_warc_record_at_the_end_with_a_too_long_content_length_is_truncated(tmp_path: Path):
    whole = warc_bytes([ok(n) for n in range(2)], compress=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(set_content_length(whole, 1, 5000))
    assert outcomes(read(path)) == ["page", Reason.TRUNCATED]


def hand_written_warc(*records: tuple[list[str], bytes]) -> bytes:
    """WARC records from header lines and a block, as a careless crawler writes them."""
    out = b""
    for headers, block in records:
        lines = ["WARC/1.0", *headers, f"Content-Length: {len(block)}"]
        out += ("\r\n".join(lines) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    return out


def test_missing_warc_headers_are_tolerated(tmp_path: Path):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE.encode()
    untyped = b"HTTP/1.1 200 OK\r\nServer: x\r\n\r\n" + PAGE.encode()
    path = tmp_path / "careless.warc"
    path.write_bytes(
        hand_written_warc(
            (["WARC-Type: response"], http),  # no WARC-Target-URI, no WARC-Date
            (["WARC-Type: response", "WARC-Target-URI: https://a.example/2"], untyped),
            (["WARC-Type: resource", "WARC-Target-URI: https://a.example/3"], PAGE.encode()),
            (["WARC-Type: response", "WARC-Target-URI: https://a.example/4"], PDF),
        )
    )
    results = read(path)
    assert outcomes(results) == ["page", "page", "page", Reason.NOT_HTML]
    assert [r.url for r in results] == [None, *(f"https://a.example/{n}" for n in (2, 3, 4))]
    assert all(r.content.startswith(b"<!DOCTYPE html>") for r in results[:3])


def test_damaged_warc_header_is_rejected_and_reading_goes_on(tmp_path: Path):
    path = tmp_path / "crawl.warc"
    good = hand_written_warc(
        (
            ["WARC-Type: response", "WARC-Target-URI: https://a.example/1"],
            b"HTTP/1.1 200 OK\r\n\r\n" + PAGE.encode(),
        )
    )
    path.write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nno length here\r\n\r\n<html>lost</html>\r\n\r\n" + good
    )
    results = read(path)
    assert outcomes(results) == [Reason.TRUNCATED, "page"]
    assert "without Content-Length" in results[0].detail


def test_truncated_gzip_warc_keeps_the_records_before_the_cut(tmp_path: Path):
    whole = warc_bytes([ok(n) for n in range(6)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: int(len(whole) * 0.6)])
    results = read(path)
    assert outcomes(results)[-1] == Reason.TRUNCATED
    assert set(outcomes(results)[:-1]) == {"page"} and len(results) >= 3
    assert [r.position for r in results] == list(range(len(results)))


def test_warc_record_over_the_page_limit_is_too_large(tmp_path: Path):
    from tasks.read.archives import MAX_PAGE_BYTES

    huge = {"url": "https://a.example/huge", "body": b"<html>" + b" " * MAX_PAGE_BYTES}
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([ok(0), huge, ok(2)]))
    results = read(path)
    assert outcomes(results) == ["page", Reason.TOO_LARGE, "page"]
    assert results[1].detail == "a record larger than the 64 MiB limit"


def test_arc_files_are_read(tmp_path: Path):
    body = b"HTTP/1.0 200 OK\nContent-Type: text/html\n\n" + PAGE.encode()
    version = b"1 0 Alexa Internet\nURL IP-address Archive-date Content-type Archive-length\n"
    path = tmp_path / "crawl.arc"
    path.write_bytes(
        b"filedesc://crawl.arc 0.0.0.0 19960923142103 text/plain %d\n%s\n" % (len(version), version)
        + b"http://a.example/1 127.0.0.1 19961104142103 text/html %d\n%s\n" % (len(body), body)
    )
    [record] = read(path)
    assert isinstance(record, RawRecord) and record.url == "http://a.example/1"


def test_a_100_mb_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "crawl.jsonl"
    with path.open("wb") as out:
        out.write(json.dumps({"url": "https://a.example/0", "html": PAGE}).encode() + b"\n")
        out.write(b'{"url": "https://a.example/1", "html": "' + b"x" * (100 << 20) + b'"}\n')
        out.write(json.dumps({"url": "https://a.example/2", "html": PAGE}).encode() + b"\n")
    tracemalloc.start()
    try:
        results = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcomes(results) == ["page", Reason.TOO_LARGE, "page"]
    assert results[1].detail == "a line larger than the 64 MiB limit"
    assert peak < 2.5 * (64 << 20)


def test_a_file_that_vanishes_after_discovery_is_a_reject(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    found = describe(path)
    path.unlink()
    [record] = read_records(found)
    assert (record.reason, record.position) == (Reason.VANISHED, 0)


def test_a_file_cut_after_discovery_is_a_reject(tmp_path: Path):
    path = write_jsonl(tmp_path / "crawl.jsonl", [{"url": "https://a.example/1", "html": PAGE}])
    found = describe(path)
    path.write_bytes(path.read_bytes()[:10])
    assert outcomes(list(read_records(found))) == [Reason.VANISHED]


def test_a_file_that_grows_is_read_as_it_was_fingerprinted(tmp_path: Path):
    path = write_jsonl(tmp_path / "crawl.jsonl", [{"url": "https://a.example/1", "html": PAGE}])
    found = describe(path)
    with path.open("ab") as out:
        out.write(json.dumps({"url": "https://a.example/2", "html": PAGE}).encode() + b"\n")
    assert [r.url for r in read_records(found)] == ["https://a.example/1"]
    assert describe(path).file_id != found.file_id, "a later run sees a new file"


def test_a_file_without_read_permission_is_unreadable(tmp_path: Path, monkeypatch):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    opened = os.open

    # Refused by the system as a file without read permission is, whoever runs the tests.
    def open_file(file, flags, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return opened(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    [found] = discover([tmp_path])
    [record] = read_records(found)
    assert (record.file_id, record.position) == (found.file_id, 0)
    assert (record.reason, record.detail) == (Reason.UNREADABLE_FILE, "Permission denied")


def test_a_file_that_becomes_unreadable_is_a_reject(tmp_path: Path, monkeypatch):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    found = describe(path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tasks.read.discover.os.open", denied)
    [record] = read_records(found)
    assert (record.reason, record.detail) == (Reason.UNREADABLE_FILE, "Permission denied")


def test_every_reject_reason_is_documented_in_the_readme():
    from tasks.records import Reason
    from tasks.settings import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = [value for name, value in vars(Reason).items() if name.isupper()]
    assert [code for code in codes if f"| `{code}` |" not in readme] == []


@pytest.mark.parametrize("name", ["crawl.jsonl", "crawl.jsonl.gz", "crawl.warc.gz", "dumps.tar.gz"])
def test_a_disk_error_while_reading_reaches_the_caller(tmp_path: Path, monkeypatch, name: str):
    """An I/O error is the disk's, not the data's: the ingest reads the file again (batches)."""
    rows = [{"url": f"https://a.example/{n}", "html": PAGE} for n in range(3)]
    data = write_jsonl(tmp_path / "rows.jsonl", rows).read_bytes()
    if name.endswith(".warc.gz"):
        data = warc_bytes([{"url": f"https://a.example/{n}", "body": PAGE} for n in range(3)])
    elif name == "dumps.tar.gz":
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            info = tarfile.TarInfo("rows.jsonl")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        data = buffer.getvalue()
    elif name.endswith(".gz"):
        data = gzip.compress(data)
    path = tmp_path / name
    path.write_bytes(data)
    found = describe(path)

    def failing(self, buffer):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("tasks.read.discover._Window.readinto", failing)
    with pytest.raises(OSError, match="Input/output error"):
        list(read_records(found))


def placed(path: Path) -> list[tuple[int, str]]:
    """Each result as (position, 'record' or its reject reason)."""
    return [(r.position, "record" if isinstance(r, RawRecord) else r.reason) for r in read(path)]


def test_a_json_array_of_records_gives_one_record_per_element(tmp_path: Path):
    path = tmp_path / "export.json"
    rows = [
        {"url": "https://a.example/1", "html": PAGE, "published_at": "2026-01-05T10:00:00Z"},
        {"url": "https://a.example/2", "text": "Title\n\nBody text of a scrape."},
        {"url": "https://a.example/3"},
        "a string among records",
    ]
    path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    results = read(path)
    assert [(r.position, type(r).__name__) for r in results] == [
        (0, "RawRecord"),
        (1, "RawRecord"),
        (2, "Rejected"),
        (3, "Rejected"),
    ]
    first, second, missing, string = results
    assert isinstance(first, RawRecord) and isinstance(second, RawRecord)
    assert (first.kind, first.url, first.published_at) == (
        "html",
        "https://a.example/1",
        "2026-01-05T10:00:00Z",
    )
    assert (second.kind, second.content) == ("text", b"Title\n\nBody text of a scrape.")
    assert isinstance(missing, Rejected) and missing.reason == Reason.MISSING_FIELD
    assert isinstance(string, Rejected) and string.reason == Reason.WRONG_TYPE


@pytest.mark.parametrize(
    ("name", "document", "what"),
    [
        (
            "expected.json",
            {"url": "https://a.example/1", "title": "T", "tags": ["a"]},
            "one object",
        ),
        ("meta.info", {"country": "Nowhere", "pages": list(range(200))}, "one object"),
        ("ids.json", ["a1", "b2", "c3"], "an array of strings"),
        ("matrix.json", [[1, 2], [3, 4]], "an array of arrays"),
        ("count.json", 12, "neither an array nor an object"),
    ],
)
def test_a_json_document_that_holds_no_records_is_one_reject(
    tmp_path: Path, name: str, document: object, what: str
):
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=4), encoding="utf-8")
    [reject] = read(path)
    assert isinstance(reject, Rejected)
    assert (reject.position, reject.reason) == (0, Reason.UNSUPPORTED_FORMAT)
    assert reject.detail.startswith(f"a JSON document, not JSON Lines: {what}")


def test_json_lines_under_a_json_name_keep_their_per_line_rejects(tmp_path: Path):
    path = write_jsonl(
        tmp_path / "crawl.json",
        [{"url": "https://a.example/1", "html": PAGE}, "", '{"cut', ["x"]],
    )
    assert placed(path) == [(0, "record"), (2, "bad_json"), (3, "wrong_type")]


def test_a_named_jsonl_file_of_pretty_printed_json_keeps_per_line_rejects(tmp_path: Path):
    path = tmp_path / "meta.jsonl"
    path.write_text(json.dumps({"country": "Nowhere"}, indent=2), encoding="utf-8")
    assert placed(path) == [(0, "bad_json"), (1, "bad_json"), (2, "bad_json")]


def test_a_gzipped_json_array_with_a_byte_order_mark_is_read(tmp_path: Path):
    path = tmp_path / "export.json.gz"
    text = "\ufeff" + json.dumps([{"url": "https://a.example/1", "html": PAGE}], indent=1)
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    assert placed(path) == [(0, "record")]


def test_a_json_array_cut_short_keeps_the_elements_before_the_cut(tmp_path: Path):
    path = tmp_path / "export.json"
    whole = json.dumps([{"url": f"https://a.example/{i}", "html": PAGE} for i in range(3)])
    path.write_text(whole[: len(whole) - 40], encoding="utf-8")
    assert placed(path) == [(0, "record"), (1, "record"), (2, "truncated")]


def test_a_json_document_that_is_not_json_is_one_reject(tmp_path: Path):
    path = tmp_path / "config.json"
    path.write_text("{\n  name: 'not quoted',\n}\n", encoding="utf-8")
    assert placed(path) == [(0, "bad_json")]


def test_a_json_element_over_the_limit_stops_the_document(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("tasks.read.readers.MAX_LINE_BYTES", 100_000)
    path = tmp_path / "export.json"
    rows = [
        {"url": "https://a.example/1", "html": PAGE},
        {"url": "https://a.example/2", "html": "<p>" + "x" * 400_000 + "</p>"},
        {"url": "https://a.example/3", "html": PAGE},
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert placed(path) == [(0, "record"), (1, "too_large")]


def test_jsonl_fields_reach_the_record_and_rejects_keep_their_url(tmp_path: Path):
    path = write_jsonl(
        tmp_path / "crawl.jsonl",
        [
            {
                "url": "https://a.example/1",
                "html": PAGE,
                "published_at": "2026-01-13T08:00:00Z",
                "fetched_at": "2026-01-14T09:30:00Z",
                "title": "Port strike ends",
            },
            {"url": "https://a.example/2", "text": "Judul\nIsi berita."},
            {"url": "https://a.example/3"},
            {"url": "https://a.example/4", "html": ""},
            {"url": "https://a.example/5", "html": 5},
            ["not", "an", "object"],
        ],
    )
    full, plain, missing, empty, number, listed = read(path)
    assert full == RawRecord(
        full.file_id,
        0,
        "html",
        PAGE.encode(),
        url="https://a.example/1",
        published_at="2026-01-13T08:00:00Z",
        fetched_at="2026-01-14T09:30:00Z",
        charset="utf-8",
        title="Port strike ends",
    )
    assert plain == RawRecord(
        full.file_id, 1, "text", b"Judul\nIsi berita.", url="https://a.example/2", charset="utf-8"
    )
    rejects = [(r.position, r.reason, r.detail, r.url) for r in (missing, empty, number, listed)]
    assert rejects == [
        (
            2,
            Reason.MISSING_FIELD,
            "needs an 'html' or 'text' field, or the fields of an extracted article (news-please,"
            " trafilatura, datatrove/FineWeb, schema.org NewsArticle); it has 'url'; name its"
            " fields with --fields body=FIELD,title=FIELD,...",
            "https://a.example/3",
        ),
        (3, Reason.EMPTY_RECORD, "field 'html' is empty", "https://a.example/4"),
        (4, Reason.WRONG_TYPE, "field 'html' must be a string", "https://a.example/5"),
        (5, Reason.WRONG_TYPE, "line is not a JSON object", None),
    ]
