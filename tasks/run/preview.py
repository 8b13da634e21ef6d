"""`kabar extract`: what the ingest would make of each record, without touching a database."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, Literal, TextIO

from tasks.extract.record import extract_record
from tasks.mentions.matcher import MentionMatcher
from tasks.read.discover import check_paths, discover
from tasks.read.readers import read_records
from tasks.records import Article, RawRecord

PreviewFormat = Literal["jsonl", "text"]
PREVIEW_FORMATS: tuple[str, ...] = ("jsonl", "text")


def preview(
    paths: Iterable[str],
    matcher: MentionMatcher | None = None,
    limit: int | None = None,
    fields: tuple[tuple[str, str], ...] = (),
) -> Iterator[dict[str, Any]]:
    """One dict per input record: the extracted article's fields, or its reject reason;
    `fields` maps records of another shape to articles (`--fields`)."""
    given = list(paths)
    check_paths(given)
    for input_file in discover(given):
        for result in read_records(replace(input_file, fields=fields), limit):
            outcome = extract_record(result) if isinstance(result, RawRecord) else result
            if isinstance(outcome, Article) and matcher is not None:
                matcher.annotate(outcome)
            row: dict[str, Any] = {"source": input_file.path, "position": outcome.position}
            if isinstance(outcome, Article):
                row.update(
                    url=outcome.url,
                    site=outcome.site,
                    title=outcome.title,
                    author=outcome.author,
                    published_at=_iso(outcome),
                    language=outcome.language,
                    extracted_by=outcome.extracted_by,
                    mentions=outcome.mentions,
                    body=outcome.body,
                )
            else:
                row.update(url=outcome.url, reject=outcome.reason, detail=outcome.detail)
            yield row


def write_preview(rows: Iterable[dict[str, Any]], fmt: PreviewFormat, out: TextIO) -> None:
    """JSON lines, or a readable block per record."""
    for row in rows:
        if fmt == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            continue
        out.write(f"== {row['source']} [{row['position']}]\n")
        if "reject" in row:
            out.write(f"rejected: {row['reject']}: {row['detail']}\n\n")
            continue
        for name in ("title", "published_at", "site", "language", "author", "url"):
            out.write(f"{name}: {row[name] if row[name] is not None else '-'}\n")
        mentions = ", ".join(f"{leader} {count}" for leader, count in row["mentions"].items())
        out.write(f"mentions: {mentions or '-'}\n\n{row['body']}\n\n")


def _iso(article: Article) -> str | None:
    if article.published_at is None:
        return None
    return article.published_at.isoformat().replace("+00:00", "Z")
