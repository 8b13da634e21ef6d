"""Properties of the readers on generated dumps: one result per record, in order, never a crash."""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tasks.read.discover import describe
from tasks.read.readers import read_records
from tasks.records import RawRecord, Reason, Rejected

ReadResult = RawRecord | Rejected

# The same examples on every run and nothing stored between runs: CI stays deterministic.
PROPERTY = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

REASONS = frozenset(value for name, value in vars(Reason).items() if name.isupper())
JSONL_REASONS = frozenset(
    {Reason.BAD_JSON, Reason.WRONG_TYPE, Reason.MISSING_FIELD, Reason.EMPTY_RECORD}
)
OPTIONAL_STRING_FIELDS = ("url", "published_at", "fetched_at", "source", "title")
RECORD_FIELDS = ("url", "html", "text", "title", "published_at", "fetched_at", "source")
HTML_TYPES = ("", "text/html", "application/xhtml+xml")
BLANK_LINES = (b"", b" ", b"\t", b"\r", b" \t\x0c ")
PAGE_RECORD_TYPES = ("response", "resource", "revisit")
WARC_DATE = "2026-01-14T08:00:00Z"
WARCIO_DEFAULT_TYPE = "application/warc-record"
# Claimed names for arbitrary bytes: every suffix the readers know, gzipped or not, and none.
CLAIMED_NAMES = (
    *(
        f"dump{suffix}{gz}"
        for suffix in (".html", ".htm", ".txt", ".jsonl", ".ndjson", ".warc", ".arc", ".tar", "")
        for gz in ("", ".gz")
    ),
    "dump.zip",
    "dump.tgz",
)

# Text with everything a JSON string can carry, lone surrogates included.
any_text = st.text(st.characters(exclude_categories=()), max_size=30)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=6,
)
# Mostly the fields a crawler writes, as strings, sometimes blank or of the wrong type.
field_values = st.one_of(any_text, any_text, st.sampled_from(["", "  ", "\n"]), json_values)
records = st.fixed_dictionaries({}, optional=dict.fromkeys(RECORD_FIELDS, field_values))
jsonl_rows = st.one_of(records, records, records, json_values)
# What a page's text holds: no control characters but line breaks and tabs (those mean binary).
page_characters = st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from("\t\n\r ")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the files of every example; each example overwrites its own name."""
    return tmp_path_factory.mktemp("dumps")


def read_bytes(folder: Path, name: str, data: bytes) -> list[ReadResult]:
    """Write `data` as a file called `name`, discover it and read all its records."""
    path = folder / name
    path.write_bytes(data)
    return list(read_records(describe(path)))


def json_line(row: object, ascii_only: bool) -> bytes:
    """One JSONL line; a lone surrogate can only be written escaped."""
    try:
        return json.dumps(row, ensure_ascii=ascii_only).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(row).encode("ascii")


def jsonl_outcome(row: object) -> str:
    """What the README promises for one JSONL line: the record's kind, or the reject reason."""
    if not isinstance(row, dict):
        return Reason.WRONG_TYPE
    if any(
        row.get(name) is not None and not isinstance(row[name], str)
        for name in OPTIONAL_STRING_FIELDS
    ):
        return Reason.WRONG_TYPE
    kind = next((name for name in ("html", "text") if row.get(name) is not None), None)
    if kind is None:
        return Reason.MISSING_FIELD
    if not isinstance(row[kind], str):
        return Reason.WRONG_TYPE
    return kind if row[kind].strip() else Reason.EMPTY_RECORD


def without_file_id(result: ReadResult) -> ReadResult:
    """A result compared across files: the same record read from another file's bytes."""
    return dataclasses.replace(result, file_id="")


def assert_well_formed(results: list[ReadResult]) -> None:
    """Every result is a record or a reject with a known reason, at unique increasing positions."""
    positions = [result.position for result in results]
    assert positions == sorted(set(positions)), positions
    assert all(position >= 0 for position in positions)
    for result in results:
        assert isinstance(result, RawRecord | Rejected), result
        if isinstance(result, Rejected):
            assert result.reason in REASONS, result
        else:
            assert result.kind in ("html", "text") and result.content.strip(), result


