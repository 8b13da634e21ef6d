"""Archive dumps (tar, tar.gz, zip) read as streams; hostile members become rejects."""

from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from tasks.read.archives import MAX_PAGE_BYTES, MIN_INFLATION_ALLOWANCE
from tasks.read.discover import describe, discover
from tasks.read.readers import read_records
from tasks.records import RawRecord, Reason, Rejected
from tests.dumps import news_page, warc_bytes

PAGE = news_page("Port strike ends", ["Dockers returned to work on Monday after a deal."])


def read(path: Path) -> list[RawRecord | Rejected]:
    """The archive's records and rejects, each filed under the archive, at positions that
    count on from member to member: the ledger's key (file, position) depends on it."""
    found = describe(path)
    results = list(read_records(found))
    positions = [r.position for r in results]
    assert all(r.file_id == found.file_id for r in results)
    assert positions == sorted(set(positions)) and all(p >= 0 for p in positions)
    return results


def reasons(results: list[RawRecord | Rejected]) -> list[str]:
    """Each result's reason, or its kind for a raw record, in reading order."""
    return [r.reason if isinstance(r, Rejected) else r.kind for r in results]


def jsonl(*rows: dict | str) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()


def story(n: int) -> dict:
    return {"url": f"https://a.example/{n}", "html": PAGE}


def write_tar(path: Path, members: list[tuple[str, bytes]], mode: str = "w:gz") -> Path:
    """A tar archive of (name, content) members, written the way `tar czf` writes them."""
    with tarfile.open(path, mode) as archive:
        for name, content in members:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(content), 1767600000
            archive.addfile(info, io.BytesIO(content))
    return path


def add_special(archive: tarfile.TarFile, name: str, kind: bytes, target: str = "") -> None:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    archive.addfile(info)


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return path


