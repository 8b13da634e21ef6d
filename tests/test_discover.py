"""Finding input files and recognising their format by name and by content."""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import pytest

from tasks.errors import KabarError
from tasks.read.discover import (
    FileCounts,
    binary_kind,
    check_paths,
    describe,
    detect_format,
    discover,
    new_files,
)
from tests.dumps import news_page, warc_bytes


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("page.html", b"", "html"),
        ("PAGE.HTM", b"", "html"),
        ("page.html.gz", b"", "html"),
        ("scrape.txt", b"", "text"),
        ("crawl.jsonl", b"", "jsonl"),
        ("crawl.ndjson.gz", b"", "jsonl"),
        ("news.warc.gz", b"", "warc"),
        ("download", b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
        ("download", b'{"url": "https://a.example/x", "html": "<p>"}', "jsonl"),
        ("crawl.json", b"", "json"),
        ("meta.info", b'{\n    "country": "Nowhere",\n    "pages": 12\n}\n', "json"),
        ("download", b'[\n  {"url": "https://a.example/x", "html": "<p>"}\n]', "json"),
        ("download", b'{"url": "https://a.example/x", "html": "<p>' + b"x" * 5000, "json"),
        ("download", b"\xef\xbb\xbf<!DOCTYPE html><html lang=en>", "html"),
        ("download", b"  <html><head><title>x</title>", "html"),
        ("download", b"Judul berita\nSabtu, 16 September 2023\n", "text"),
        ("download", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unknown"),
        ("download", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "unknown"),
        ("dump.tar", b"", "tar"),
        ("dump.tar.gz", b"", "tar"),
        ("DUMP.TGZ", b"", "tar"),
        ("export.zip", b"", "zip"),
        ("download", b"page.html".ljust(257, b"\0") + b"ustar\x0000", "tar"),
        ("download", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "zip"),
        ("download", b"PK\x05\x06" + b"\0" * 18, "zip"),
        ("download", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", "unknown"),
    ],
)
def test_detect_format(name: str, head: bytes, expected: str):
    assert detect_format(name, head) == expected


def test_gzip_content_is_sniffed_after_decompression(tmp_path: Path):
    path = tmp_path / "dump-0001"
    path.write_bytes(gzip.compress(news_page("A title", ["Some text."]).encode()))
    found = describe(path)
    assert (found.format, found.gzipped) == ("html", True)


def test_warc_without_extension_is_recognised(tmp_path: Path):
    path = tmp_path / "crawl-segment"
    path.write_bytes(
        warc_bytes([{"url": "https://a.example/1", "body": "<html></html>"}], compress=False)
    )
    assert describe(path).format == "warc"


def test_discover_walks_folders_in_sorted_order_and_skips_hidden(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "a" / "1.txt").write_text("one")
    (tmp_path / "a" / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".cache" / "x.txt").write_text("hidden")
    names = [Path(f.path).relative_to(tmp_path).as_posix() for f in discover([tmp_path])]
    assert names == ["a/1.txt", "b/2.txt"]


def test_same_bytes_give_the_same_file_id(tmp_path: Path):
    (tmp_path / "x.html").write_text("<html>same</html>")
    (tmp_path / "y.html").write_text("<html>same</html>")
    (tmp_path / "z.html").write_text("<html>other</html>")
    ids = [f.file_id for f in discover([tmp_path])]
    assert ids[0] == ids[1] != ids[2]


def test_missing_path_is_a_configuration_error(tmp_path: Path):
    with pytest.raises(KabarError, match="no such file or directory; check the path"):
        check_paths([tmp_path / "nope"])
    with pytest.raises(KabarError, match="no input paths given"):
        check_paths([])


def test_symlink_loops_are_not_followed(tmp_path: Path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "page.txt").write_text("text")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    assert [Path(f.path).name for f in discover([tmp_path])] == ["page.txt"]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\nplain text for a while", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xdb", "JPEG"),
        (b"GIF89a", "GIF"),
        (b"<html>\x00\x00</html>", "binary"),
        (b"<!DOCTYPE html><html><p>Berita</p></html>", None),
        ("Judul berita: Прабowo, 東京\n".encode(), None),
    ],
)
def test_binary_kind(head: bytes, kind: str | None):
    assert binary_kind(head) == kind


def test_links_inside_folders_are_skipped_and_given_links_followed(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not part of the dump")
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "page.txt").write_text("text")
    (dumps / "secret.txt").symlink_to(outside / "secret.txt")
    (dumps / "elsewhere").symlink_to(outside, target_is_directory=True)
    (dumps / "dangling.txt").symlink_to(tmp_path / "nowhere")
    assert [Path(f.path).name for f in discover([dumps])] == ["page.txt"]
    given = tmp_path / "given.txt"
    given.symlink_to(outside / "secret.txt")
    assert [f.path for f in discover([given])] == [str(given)]
    linked_folder = tmp_path / "linked"
    linked_folder.symlink_to(outside, target_is_directory=True)
    assert [Path(f.path).name for f in discover([linked_folder])] == ["secret.txt"]