@settings(PROPERTY, max_examples=150)
@given(
    lines=st.lists(
        st.one_of(
            st.tuples(jsonl_rows, st.booleans()),
            st.sampled_from(BLANK_LINES),
        ),
        max_size=8,
    ),
    newline=st.sampled_from([b"\n", b"\r\n"]),
    compress=st.booleans(),
)
def test_jsonl_gives_one_result_per_nonblank_line_at_its_line_number(
    scratch: Path, lines: list[tuple[object, bool] | bytes], newline: bytes, compress: bool
):
    encoded = [line if isinstance(line, bytes) else json_line(*line) for line in lines]
    data = b"".join(line + newline for line in encoded)
    name = "crawl.jsonl.gz" if compress else "crawl.jsonl"
    results = read_bytes(scratch, name, gzip.compress(data, mtime=0) if compress else data)
    filled = [i for i, line in enumerate(encoded) if line.strip()]
    if not filled:
        # A file of blank lines holds no records: one reject for the file.
        assert [(r.position, r.reason) for r in results] == [(0, Reason.EMPTY_FILE)]
        return
    assert [result.position for result in results] == filled
    rows = {number: line[0] for number, line in enumerate(lines) if isinstance(line, tuple)}
    for result in results:
        row = rows[result.position]
        expected = jsonl_outcome(row)
        if isinstance(result, Rejected):
            assert result.reason == expected, (row, result)
            continue
        assert result.kind == expected, (row, result)
        assert isinstance(row, dict)
        assert result.content.decode("utf-8", "surrogatepass") == row[result.kind]
        assert result.url == (row.get("url") or None)
        assert result.published_at == (row.get("published_at") or None)


@settings(PROPERTY, max_examples=150)
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=80),
            st.tuples(jsonl_rows, st.booleans()).map(lambda row: json_line(*row)),
            st.tuples(jsonl_rows, st.integers(0, 60)).map(
                lambda cut: json_line(cut[0], True)[: cut[1]]
            ),
        ).map(lambda line: line.replace(b"\n", b"")),
        min_size=1,
        max_size=8,
    ),
    compress=st.booleans(),
)
def test_arbitrary_byte_lines_in_jsonl_become_results_or_rejects_never_errors(
    scratch: Path, lines: list[bytes], compress: bool
):
    data = b"\n".join(lines)
    name = "crawl.jsonl.gz" if compress else "crawl.jsonl"
    results = read_bytes(scratch, name, gzip.compress(data, mtime=0) if compress else data)
    assert_well_formed(results)
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        assert [(r.position, r.reason) for r in results] == [(0, Reason.EMPTY_FILE)]
        return
    assert [result.position for result in results] == filled
    assert all(r.reason in JSONL_REASONS for r in results if isinstance(r, Rejected))


@settings(PROPERTY, max_examples=300)
@given(
    name=st.sampled_from(CLAIMED_NAMES),
    data=st.one_of(
        st.binary(max_size=600),
        st.binary(max_size=600).map(lambda data: gzip.compress(data, mtime=0)),
        st.tuples(
            st.sampled_from(
                [
                    b"WARC/1.0\r\n",
                    b"WARC/1.1\n",
                    b"{",
                    b"<html>",
                    b"\x1f\x8b",
                    b"\xef\xbb\xbf",
                    b"PK\x03\x04",
                    b"PK\x05\x06",
                    b"%PDF-",
                    b"page.html".ljust(257, b"\0") + b"ustar\x0000",
                ]
            ),
            st.binary(max_size=400),
        ).map(b"".join),
    ),
)
def test_any_bytes_under_any_claimed_format_never_raise(scratch: Path, name: str, data: bytes):
    results = read_bytes(scratch, name, data)
    assert_well_formed(results)
    assert results, "a file always gives at least one result, if only a reject"


