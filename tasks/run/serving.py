"""Scheduled ingests: checks before handing the ingest flow to a Prefect server."""

from __future__ import annotations

from pathlib import Path

from tasks.errors import KabarError

DEFAULT_INTERVAL_SECONDS = 3600
NO_SERVER = (
    "kabar serve needs a Prefect server: start one with `prefect server start` and set "
    "PREFECT_API_URL=http://127.0.0.1:4200/api"
)


def check_server() -> str:
    """The configured Prefect API URL, or a one-line error saying how to get one."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        raise KabarError(NO_SERVER)
    return url


def schedule(cron: str | None, interval: int | None) -> dict[str, object]:
    """The schedule arguments for `Flow.serve`: a cron expression or an interval, not both."""
    if cron and interval:
        raise KabarError("give --cron or --interval, not both")
    if cron:
        return {"cron": cron}
    seconds = interval or DEFAULT_INTERVAL_SECONDS
    if seconds < 1:
        raise KabarError("--interval must be at least 1 second")
    return {"interval": seconds}


def check_inbox(inbox: Path) -> Path:
    """The inbox folder, which must exist: Kabar reads it and never changes its files."""
    if not inbox.is_dir():
        raise KabarError(f"{inbox}: no such folder; create the inbox or name another --inbox")
    return inbox.resolve()
