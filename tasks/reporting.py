"""Analyst-facing reads: ad-hoc SQL, reports and run summaries."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from rich.console import Console

from tasks.errors import KabarError
from tasks.output import frame_table
from tasks.settings import resolve_db
from tasks.store import connect_reader, query


def run_sql(db: str | Path | None, sql: str) -> pl.DataFrame:
    """Run an analyst's SQL on a read-only connection."""
    con = connect_reader(resolve_db(db))
    try:
        relation = con.sql(sql)
        return relation.pl() if relation is not None else pl.DataFrame()
    except duckdb.Error as error:
        raise KabarError(f"query failed: {str(error).splitlines()[0]}") from error
    finally:
        con.close()


def weekly_report(
    db: str | Path | None, leader: str | None, since: str | None, until: str | None
) -> pl.DataFrame:
    """Rows of mentions_per_leader_per_week, filtered by leader and dates."""
    params: dict[str, Any] = {
        "leader": leader,
        "since": _date(since, "--since"),
        "until": _date(until, "--until"),
    }
    con = connect_reader(resolve_db(db))
    try:
        return query(con, "reports/weekly", **params)
    finally:
        con.close()


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KabarError(f"{option} '{value}' is not a date; use YYYY-MM-DD") from None


def print_run_summary(summary: Any) -> None:
    """A short table of what the run did, on stderr so stdout stays for data."""
    rows = pl.DataFrame(
        {
            "": [
                "files",
                "files already ingested",
                "records",
                "new articles",
                "duplicates",
                "rejects",
            ],
            "count": [
                summary.files_seen,
                summary.files_skipped,
                summary.records_seen,
                summary.articles_new,
                summary.duplicates,
                summary.rejects,
            ],
        }
    )
    console = Console(file=sys.stderr)
    console.print(frame_table(rows, title=f"Run {summary.status} in {summary.seconds:.1f} s"))
    for reason, count in summary.rejects_by_reason.items():
        console.print(f"  rejected ({reason}): {count}")
    console.print(f"  database: {summary.db}")