@settings(PROPERTY, max_examples=100)
@given(
    page=st.text(page_characters, max_size=300).map(lambda text: text.encode("utf-8")),
    suffix=st.sampled_from([".html", ".txt"]),
    compress=st.booleans(),
)
def test_a_page_file_is_one_record_holding_its_bytes(
    scratch: Path, page: bytes, suffix: str, compress: bool
):
    name = "page" + suffix + (".gz" if compress else "")
    results = read_bytes(scratch, name, gzip.compress(page, mtime=0) if compress else page)
    [result] = results
    assert result.position == 0
    if not page.strip():
        assert isinstance(result, Rejected) and result.reason == Reason.EMPTY_FILE
    else:
        assert isinstance(result, RawRecord), result
        assert result.content == page
        assert result.kind == ("html" if suffix == ".html" else "text")


# WARC files written with warcio from generated records.

warc_records = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            # Sorted: a set's order changes with the hash seed, and so would the examples.
            [*sorted(PAGE_RECORD_TYPES), "response", "request", "metadata", "warcinfo"]
        ),
        "status": st.sampled_from(
            [
                "200 OK",
                "200 OK",
                "301 Moved Permanently",
                "404 Not Found",
                "503 Service Unavailable",
            ]
        ),
        "content_type": st.sampled_from(
            [
                "text/html; charset=utf-8",
                "text/html",
                'Text/HTML; Charset="Windows-1251"',
                "application/xhtml+xml",
                "image/png",
                "application/json",
                "",
            ]
        ),
        "body": st.one_of(
            st.sampled_from([b"", b"  \r\n"]),
            st.text(max_size=200).map(
                lambda text: f"<html><body><p>{text}</p></body></html>".encode()
            ),
            st.binary(max_size=120),
        ),
    }
)


def warc_file(items: list[dict], compress: bool) -> bytes:
    """A WARC of the given records, byte for byte the same for the same items."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for index, item in enumerate(items):
        headers = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{index:012d}>",
            "WARC-Date": WARC_DATE,
        }
        url = f"https://news.example/{index}"
        kind = item["type"]
        if kind in ("response", "revisit"):
            http = StatusAndHeaders(
                item["status"],
                [("Content-Type", item["content_type"])] if item["content_type"] else [],
                protocol="HTTP/1.1",
            )
            payload = BytesIO(b"" if kind == "revisit" else item["body"])
            record = writer.create_warc_record(
                url, kind, payload=payload, http_headers=http, warc_headers_dict=headers
            )
        elif kind == "request":
            request = f"GET /{index} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
            record = writer.create_warc_record(
                url, kind, payload=BytesIO(request), warc_headers_dict=headers
            )
        else:
            if item["content_type"]:
                headers["Content-Type"] = item["content_type"]
            record = writer.create_warc_record(
                "" if kind == "warcinfo" else url,
                kind,
                payload=BytesIO(item["body"]),
                warc_headers_dict=headers,
            )
        writer.write_record(record)
    return buffer.getvalue()


def warc_outcome(item: dict) -> str:
    """What the README promises for one page record: 'html', or the reject reason."""
    if item["type"] == "revisit":
        return Reason.WARC_REVISIT
    if item["type"] == "response" and not item["status"].startswith("200 "):
        return Reason.HTTP_STATUS
    # A resource record written without a type gets warcio's default, which is not HTML.
    content_type = item["content_type"]
    if not content_type and item["type"] == "resource":
        content_type = WARCIO_DEFAULT_TYPE
    if content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        return Reason.NOT_HTML
    return "html" if item["body"].strip() else Reason.EMPTY_RECORD


def charset_of(content_type: str) -> str | None:
    """The charset a reader should report for a Content-Type, lower-cased and unquoted."""
    _, _, charset = content_type.lower().partition("charset=")
    return charset.strip("\"'") or None


@settings(PROPERTY, max_examples=120)
@given(items=st.lists(warc_records, max_size=6), compress=st.booleans())
def test_warc_gives_one_result_per_page_record_in_order(
    scratch: Path, items: list[dict], compress: bool
):
    results = read_bytes(
        scratch, "crawl.warc.gz" if compress else "crawl.warc", warc_file(items, compress)
    )
    pages = [(index, item) for index, item in enumerate(items) if item["type"] in PAGE_RECORD_TYPES]
    if not pages:
        assert [(r.position, r.reason) for r in results] == [(0, Reason.EMPTY_FILE)]
        return
    assert [result.position for result in results] == list(range(len(pages)))
    for result, (index, item) in zip(results, pages, strict=True):
        expected = warc_outcome(item)
        assert result.url == f"https://news.example/{index}", result
        if isinstance(result, Rejected):
            # Bytes with control characters, though served as text/html, are not a page.
            binary = any(byte < 9 or 13 < byte < 32 for byte in item["body"])
            assert result.reason == expected or (binary and result.reason == Reason.NOT_HTML)
            continue
        assert expected == "html", (item, result)
        assert result.content == item["body"]
        assert result.fetched_at == WARC_DATE
        if item["type"] == "response":
            assert result.charset == charset_of(item["content_type"])


def record_spans(data: bytes) -> Iterator[tuple[int, int, bool]]:
    """Each record of a whole WARC as (first byte, byte after its block, is it a page record)."""
    records = ArchiveIterator(BytesIO(data))
    for record in records:
        records.read_to_end(record)
        offset = records.get_record_offset()
        yield offset, offset + records.get_record_length(), record.rec_type in PAGE_RECORD_TYPES


def clean_cut(spans: list[tuple[int, int, bool]], cut: int) -> bool:
    """True when a cut falls between records: at a record's start or in the CRLFs after one."""
    starts = [start for start, _, _ in spans]
    return (
        cut in starts
        or any(end <= cut <= nxt for (_, end, _), nxt in zip(spans, starts[1:], strict=False))
        or cut >= spans[-1][1]
    )


