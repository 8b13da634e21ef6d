"""No SQL text is ever built from values: every statement Kabar runs comes from a file under
sql/, values are bound, and hostile values are stored as the data they are."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tasks.analyse.reports import run_report
from tasks.errors import KabarError
from tasks.settings import ROOT
from tests.dumps import news_page, write_jsonl

SOURCES = sorted(
    path for folder in ("flows", "tasks", "benchmarks") for path in (ROOT / folder).rglob("*.py")
)
SQL_METHODS = {"execute", "executemany", "sql", "query", "from_query"}
SQL_START = re.compile(
    r"^\s*(select|insert|update|delete|create|drop|alter|with|copy|attach|set)\s", re.I
)
# The one statement that is the user's own: `kabar sql "QUERY"`, run on a read-only connection.
USER_SQL = {("tasks/analyse/reports.py", "run_sql")}
HOSTILE = "x'); drop table articles; --"


def _calls(tree: ast.AST):
    """(function name, call) for every method call in a module."""
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    yield function.name, node


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sql_is_never_assembled_in_python(path: Path):
    source = str(path.relative_to(ROOT))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function, call in _calls(tree):
        if call.func.attr not in SQL_METHODS or not call.args:
            continue
        statement = call.args[0]
        built = isinstance(statement, ast.JoinedStr | ast.BinOp) or (
            isinstance(statement, ast.Call)
            and isinstance(statement.func, ast.Attribute)
            and statement.func.attr == "format"
        )
        assert not built, f"{source}:{call.lineno} builds SQL text in {function}()"
        literal = isinstance(statement, ast.Constant) and isinstance(statement.value, str)
        assert not (literal and SQL_START.match(statement.value)), (
            f"{source}:{call.lineno} runs SQL written in Python; move it to sql/"
        )
        if isinstance(statement, ast.Name) and statement.id == "sql":
            assert (source, function) in USER_SQL, f"{source}:{call.lineno} runs SQL from a name"


@pytest.mark.usefixtures("prefect_server")
def test_hostile_values_are_stored_as_data_and_filters_are_bound(tmp_path: Path):
    paragraphs = [
        f"Vladimir Putin met the delegation on Monday; the note read {HOSTILE} and nothing else.",
        "The talks covered grain exports, shipping insurance and the prices of fertiliser in the region.",
        "Both sides said they would meet again next month in the capital to sign the final text.",
    ]
    row = {
        "url": f"https://news.example/a?q={HOSTILE}",
        "html": news_page(HOSTILE, paragraphs, "2026-03-02T09:00:00Z"),
        "title": HOSTILE,
    }
    dump = write_jsonl(tmp_path / "crawl.jsonl", [row])
    db = tmp_path / "news.duckdb"
    ingest([str(dump)], db=str(db), workers=0)

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select title from articles").fetchall() == [(HOSTILE,)]
    # A leader filter with SQL in it is a value: it names no leader, and nothing is dropped.
    with pytest.raises(KabarError, match="no leader is called 'x'\\); drop table"):
        run_report(str(db), "weekly", leaders=[HOSTILE])
    assert run_report(str(db), "weekly", leaders=["Putin"])["mentions"].sum() == 1
