"""A run that finds nothing new: recorded in the store with its summary, without a flow run or
Prefect's temporary server; any new or changed input sends the run through the flow."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows import prefect_api
from flows.cli import main
from flows.ingest import ingest
from tasks.run.runs import idle_run

PAGE = """<!doctype html>
<html lang="en"><head><title>{title} | Harbour Gazette</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2026-02-{day:02d}T08:30:00+07:00">
<link rel="canonical" href="https://harbourgazette.example/news/{slug}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1>
{body}
</article><footer>Copyright 2026 Harbour Gazette</footer></body></html>
"""
STORIES = {
    "the ferry timetable": (
        "<p>The port authority said on Monday that the winter ferry timetable would be reviewed"
        " before the end of the month, after commuters from the island villages asked for an"
        " earlier first crossing and a later last one on Fridays.</p>"
        "<p>Ticket sales rose by a fifth this season, the operator said, and two of its four"
        " vessels now run full on most mornings.</p>"
    ),
    "the crane permits": (
        "<p>Three cargo firms have applied for permits to install new gantry cranes at the east"
        " quay, whose concrete apron was rebuilt last spring with money from a regional fund.</p>"
        "<p>Engineers will test whether the apron can carry the extra load; their report is due"
        " in April, and the council will vote on the permits in May.</p>"
    ),
    "the pilot boats": (
        "<p>Two pilot boats will be replaced next year, the harbour master told the board, as"
        " the older of them failed its hull inspection in January and can no longer go out in"
        " heavy weather.</p><p>The new boats are being built at a yard on the north coast.</p>"
    ),
}
TABLES = ("articles", "records", "files", "mentions", "article_clusters", "article_bands")


def write_page(folder: Path, day: int, subject: str) -> Path:
    slug = subject.replace(" ", "-")
    path = folder / f"{slug}.html"
    path.write_text(
        PAGE.format(title=f"Port to review {subject}", day=day, slug=slug, body=STORIES[subject]),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def ingested(prefect_server, tmp_path: Path) -> tuple[Path, Path]:
    """A dump of two pages, ingested once through the flow."""
    dump = tmp_path / "dump"
    dump.mkdir()
    write_page(dump, 2, "the ferry timetable")
    write_page(dump, 3, "the crane permits")
    db = tmp_path / "news.duckdb"
    summary = ingest([str(dump)], db=str(db), workers=0)
    assert summary.articles_new == 2
    return dump, db


def contents(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {name: sorted(con.sql(f"select * from {name}").fetchall()) for name in TABLES}
        tables["runs"] = con.sql(
            "select status, files_seen, files_skipped, records_seen, articles_new"
            " from runs order by started_at"
        ).fetchall()
    return tables


@pytest.fixture
def no_configured_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """No Prefect server configured anywhere; starting a temporary one is recorded."""
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    monkeypatch.chdir(tmp_path)
    started: list[str] = []
    monkeypatch.setattr(prefect_api.TemporaryServer, "start", lambda self: started.append("server"))
    return started


def test_a_rerun_of_the_same_dump_is_recorded_without_a_flow_run(
    ingested, no_configured_server, capsys
):
    dump, db = ingested
    before = contents(db)
    with pytest.raises(SystemExit) as exited:
        main(["ingest", str(dump), "--db", str(db)])
    assert exited.value.code in (0, None)
    err = capsys.readouterr().err
    after = contents(db)
    assert no_configured_server == []  # no Prefect server was started
    assert "Prefect" not in err and "Traceback" not in err
    assert "files already ingested │     2" in err and "new articles           │     0" in err
    # Nothing changed but the new run, recorded (in the analysts' copy) as completed, 0 new.
    assert {k: v for k, v in after.items() if k != "runs"} == {
        k: v for k, v in before.items() if k != "runs"
    }
    assert after["runs"] == [*before["runs"], ("completed", 2, 2, 0, 0)]


def test_a_new_or_changed_file_needs_the_flow(ingested, no_configured_server):
    dump, db = ingested
    write_page(dump, 4, "the pilot boats")
    runs = contents(db)["runs"]
    assert idle_run([str(dump)], str(db), None, 0.7) is None
    (dump / "the-pilot-boats.html").unlink()
    # the same name with other bytes is another file
    (dump / "the-ferry-timetable.html").write_text(
        PAGE.format(title="Timetable kept", day=5, slug="x", body=STORIES["the pilot boats"]),
        encoding="utf-8",
    )
    assert idle_run([str(dump)], str(db), None, 0.7) is None
    assert contents(db)["runs"] == runs  # a run with work is the flow's to record


def test_a_new_store_with_pages_needs_the_flow_and_is_not_created(tmp_path: Path):
    dump = tmp_path / "dump"
    dump.mkdir()
    write_page(dump, 2, "the ferry timetable")
    db = tmp_path / "new.duckdb"
    assert idle_run([str(dump)], str(db), None, 0.7) is None
    assert not db.exists() and not (tmp_path / "new.work.duckdb").exists()


def test_an_empty_folder_is_an_idle_run_of_no_files(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    db = tmp_path / "new.duckdb"
    summary = idle_run([str(empty)], str(db), None, 0.7)
    assert summary is not None and summary.files_seen == 0 and summary.reconciles
    assert contents(db)["runs"] == [("completed", 0, 0, 0, 0)]


def test_a_configured_server_is_found_without_importing_prefect(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv("PREFECT_PROFILE", raising=False)
    monkeypatch.delenv("PREFECT_PROFILES_PATH", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert not prefect_api.api_configured()
    (home / "profiles.toml").write_text(
        'active = "ops"\n[profiles.ephemeral]\n'
        '[profiles.ops]\nPREFECT_API_URL = "http://10.0.0.5:4200/api"\n',
        encoding="utf-8",
    )
    assert prefect_api.api_configured()
    monkeypatch.setenv("PREFECT_PROFILE", "ephemeral")
    assert not prefect_api.api_configured()
    (tmp_path / ".env").write_text("PREFECT_API_URL=http://10.0.0.5:4200/api\n", encoding="utf-8")
    assert prefect_api.api_configured()
    (tmp_path / ".env").unlink()
    (tmp_path / "prefect.toml").write_text("[api]\nurl = 'http://10.0.0.5:4200/api'\n")
    assert prefect_api.api_configured()
    (tmp_path / "prefect.toml").write_text("[api\n")  # unreadable: a server may be meant
    assert prefect_api.api_configured()
    (tmp_path / "prefect.toml").unlink()
    monkeypatch.setenv("PREFECT_API_URL", "http://10.0.0.5:4200/api")
    assert prefect_api.api_configured()
