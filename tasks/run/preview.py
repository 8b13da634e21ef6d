"""`kabar extract`: what the ingest would make of each record, without touching a database."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, Literal, TextIO

from tasks.extract.record import extract_record
from tasks.mentions.matcher import MentionMatcher, Term, utc_day
from tasks.mentions.offices import OfficeHolders, OfficeMatcher, load_lexicon
from tasks.read.discover import check_paths, discover
from tasks.read.readers import read_records
from tasks.records import Article, RawRecord
from tasks.settings import OFFICE_LEXICON

PreviewFormat = Literal["jsonl", "text"]
PREVIEW_FORMATS: tuple[str, ...] = ("jsonl", "text")


def preview(
    paths: Iterable[str],
    matcher: MentionMatcher | None = None,
    limit: int | None = None,
    fields: tuple[tuple[str, str], ...] = (),
    terms: Sequence[Term] = (),
) -> Iterator[dict[str, Any]]:
    """One dict per input record: the extracted article's fields, or its reject reason;
    `fields` maps records of another shape to articles (`--fields`).

    With a matcher, `mentions` counts names per leader; `office_mentions` and
    `metonym_mentions` count references by office, resolved with `terms` at the article's date
    as the store resolves them (`office_note` says why none could be, for an undated article).
    """
    given = list(paths)
    check_paths(given)
    offices = OfficeMatcher(load_lexicon(OFFICE_LEXICON)) if matcher is not None else None
    holders = OfficeHolders(terms)
    for input_file in discover(given):
        for result in read_records(replace(input_file, fields=fields), limit):
            outcome = extract_record(result) if isinstance(result, RawRecord) else result
            references: dict[str, dict[str, int]] = {}
            if isinstance(outcome, Article) and matcher is not None and offices is not None:
                matcher.annotate(outcome)
                references = _references(outcome, offices, holders)
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
                    **references,
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
        for name in ("mentions", "office_mentions", "metonym_mentions"):
            if name in row:
                counts = ", ".join(f"{leader} {count}" for leader, count in row[name].items())
                out.write(f"{name}: {counts or '-'}\n")
        if row.get("office_note"):
            out.write(f"office_note: {row['office_note']}\n")
        out.write(f"\n{row['body']}\n\n")


def _references(article: Article, offices: OfficeMatcher, holders: OfficeHolders) -> dict[str, Any]:
    """Office and metonym counts per leader, resolved at the article's UTC date."""
    candidates = offices.candidates(article.body, article.mention_spans, article.language)
    day = utc_day(article.published_at)
    found = offices.resolve(
        candidates, article.body, day, holders, article.mention_spans, article.language
    )
    counts: dict[str, Any] = {
        "office_mentions": dict(Counter(r.leader for r in found if r.kind == "office")),
        "metonym_mentions": dict(Counter(r.leader for r in found if r.kind == "metonym")),
    }
    if candidates and day is None:
        counts["office_note"] = (
            "no publication date: references by office count only for a leader the article"
            " names who has held that office"
        )
    return counts


def _iso(article: Article) -> str | None:
    if article.published_at is None:
        return None
    return article.published_at.isoformat().replace("+00:00", "Z")
