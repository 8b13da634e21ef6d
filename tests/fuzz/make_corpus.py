"""Write the binary seeds of the fuzz corpus (WARC, gzip, tar, zip) from its text seeds.

The text seeds (`news_page.html`, `scrape.txt`, `crawl.jsonl`) are written by hand; this makes
the rest from them, byte for byte the same on every run:

    python -m tests.fuzz.make_corpus
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).parent / "corpus"
WARC_DATE = "2026-02-03T01:00:00Z"
# 1 February 2026, for archive members: a fixed time keeps the seeds identical between runs.
MEMBER_TIME = 1769904000
TAR_BLOCK = 512


def warc_seed(page: bytes, compress: bool) -> bytes:
    """A crawl of one site: warcinfo, a request and its page, a 404 and a resource record."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    site = "https://harbour-tribune.example"
    records = [
        ("warcinfo", "", b"software: kabar-fuzz-seed/1.0\r\nformat: WARC File Format 1.0\r\n", None),
        ("request", f"{site}/news/ferry", b"GET /news/ferry HTTP/1.1\r\nHost: harbour-tribune.example\r\n\r\n", None),
        ("response", f"{site}/news/ferry", page, StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")),
        ("response", f"{site}/news/gone", b"<html><body>Not found</body></html>", StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")),
        ("resource", f"{site}/news/brief", b"<html><body><p>Brief: the strait is open.</p></body></html>", None),
    ]  # fmt: skip
    for index, (kind, url, payload, http) in enumerate(records):
        headers = {
            "WARC-Record-ID": f"<urn:uuid:5eed0000-0000-4000-8000-{index:012d}>",
            "WARC-Date": WARC_DATE,
        }
        if kind == "resource":
            headers["Content-Type"] = "text/html"
        record = writer.create_warc_record(
            url, kind, payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
        )
        writer.write_record(record)
    return buffer.getvalue()


def tar_seed(members: dict[str, bytes]) -> bytes:
    """A tar of the given files, as a crawler's export would pack them."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), MEMBER_TIME, 0o644
            archive.addfile(info, io.BytesIO(data))
    # Keep the two zero blocks that end an archive, not the padding to a 10 KiB record.
    content = buffer.getvalue().rstrip(b"\0")
    return content.ljust(-(-len(content) // TAR_BLOCK) * TAR_BLOCK + 2 * TAR_BLOCK, b"\0")


def zip_seed(members: dict[str, bytes]) -> bytes:
    """A zip of the given files, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 2, 1, 0, 0, 0)), data)
    return buffer.getvalue()


def main() -> None:
    page = (CORPUS / "news_page.html").read_bytes()
    jsonl = (CORPUS / "crawl.jsonl").read_bytes()
    members = {"dump/news_page.html": page, "dump/crawl.jsonl": jsonl}
    seeds = {
        "crawl.warc": warc_seed(page, compress=False),
        "crawl.warc.gz": warc_seed(page, compress=True),
        "news_page.html.gz": gzip.compress(page, mtime=0),
        "crawl.jsonl.gz": gzip.compress(jsonl, mtime=0),
        "dump.tar": tar_seed(members),
        "dump.zip": zip_seed(members),
    }
    for name, data in seeds.items():
        (CORPUS / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
