"""Stream records out of input files, one reader per format; unreadable parts become rejects."""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tasks.discover import InputFile, open_stream
from tasks.records import RawRecord, Reason, Rejected

logger = logging.getLogger(__name__)

ReadResult = RawRecord | Rejected

PAGE_RECORD_TYPES = {"response", "resource", "revisit"}
WARC_RECORD_TYPES = PAGE_RECORD_TYPES | {
    "warcinfo",
    "request",
    "metadata",
    "conversion",
    "continuation",
}
HTML_TYPES = ("text/html", "application/xhtml+xml")
CONTENT_FIELDS = ("html", "text")
OPTIONAL_STRING_FIELDS = ("url", "published_at", "fetched_at", "source", "title")
DECOMPRESS_ERRORS = (EOFError, OSError, zlib.error)
# A WARC record ends with two CRLFs that warcio does not count in the record's length.
WARC_TRAILER_BYTES = 4


def read_records(input_file: InputFile, limit: int | None = None) -> Iterator[ReadResult]:
    """Yield the records of one input file in order; `limit` stops early for quick runs."""
    reader = READERS.get(input_file.format)
    if reader is None:
        yield Rejected(
            input_file.file_id,
            0,
            Reason.UNSUPPORTED_FORMAT,
            "not HTML, text, JSONL or WARC (by name or content)",
        )
        return
    count = 0
    try:
        for result in reader(input_file):
            yield result
            count += 1
            if limit is not None and count >= limit:
                return
    except PermissionError as error:
        yield Rejected(input_file.file_id, count, Reason.UNREADABLE_FILE, str(error.strerror))


def read_page_file(input_file: InputFile) -> Iterator[ReadResult]:
    """A single HTML page or text scrape: one record at position 0."""
    try:
        with open_stream(input_file) as stream:
            content = stream.read()
    except DECOMPRESS_ERRORS as error:
        yield Rejected(input_file.file_id, 0, Reason.TRUNCATED, f"cannot decompress: {error}")
        return
    if not content.strip():
        yield Rejected(input_file.file_id, 0, Reason.EMPTY_FILE, "the file holds no content")
        return
    kind = "html" if input_file.format == "html" else "text"
    yield RawRecord(input_file.file_id, 0, kind, content)


def read_jsonl(input_file: InputFile) -> Iterator[ReadResult]:
    """One record per non-blank line; the position is the line number from 0."""
    position = -1
    try:
        with open_stream(input_file) as stream:
            for position, line in enumerate(stream):
                if line.strip():
                    yield parse_jsonl_line(input_file.file_id, position, line)
    except DECOMPRESS_ERRORS as error:
        yield Rejected(
            input_file.file_id, position + 1, Reason.TRUNCATED, f"file ends early: {error}"
        )


def parse_jsonl_line(file_id: str, position: int, line: bytes) -> ReadResult:
    """Turn one JSONL line into a raw record, or a reject naming what is wrong with it."""
    try:
        data: Any = json.loads(line)
    except (ValueError, RecursionError) as error:
        return Rejected(file_id, position, Reason.BAD_JSON, _short(str(error)))
    if not isinstance(data, dict):
        return Rejected(file_id, position, Reason.WRONG_TYPE, "line is not a JSON object")
    for name in OPTIONAL_STRING_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            return Rejected(
                file_id, position, Reason.WRONG_TYPE, f"field '{name}' must be a string"
            )
    url = data.get("url") or None
    kind = next((name for name in CONTENT_FIELDS if data.get(name) is not None), None)
    if kind is None:
        return Rejected(
            file_id, position, Reason.MISSING_FIELD, "needs an 'html' or 'text' field", url
        )
    content = data[kind]
    if not isinstance(content, str):
        return Rejected(
            file_id, position, Reason.WRONG_TYPE, f"field '{kind}' must be a string", url
        )
    if not content.strip():
        return Rejected(file_id, position, Reason.EMPTY_RECORD, f"field '{kind}' is empty", url)
    return RawRecord(
        file_id,
        position,
        kind,
        content.encode("utf-8", "surrogatepass"),
        url=url,
        published_at=data.get("published_at") or None,
        fetched_at=data.get("fetched_at") or None,
        charset="utf-8",
        title=data.get("title") or None,
    )


def read_warc(input_file: InputFile) -> Iterator[ReadResult]:
    """Response records that hold HTML; other page records become rejects with a reason.

    Positions count `response`, `resource` and `revisit` records; `warcinfo`, `request`
    and `metadata` records describe the crawl, not pages, and are not input records.
    """
    position = 0
    try:
        with open(input_file.path, "rb") as stream:
            records = ArchiveIterator(stream, arc2warc=True)
            for record in records:
                if record.rec_type not in WARC_RECORD_TYPES:
                    # A header cut short reads as a record of a type that does not exist.
                    yield Rejected(
                        input_file.file_id,
                        position,
                        Reason.TRUNCATED,
                        f"damaged record header (type {record.rec_type!r}); the rest is unreadable",
                    )
                    return
                if record.rec_type not in PAGE_RECORD_TYPES:
                    continue
                yield warc_page(input_file.file_id, position, record)
                position += 1
            records.read_to_end()
            unread = input_file.size - (records.get_record_offset() + records.get_record_length())
    except (ArchiveLoadFailed, *DECOMPRESS_ERRORS, ValueError) as error:
        yield Rejected(input_file.file_id, position, Reason.TRUNCATED, _short(str(error)))
        return
    if position == 0 and input_file.size == 0:
        yield Rejected(input_file.file_id, 0, Reason.EMPTY_FILE, "the file holds no content")
    elif unread > WARC_TRAILER_BYTES:
        # warcio stops quietly when a file ends inside a record's headers.
        yield Rejected(
            input_file.file_id,
            position,
            Reason.TRUNCATED,
            f"{unread} bytes after the last complete record cannot be read",
        )


def warc_page(file_id: str, position: int, record: Any) -> ReadResult:
    """One WARC page record as a raw HTML record, or the reason it is not one."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    fetched_at = record.rec_headers.get_header("WARC-Date")
    if record.rec_type == "revisit":
        return Rejected(
            file_id, position, Reason.WARC_REVISIT, "revisit record: no payload of its own", url
        )
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if status != "200":
            return Rejected(file_id, position, Reason.HTTP_STATUS, f"HTTP status {status}", url)
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return Rejected(file_id, position, Reason.NOT_HTML, f"content type {mime}", url)
    content = record.content_stream().read()
    if getattr(record.raw_stream, "limit", 0) > 0:
        # The stream ended before the record's declared Content-Length.
        return Rejected(
            file_id, position, Reason.TRUNCATED, "record is shorter than its Content-Length", url
        )
    if not content.strip():
        return Rejected(file_id, position, Reason.EMPTY_RECORD, "response has no body", url)
    return RawRecord(
        file_id,
        position,
        "html",
        content,
        url=url,
        fetched_at=fetched_at,
        charset=_charset(content_type),
    )


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _short(message: str, limit: int = 200) -> str:
    """Keep reject details readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


READERS = {
    "html": read_page_file,
    "text": read_page_file,
    "jsonl": read_jsonl,
    "warc": read_warc,
}
