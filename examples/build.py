"""Pack the source pages in examples/src into the example dumps in examples/dumps.

The output is byte-for-byte reproducible: fixed record ids, fixed dates, gzip mtime 0.
Run it with `python examples/build.py`; it rewrites examples/dumps completely.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import uuid
from datetime import UTC, datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
DUMPS = HERE / "dumps"

# Fixed namespace so every WARC-Record-ID is the same on every run.
RECORD_ID_NAMESPACE = uuid.UUID("6f1c2b0e-58a4-4d2e-9a57-0d3c1e7b9a41")
CRAWLER_AGENT = "Mozilla/5.0 (compatible; NewsArchiver/2.1; +https://newsarchiver.example/bot)"

HTML_FILES = [
    ("meridianpost-modi-macron.html", "meridianpost-modi-macron.html"),
    ("kabarnusantara-prabowo-swasembada.html", "kabarnusantara-prabowo-swasembada.html.gz"),
    ("vestnik-severa-putin-ledokoly.html", "vestnik-severa-putin-ledokoly.html"),
]

SCRAPE_FILES = [
    "wartadunia-lukashenko-kim.txt",
    "dvina-info-putin-studenty.txt",
]

# One line each, in this order. "broken" lines are written verbatim.
CRAWL_LINES: list[dict] = [
    {
        "url": "https://eastgatenews.com/2026/01/13/trump-zelensky-energy-truce-call/",
        "html": "eastgatenews-trump-zelensky-call.html",
        "fetched_at": "2026-01-13T17:02:44Z",
        "source": "newsbot",
    },
    {
        "url": "https://www.lintaskabar.id/internasional/2026/01/20/prabowo-bertemu-xi-jinping-di-beijing",
        "title": "Prabowo Bertemu Xi Jinping di Beijing, Bahas Investasi Kendaraan Listrik",
        "text": "lintaskabar-prabowo-xi-beijing.txt",
        "published_at": "2026-01-20T13:30:00+07:00",
        "fetched_at": "2026-01-20T06:52:10Z",
        "source": "rss:lintaskabar.id",
    },
    {
        "broken": '{"url": "https://www.capitolcurrent.com/2026/01/21/senate-ukraine-aid-vote/", '
        '"fetched_at": "2026-01-21T19:40:03Z", "source": "newsbot", "html": "<!DOCTYPE html>'
        '<html lang=\\"en\\"><head><meta charset=\\"utf-8\\"><title>Senate delays vote on',
    },
    {
        "url": "https://eastgatenews.com/tag/ukraine/",
        "html": "eastgatenews-tag-ukraine.html",
        "fetched_at": "2026-01-14T09:30:00Z",
        "source": "newsbot",
    },
    {
        "url": "https://portalsatu.com/dunia/prabowo-xi-jinping-beijing-kendaraan-listrik-61230",
        "title": "Prabowo Bertemu Xi Jinping di Beijing, Bahas Investasi Kendaraan Listrik",
        "text": "lintaskabar-prabowo-xi-beijing.txt",
        "published_at": "2026-01-20T14:05:00+07:00",
        "fetched_at": "2026-01-20T07:31:48Z",
        "source": "rss:portalsatu.com",
    },
    {
        "url": "https://www.hanbando.co.kr/news/articleView.html?idxno=208417",
        "html": "hanbando-kim-sinpo-shipyard.html",
        "fetched_at": "2026-01-27T02:10:00Z",
        "source": "newsbot",
    },
    {
        "url": "https://www.capitolcurrent.com/2026/01/28/trump-macron-state-dinner/",
        "title": "Trump hosts Macron at White House state dinner as trade row simmers",
        "text": "capitolcurrent-trump-macron-dinner.txt",
        "published_at": "2026-01-29T03:15:00Z",
        "fetched_at": "2026-01-29T03:41:27Z",
        "source": "rss:capitolcurrent.com",
    },
]

# (target URI, WARC-Date, source page). Pages may come from src/warc or src/html.
WARC_FETCHES = [
    (
        "https://www.dfsb.com.cn/politics/2026-01/06/c_1130287741.htm",
        "2026-01-06T11:02:15Z",
        "warc/dfsb-xi-fujian.html",
    ),
    (
        "https://www.eurasiadesk.com/news/lukashenko-putin-gas-price-2026",
        "2026-01-16T12:05:40Z",
        "warc/eurasiadesk-lukashenko-putin-gas.html",
    ),
    (
        "https://www.beritarakyat.id/internasional/2026/01/15/prabowo-terima-kunjungan-pm-india-narendra-modi",
        "2026-01-16T12:06:58Z",
        "warc/beritarakyat-prabowo-modi.html",
    ),
    (
        "https://www.meridianpost.com/world/2026/jan/07/modi-macron-paris-jet-engine-talks"
        "?utm_source=twitter&utm_medium=social",
        "2026-01-16T12:07:31Z",
        "html/meridianpost-modi-macron.html",
    ),
    (
        "https://northlightnews.com/world/europe/zelensky-davos-europe-air-defence-2026-01-23/",
        "2026-01-23T15:00:20Z",
        "warc/northlight-zelensky-davos.html",
    ),
    (
        "https://www.suarapagi.co.id/read/2026/01/28/190500/jokowi-sambut-prabowo-di-solo-tinjau-pasar-gede",
        "2026-01-28T13:20:45Z",
        "warc/suarapagi-jokowi-prabowo-solo.html",
    ),
]
WARC_NAME = "news-crawl-2026-01.warc.gz"
WARCINFO_DATE = "2026-01-06T11:00:00Z"


def record_id(*parts: str) -> str:
    """A stable WARC-Record-ID derived from the record's identifying parts."""
    return f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, '|'.join(parts))}>"