def assert_cut_keeps_records_before_it(
    folder: Path, name: str, whole: bytes, cuts: Iterable[int]
) -> None:
    """Reading `whole[:cut]` gives the page records that end before the cut, as read from the
    whole file, then one `truncated` reject unless the cut falls between records.

    A record of a gzipped WARC may also come whole when only its member's last bytes (the
    gzip trailer) are cut: its content is all there.
    """
    full = [without_file_id(result) for result in read_bytes(folder, name, whole)]
    spans = list(record_spans(whole))
    for cut in cuts:
        results = [without_file_id(result) for result in read_bytes(folder, name, whole[:cut])]
        kept = sum(is_page for _, end, is_page in spans if end <= cut)
        same = next(
            (
                index
                for index, pair in enumerate(zip(results, full, strict=False))
                if pair[0] != pair[1]
            ),
            min(len(results), len(full)),
        )
        rest = [(getattr(result, "reason", "record"), result.position) for result in results[same:]]
        if not clean_cut(spans, cut):
            assert same in (kept, kept + 1), (cut, results)
            assert rest == [(Reason.TRUNCATED, same)], (cut, results)
        elif kept == 0:
            # Nothing but the empty file's reject, which a whole file without pages gives too.
            placed = [(getattr(result, "reason", "record"), result.position) for result in results]
            assert placed == [(Reason.EMPTY_FILE, 0)], (cut, results)
        else:
            assert (same, rest) == (kept, []), (cut, results)


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@settings(PROPERTY, max_examples=80)
@given(items=st.lists(warc_records, min_size=1, max_size=4), share=st.floats(0, 1))
def test_a_warc_cut_anywhere_keeps_the_records_before_the_cut(
    scratch: Path, compress: bool, items: list[dict], share: float
):
    whole = warc_file(items, compress)
    name = "crawl.warc.gz" if compress else "crawl.warc"
    assert_cut_keeps_records_before_it(scratch, name, whole, [int(len(whole) * share)])