def test_links_met_inside_a_folder_are_skipped_with_a_warning(tmp_path: Path, caplog):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "story.html").write_text("<p>text</p>")
    dumps = tmp_path / "dumps"
    (dumps / "day1").mkdir(parents=True)
    (dumps / "day1" / "page.html").write_text("<p>text</p>")
    (dumps / "day1" / "copy.html").symlink_to(outside / "story.html")
    (dumps / "mirror").symlink_to(outside, target_is_directory=True)
    (dumps / "up").symlink_to(dumps, target_is_directory=True)
    with caplog.at_level("WARNING", logger="tasks.read.discover"):
        found = [Path(f.path).relative_to(dumps).as_posix() for f in discover([dumps])]
    assert found == ["day1/page.html"]
    assert sorted(caplog.messages) == [
        f"skipping {dumps / 'day1' / 'copy.html'}: a link",
        f"skipping {dumps / 'mirror'}: a link",
        f"skipping {dumps / 'up'}: a link",
    ]


def test_a_symlink_loop_given_directly_is_a_clear_error(tmp_path: Path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(KabarError, match="no such file or directory"):
        list(discover([tmp_path / "a"]))
    assert list(discover([tmp_path])) == []


def test_fifos_are_skipped_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "feed.jsonl")
    (tmp_path / "page.txt").write_text("text")
    assert [Path(f.path).name for f in discover([tmp_path])] == ["page.txt"]
    assert list(discover([tmp_path / "feed.jsonl"])) == []


def test_a_folder_that_cannot_be_listed_is_skipped_with_a_warning(
    tmp_path: Path, monkeypatch, caplog
):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "page.txt").write_text("text")
    (tmp_path / "page.txt").write_text("text")
    listed = os.scandir

    # Refused by the system as an unlisted folder is, whoever runs the tests (root lists any).
    def scandir(path="."):
        if Path(path) == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return listed(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with caplog.at_level("WARNING", logger="tasks.read.discover"):
        found = [Path(f.path).relative_to(tmp_path).as_posix() for f in discover([tmp_path])]
    assert found == ["page.txt"]
    assert caplog.messages == [f"cannot list {tmp_path / 'locked'}: Permission denied"]


def test_a_file_that_vanishes_while_listing_is_skipped(tmp_path: Path, monkeypatch):
    (tmp_path / "page.txt").write_text("text")
    listed = [str(tmp_path / "gone.txt"), str(tmp_path / "page.txt")]
    monkeypatch.setattr("tasks.read.discover._walk", lambda root: iter(listed))
    assert [Path(f.path).name for f in discover([tmp_path])] == ["page.txt"]


def test_unreadable_file_is_kept_as_an_input_with_its_reason(tmp_path: Path, monkeypatch):
    (tmp_path / "page.txt").write_text("text")

    def denied(path, flags):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("tasks.read.discover.os.open", denied)
    [found] = discover([tmp_path])
    assert (found.format, found.unreadable) == ("unknown", "Permission denied")
    assert found.file_id.startswith("path:")


def test_size_is_the_number_of_bytes_hashed(tmp_path: Path):
    path = tmp_path / "crawl.jsonl"
    path.write_bytes(b'{"url": "https://a.example/1", "text": "x"}\n' * 1000)
    found = describe(path)
    assert found.size == path.stat().st_size
    assert found.file_id == hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_files_are_met_one_at_a_time_skipping_contents_already_ingested(tmp_path: Path):
    page = news_page("Harbour board keeps the night ferry", ["The ferry runs all year."])
    (tmp_path / "a.html").write_text(page)
    (tmp_path / "b.html").write_text(page)  # the same bytes as a.html, under another name
    (tmp_path / "c.html").write_text(news_page("Grain prices", ["Farmers sold early."]))
    (tmp_path / "d.html").write_text(news_page("Rail strike ends", ["Trains run again."]))
    stored = describe(tmp_path / "c.html").file_id
    counts = FileCounts()
    files = new_files([tmp_path], {stored}, counts)

    first = next(files)
    assert Path(first.path).name == "a.html"
    assert counts == FileCounts(seen=1, skipped=0)  # counted as they are handed on
    assert [Path(f.path).name for f in files] == ["d.html"]
    assert counts == FileCounts(seen=4, skipped=2)


def test_fsspec_urls_are_walked_read_and_fingerprinted_like_folders(tmp_path: Path):
    import fsspec

    from tasks.read.readers import read_records

    page = news_page("Ferry timetable", ["The night ferry will sail all winter, the board said."])
    memory = fsspec.filesystem("memory")
    memory.pipe("/inbox/2026/ferry.html", page.encode())
    memory.pipe("/inbox/2026/.partial.html", b"<html>")
    memory.pipe("/inbox/crawl.jsonl", b'{"url": "https://a.example/1", "html": "<p>x</p>"}\n')
    local = tmp_path / "ferry.html"
    local.write_text(page, encoding="utf-8")
    try:
        found = list(discover(["memory://inbox", f"file://{local}"]))
        records = [r for f in found for r in read_records(f)]
    finally:
        memory.rm("/inbox", recursive=True)
    assert [(f.path, f.format) for f in found] == [
        ("memory:///inbox/2026/ferry.html", "html"),
        ("memory:///inbox/crawl.jsonl", "jsonl"),
        (str(local), "html"),
    ]
    # The same bytes by URL and by path are one file.
    assert found[0].file_id == found[2].file_id
    assert [r.url for r in records] == [None, "https://a.example/1", None]
    assert records[0].content == page.encode()


def test_an_unknown_url_scheme_or_a_missing_object_is_one_line_saying_what_to_do():
    with pytest.raises(KabarError, match="use file://, memory://, s3:// or gs://"):
        check_paths(["nosuch://bucket/dumps"])
    with pytest.raises(KabarError, match="memory://nothing/here: no such file or directory"):
        check_paths(["memory://nothing/here"])
