"""Stream records out of input files, one reader per format; unreadable parts become rejects.

Every reader takes a binary stream of its format's content, so the same reader serves a file
on disk and a member of an archive.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from itertools import islice
from typing import Any, BinaryIO

import ijson
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from tasks.read.archives import (
    DECOMPRESS_ERRORS,
    MAX_LINE_BYTES,
    MAX_PAGE_BYTES,
    MAX_RECORD_HEADER_BYTES,
    READ_CHUNK,
    InflationBudget,
    ReadResult,
    TooLarge,
    human_size,
    inflated,
    read_archive,
)
from tasks.read.discover import (
    ARCHIVE_FORMATS,
    SNIFF_BYTES,
    FileChanged,
    InputFile,
    NotRegularFile,
    binary_kind,
    open_input,
)
from tasks.read.shapes import SHAPE_NAMES, is_record, object_record
from tasks.records import RawRecord, Reason, RecordKind, Rejected

logger = logging.getLogger(__name__)

# `conversion` records hold a page's text as Common Crawl's WET files give it.
PAGE_RECORD_TYPES = {"response", "resource", "revisit", "conversion"}
WARC_RECORD_TYPES = PAGE_RECORD_TYPES | {"warcinfo", "request", "metadata", "continuation"}
TEXT_TYPE = "text/plain"
HTML_TYPES = ("text/html", "application/xhtml+xml")
UTF8_BOM = b"\xef\xbb\xbf"
# Bytes the JSON document parser reads at a time.
JSON_READ_CHUNK = 1 << 16
# Rows of a Parquet file converted to records at a time.
PARQUET_BATCH_ROWS = 1024
HEADER_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, ValueError)
# The line that opens a WARC record, and the one that opens an ARC record
# (`URL IP-address date content-type [more fields] length`).
WARC_START = re.compile(rb"WARC/\d+\.\d+\r?\n\Z")
ARC_START = re.compile(rb"\S+ \S+ \d{14} \S+(?: \S+)* \d+\r?\n\Z")
CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*(\d+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)
TARGET_URI = re.compile(rb"^warc-target-uri:[ \t]*(\S+)", re.IGNORECASE | re.MULTILINE)
# Where a record whose Content-Length is too long really ends: the next record's first line.
NEXT_WARC_RECORD = re.compile(rb"\r?\n\r?\n(?=WARC/\d+\.\d+\r?\n)")
# Parses one framed record at a time; lenient on HTTP, as crawlers write what servers send.
WARC_LOADER = ArcWarcRecordLoader(verify_http=False, arc2warc=True)


def read_records(input_file: InputFile, limit: int | None = None) -> Iterator[ReadResult]:
    """Yield the records of one input file in order; `limit` stops early for quick runs."""
    yield from islice(_read_file(input_file), limit)


def _read_file(input_file: InputFile) -> Iterator[ReadResult]:
    """Open a file as it was at discovery and read it; a decompression bomb stops it."""
    file_id = input_file.file_id
    if input_file.unreadable is not None:
        yield Rejected(file_id, 0, Reason.UNREADABLE_FILE, input_file.unreadable)
        return
    try:
        raw = open_input(input_file)
    except (FileNotFoundError, FileChanged) as error:
        yield Rejected(file_id, 0, Reason.VANISHED, f"removed or cut after discovery: {error}")
        return
    except (PermissionError, NotRegularFile) as error:
        yield Rejected(file_id, 0, Reason.UNREADABLE_FILE, error.strerror or str(error))
        return
    position = 0
    with raw:
        try:
            for result in read_stream(input_file, raw, InflationBudget(input_file.size)):
                position = result.position + 1
                yield result
        except TooLarge as error:
            yield Rejected(file_id, position, Reason.TOO_LARGE, str(error))


def read_stream(source: InputFile, raw: BinaryIO, budget: InflationBudget) -> Iterator[ReadResult]:
    """The records of bytes as stored, a whole file or an archive member, by `source`'s format."""
    file_id = source.file_id
    if source.size == 0:
        yield Rejected(file_id, 0, Reason.EMPTY_FILE, "the file holds no content")
        return
    if source.format in ARCHIVE_FORMATS:
        results = read_archive(source, raw, budget, partial(read_stream, budget=budget))
    elif (reader := READERS.get(source.format)) is not None:
        results = reader(source, inflated(raw, source.gzipped, budget))
    else:
        detail = "not HTML, text, JSON, JSONL, WARC, Parquet or an archive (by name or content)"
        yield Rejected(file_id, 0, Reason.UNSUPPORTED_FORMAT, detail)
        return
    empty = True
    for result in results:
        empty = False
        yield result
    if empty:
        yield Rejected(file_id, 0, Reason.EMPTY_FILE, "no records in it")


