"""The records that move between stages: raw input, extracted articles and rejects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

# `article`: a body someone else extracted already (news-please, trafilatura, a crawl export),
# stored as given; `html` and `text` are whole pages for Kabar's own extractors.
RecordKind = Literal["html", "text", "article"]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection keeps of a body: its signature, band keys and numbers."""

    signature: tuple[int, ...]
    band_keys: tuple[int, ...]
    numbers: tuple[str, ...]


class Reason:
    """Reject reasons: one short code per way a record can fail, documented in the README."""

    EMPTY_FILE = "empty_file"
    UNREADABLE_FILE = "unreadable_file"
    VANISHED = "vanished"
    UNSUPPORTED_FORMAT = "unsupported_format"
    TRUNCATED = "truncated"
    TOO_LARGE = "too_large"
    TOO_DEEP = "too_deep"
    UNSAFE_PATH = "unsafe_path"
    ARCHIVE_LINK = "archive_link"
    ENCRYPTED = "encrypted"
    BAD_JSON = "bad_json"
    WRONG_TYPE = "wrong_type"
    MISSING_FIELD = "missing_field"
    EMPTY_RECORD = "empty_record"
    HTTP_STATUS = "http_status"
    NOT_HTML = "not_html"
    WARC_REVISIT = "warc_revisit"
    DECODE_ERROR = "decode_error"
    NO_ARTICLE = "no_article"
    EXTRACTION_ERROR = "extraction_error"
    TIMEOUT = "timeout"
    EXTRACTOR_CRASH = "extractor_crash"


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One page as read from a dump, before extraction."""

    file_id: str
    position: int
    kind: RecordKind
    content: bytes
    url: str | None = None
    published_at: str | None = None
    fetched_at: str | None = None
    charset: str | None = None
    title: str | None = None
    # Given with an already-extracted article: its author(s), language, and the shape of
    # record it came in ('news-please', 'trafilatura', 'datatrove', 'schema.org', 'fields').
    author: str | None = None
    language: str | None = None
    extracted_by: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that is not an article, with the reason why."""

    file_id: str
    position: int
    reason: str
    detail: str = ""
    url: str | None = None


@dataclass(slots=True)
class Article:
    """An extracted article with everything the store needs."""

    file_id: str
    position: int
    url: str | None
    canonical_url: str | None
    site: str | None
    site_name: str | None
    title: str | None
    author: str | None
    published_at: datetime | None
    date_source: str | None
    language: str | None
    body: str
    body_hash: str
    fetched_at: datetime | None = None
    mentions: dict[str, int] = field(default_factory=dict)
    # Where each counted mention stands in the body: (leader, start, end) character offsets.
    mention_spans: list[tuple[str, int, int]] = field(default_factory=list)
    # Spans that refer to an office ("the Russian president"), still to resolve to a person:
    # (country or None for a bare title, title, kind, start, end); see tasks/mentions/offices.py.
    references: list[tuple[str | None, str, str, int, int]] = field(default_factory=list)
    fingerprint: Fingerprint | None = None
    # Where the body came from: 'html' or 'text' (Kabar's extractors), or the shape of an
    # already-extracted record whose body is stored as given.
    extracted_by: str | None = None


Outcome = Article | Rejected
