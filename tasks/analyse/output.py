"""Print query results as a terminal table, CSV or JSON."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Literal, TextIO

import polars as pl
from rich.console import Console
from rich.table import Table

OutputFormat = Literal["table", "csv", "json"]
OUTPUT_FORMATS: tuple[str, ...] = ("table", "csv", "json")
PIPE_WIDTH = 160


def print_frame(
    frame: pl.DataFrame, fmt: OutputFormat = "table", out: TextIO | None = None
) -> None:
    """Write `frame` to `out` (stdout by default) in the chosen format."""
    stream = out or sys.stdout
    if fmt == "csv":
        stream.write(frame.write_csv())
    elif fmt == "json":
        stream.write(
            json.dumps(frame.to_dicts(), default=_json_value, ensure_ascii=False, indent=1)
        )
        stream.write("\n")
    else:
        # Off a terminal (a pipe, a file) rich would assume 80 columns and fold wide tables.
        width = None if stream.isatty() else PIPE_WIDTH
        Console(file=stream, width=width).print(frame_table(frame))


def frame_table(frame: pl.DataFrame, title: str | None = None) -> Table:
    """A rich table of the frame; numbers right-aligned."""
    table = Table(title=title, show_lines=False, header_style="bold")
    for name, dtype in frame.schema.items():
        table.add_column(name, justify="right" if dtype.is_numeric() else "left", overflow="fold")
    for row in frame.iter_rows():
        table.add_row(*("" if value is None else _cell(value) for value in row))
    if frame.height == 0:
        table.caption = "no rows"
    return table


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _json_value(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
