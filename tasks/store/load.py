"""Load a batch into the store in one transaction: new articles, duplicates, rejects, files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from itertools import chain

import duckdb
import numpy as np
import polars as pl

from tasks.dedup.similarity import NUM_PERM
from tasks.dedup.stories import Found, NewArticle, Placement, StoredCandidate, find_links, place
from tasks.dedup.urls import story_url
from tasks.read.batches import FileUpdate
from tasks.read.normalise import record_key
from tasks.records import Article, Outcome, Rejected
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.store.database import execute, query, registered, scan, transaction

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
    "extracted_by": pl.String,
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
SPAN_SCHEMA = {
    "article_id": pl.Int64,
    "leader": pl.String,
    "start_offset": pl.Int32,
    "end_offset": pl.Int32,
}
REFERENCE_SCHEMA = {
    "article_id": pl.Int64,
    "country": pl.String,
    "title": pl.String,
    "kind": pl.String,
    "start_offset": pl.Int32,
    "end_offset": pl.Int32,
}
FILE_SCHEMA = {
    "file_id": pl.String,
    "path": pl.String,
    "format": pl.String,
    "size_bytes": pl.Int64,
    "records": pl.Int64,
    "first_run_id": pl.String,
    "completed_run_id": pl.String,
}


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one batch added to the store."""

    articles: int
    duplicates: int
    rejects: int

    @property
    def records(self) -> int:
        return self.articles + self.duplicates + self.rejects


SIGNATURE_SCHEMA = {
    "article_id": pl.Int64,
    "signature": pl.List(pl.UInt32),
    "numbers": pl.List(pl.String),
}
BAND_SCHEMA = {"band_key": pl.Int64, "article_id": pl.Int64}
LINK_SCHEMA = {
    "article_id": pl.Int64,
    "other_id": pl.Int64,
    "method": pl.String,
    "similarity": pl.Float64,
}
CLUSTER_SCHEMA = {"article_id": pl.Int64, "cluster_id": pl.Int64}
REFUSAL_SCHEMA = {
    "article_id": pl.Int64,
    "url": pl.String,
    "reason": pl.String,
    "other_id": pl.Int64,
    "similarity": pl.Float64,
}
MOVE_SCHEMA = {"old_cluster_id": pl.Int64, "new_cluster_id": pl.Int64}


def load_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    outcomes: Sequence[Outcome],
    files: Sequence[FileUpdate],
    ingested_at: datetime,
    threshold: float = DEFAULT_NEAR_THRESHOLD,
) -> BatchCounts:
    """Place and write one batch atomically, with the progress of the files it covers.

    Every article is stored, copies included; each joins the story of the stored or batch
    articles it matches (same URL naming one article with a body still recognisably the same,
    same normalised body, or near-duplicate text). URLs refused as keys are recorded.
    """
    articles = [o for o in outcomes if isinstance(o, Article)]
    batch, refusals = _keyed(con, articles)
    lookups, signatures = _lookup_frame(batch), _signature_frame(batch)
    # Placing only reads the store, which no other process writes: it runs before the
    # transaction, so that a query retried with more memory does not abort the batch's writes.
    placement, found = _place(con, batch, lookups, signatures, threshold)
    refusals += [
        _refusal(c.article_id, url, "url_conflict", c.other_id, c.similarity)
        for n in batch
        if (c := found.conflicts.get(n.article_id)) is not None and (url := n.story_url)
    ]
    with transaction(con):
        records = [_record_row(o, run_id, placement.outcomes) for o in outcomes]
        article_rows = [
            _article_row(article, new.article_id, run_id, ingested_at)
            for article, new in zip(articles, batch, strict=True)
        ]
        frames = {
            "batch_articles": pl.DataFrame(article_rows, schema=ARTICLE_SCHEMA),
            "batch_records": pl.DataFrame(records, schema=RECORD_SCHEMA),
            "batch_mentions": pl.DataFrame(_mention_rows(articles, batch), schema=MENTION_SCHEMA),
            "batch_spans": pl.DataFrame(_span_rows(articles, batch), schema=SPAN_SCHEMA),
            "batch_references": pl.DataFrame(
                _reference_rows(articles, batch), schema=REFERENCE_SCHEMA
            ),
            "batch_files": pl.DataFrame(_file_rows(files, run_id), schema=FILE_SCHEMA),
            "batch_signatures": signatures,
            "batch_band_rows": lookups.drop("method"),
            "batch_refusals": pl.DataFrame(refusals, schema=REFUSAL_SCHEMA),
            **_dedup_frames(placement),
        }
        with registered(con, **frames):
            execute(con, "load/upsert_files")
            execute(con, "load/insert_articles")
            execute(con, "load/insert_mentions")
            execute(con, "load/insert_records")
            execute(con, "load/insert_dedup")
    kinds = [row["outcome"] for row in records]
    return BatchCounts(kinds.count("article"), kinds.count("duplicate"), kinds.count("reject"))


def _place(
    con: duckdb.DuckDBPyConnection,
    batch: list[NewArticle],
    lookups: pl.DataFrame,
    signatures: pl.DataFrame,
    threshold: float,
) -> tuple[Placement, Found]:
    """Find the batch's copies among stored and batch articles and assign stories."""
    with registered(con, batch_bands=lookups, batch_signatures=signatures):
        rows = scan(con, "load/stored_candidates", threshold=threshold)
    stored = [StoredCandidate(**row) for row in rows.iter_rows(named=True)]
    found = find_links(batch, stored, threshold)
    touched = pl.DataFrame(
        {"cluster_id": sorted(set(found.stored_cluster.values()))},
        schema={"cluster_id": pl.Int64},
    )
    with registered(con, touched_clusters=touched):
        heads = query(con, "load/cluster_heads")
    return place(batch, found.links, found.stored_cluster, dict(heads.iter_rows())), found


