"""Export the store's articles and mentions as Parquet datasets partitioned by week."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tasks.errors import KabarError
from tasks.settings import resolve_db
from tasks.store.database import connect_reader, execute, query

# The datasets written under the export folder, each by its own SQL file.
DATASETS = ("articles", "mentions")
UNDATED_PARTITION = "week=undated"


@dataclass(frozen=True, slots=True)
class Export:
    """What an export wrote."""

    folder: Path
    articles: int
    mentions: int
    weeks: int


def export_store(db: str | Path | None, folder: Path, overwrite: bool = False) -> Export:
    """Write `folder/articles/week=.../*.parquet` and `folder/mentions/week=.../*.parquet`.

    DuckDB's COPY takes the target folder as a bound parameter, so the path never becomes SQL
    text. It reads the analysts' database, so it runs beside an ingest.
    """
    path = resolve_db(db)
    targets = {name: _prepare(folder / name, overwrite) for name in DATASETS}
    con = connect_reader(path, directories=[folder])
    try:
        for name, target in targets.items():
            execute(con, f"reports/export_{name}", folder=str(target))
        counts = query(con, "reports/export_counts").row(0, named=True)
    finally:
        con.close()
    weeks = sum(1 for _ in targets["articles"].glob("week=*"))
    return Export(folder, counts["articles"], counts["mentions"], weeks)


def _prepare(target: Path, overwrite: bool) -> Path:
    """An absent or empty folder for one dataset; an earlier export is removed on request."""
    if target.exists() and not target.is_dir():
        raise KabarError(f"{target} is a file; pick another export folder")
    if target.is_dir() and any(target.iterdir()):
        if not overwrite:
            raise KabarError(
                f"{target} already holds an export; remove it, pick another folder "
                "or add --overwrite"
            )
        shutil.rmtree(target)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KabarError(f"cannot create {target}: {error.strerror}") from error
    return target
