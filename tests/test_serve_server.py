"""`kabar serve` against a real Prefect server on loopback: scheduled runs ingest each new dump
once, skip what is already ingested, and never touch the inbox's files."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb

from tasks.settings import ROOT

DUMPS = ROOT / "examples" / "dumps" / "html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def completed_runs(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select records_seen, articles_new from runs where status = 'completed' order by started_at"
        ).fetchall()


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_scheduled_runs_ingest_each_new_dump_once(tmp_path: Path):
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect"),
        PREFECT_API_URL=api,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
    )
    prefect = Path(sys.executable).with_name("prefect")
    kabar = Path(sys.executable).with_name("kabar")
    inbox, db = tmp_path / "inbox", tmp_path / "news.duckdb"
    inbox.mkdir()
    shutil.copy(DUMPS / "meridianpost-modi-macron.html", inbox)
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    serving = None
    try:
        wait_for(lambda: healthy(api), 90, "the Prefect server")
        serving = subprocess.Popen(
            [str(kabar), "serve", "--inbox", str(inbox), "--interval", "5", "--db", str(db)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        wait_for(lambda: len(completed_runs(db)) >= 2, 120, "two scheduled runs")
        shutil.copy(DUMPS / "vestnik-severa-putin-ledokoly.html", inbox)
        before = digest(inbox)
        wait_for(
            lambda: sum(new for _, new in completed_runs(db)) >= 2 and len(completed_runs(db)) >= 5,
            120,
            "the new dump and two more runs",
        )
    finally:
        for process in (serving, server):
            if process is not None:
                os.killpg(process.pid, 9)
                process.wait()
    runs = completed_runs(db)
    # Each dump was ingested by exactly one run; every other run found nothing new.
    assert sum(records for records, _ in runs) == 2
    assert sum(new for _, new in runs) == 2
    assert digest(inbox) == before
