"""Shared fixtures: leader lists, fresh databases, and one Prefect test server per session."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from tasks.mentions.matcher import LeaderList, MentionMatcher, parse_leaders
from tasks.mentions.registry import default_leaders
from tasks.settings import ROOT
from tasks.store.database import execute
from tasks.store.sql import build_models

EXAMPLES = ROOT / "examples" / "dumps"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_PAGE = SEEDS / "000_3a60cb42204ccd62.txt"


@pytest.fixture(scope="session")
def prefect_server():
    """A throwaway Prefect server and database for the flow tests of this session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def server_env(prefect_server) -> dict[str, str]:
    """Environment for `kabar` subprocesses that report to this session's Prefect server
    instead of starting a temporary one each (seconds per process)."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


@pytest.fixture
def on_session_server(prefect_server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the `kabar` processes a test starts report to this session's Prefect server, for
    tests that check what a run does rather than what its start costs (a temporary server is
    seconds of each process)."""
    from prefect.settings import PREFECT_API_URL

    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())


@pytest.fixture(scope="session")
def leaders() -> LeaderList:
    """The leader list that ships with Kabar."""
    return default_leaders()


@pytest.fixture(scope="session")
def shipped_matcher(leaders: LeaderList) -> MentionMatcher:
    """One matcher of the shipped list for the whole session: each language's automaton, with
    its generated forms, is built once (a few tenths of a second each), not once per file."""
    return MentionMatcher(leaders.aliases, terms=leaders.terms)


@pytest.fixture
def small_leaders() -> LeaderList:
    """A few leaders with the alias kinds the matcher distinguishes."""
    rows = [
        ("Vladimir Putin", "Russia", "Vladimir Putin", "name"),
        ("Vladimir Putin", "Russia", "Putin", "name"),
        ("Vladimir Putin", "Russia", "Путин", "name"),
        ("Vladimir Putin", "Russia", "Путина", "name"),
        ("Kim Jong-un", "North Korea", "Kim Jong-un", "name"),
        ("Kim Jong-un", "North Korea", "Kim Jong Un", "name"),
        ("Kim Jong-un", "North Korea", "김정은", "name"),
        ("Kim Jong-un", "North Korea", "Kim", "ambiguous"),
        ("Kim Jong-un", "North Korea", "Kim Kardashian", "exclude"),
        ("Xi Jinping", "China", "Xi Jinping", "name"),
        ("Xi Jinping", "China", "习近平", "name"),
        ("Xi Jinping", "China", "Xi", "ambiguous"),
        ("Donald Trump", "United States", "Donald Trump", "name"),
        ("Donald Trump", "United States", "Trump", "name"),
        ("Donald Trump", "United States", "Melania Trump", "exclude"),
        ("Recep Tayyip Erdoğan", "Turkey", "Erdoğan", "name"),
        ("Recep Tayyip Erdoğan", "Turkey", "أردوغان", "name"),
    ]
    return parse_leaders(
        dict(zip(("leader", "country", "alias", "kind"), row, strict=True)) for row in rows
    )


@pytest.fixture
def memory_db():
    """A fresh in-memory store with every table and view."""
    con = duckdb.connect()
    execute(con, "store/session", time_zone="UTC")
    build_models(con)
    yield con
    con.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kabar.duckdb"
