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
    """Create tables and (re)create views, layer by layer; safe to run on every connection."""
    for layer in MODEL_LAYERS:
        for path in model_files(layer):
            con.execute(path.read_text(encoding="utf-8"))
