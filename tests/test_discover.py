"""Finding input files and recognising their format by name and by content."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tasks.discover import check_paths, describe, detect_format, discover
from tasks.errors import KabarError
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
        ("download", b"\xef\xbb\xbf<!DOCTYPE html><html lang=en>", "html"),
        ("download", b"  <html><head><title>x</title>", "html"),
        ("download", b"Judul berita\nSabtu, 16 September 2023\n", "text"),
        ("download", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unknown"),
        ("download", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "unknown"),
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
