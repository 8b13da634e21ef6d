"""Articles someone else extracted already (news-please, trafilatura, a crawl's text export):
the body is stored as given; only what the record lacks is worked out here."""

from __future__ import annotations

from tasks.extract.dates import parse_datetime
from tasks.extract.language import detect_language
from tasks.read.normalise import body_fingerprint, canonical_url, site_of
from tasks.records import Article, RawRecord


def take_given(record: RawRecord) -> Article:
    """The record's own body, title, dates, author and language as an article; the language
    is detected only when the record does not give it."""
    body = record.content.decode("utf-8", "replace").replace("\r\n", "\n").strip()
    published = parse_datetime(record.published_at) if record.published_at else None
    return Article(
        file_id=record.file_id,
        position=record.position,
        url=record.url,
        canonical_url=canonical_url(record.url),
        site=site_of(record.url),
        site_name=None,
        title=_one_line(record.title),
        author=_one_line(record.author),
        published_at=published,
        date_source="dump" if published is not None else None,
        language=record.language or detect_language(body),
        body=body,
        body_hash=body_fingerprint(body),
        fetched_at=parse_datetime(record.fetched_at) if record.fetched_at else None,
        extracted_by=record.extracted_by,
    )


def _one_line(value: str | None) -> str | None:
    """Whitespace collapsed; empty becomes None."""
    return " ".join(value.split()) or None if value else None
