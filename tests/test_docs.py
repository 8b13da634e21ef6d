"""The README documents every command and option of the `kabar` command line."""

from __future__ import annotations

import pytest
import typer.main

from flows.cli import app
from tasks.settings import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group, prefix: str = "kabar") -> list[tuple[str, object]]:
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found.extend(commands(command, f"{prefix} {name}"))
        else:
            found.append((f"{prefix} {name}", command))
    return found


COMMANDS = commands(typer.main.get_group(app))


def test_there_are_commands_to_check():
    assert {name for name, _ in COMMANDS} >= {
        "kabar ingest",
        "kabar sql",
        "kabar report",
        "kabar chart weekly",
    }


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_command_and_options_are_documented(name: str, command):
    assert f"`{name}" in README, f"{name} is not in the README's command table"
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert option in README, f"{name} {option} is not documented in the README"


def test_readme_opens_with_the_two_commands():
    head = README[:1200]
    assert "make run" in head and "make test" in head
