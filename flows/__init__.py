"""Kabar's Prefect flows and command line: orchestration only, the work lives in `tasks`."""

import os

# Embedded runs start a temporary Prefect server; it must not try to phone home from
# machines without internet access. Users can still override this in their environment.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
