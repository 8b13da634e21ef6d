"""Prefect's API for a command: the configured server, or a temporary one that the command
starts first thing, lends to the processes of its run, and stops when it ends."""

from __future__ import annotations

import os
import sqlite3
import urllib.error
import urllib.request
from contextlib import closing

import psutil
import pytest
from prefect.settings import (
    PREFECT_API_DATABASE_CONNECTION_URL,
    PREFECT_API_URL,
    temporary_settings,
)

from flows.cli import main
from flows.prefect_api import TemporaryServer, prefect_api
from tasks.errors import KabarError
from tests.test_idle_run import write_page


def servers() -> set[psutil.Process]:
    """This process's children that are Prefect servers (the session's test server among them)."""
    return {
        child
        for child in psutil.Process().children(recursive=True)
        if "prefect.server.api.server:create_app" in child.cmdline()
    }


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError):
        return False


@pytest.fixture
def no_configured_server(prefect_server, monkeypatch):
    """No API URL configured; the session's Prefect database, already made, stays in use."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield


@pytest.mark.usefixtures("no_configured_server")
def test_a_temporary_server_serves_the_block_and_its_processes_then_stops():
    before = servers()
    with prefect_api() as ready:
        url = os.environ["PREFECT_API_URL"]  # what the run's processes inherit
        assert PREFECT_API_URL.value() == url
        (server,) = servers() - before
        ready()
        assert answers(url)
    assert not server.is_running()
    assert "PREFECT_API_URL" not in os.environ
    assert not answers(url)


def test_a_configured_server_is_used_and_lent_to_the_runs_processes(prefect_server, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    configured, before = PREFECT_API_URL.value(), servers()
    with prefect_api() as ready:
        ready()
        assert os.environ["PREFECT_API_URL"] == configured
        assert servers() == before
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.usefixtures("no_configured_server")
def test_a_temporary_server_that_cannot_start_is_reported_at_once(tmp_path):
    # A database path that is a folder: the server's start-up fails and it exits.
    broken, before = f"sqlite+aiosqlite:///{tmp_path}", servers()
    with (
        temporary_settings({PREFECT_API_DATABASE_CONNECTION_URL: broken}),
        pytest.raises(KabarError, match="temporary server exited with code"),
        prefect_api() as ready,
    ):
        ready()
    assert servers() == before
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.usefixtures("no_configured_server")
def test_a_run_with_no_server_configured_is_recorded_in_prefects_local_database(tmp_path):
    """The temporary server starts without the work no run needs (block types, live event
    streams), and the run's flow, tasks and summary are still all in Prefect's database."""
    dump = tmp_path / "dump"
    dump.mkdir()
    write_page(dump, 2, "the ferry timetable")
    db = tmp_path / "news.duckdb"
    with pytest.raises(SystemExit) as exited:
        main(["ingest", str(dump), "--db", str(db), "--workers", "0"])
    assert exited.value.code in (0, None)

    url = PREFECT_API_DATABASE_CONNECTION_URL.value()
    with closing(sqlite3.connect(url.partition(":///")[2])) as con:
        runs = con.execute(
            "select flow_run.id, flow_run.state_type, flow_run.parameters from flow_run"
            " join flow on flow.id = flow_run.flow_id where flow.name = 'ingest'"
        ).fetchall()
        (run_id, state, _), *others = [run for run in runs if str(db) in run[2]]
        tasks = con.execute(
            "select task_key, state_type from task_run where flow_run_id = ?", (run_id,)
        ).fetchall()
        artifacts = con.execute(
            "select key from artifact where flow_run_id = ?", (run_id,)
        ).fetchall()
    assert not others and state == "COMPLETED"
    assert tasks and all(task_state == "COMPLETED" for _, task_state in tasks)
    assert ("kabar-ingest-summary",) in artifacts


def test_the_temporary_server_skips_block_registration_unless_the_command_sets_it():
    assert TemporaryServer({})._env["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] == "false"
    asked = TemporaryServer({"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "true"})
    assert asked._env["PREFECT_SERVER_REGISTER_BLOCKS_ON_START"] == "true"
