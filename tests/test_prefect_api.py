"""Prefect's API for a command: the configured server, or a temporary one that the command
starts first thing, lends to the processes of its run, and stops when it ends."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import psutil
import pytest
from prefect.settings import (
    PREFECT_API_DATABASE_CONNECTION_URL,
    PREFECT_API_URL,
    temporary_settings,
)

from flows.prefect_api import prefect_api
from tasks.errors import KabarError


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