def _keyed(
    con: duckdb.DuckDBPyConnection, articles: Sequence[Article]
) -> tuple[list[NewArticle], list[dict]]:
    """The batch's articles with the URL that keys each one's story, and the URLs refused.

    The key is the page's canonical URL, or its own when the canonical names no article (a
    front page or a listing, by the path's shape); and no URL on which the store already
    recorded a conflict between unrelated bodies.
    """
    keys, refusals = [], []
    for article in articles:
        article_id = record_key(article.file_id, article.position)
        key, refused = story_url(article.canonical_url, article.url)
        if refused is not None:
            refusals.append(_refusal(article_id, article.canonical_url, refused))
        keys.append(key)
    urls = pl.DataFrame({"url": sorted({k for k in keys if k})}, schema={"url": pl.String})
    with registered(con, batch_urls=urls):
        shared = set(query(con, "load/shared_urls")["url"])
    batch = []
    for article, key in zip(articles, keys, strict=True):
        new = _new_article(article, None if key in shared else key)
        if key in shared:
            refusals.append(_refusal(new.article_id, key, "shared"))
        batch.append(new)
    return batch, refusals


def _refusal(
    article_id: int,
    url: str,
    reason: str,
    other_id: int | None = None,
    similarity: float | None = None,
) -> dict:
    return {
        "article_id": article_id,
        "url": url,
        "reason": reason,
        "other_id": other_id,
        "similarity": similarity,
    }


def _new_article(article: Article, key: str | None) -> NewArticle:
    if article.fingerprint is None:
        raise ValueError("article has no fingerprint; extract it through ExtractorPool")
    return NewArticle(
        article_id=record_key(article.file_id, article.position),
        story_url=key,
        body_hash=article.body_hash,
        published_at=article.published_at,
        fingerprint=article.fingerprint,
    )


def _lookup_frame(batch: Sequence[NewArticle]) -> pl.DataFrame:
    """Every key the batch's articles are found by, with the method a match on it means: they
    find their stored copies, and then make the articles findable by later ones."""
    keys = [n.lookup_keys() for n in batch]
    pairs = list(chain.from_iterable(keys))
    return pl.DataFrame(
        {
            "band_key": [key for key, _ in pairs],
            "article_id": np.repeat([n.article_id for n in batch], [len(k) for k in keys]),
            "method": [method for _, method in pairs],
        },
        schema={**BAND_SCHEMA, "method": pl.String},
    )


def _signature_frame(batch: Sequence[NewArticle]) -> pl.DataFrame:
    """The batch's fingerprints: compared with the stored ones, then stored. The signatures go
    in as one uint32 matrix, not as a Python list per article."""
    matrix = (
        np.array([n.fingerprint.signature for n in batch], dtype=np.uint32)
        if batch
        else np.empty((0, NUM_PERM), dtype=np.uint32)
    )
    return pl.DataFrame(
        {
            "article_id": [n.article_id for n in batch],
            "signature": pl.Series(matrix).cast(pl.List(pl.UInt32)),
            "numbers": [list(n.fingerprint.numbers) for n in batch],
        },
        schema=SIGNATURE_SCHEMA,
    )


def _dedup_frames(placement: Placement) -> dict[str, pl.DataFrame]:
    clusters = [{"article_id": a, "cluster_id": c} for a, c in placement.clusters.items()]
    moves = [{"old_cluster_id": a, "new_cluster_id": b} for a, b in placement.moves.items()]
    return {
        "batch_links": pl.DataFrame([asdict(link) for link in placement.links], schema=LINK_SCHEMA),
        "batch_clusters": pl.DataFrame(clusters, schema=CLUSTER_SCHEMA),
        "cluster_moves": pl.DataFrame(moves, schema=MOVE_SCHEMA),
    }


def _mention_rows(articles: Sequence[Article], batch: Sequence[NewArticle]) -> list[dict]:
    return [
        {"article_id": new.article_id, "leader": leader, "mention_count": count}
        for article, new in zip(articles, batch, strict=True)
        for leader, count in sorted(article.mentions.items())
    ]


def _span_rows(articles: Sequence[Article], batch: Sequence[NewArticle]) -> list[dict]:
    return [
        {"article_id": new.article_id, "leader": leader, "start_offset": start, "end_offset": end}
        for article, new in zip(articles, batch, strict=True)
        for leader, start, end in article.mention_spans
    ]


def _reference_rows(articles: Sequence[Article], batch: Sequence[NewArticle]) -> list[dict]:
    return [
        {
            "article_id": new.article_id,
            "country": country,
            "title": title,
            "kind": kind,
            "start_offset": start,
            "end_offset": end,
        }
        for article, new in zip(articles, batch, strict=True)
        for country, title, kind, start, end in article.references
    ]


def _record_row(outcome: Outcome, run_id: str, outcomes: dict[int, tuple[str, str | None]]) -> dict:
    if isinstance(outcome, Rejected):
        return _record(outcome, run_id, "reject", reason=outcome.reason, detail=outcome.detail)
    article_id = record_key(outcome.file_id, outcome.position)
    kind, method = outcomes[article_id]
    return _record(outcome, run_id, kind, article_id=article_id, method=method)


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
        "extracted_by": article.extracted_by,
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
