"""Load a batch into the store in one transaction: new articles, duplicates, rejects, files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb
import polars as pl

from tasks.batches import FileUpdate
from tasks.normalise import record_key
from tasks.records import Article, Outcome, Rejected
from tasks.store import execute, query, registered, transaction

ARTICLE_SCHEMA = {
    "article_id": pl.Int64,
    "url": pl.String,
    "canonical_url": pl.String,
    "site": pl.String,
    "site_name": pl.String,
    "title": pl.String,
    "author": pl.String,
    "published_at": pl.Datetime("us", "UTC"),
    "date_source": pl.String,
    "language": pl.String,
    "body": pl.String,
    "body_hash": pl.String,
    "fetched_at": pl.Datetime("us", "UTC"),
    "file_id": pl.String,
    "position": pl.Int64,
    "run_id": pl.String,
    "ingested_at": pl.Datetime("us", "UTC"),
}
RECORD_SCHEMA = {
    "file_id": pl.String,
    "position": pl.Int64,
    "run_id": pl.String,
    "outcome": pl.String,
    "article_id": pl.Int64,
    "url": pl.String,
    "method": pl.String,
    "reason": pl.String,
    "detail": pl.String,
}
MENTION_SCHEMA = {"article_id": pl.Int64, "leader": pl.String, "mention_count": pl.Int32}
FILE_SCHEMA = {
    "file_id": pl.String,
    "path": pl.String,
    "format": pl.String,
    "size_bytes": pl.Int64,
    "records": pl.Int64,
    "first_run_id": pl.String,
    "completed_run_id": pl.String,
}
KEYS_SCHEMA = {"canonical_url": pl.String, "body_hash": pl.String}


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one batch added to the store."""

    articles: int
    duplicates: int
    rejects: int

    @property
    def records(self) -> int:
        return self.articles + self.duplicates + self.rejects


@dataclass(slots=True)
class Placement:
    """The rows a batch adds, once each record has been given its place."""

    articles: list[dict]
    records: list[dict]
    mentions: list[dict]


def place_outcomes(
    outcomes: Sequence[Outcome],
    run_id: str,
    ingested_at: datetime,
    owners: dict[tuple[str, str], int],
) -> Placement:
    """Give every outcome its place: a new article, a duplicate of an earlier one, or a reject.

    `owners` maps ('url', canonical URL) and ('exact', body fingerprint) to the article that
    holds them; it starts with the stored articles and grows as the batch is placed, so the
    first record in reading order wins and later copies point at it.
    """
    placed = Placement([], [], [])
    for outcome in outcomes:
        if isinstance(outcome, Rejected):
            placed.records.append(
                _record(outcome, run_id, "reject", reason=outcome.reason, detail=outcome.detail)
            )
            continue
        keys = [("url", outcome.canonical_url), ("exact", outcome.body_hash)]
        owner = next(((m, owners[(m, k)]) for m, k in keys if k and (m, k) in owners), None)
        if owner is not None:
            method, article_id = owner
            placed.records.append(
                _record(outcome, run_id, "duplicate", article_id=article_id, method=method)
            )
        else:
            article_id = record_key(outcome.file_id, outcome.position)
            placed.articles.append(_article_row(outcome, article_id, run_id, ingested_at))
            placed.mentions.extend(
                {"article_id": article_id, "leader": leader, "mention_count": count}
                for leader, count in sorted(outcome.mentions.items())
            )
            placed.records.append(_record(outcome, run_id, "article", article_id=article_id))
        for method, key in keys:
            if key:
                owners.setdefault((method, key), article_id)
    return placed


def load_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    outcomes: Sequence[Outcome],
    files: Sequence[FileUpdate],
    ingested_at: datetime,
) -> BatchCounts:
    """Place and write one batch atomically, with the progress of the files it covers."""
    articles = [o for o in outcomes if isinstance(o, Article)]
    keys = pl.DataFrame(
        [{"canonical_url": a.canonical_url, "body_hash": a.body_hash} for a in articles],
        schema=KEYS_SCHEMA,
    )
    with transaction(con):
        with registered(con, batch_keys=keys):
            existing = query(con, "load/existing_keys")
        owners = {
            (row["method"], row["key"]): row["article_id"] for row in existing.iter_rows(named=True)
        }
        placed = place_outcomes(outcomes, run_id, ingested_at, owners)
        frames = {
            "batch_articles": pl.DataFrame(placed.articles, schema=ARTICLE_SCHEMA),
            "batch_records": pl.DataFrame(placed.records, schema=RECORD_SCHEMA),
            "batch_mentions": pl.DataFrame(placed.mentions, schema=MENTION_SCHEMA),
            "batch_files": pl.DataFrame(_file_rows(files, run_id), schema=FILE_SCHEMA),
        }
        with registered(con, **frames):
            execute(con, "load/upsert_files")
            execute(con, "load/insert_articles")
            execute(con, "load/insert_mentions")
            execute(con, "load/insert_records")
    outcomes_placed = [row["outcome"] for row in placed.records]
    return BatchCounts(
        articles=outcomes_placed.count("article"),
        duplicates=outcomes_placed.count("duplicate"),
        rejects=outcomes_placed.count("reject"),
    )


def _record(outcome: Outcome, run_id: str, kind: str, **values: object) -> dict:
    row = {
        "file_id": outcome.file_id,
        "position": outcome.position,
        "run_id": run_id,
        "outcome": kind,
        "url": outcome.url,
        "article_id": None,
        "method": None,
        "reason": None,
        "detail": None,
    }
    row.update(values)
    return row


def _article_row(article: Article, article_id: int, run_id: str, ingested_at: datetime) -> dict:
    return {
        "article_id": article_id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "site": article.site,
        "site_name": article.site_name,
        "title": article.title,
        "author": article.author,
        "published_at": article.published_at,
        "date_source": article.date_source,
        "language": article.language,
        "body": article.body,
        "body_hash": article.body_hash,
        "fetched_at": article.fetched_at,
        "file_id": article.file_id,
        "position": article.position,
        "run_id": run_id,
        "ingested_at": ingested_at,
    }


def _file_rows(updates: Sequence[FileUpdate], run_id: str) -> list[dict]:
    """One row per file; a file both started and finished in the batch keeps its total."""
    rows: dict[str, dict] = {}
    for update in updates:
        row = rows.setdefault(
            update.input_file.file_id,
            {
                "file_id": update.input_file.file_id,
                "path": update.input_file.path,
                "format": update.input_file.format,
                "size_bytes": update.input_file.size,
                "records": None,
                "first_run_id": run_id,
                "completed_run_id": None,
            },
        )
        if update.records is not None:
            row["records"] = update.records
            row["completed_run_id"] = run_id
    return list(rows.values())