def http_date(warc_date: str) -> str:
    parsed = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return format_datetime(parsed, usegmt=True)


def build_html() -> None:
    out = DUMPS / "html"
    out.mkdir(parents=True)
    for source_name, dump_name in HTML_FILES:
        data = (SRC / "html" / source_name).read_bytes()
        if dump_name.endswith(".gz"):
            # mtime=0 and no file name in the header keep the bytes stable.
            (out / dump_name).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        else:
            (out / dump_name).write_bytes(data)
    # A file that claims to be HTML but holds random bytes.
    (out / "broken.html").write_bytes(random.Random(7).randbytes(2048))


def build_scrapes() -> None:
    out = DUMPS / "scrapes"
    out.mkdir(parents=True)
    for name in SCRAPE_FILES:
        shutil.copyfile(SRC / "scrapes" / name, out / name)


def build_crawl() -> None:
    out = DUMPS / "crawl"
    out.mkdir(parents=True)
    lines = []
    for spec in CRAWL_LINES:
        if "broken" in spec:
            lines.append(spec["broken"])
            continue
        record = dict(spec)
        for field in ("html", "text"):
            if field in record:
                record[field] = (SRC / "crawl" / record[field]).read_text(encoding="utf-8")
        lines.append(json.dumps(record, ensure_ascii=False))
    (out / "newsbot-2026-01.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_warc() -> None:
    out = DUMPS / "warc"
    out.mkdir(parents=True)
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)

    info = (
        "software: NewsArchiver/2.1\r\n"
        "format: WARC File Format 1.0\r\n"
        "isPartOf: news-crawl-2026-01\r\n"
        "description: Scheduled crawl of news sites from RSS feeds and social links\r\n"
        "robots: obey\r\n"
        f"http-header-user-agent: {CRAWLER_AGENT}\r\n"
    ).encode()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", WARC_NAME),
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": WARC_NAME,
            },
        )
    )

    for uri, warc_date, page in WARC_FETCHES:
        body = (SRC / page).read_bytes()
        parts = urlsplit(uri)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response_id = record_id("response", uri, warc_date)

        request_headers = StatusAndHeaders(
            f"GET {path} HTTP/1.1",
            [
                ("Host", parts.netloc),
                ("User-Agent", CRAWLER_AGENT),
                ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                ("Accept-Language", "en,id;q=0.8,ru;q=0.7,*;q=0.5"),
                ("Connection", "close"),
            ],
            is_http_request=True,
        )
        writer.write_record(
            writer.create_warc_record(
                uri,
                "request",
                payload=BytesIO(b""),
                length=0,
                http_headers=request_headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id("request", uri, warc_date),
                    "WARC-Date": warc_date,
                    "WARC-Concurrent-To": response_id,
                },
            )
        )

        response_headers = StatusAndHeaders(
            "200 OK",
            [
                ("Date", http_date(warc_date)),
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "max-age=60, public"),
                ("Connection", "close"),
            ],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=response_headers,
                warc_headers_dict={
                    "WARC-Record-ID": response_id,
                    "WARC-Date": warc_date,
                },
            )
        )

    (out / WARC_NAME).write_bytes(buffer.getvalue())


def main() -> None:
    if DUMPS.exists():
        shutil.rmtree(DUMPS)
    build_html()
    build_scrapes()
    build_crawl()
    build_warc()
    for path in sorted(DUMPS.rglob("*")):
        if path.is_file():
            print(f"{path.relative_to(HERE)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
