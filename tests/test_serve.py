"""`kabar serve`: what it checks before serving the ingest flow on a Prefect server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tasks.errors import KabarError
from tasks.run.serving import NO_SERVER, schedule
from tasks.settings import ROOT


def test_without_a_server_serve_says_how_to_get_one(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    run = subprocess.run(
        [sys.executable, "-m", "flows.cli", "serve", "--inbox", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"kabar: {NO_SERVER}\n")


def test_schedule_is_a_cron_or_an_interval():
    assert schedule("0 * * * *", None) == {"cron": "0 * * * *"}
    assert schedule(None, 600) == {"interval": 600}
    assert schedule(None, None) == {"interval": 3600}
    with pytest.raises(KabarError, match="give --cron or --interval, not both"):
        schedule("0 * * * *", 600)


def test_prefect_yaml_declares_the_ingest_deployment():
    config = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [deployment] = config["deployments"]
    assert deployment["entrypoint"] == "flows/ingest.py:ingest"
    assert set(deployment["parameters"]) == {"paths", "db"}
    module, _, name = deployment["entrypoint"].partition(":")
    assert (ROOT / module).is_file() and f"def {name}(" in (ROOT / module).read_text(
        encoding="utf-8"
    )
