"""Project paths and the settings users can change through the environment."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"
DATA_DIR = ROOT / "data"
# The leader registry (data/registry/README.md); the flat list fills in leaders it lacks.
DEFAULT_LEADERS = DATA_DIR / "registry"
FALLBACK_LEADERS = DATA_DIR / "leaders.csv"
# Sites on generic domains (.com, .org...) and the country they publish from.
SITE_COUNTRIES = DATA_DIR / "sites.csv"
# The lexicon of references by office (titles, country forms, templates, phrases, modifiers).
OFFICE_LEXICON = DATA_DIR / "offices"

DEFAULT_DB = "kabar.duckdb"
DB_ENV = "KABAR_DB"
# Time zone of week and day boundaries in the marts (an IANA name such as Asia/Jakarta).
TZ_ENV = "KABAR_TZ"

# Records per batch: large enough that per-batch overhead (a Prefect task run, a
# DuckDB transaction) is noise next to the ~12 s of extraction 500 pages take, small enough that
# the writer's memory does not depend on the kind of page. Pages of 80 KB already make batches
# of ~400 (MAX_BATCH_BYTES); batches of 2,000 small text scrapes loaded into a 200,000-article
# store took the writer to 513 MB (median 447), against 435 (380) in batches of 500.
DEFAULT_BATCH_SIZE = 500

# Seconds one page may take to extract before it is rejected as a timeout: far above the
# slowest real pages (a few seconds for a 50 MB page), so only a page that hangs the extractor
# reaches it.
DEFAULT_RECORD_TIMEOUT = 30.0
# Where extraction runs: a local process pool, or a Dask cluster.
RUNNERS = ("processes", "dask")

# Estimated Jaccard similarity of word shingles above which two bodies are copies of one story.
DEFAULT_NEAR_THRESHOLD = 0.7


def resolve_db(db: str | Path | None) -> Path:
    """The database path: the argument, else $KABAR_DB, else ./kabar.duckdb."""
    return Path(db or os.environ.get(DB_ENV) or DEFAULT_DB)
