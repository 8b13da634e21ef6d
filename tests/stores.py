"""Compare stores: everything two runs over the same input must agree on."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Everything but run ids and load times, which differ between runs by nature.
SNAPSHOT = {
    "articles": "select article_id, url, title, published_at, body_hash, file_id, position from articles",
    "records": "select file_id, position, outcome, article_id, method, reason from records",
    "mentions": "select * from mentions",
    "stories": "select * from article_clusters",
    "files": "select file_id, path, records from files",
}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """The rows of each compared table, sorted."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall()) for name, sql in SNAPSHOT.items()}