def read_page_file(source: InputFile, stream: BinaryIO) -> Iterator[ReadResult]:
    """A single HTML page or text scrape: one record at position 0."""
    try:
        content = stream.read(MAX_PAGE_BYTES + 1)
    except DECOMPRESS_ERRORS as error:
        yield Rejected(source.file_id, 0, Reason.TRUNCATED, f"cannot decompress: {error}")
        return
    if len(content) > MAX_PAGE_BYTES:
        yield Rejected(source.file_id, 0, Reason.TOO_LARGE, _over(MAX_PAGE_BYTES, "a page"))
    elif not content.strip():
        yield Rejected(source.file_id, 0, Reason.EMPTY_FILE, "the file holds no content")
    else:
        kind: RecordKind = "html" if source.format == "html" else "text"
        yield page_record(source.file_id, 0, kind, content)


def page_record(
    file_id: str,
    position: int,
    kind: RecordKind,
    content: bytes,
    url: str | None = None,
    fetched_at: str | None = None,
    charset: str | None = None,
) -> ReadResult:
    """A page's raw record, or `not_html` when its bytes are an image, a PDF or other binary."""
    binary = binary_kind(content[:SNIFF_BYTES])
    if binary is not None:
        detail = f"{binary} content, not an HTML page"
        return Rejected(file_id, position, Reason.NOT_HTML, detail, url)
    return RawRecord(
        file_id, position, kind, content, url=url, fetched_at=fetched_at, charset=charset
    )


def read_jsonl(source: InputFile, stream: BinaryIO) -> Iterator[ReadResult]:
    """One record per non-blank line; the position is the line number from 0."""
    position = -1
    try:
        for position, line in enumerate(_lines(stream, MAX_LINE_BYTES)):
            if line is None:
                detail = _over(MAX_LINE_BYTES, "a line")
                yield Rejected(source.file_id, position, Reason.TOO_LARGE, detail)
            elif line.strip():
                yield parse_jsonl_line(source.file_id, position, line, source.fields)
    except DECOMPRESS_ERRORS as error:
        yield Rejected(source.file_id, position + 1, Reason.TRUNCATED, f"file ends early: {error}")


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of `stream`; one longer than `limit` comes as None, skipped without being held."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            yield None
            while (rest := stream.readline(READ_CHUNK)) and not rest.endswith(b"\n"):
                pass
        else:
            yield line


def parse_jsonl_line(
    file_id: str, position: int, line: bytes, fields: Sequence[tuple[str, str]] = ()
) -> ReadResult:
    """Turn one JSONL line into a raw record, or a reject naming what is wrong with it."""
    try:
        data: Any = json.loads(line)
    except (ValueError, RecursionError) as error:
        return Rejected(file_id, position, Reason.BAD_JSON, _short(str(error)))
    return object_record(file_id, position, data, "line", fields)


