"""Builders for small dumps in each input format, written the way crawlers write them."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def news_page(
    title: str, paragraphs: list[str], published: str | None = None, lang: str = "en"
) -> str:
    """A news page with navigation, related links and a footer around the article."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Daily Ledger</title>
<meta property="og:title" content="{title}">{meta}
<meta property="og:site_name" content="Daily Ledger"></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
<div class="byline">By Staff Reporter</div>
{body}
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/world/1">Ministers meet over grain corridor</a></li>
<li><a href="/world/2">Storm closes ports along the coast</a></li></ul></aside></main>
<footer><p>Copyright 2026 Daily Ledger. All rights reserved.</p></footer>
</body></html>"""


def write_jsonl(path: Path, rows: list[object | str], compress: bool = False) -> Path:
    """One line per row: dicts and lists are dumped as JSON, strings are written as they are."""
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
    return path


def warc_bytes(responses: list[dict], compress: bool = True) -> bytes:
    """A WARC with a warcinfo record, then a request and a response record per page.

    Each response is a dict with `url`, `body` (bytes or str) and optional `status`,
    `content_type`, `record_type` ('response' or 'revisit').
    """
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(
        writer.create_warcinfo_record("test.warc", {"software": "test-crawler/1.0"})
    )
    for item in responses:
        url = item["url"]
        request = writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()),
        )
        writer.write_record(request)
        body = item["body"].encode("utf-8") if isinstance(item["body"], str) else item["body"]
        status = item.get("status", "200 OK")
        headers = StatusAndHeaders(
            status,
            [("Content-Type", item.get("content_type", "text/html; charset=utf-8"))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            item.get("record_type", "response"),
            payload=BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": item.get("date", "2026-01-14T08:00:00Z")},
        )
        writer.write_record(record)
    return buffer.getvalue()