def test_vendor_zip_of_a_folder_of_pages(tmp_path: Path):
    path = tmp_path / "export-2026-01.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("export/", b"")
        archive.writestr("export/2026-01-05/port-strike.html", PAGE)
        archive.writestr("export/2026-01-05/port-strike-print.htm.gz", gzip.compress(PAGE.encode()))
        archive.writestr("export/scrapes/port.txt", "Beranda\nJudul\nIsi berita.\n")
        archive.writestr("export/empty.html", b"")
        archive.writestr("export/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    found = describe(path)
    assert (found.format, found.gzipped) == ("zip", False)
    results = read(path)
    assert [r.position for r in results] == [0, 1, 2, 3, 4]
    assert reasons(results) == [
        "html",
        "html",
        "text",
        Reason.EMPTY_FILE,
        Reason.UNSUPPORTED_FORMAT,
    ]
    assert all(r.file_id == found.file_id for r in results)
    assert b"Dockers returned" in results[1].content
    assert results[3].detail.startswith("export/empty.html: ")
    assert read(path) == results, "positions are the same on every read"


def test_tar_gz_of_daily_jsonl_and_warc_files(tmp_path: Path):
    monday = jsonl(story(1), '{"url": "https://a.example/2", "html": "<p>cut', story(3))
    tuesday = gzip.compress(jsonl(story(4), "", story(5)))
    crawl = warc_bytes([{"url": "https://a.example/6", "body": PAGE}])
    path = write_tar(
        tmp_path / "dumps.tgz",
        [
            ("daily/2026-01-05.jsonl", monday),
            ("daily/2026-01-06.jsonl.gz", tuesday),
            ("crawl.warc.gz", crawl),
        ],
    )
    results = read(path)
    assert [r.position for r in results] == list(range(6))
    assert reasons(results) == ["html", Reason.BAD_JSON, "html", "html", "html", "html"]
    assert results[1].detail.startswith("daily/2026-01-05.jsonl: ")
    assert [r.url for r in results if isinstance(r, RawRecord)] == [
        f"https://a.example/{n}" for n in (1, 3, 4, 5, 6)
    ]


@pytest.mark.parametrize(
    ("name", "mode", "expected"),
    [
        ("dump.tar", "w", ("tar", False)),
        ("dump.tar.gz", "w:gz", ("tar", True)),
        ("dump.tgz", "w:gz", ("tar", True)),
        ("download-0001", "w", ("tar", False)),
        ("download-0002", "w:gz", ("tar", True)),
    ],
)
def test_tar_is_recognised_by_name_and_by_content(tmp_path: Path, name: str, mode: str, expected):
    path = write_tar(tmp_path / name, [("page.html", PAGE.encode())], mode)
    found = describe(path)
    assert (found.format, found.gzipped) == expected
    assert reasons(read(path)) == ["html"]


def test_zip_is_recognised_by_content(tmp_path: Path):
    path = write_zip(tmp_path / "download-0003", [("page.html", PAGE.encode())])
    assert describe(path).format == "zip"
    assert reasons(read(path)) == ["html"]


def test_path_traversal_members_are_refused_and_nothing_is_written(tmp_path: Path):
    dumps = tmp_path / "inbox"
    dumps.mkdir()
    hostile = [("../evil.html", PAGE.encode()), ("/tmp/evil.html", PAGE.encode())]
    tar = write_tar(
        dumps / "a.tar.gz", [*hostile, ("ok/../../evil.html", b"x"), ("ok.html", PAGE.encode())]
    )
    zipped = write_zip(
        dumps / "b.zip",
        [("..\\..\\evil.html", b"x"), ("C:/evil.html", b"x"), ("ok.html", PAGE.encode())],
    )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert reasons(read(tar)) == [Reason.UNSAFE_PATH] * 3 + ["html"]
    assert reasons(read(zipped)) == [Reason.UNSAFE_PATH] * 2 + ["html"]
    assert not (tmp_path / "evil.html").exists() and not Path("/tmp/evil.html").exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_links_and_devices_in_a_tar_are_refused(tmp_path: Path):
    path = tmp_path / "crawl.tar"
    with tarfile.open(path, "w") as archive:
        add_special(archive, "passwd.html", tarfile.SYMTYPE, "/etc/passwd")
        add_special(archive, "again.html", tarfile.LNKTYPE, "page.html")
        add_special(archive, "zero.html", tarfile.CHRTYPE)
        add_special(archive, "pipe.html", tarfile.FIFOTYPE)
        info = tarfile.TarInfo("page.html")
        info.size = len(PAGE.encode())
        archive.addfile(info, io.BytesIO(PAGE.encode()))
    results = read(path)
    assert reasons(results) == [Reason.ARCHIVE_LINK] * 4 + ["html"]
    assert "'/etc/passwd' is not followed" in results[0].detail


def test_symlink_in_a_zip_is_refused(tmp_path: Path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        link = zipfile.ZipInfo("latest.html")
        link.external_attr = 0o120777 << 16  # how Info-ZIP stores a symbolic link
        archive.writestr(link, "/etc/passwd")
        archive.writestr("page.html", PAGE)
    assert reasons(read(path)) == [Reason.ARCHIVE_LINK, "html"]


def patch_zip_entry(data: bytes, name: bytes, flags: int = 0, method: int | None = None) -> bytes:
    """Set flag bits or the compression method of one member, in its local and central headers."""
    patched = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                patched[start + flags_at] |= flags
                if method is not None:
                    patched[start + flags_at + 2] = method
            start = data.find(signature, start + 4)
    return bytes(patched)


def test_encrypted_and_unsupported_zip_members_are_rejects(tmp_path: Path):
    plain = tmp_path / "plain.zip"
    write_zip(
        plain,
        [("secret.html", PAGE.encode()), ("aes.html", PAGE.encode()), ("page.html", PAGE.encode())],
    )
    data = patch_zip_entry(plain.read_bytes(), b"secret.html", flags=0x1)
    data = patch_zip_entry(data, b"aes.html", method=99)
    path = tmp_path / "vendor.zip"
    path.write_bytes(data)
    results = read(path)
    assert reasons(results) == [Reason.ENCRYPTED, Reason.UNSUPPORTED_FORMAT, "html"]
    assert "compression method 99" in results[1].detail


def varied_pages(count: int, folder: str) -> list[tuple[str, bytes]]:
    """Pages of different words, which compress about as little as real ones."""
    words = random.Random(7).choices(
        ["port", "strike", "deal", "minister", "grain", "storm", "coast", "union", "wage", "ship"],
        k=count * 600,
    )
    return [
        (
            f"{folder}/{n}.html",
            news_page(f"Story {n}", [" ".join(words[n * 600 : (n + 1) * 600])]).encode(),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("container", ["tar.gz", "zip"])
def test_truncated_archive_keeps_the_members_before_the_cut(tmp_path: Path, container: str):
    writer = write_tar if container == "tar.gz" else write_zip
    whole = writer(tmp_path / f"whole.{container}", varied_pages(8, "2026-01-05")).read_bytes()
    path = tmp_path / f"cut.{container}"
    path.write_bytes(whole[: int(len(whole) * 0.7)])
    results = read(path)
    assert reasons(results)[:4] == ["html"] * 4
    assert reasons(results)[-1] == Reason.TRUNCATED
    assert [r.position for r in results] == list(range(len(results)))


def test_tar_cut_between_members_is_truncated(tmp_path: Path):
    pages = [(f"{n}.html", PAGE.encode()) for n in range(3)]
    whole = write_tar(tmp_path / "whole.tar", pages, "w").read_bytes()
    path = tmp_path / "cut.tar"
    member_blocks = 1 + -(-len(PAGE.encode()) // 512)  # a header, then the content in blocks
    path.write_bytes(whole[: 2 * member_blocks * 512])  # two whole members, then no end marker
    assert reasons(read(path)) == ["html", "html", Reason.TRUNCATED]


def test_damaged_zip_member_does_not_stop_the_others(tmp_path: Path):
    whole = write_zip(
        tmp_path / "whole.zip", [("a.html", PAGE.encode()), ("b.html", PAGE.encode())]
    ).read_bytes()
    data = bytearray(whole)
    data[40 + len("a.html")] ^= 0xFF  # one byte of a.html's compressed data
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    assert reasons(read(path)) == [Reason.TRUNCATED, "html"]


def test_archives_inside_archives_are_not_opened(tmp_path: Path):
    inner = write_zip(tmp_path / "inner.zip", [("page.html", PAGE.encode())]).read_bytes()
    path = write_tar(
        tmp_path / "outer.tar.gz", [("inner.zip", inner), ("page.html", PAGE.encode())]
    )
    results = read(path)
    assert reasons(results) == [Reason.UNSUPPORTED_FORMAT, "html"]
    assert "archive inside an archive" in results[0].detail


def test_archive_without_files_is_an_empty_file(tmp_path: Path):
    path = tmp_path / "empty.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        add_special(archive, "folder", tarfile.DIRTYPE)
    assert reasons(read(path)) == [Reason.EMPTY_FILE]


def test_oversized_pax_header_stops_the_archive(tmp_path: Path):
    path = tmp_path / "pax.tar"
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as archive:
        for name, comment in (("a.html", "short"), ("b.html", "x" * (2 << 20))):
            info = tarfile.TarInfo(name)
            info.size, info.pax_headers = len(PAGE.encode()), {"comment": comment}
            archive.addfile(info, io.BytesIO(PAGE.encode()))
    results = read(path)
    assert reasons(results) == ["html", Reason.TOO_LARGE]
    assert "1 MiB limit" in results[1].detail


def test_page_member_over_the_limit_is_too_large(tmp_path: Path):
    path = write_tar(
        tmp_path / "big.tar.gz",
        [("huge.html", b"<html>" + b" " * MAX_PAGE_BYTES), ("page.html", PAGE.encode())],
    )
    results = read(path)
    assert reasons(results) == [Reason.TOO_LARGE, "html"]
    assert "64 MiB limit" in results[0].detail


def zeros_gzip(total: int, block: int = 16 << 20) -> bytes:
    """A gzip stream of `total` zero bytes built in a few milliseconds: with a full flush after
    each block the deflate output of every block is the same, so it is written once and repeated.
    The CRC is not that of the content: a reader that stops early, as it must, never checks it."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = compressor.compress(b"\0" * block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(b"\0" * block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert again == first
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    body = first * (total // block) + compressor.flush()
    return header + body + (0).to_bytes(4, "little") + (total & 0xFFFFFFFF).to_bytes(4, "little")


BOMB_BYTES = 20 << 30


def read_measured(path: Path) -> tuple[list[RawRecord | Rejected], float, int]:
    """The results of reading `path`, the seconds it took, and its peak of Python memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        results = read(path)
        return results, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("container", ["tar.gz", "zip"])
def test_decompression_bomb_stops_early(tmp_path: Path, container: str):
    """A few tens of KB that inflate to 20 GB: a daily JSONL.gz of zeros inside an archive."""
    members = [
        ("2026-01-05.jsonl", jsonl(story(1), story(2))),
        ("2026-01-06.jsonl.gz", zeros_gzip(BOMB_BYTES)),
    ]
    path = tmp_path / f"bomb.{container}"
    (write_tar if container == "tar.gz" else write_zip)(path, members)
    assert path.stat().st_size < 100_000
    results, seconds, peak = read_measured(path)
    assert reasons(results) == ["html", "html", Reason.TOO_LARGE, Reason.TOO_LARGE]
    assert "2026-01-06.jsonl.gz: a line larger than the 64 MiB limit" in results[2].detail
    assert "decompresses past 256 MiB" in results[3].detail
    assert [r.position for r in results] == [0, 1, 2, 3]
    assert seconds < 30
    # One line is held up to its limit, never the bomb: well under the 20 GB.
    assert peak < 2.5 * (64 << 20)


def test_gzipped_page_bomb_stops_at_the_page_limit(tmp_path: Path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(zeros_gzip(BOMB_BYTES))
    results, seconds, peak = read_measured(path)
    assert reasons(results) == [Reason.TOO_LARGE]
    assert seconds < 10 and peak < 2.5 * (64 << 20)


def test_budget_is_at_least_the_allowance_and_grows_with_the_file():
    from tasks.read.archives import InflationBudget, TooLarge

    small = InflationBudget(10_000)
    assert small.limit == MIN_INFLATION_ALLOWANCE
    assert InflationBudget(1 << 30).limit == 100 << 30
    small.spend(MIN_INFLATION_ALLOWANCE)
    with pytest.raises(TooLarge, match="decompresses past 256 MiB"):
        small.spend(1)


def test_archives_are_found_by_discover(tmp_path: Path):
    write_tar(tmp_path / "a.tgz", [("page.html", PAGE.encode())])
    write_zip(tmp_path / "b.zip", [("page.html", PAGE.encode())])
    found = [(Path(f.path).name, f.format) for f in discover([tmp_path])]
    assert found == [("a.tgz", "tar"), ("b.zip", "zip")]


def _sparse_member(name: str, content: bytes) -> tarfile.TarInfo:
    """A member as `tar --sparse` writes a file with holes in the old GNU format (type `S`),
    whose map of data and holes sits in the header."""
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mtime = tarfile.GNUTYPE_SPARSE, len(content), 1767600000
    return info


@pytest.mark.parametrize("sparse_format", ["gnu", "pax-1.0"])
def test_gnu_sparse_member_is_unsupported_format(tmp_path: Path, sparse_format: str):
    path = tmp_path / "disk.tar"
    content = PAGE.encode()
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as archive:
        first = tarfile.TarInfo("page.html")
        first.size = len(content)
        archive.addfile(first, io.BytesIO(content))
    if sparse_format == "gnu":
        with tarfile.open(path, "a", format=tarfile.GNU_FORMAT) as archive:
            archive.addfile(_sparse_member("holes.html", content), io.BytesIO(content))
    else:
        # GNU tar's sparse format 1.0: pax headers name it, the map leads the member's data.
        with tarfile.open(path, "a", format=tarfile.PAX_FORMAT) as archive:
            info = tarfile.TarInfo("GNUSparseFile.0/holes.html")
            data = b"1\n0\n" + str(len(content)).encode() + b"\n"
            data = data.ljust(512, b"\0") + content
            info.size, info.pax_headers = (
                len(data),
                {
                    "GNU.sparse.major": "1",
                    "GNU.sparse.minor": "0",
                    "GNU.sparse.name": "holes.html",
                    "GNU.sparse.realsize": str(len(content)),
                },
            )
            archive.addfile(info, io.BytesIO(data))
    results = read(path)
    assert reasons(results) == ["html", Reason.UNSUPPORTED_FORMAT]
    assert results[1].detail == "GNU sparse members are not read"