def read_json(source: InputFile, stream: BinaryIO) -> Iterator[ReadResult]:
    """A JSON document: an array of record objects (position = index) or one record object.

    A file that holds JSON Lines under a `.json` name (its first line is a whole object) is
    read as JSON Lines. Any other document (metadata, expected output, settings) is one
    `unsupported_format` reject for the whole file, not one per line or element. The document
    is streamed: only one element is held at a time.
    """
    try:
        opening, first = _first_line(stream)
    except DECOMPRESS_ERRORS as error:
        yield Rejected(source.file_id, 0, Reason.TRUNCATED, f"file ends early: {error}")
        return
    if first is not None and _is_object_line(first):
        yield from read_jsonl(source, _Prefixed(opening, stream))  # type: ignore[arg-type]
        return
    # The parser takes no byte-order mark; nor does the JSON standard, but editors write one.
    opening = opening.lstrip().removeprefix(UTF8_BOM).lstrip()
    yield from _json_document(source, opening[:1], _Prefixed(opening, stream))


def _first_line(stream: BinaryIO) -> tuple[bytes, bytes | None]:
    """The bytes up to and including the first non-blank line, and that line (None when it is
    longer than a JSONL line may be, or there is none)."""
    opening = b""
    while line := stream.readline(MAX_LINE_BYTES + 1):
        opening += line
        if len(line) > MAX_LINE_BYTES:
            return opening, None
        if line.strip():
            return opening, line
    return opening, None


def _is_object_line(line: bytes) -> bool:
    """True for a line that is a whole JSON object: the first line of JSON Lines."""
    if not line.lstrip().removeprefix(UTF8_BOM).startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


