"""Read the project's SQL files and build the schema and models in layer order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb

from tasks.settings import SQL_DIR

# Raw tables first, then staging views over them, then marts over staging.
MODEL_LAYERS = ("schema", "staging", "marts")


@cache
def sql_text(name: str) -> str:
    """The text of `sql/<name>.sql`."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def model_files(layer: str) -> list[Path]:
    """A layer's model files in the order they are created (by file name)."""
    return sorted((SQL_DIR / layer).glob("*.sql"))


# Tables that stores made before had created with a primary key restating what the loader
# guarantees (one row per article, or per article and leader). DuckDB holds primary-key indexes
# in memory while rows are added, so such keys cost the writer memory that grows with the store;
# opening an older store rebuilds these tables without them, once.
UNKEYED_TABLES = ("article_clusters", "article_signatures", "mentions")


def build_models(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables and (re)create views, layer by layer; safe to run on every connection.

    Within a layer, a model that reads another one of the same layer is created after it:
    models are tried in file order, and those whose inputs do not exist yet (or lack a column
    they have gained since the store was made) are tried again once the others are in place.
    """
    with _restated_keys_dropped(con):
        _build_layer(con, MODEL_LAYERS[0])
    for layer in MODEL_LAYERS[1:]:
        _build_layer(con, layer)


@contextmanager
def _restated_keys_dropped(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Around the schema's creation: tables of UNKEYED_TABLES that still have a primary key are
    set aside, created again by the schema, and given their rows back, in one transaction."""
    keyed = con.execute(sql_text("migrations/keyed_tables"), {"tables": list(UNKEYED_TABLES)})
    tables = [name for (name,) in keyed.fetchall()]
    if not tables:
        yield
        return
    con.begin()
    try:
        for table in tables:
            con.execute(sql_text(f"migrations/{table}_set_aside"))
        yield
        for table in tables:
            con.execute(sql_text(f"migrations/{table}_restore"))
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _build_layer(con: duckdb.DuckDBPyConnection, layer: str) -> None:
    pending = model_files(layer)
    while pending:
        waiting = []
        for path in pending:
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except (duckdb.CatalogException, duckdb.BinderException):
                # An input missing, or still in the shape an older Kabar gave it (a store made
                # before a column was added to a view this one reads).
                waiting.append(path)
        if len(waiting) == len(pending):
            # Nothing more could be created: run one again to raise its real error.
            con.execute(waiting[0].read_text(encoding="utf-8"))
        pending = waiting
