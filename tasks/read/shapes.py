"""Record objects (JSONL lines, JSON elements, Parquet rows) by their shape: a page to extract,
or an article someone else extracted already, recognised by its fields or named by `--fields`.

A page record has `html` or `text` (a whole-page scrape), as Kabar's own dumps write them. The
already-extracted shapes are those the usual tools write; their body is stored as given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tasks.errors import KabarError
from tasks.records import RawRecord, Reason, Rejected

ReadResult = RawRecord | Rejected

CONTENT_FIELDS = ("html", "text")
OPTIONAL_STRING_FIELDS = ("url", "published_at", "fetched_at", "source", "title")
# What an article field of `--fields` may name, and what it becomes.
ARTICLE_FIELDS = ("body", "title", "url", "published", "fetched", "language", "author")
# Fields named beside `text` by trafilatura's JSON output and by no page record.
TRAFILATURA_SIGNS = ("hostname", "date", "source-hostname", "raw_text", "fingerprint", "excerpt")
# A field list in a reject is cut here.
SHOWN_FIELDS = 12


@dataclass(frozen=True, slots=True)
class Shape:
    """An already-extracted record: its name, and where each article field is found (the
    first of the paths present; `a.b` is field `b` of object `a`)."""

    name: str
    fields: Mapping[str, tuple[str, ...]]


NEWS_PLEASE = Shape(
    "news-please",
    {
        "body": ("maintext",),
        "title": ("title",),
        "url": ("url",),
        "published": ("date_publish",),
        "fetched": ("date_download",),
        "language": ("language",),
        "author": ("authors",),
    },
)
SCHEMA_ORG = Shape(
    "schema.org",
    {
        "body": ("articleBody",),
        "title": ("headline", "name"),
        "url": ("url",),
        "published": ("datePublished",),
        "language": ("inLanguage",),
        "author": ("author",),
    },
)
# A crawl date is when the page was fetched: FineWeb's `date` is Common Crawl's, not the
# article's.
DATATROVE = Shape(
    "datatrove",
    {
        "body": ("text",),
        "url": ("metadata.url", "url"),
        "fetched": ("metadata.date", "date"),
        "language": ("metadata.language", "language"),
    },
)
TRAFILATURA = Shape(
    "trafilatura",
    {
        "body": ("text",),
        "title": ("title",),
        "url": ("url", "source"),
        "published": ("date",),
        "language": ("language",),
        "author": ("author",),
    },
)
SHAPE_NAMES = "news-please, trafilatura, datatrove/FineWeb, schema.org NewsArticle"


def parse_field_map(spec: str) -> tuple[tuple[str, str], ...]:
    """`body=maintext,title=headline` as (article field, record field) pairs, checked."""
    pairs = []
    for part in filter(None, (piece.strip() for piece in spec.split(","))):
        target, equals, source = (item.strip() for item in part.partition("="))
        if not equals or not source or target not in ARTICLE_FIELDS:
            raise KabarError(
                f"--fields: '{part}' is not FIELD=RECORD_FIELD with FIELD one of "
                f"{', '.join(ARTICLE_FIELDS)}; for example --fields body=maintext,title=headline"
            )
        pairs.append((target, source))
    if "body" not in dict(pairs):
        raise KabarError("--fields must name the body, for example --fields body=maintext")
    return tuple(pairs)


def record_shape(data: Mapping[str, Any], fields: Sequence[tuple[str, str]] = ()) -> Shape | None:
    """The already-extracted shape `data` has, or None for a page record or an unknown shape.
    A `--fields` mapping applies to records that have the body field it names."""
    if fields:
        named = Shape("fields", {target: (source,) for target, source in fields})
        if _get(data, named.fields["body"][0]) is not None:
            return named
    if "html" in data:
        return None
    if "maintext" in data:
        return NEWS_PLEASE
    if "articleBody" in data:
        return SCHEMA_ORG
    if (
        "text" in data
        and "id" in data
        and (isinstance(data.get("metadata"), dict) or "dump" in data)
    ):
        return DATATROVE
    if "text" in data and any(sign in data for sign in TRAFILATURA_SIGNS):
        return TRAFILATURA
    return None


def is_record(data: Any, fields: Sequence[tuple[str, str]] = ()) -> bool:
    """True for an object that is an input record: a page, or an article of a known shape."""
    if not isinstance(data, dict):
        return False
    return record_shape(data, fields) is not None or any(name in data for name in CONTENT_FIELDS)


def object_record(
    file_id: str, position: int, data: Any, what: str, fields: Sequence[tuple[str, str]] = ()
) -> ReadResult:
    """A record object (a JSONL line, a JSON element, a Parquet row) as a raw record, or a
    reject naming what is wrong with it."""
    if not isinstance(data, dict):
        return Rejected(file_id, position, Reason.WRONG_TYPE, f"{what} is not a JSON object")
    shape = record_shape(data, fields)
    if shape is not None:
        return article_record(file_id, position, data, shape)
    return page_object(file_id, position, data)


def page_object(file_id: str, position: int, data: dict[str, Any]) -> ReadResult:
    """A record holding a whole page (`html`) or a whole-page text scrape (`text`)."""
    for name in OPTIONAL_STRING_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            return Rejected(
                file_id, position, Reason.WRONG_TYPE, f"field '{name}' must be a string"
            )
    url = data.get("url") or None
    kind = next((name for name in CONTENT_FIELDS if data.get(name) is not None), None)
    if kind is None:
        return Rejected(file_id, position, Reason.MISSING_FIELD, _unknown_shape(data), url)
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


def article_record(file_id: str, position: int, data: dict[str, Any], shape: Shape) -> ReadResult:
    """An already-extracted article: its body as given, its other fields where `shape` says."""
    found: dict[str, str | None] = {}
    for target, paths in shape.fields.items():
        path, value = next(
            ((path, value) for path in paths if (value := _get(data, path)) is not None),
            (paths[0], None),
        )
        text = _author(value) if target == "author" else _text(value)
        if value is not None and text is None:
            url = _text(found.get("url"))
            detail = f"field '{path}' must be a string ({shape.name} record)"
            return Rejected(file_id, position, Reason.WRONG_TYPE, detail, url)
        found[target] = text
    url = found.get("url") or None
    body = found.get("body") or ""
    if not body.strip():
        detail = f"field '{shape.fields['body'][0]}' is empty ({shape.name} record)"
        return Rejected(file_id, position, Reason.EMPTY_RECORD, detail, url)
    return RawRecord(
        file_id,
        position,
        "article",
        body.encode("utf-8", "surrogatepass"),
        url=url,
        published_at=found.get("published") or None,
        fetched_at=found.get("fetched") or None,
        charset="utf-8",
        title=found.get("title") or None,
        author=found.get("author") or None,
        language=_language_code(found.get("language")),
        extracted_by=shape.name,
    )


def _get(data: Mapping[str, Any], path: str) -> Any:
    """The value at `path` (`metadata.url`: field `url` of object `metadata`), or None."""
    if path in data:
        return data[path]
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _text(value: Any) -> str | None:
    """A field's text: strings as they are, times (from Parquet) in ISO 8601; else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return None


def _author(value: Any) -> str | None:
    """Authors as one string: news-please gives a list, schema.org a Person or a list of them."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        names = [name for item in value if (name := _author(item))]
        return ", ".join(names) if names else ""
    return _text(value)


def _language_code(value: str | None) -> str | None:
    """`en-US`, `pt_BR`, `EN` → the language's two- or three-letter code, as detection gives."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def _unknown_shape(data: Mapping[str, Any]) -> str:
    """The detail of a record that is neither a page nor an article of a known shape."""
    names = list(data)
    shown = ", ".join(f"'{name}'" for name in names[:SHOWN_FIELDS])
    more = f" and {len(names) - SHOWN_FIELDS} more" if len(names) > SHOWN_FIELDS else ""
    has = f"it has {shown}{more}" if names else "it has no fields"
    return (
        f"needs an 'html' or 'text' field, or the fields of an extracted article"
        f" ({SHAPE_NAMES}); {has}; name its fields with --fields body=FIELD,title=FIELD,..."
    )