class _Prefixed:
    """Bytes already read from a stream, put back in front of the rest of it."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self._head = io.BytesIO(prefix)
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        data = self._head.read(size)
        if size < 0:
            return data + self._stream.read()
        return data + self._stream.read(size - len(data)) if len(data) < size else data

    def readline(self, limit: int = -1) -> bytes:
        line = self._head.readline(limit)
        if line.endswith(b"\n") or 0 <= limit <= len(line):
            return line
        return line + self._stream.readline(limit - len(line) if limit >= 0 else -1)


class _ElementTooLarge(Exception):
    """One element of a JSON document is larger than a record may be."""


class _Metered:
    """A stream for the JSON parser that stops it once one element has taken more bytes
    than a record may have; `start` is called as each element begins."""

    def __init__(self, stream: _Prefixed) -> None:
        self._stream = stream
        self._since = 0

    def start(self) -> None:
        self._since = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._since += len(data)
        # The parser reads ahead by a chunk: an element is over the limit only past that.
        if self._since > MAX_LINE_BYTES + JSON_READ_CHUNK:
            raise _ElementTooLarge
        return data


def _json_document(source: InputFile, opening: bytes, stream: _Prefixed) -> Iterator[ReadResult]:
    """The records of a JSON document that is not JSON Lines, or one reject saying what it is.

    The first element (or the one object) decides: a record object makes the document a list
    of records, whose later elements are read (or rejected) one by one, like JSONL lines.
    """
    file_id = source.file_id
    if opening not in (b"[", b"{"):
        yield Rejected(file_id, 0, Reason.UNSUPPORTED_FORMAT, _document_detail(opening))
        return
    metered = _Metered(stream)
    prefix = "item" if opening == b"[" else ""
    count = 0
    try:
        for data in ijson.items(metered, prefix, buf_size=JSON_READ_CHUNK, use_float=True):
            if count == 0 and not is_record(data, source.fields):
                detail = _document_detail(opening, data)
                yield Rejected(file_id, 0, Reason.UNSUPPORTED_FORMAT, detail)
                return
            yield object_record(file_id, count, data, "element", source.fields)
            count += 1
            metered.start()
    except _ElementTooLarge:
        detail = f"{_over(MAX_LINE_BYTES, 'an element')}; the rest of the document is not read"
        yield Rejected(file_id, count, Reason.TOO_LARGE, detail)
    except DECOMPRESS_ERRORS as error:
        yield Rejected(file_id, count, Reason.TRUNCATED, f"file ends early: {error}")
    except ijson.JSONError as error:
        yield _broken_document(file_id, count, error)


def _broken_document(file_id: str, position: int, error: Exception) -> Rejected:
    """The reject for a JSON document that breaks off, or stops being JSON, at `position`."""
    message = (str(error).strip().splitlines() or ["parse error"])[0]
    if "premature EOF" in message or "Incomplete" in message:
        return Rejected(file_id, position, Reason.TRUNCATED, "the JSON document ends early")
    where = "not valid JSON" if position == 0 else "not valid JSON from here on"
    detail = f"{where} ({_short(message, 80)}); the rest of the document is not read"
    return Rejected(file_id, position, Reason.BAD_JSON, detail)


def _document_detail(opening: bytes, first: Any = None) -> str:
    """What a JSON document that holds no records is, for its reject."""
    if opening == b"{":
        fields = ", ".join(list(first)[:8]) if isinstance(first, dict) else ""
        what = f"one object with fields {fields}" if fields else "an empty object"
    elif opening == b"[":
        what = f"an array of {_json_kind(first)}s" if first is not None else "an empty array"
    else:
        what = "neither an array nor an object"
    return (
        f"a JSON document, not JSON Lines: {what}; records need 'url' and 'html' or 'text',"
        f" or the fields of an extracted article ({SHAPE_NAMES})"
    )


def _json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    return "number" if isinstance(value, int | float) else "null"


def read_parquet(source: InputFile, stream: BinaryIO) -> Iterator[ReadResult]:
    """The rows of a Parquet file as record objects, a batch of rows at a time; a row's
    position is its row number from 0. Parquet keeps its layout at the end of the file, so it
    is read from the file itself: compressed whole or inside an archive it is refused."""
    file_id = source.file_id
    if source.gzipped or not stream.seekable():
        detail = (
            "a Parquet file inside gzip or an archive cannot be read as a stream;"
            " store it as a plain .parquet file"
        )
        yield Rejected(file_id, 0, Reason.UNSUPPORTED_FORMAT, detail)
        return
    # Imported here: only runs that read Parquet pay for loading it (0.2 s).
    import pyarrow as pa
    import pyarrow.parquet as pq

    position = 0
    try:
        table = pq.ParquetFile(stream)
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for row in batch.to_pylist():
                yield object_record(file_id, position, _plain(row), "row", source.fields)
                position += 1
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as error:
        first = (str(error).strip().splitlines() or ["damaged"])[0]
        detail = f"damaged Parquet data from row {position}: {_short(first, 120)}"
        yield Rejected(file_id, position, Reason.TRUNCATED, detail)


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row with its times as ISO 8601 strings, as JSON records give them."""
    return {
        name: value.isoformat() if isinstance(value, datetime | date) else value
        for name, value in row.items()
    }


def read_warc(source: InputFile, stream: BinaryIO) -> Iterator[ReadResult]:
    """Response records that hold HTML; other page records become rejects with a reason.

    Positions count `response`, `resource` and `revisit` records, and damaged records;
    `warcinfo`, `request` and `metadata` records describe the crawl, not pages, and are not
    input records. A record whose Content-Length is wrong is rejected and reading goes on at
    the next record.
    """
    position = 0
    for frame in _frames(_Rewindable(stream)):
        result = _frame_result(source.file_id, position, frame)
        if result is not None:
            yield result
            position += 1


@dataclass(frozen=True, slots=True)
class _Frame:
    """One WARC or ARC record cut out by its declared length, or what is wrong with it."""

    header: bytes
    block: bytes = b""  # at most MAX_PAGE_BYTES of it
    length: int = 0
    problem: str | None = None