SMALL_CRAWL = [
    {"type": "warcinfo", "status": "", "content_type": "", "body": b"software: kabar-tests\r\n"},
    {"type": "request", "status": "", "content_type": "", "body": b""},
    {
        "type": "response",
        "status": "200 OK",
        "content_type": "text/html",
        "body": b"<p>Port strike ends.</p>",
    },
    {"type": "response", "status": "404 Not Found", "content_type": "text/html", "body": b"gone"},
    {
        "type": "resource",
        "status": "",
        "content_type": "text/html",
        "body": b"<p>Ferry resumes.</p>",
    },
]


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_every_cut_of_a_small_warc_keeps_the_records_before_it(scratch: Path, compress: bool):
    whole = warc_file(SMALL_CRAWL, compress)
    name = "small.warc.gz" if compress else "small.warc"
    assert_cut_keeps_records_before_it(scratch, name, whole, range(len(whole) + 1))


def test_warc_cut_inside_a_records_first_line_keeps_the_complete_record_before_it(scratch: Path):
    whole = warc_file(SMALL_CRAWL[:4], compress=False)
    cut = list(record_spans(whole))[3][0] + len(b"WARC/")
    results = read_bytes(scratch, "cut.warc", whole[:cut])
    assert [(r.position, type(r), getattr(r, "reason", None)) for r in results] == [
        (0, RawRecord, None),
        (1, Rejected, Reason.TRUNCATED),
    ]


def test_gzipped_warc_cut_early_in_a_record_keeps_the_complete_record_before_it(scratch: Path):
    whole = warc_file(SMALL_CRAWL[:4], compress=True)
    cut = list(record_spans(whole))[3][0] + 40  # inside the 404 response, after the 200 one
    results = read_bytes(scratch, "cut.warc.gz", whole[:cut])
    assert [(r.position, type(r), getattr(r, "reason", None)) for r in results] == [
        (0, RawRecord, None),
        (1, Rejected, Reason.TRUNCATED),
    ]


@settings(PROPERTY, max_examples=60)
@given(
    rows=st.lists(st.tuples(records, st.booleans()), min_size=1, max_size=6),
    share=st.floats(0, 1),
)
def test_a_gzipped_jsonl_cut_anywhere_keeps_the_lines_before_the_cut(
    scratch: Path, rows: list[tuple[object, bool]], share: float
):
    whole = gzip.compress(b"".join(json_line(*row) + b"\n" for row in rows), mtime=0)
    cut = int(len(whole) * share)
    full = [without_file_id(r) for r in read_bytes(scratch, "crawl.jsonl.gz", whole)]
    results = [without_file_id(r) for r in read_bytes(scratch, "crawl.jsonl.gz", whole[:cut])]
    if cut == len(whole):
        assert results == full
    elif cut == 0:
        assert [(r.position, r.reason) for r in results] == [(0, Reason.EMPTY_FILE)]
    elif cut == 1:
        # One byte is not yet recognisable as gzip: it is read as a line of its own.
        assert [(r.position, type(r)) for r in results] == [(0, Rejected)]
    else:
        *kept, last = results
        assert kept == full[: len(kept)]
        assert (last.position, last.reason) == (len(kept), Reason.TRUNCATED), last


@settings(PROPERTY, max_examples=40)
@given(
    page=st.text(page_characters, min_size=1, max_size=2000),
    share=st.floats(0, 1, exclude_max=True),
)
def test_a_gzipped_page_cut_anywhere_is_one_truncated_reject(
    scratch: Path, page: str, share: float
):
    whole = gzip.compress(page.encode("utf-8"), mtime=0)
    # From two bytes on, the gzip magic number is there and the file is known to be gzip.
    cut = 2 + int((len(whole) - 2) * share)
    results = read_bytes(scratch, "page.html.gz", whole[:cut])
    assert [(r.position, r.reason) for r in results] == [(0, Reason.TRUNCATED)], results
