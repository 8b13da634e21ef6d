"""What an ingest run did, and the run that finds nothing new, recorded without the pipeline.

A run whose every input file was already read to the end has no record to extract, place or
load. Finding that out needs the store's ledger and a hash of each input file, nothing more:
no extractor processes, no flow engine. `idle_run` does just that and records the run in
`runs` (0 new), so re-running an unchanged dump costs its hashing, not the seconds a flow
run's set-up takes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tasks.read.discover import FileCounts, has_files, new_files
from tasks.settings import resolve_db
from tasks.store import database as store
from tasks.store.leaders import active_leaders


@dataclass(slots=True)
class RunSummary:
    """What a run did; records_seen always equals articles_new + duplicates + rejects."""

    run_id: str
    status: str
    db: str
    files_seen: int = 0
    files_skipped: int = 0
    records_seen: int = 0
    articles_new: int = 0
    duplicates: int = 0
    rejects: int = 0
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    duplicates_by_method: dict[str, int] = field(default_factory=dict)
    top_leaders: list[tuple[str, int]] = field(default_factory=list)
    # The files that gave most rejects (at most five): path, rejects, rejects by reason.
    top_reject_files: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)
    records_per_second: float = 0.0
    seconds: float = 0.0

    @property
    def reconciles(self) -> bool:
        return self.records_seen == self.articles_new + self.duplicates + self.rejects

    def take_row(self, row: dict[str, Any], started: datetime) -> None:
        """Fill in the figures of the run's row in `runs`, as `finish_run` left it."""
        self.status = row["status"]
        self.records_seen = row["records_seen"]
        self.articles_new = row["articles_new"]
        self.duplicates = row["duplicates"]
        self.rejects = row["rejects"]
        self.rejects_by_reason = dict(row["rejects_by_reason"])
        self.duplicates_by_method = dict(row["duplicates_by_method"])
        self.top_leaders = [(item["leader"], item["mentions"]) for item in row["top_leaders"]]
        self.top_reject_files = [
            (item["path"], item["rejects"], dict(item["rejects_by_reason"]))
            for item in row.get("top_reject_files") or []
        ]
        self.records_per_second = row["records_per_second"]
        self.seconds = (datetime.now(UTC) - started).total_seconds()


def idle_run(
    paths: Sequence[str | Path],
    db: str | Path | None,
    leaders_file: str | Path | None,
    near_threshold: float,
) -> RunSummary | None:
    """Record and return the run of `paths` when they hold nothing new for the store `db`;
    None, having recorded nothing, as soon as one input file is not yet read to the end
    (new, changed, cut short by an earlier run, or unreadable): that run needs the pipeline.

    The leader list and the near-duplicate threshold are checked (and a new list applied) as
    the ingest flow does, so an idle run fails and changes the store exactly as a full one would.
    """
    started = datetime.now(UTC)
    db_path = resolve_db(db)
    if not (db_path.exists() or store.working_path(db_path).exists()) and has_files(paths):
        return None  # a new store, and something to put in it
    con = store.open_writer(db_path)
    try:
        leaders = active_leaders(con, leaders_file)
        store.check_near_threshold(con, near_threshold)
        found = FileCounts()
        for _unread in new_files(paths, store.completed_files(con), found):
            return None
        run_id = str(uuid.uuid4())
        store.start_run(con, run_id, started, [str(p) for p in paths], leaders.version)
        row = store.finish_run(
            con, run_id, datetime.now(UTC), "completed", found.seen, found.skipped
        )
        store.publish(con, db_path)
    finally:
        con.close()
    summary = RunSummary(
        run_id=run_id,
        status="completed",
        db=str(db_path),
        files_seen=found.seen,
        files_skipped=found.skipped,
    )
    summary.take_row(row, started)
    return summary