class _Rewindable:
    """A stream that takes bytes back, to start again after a record of the wrong length.

    A decompression error ends the stream as its end would, so that the complete records
    before a cut are kept; `error` keeps it to be reported after them.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._back = io.BytesIO()
        self.error: Exception | None = None

    def unread(self, data: bytes) -> None:
        self._back = io.BytesIO(data + self._back.read())

    def read(self, size: int) -> bytes:
        data = self._back.read(size)
        return data + self._more(self._stream.read, size - len(data)) if len(data) < size else data

    def readline(self, limit: int) -> bytes:
        line = self._back.readline(limit)
        if line.endswith(b"\n") or len(line) >= limit:
            return line
        return line + self._more(self._stream.readline, limit - len(line))

    def _more(self, read: Callable[[int], bytes], size: int) -> bytes:
        if self.error is not None:
            return b""
        try:
            return read(size)
        except DECOMPRESS_ERRORS as error:
            self.error = error
            return b""


def _frames(reader: _Rewindable) -> Iterator[_Frame]:
    """The records of a WARC or ARC stream, then a problem if it breaks off between two."""
    last = None
    for last in _cut_frames(reader):
        yield last
    if reader.error is not None and (last is None or last.problem is None):
        yield _Frame(b"", problem=f"cannot decompress the rest: {_short(str(reader.error))}")


def _cut_frames(reader: _Rewindable) -> Iterator[_Frame]:
    """The records of a WARC or ARC stream, cut out by the lengths their headers declare."""
    while line := _next_line(reader):
        header, length, problem = _record_header(reader, line)
        if problem is not None:
            yield _Frame(header, problem=problem)
            _skip_to_record(reader)
            continue
        block = reader.read(min(length, MAX_PAGE_BYTES))
        complete = len(block) + _discard(reader, length - len(block)) == length
        if complete and _at_record_start(reader):
            yield _Frame(header, block, length)
        elif boundary := NEXT_WARC_RECORD.search(block):
            # The declared length runs into the next record: start again where that one starts.
            reader.unread(block[boundary.end() :])
            yield _Frame(header, problem=f"Content-Length {length} runs past the record's end")
        elif not complete:
            yield _Frame(header, problem=f"the file ends inside this record of {length} bytes")
            return
        else:
            _skip_to_record(reader)
            yield _Frame(header, problem=f"Content-Length {length} stops before the record's end")


def _record_header(reader: _Rewindable, first: bytes) -> tuple[bytes, int, str | None]:
    """A record's header from its first line, with its block's length, or what is wrong."""
    if _cut_short(first):
        return first, 0, "the file ends inside a record header"
    if ARC_START.match(first):
        return first, int(first.split()[-1]), None
    if not WARC_START.match(first):
        return first, 0, f"not a record header: {_short(repr(first[:80]))}"
    header = first
    while (line := reader.readline(MAX_RECORD_HEADER_BYTES)).strip():
        header += line
        if len(header) > MAX_RECORD_HEADER_BYTES:
            return header, 0, _over(MAX_RECORD_HEADER_BYTES, "a record header")
    if not line:
        return header, 0, "the file ends inside a record header"
    length = CONTENT_LENGTH.search(header)
    if length is None:
        return header, 0, "a record header without Content-Length"
    return header + line, int(length.group(1)), None


def _next_line(reader: _Rewindable) -> bytes:
    """The next line that is not blank, or b"" at the end of the stream."""
    while (line := reader.readline(MAX_RECORD_HEADER_BYTES)) and not line.strip():
        pass
    return line


def _cut_short(line: bytes) -> bool:
    """True for the last line of a stream that ends without a line break."""
    return not line.endswith(b"\n") and len(line) < MAX_RECORD_HEADER_BYTES


def _is_record_start(line: bytes) -> bool:
    """True for the first line of a WARC or ARC record."""
    return bool(WARC_START.match(line) or ARC_START.match(line))


def _at_record_start(reader: _Rewindable) -> bool:
    """True when only blank lines stand between here and the next record, or the end."""
    consumed = b""
    while (line := reader.readline(MAX_RECORD_HEADER_BYTES)) and not line.strip():
        consumed += line
    # A line cut by the end of the file is the next header cut short, which the caller reports.
    ahead = not line or _cut_short(line) or _is_record_start(line)
    reader.unread(line if ahead else consumed + line)
    return ahead


def _skip_to_record(reader: _Rewindable) -> None:
    """Pass over damaged bytes up to the next line that opens a record."""
    while line := reader.readline(MAX_RECORD_HEADER_BYTES):
        if _is_record_start(line):
            reader.unread(line)
            return


def _discard(reader: _Rewindable, count: int) -> int:
    """Read past `count` bytes without keeping them; how many there were."""
    passed = 0
    while passed < count and (chunk := reader.read(min(READ_CHUNK, count - passed))):
        passed += len(chunk)
    return passed


def _frame_result(file_id: str, position: int, frame: _Frame) -> ReadResult | None:
    """A framed record as a page or a reject; None for records that describe the crawl."""
    if frame.problem is not None:
        uri = TARGET_URI.search(frame.header)
        url = uri.group(1).decode("utf-8", "replace") if uri else None
        return Rejected(file_id, position, Reason.TRUNCATED, frame.problem, url)
    try:
        record = WARC_LOADER.parse_record_stream(
            io.BytesIO(frame.header + frame.block), no_record_parse=True
        )
        if record.rec_type not in WARC_RECORD_TYPES:
            detail = f"damaged record header (type {record.rec_type!r})"
            return Rejected(file_id, position, Reason.TRUNCATED, detail)
        if record.rec_type not in PAGE_RECORD_TYPES:
            return None
        if record.rec_type in ("response", "resource") and frame.block.startswith(b"HTTP/"):
            # Parsed here rather than by warcio, which needs a WARC-Target-URI to do it.
            record.http_headers = WARC_LOADER.http_parser.parse(record.raw_stream)
    except HEADER_ERRORS as error:
        detail = f"damaged record header: {_short(str(error))}"
        return Rejected(file_id, position, Reason.TRUNCATED, detail)
    return warc_page(file_id, position, record, frame.length)


def warc_page(file_id: str, position: int, record: Any, length: int) -> ReadResult:
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
    # A page's extracted text (WET): read as a text scrape of the page.
    text = record.rec_type == "conversion" or (http is None and mime == TEXT_TYPE)
    if mime and mime not in HTML_TYPES and not text:
        return Rejected(file_id, position, Reason.NOT_HTML, f"content type {mime}", url)
    too_large = Rejected(
        file_id, position, Reason.TOO_LARGE, _over(MAX_PAGE_BYTES, "a record"), url
    )
    if length > MAX_PAGE_BYTES:
        return too_large
    try:
        # Undoes HTTP chunking and content encodings: a gzip body may inflate past the block.
        content = record.content_stream().read(MAX_PAGE_BYTES + 1)
    except (*DECOMPRESS_ERRORS, ValueError) as error:
        detail = f"the body's content encoding is damaged: {_short(str(error))}"
        return Rejected(file_id, position, Reason.TRUNCATED, detail, url)
    if len(content) > MAX_PAGE_BYTES:
        return too_large
    if not content.strip():
        return Rejected(file_id, position, Reason.EMPTY_RECORD, "response has no body", url)
    charset = _charset(content_type) or ("utf-8" if text else None)
    kind: RecordKind = "text" if text else "html"
    return page_record(file_id, position, kind, content, url, fetched_at, charset)


def _charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _over(limit: int, what: str) -> str:
    """The detail of a `too_large` reject, naming the limit."""
    return f"{what} larger than the {human_size(limit)} limit"


def _short(message: str, limit: int = 200) -> str:
    """Keep reject details readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


READERS: dict[str, Callable[[InputFile, BinaryIO], Iterator[ReadResult]]] = {
    "html": read_page_file,
    "text": read_page_file,
    "jsonl": read_jsonl,
    "json": read_json,
    "warc": read_warc,
    "parquet": read_parquet,
}
