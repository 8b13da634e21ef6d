"""Read the project's SQL files and build the schema and models in layer order."""

from __future__ import annotations

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


def build_models(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables and (re)create views, layer by layer; safe to run on every connection.

    Within a layer, a model that reads another one of the same layer is created after it:
    models are tried in file order, and those whose inputs do not exist yet are tried again
    once the others are in place.
    """
    for layer in MODEL_LAYERS:
        pending = model_files(layer)
        while pending:
            waiting = []
            for path in pending:
                try:
                    con.execute(path.read_text(encoding="utf-8"))
                except duckdb.CatalogException:
                    waiting.append(path)
            if len(waiting) == len(pending):
                # Nothing more could be created: run one again to raise its real error.
                con.execute(waiting[0].read_text(encoding="utf-8"))
            pending = waiting
