"""The stages of `tasks/` import one way: a stage imports the stages before it, never after."""

from __future__ import annotations

import ast

from tasks.settings import ROOT

TASKS = ROOT / "tasks"
# Shared basics first; stages on one level do not import each other.
LEVEL = {
    "errors": 0,
    "settings": 0,
    "records": 0,
    "read": 1,
    "extract": 2,
    "dedup": 3,
    "mentions": 3,
    "store": 4,
    "analyse": 5,
    "evaluate": 6,
    "run": 6,
}


def stage_imports() -> list[tuple[str, str, str]]:
    """(file, its stage, the stage it imports) for every import of another part of `tasks`."""
    found = []
    for path in sorted(TASKS.rglob("*.py")):
        stage = path.relative_to(TASKS).with_suffix("").parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tasks."):
                imported = node.module.split(".")[1]
                if imported != stage:
                    found.append((str(path.relative_to(ROOT)), stage, imported))
    return found


def test_every_module_belongs_to_a_known_stage():
    tops = {p.stem for p in TASKS.glob("*.py")} | {p.name for p in TASKS.iterdir() if p.is_dir()}
    assert tops - {"__init__", "__pycache__"} == set(LEVEL)


def test_every_stage_says_what_it_takes_in_and_gives_out():
    for package in TASKS.rglob("__init__.py"):
        if package.parent != TASKS:
            assert ast.get_docstring(ast.parse(package.read_text(encoding="utf-8"))), package


def test_no_stage_imports_a_later_one():
    found = stage_imports()
    assert any(stage == "store" and imported == "read" for _, stage, imported in found)
    backwards = [
        (path, imported)
        for path, stage, imported in found
        if LEVEL[imported] > LEVEL[stage] or (LEVEL[imported] == LEVEL[stage] > 0)
    ]
    assert backwards == []
