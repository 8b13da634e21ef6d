"""The ingest flow end to end on small mixed dumps: placement, reconciliation, idempotency, resume."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import duckdb
import pytest

from flows.ingest import ingest
from tasks.mentions.matcher import LeaderList
from tasks.store.database import working_path
from tests.dumps import news_page, warc_bytes, write_jsonl
from tests.test_cli import run as run_cli

PARAGRAPHS = {
    "summit": [
        "Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Tuesday for talks on energy.",
        "Putin said the two countries would expand pipeline deliveries over the next decade, officials said.",
        "Xi told reporters that trade between the neighbours had reached a record in the past year.",
    ],
    "korea": [
        "North Korean leader Kim Jong-un inspected a shipyard on the east coast, state media reported on Friday.",
        "Kim urged workers to finish two new vessels before the end of the year, the agency said.",
        "Analysts in Seoul said the visit was meant to show progress on naval plans announced in the spring.",
    ],
    "markets": [
        "Asian shares rose on Monday as investors weighed fresh data on factory output across the region.",
        "The yen slipped against the dollar while oil prices held near their highest level in two months.",
        "Traders said attention would turn to central bank meetings scheduled later in the week.",
    ],
}


def page(key: str, published: str) -> str:
    return news_page(f"Story about {key}", PARAGRAPHS[key], published=published)


@pytest.fixture
def leaders_csv(tmp_path: Path, small_leaders: LeaderList) -> Path:
    path = tmp_path / "leaders.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["leader", "country", "alias", "kind"])
        countries = {leader.name: leader.country for leader in small_leaders.leaders}
        for alias in small_leaders.aliases:
            writer.writerow([alias.leader, countries[alias.leader], alias.text, alias.kind])
    return path


@pytest.fixture
def dumps(tmp_path: Path) -> Path:
    root = tmp_path / "dumps"
    (root / "html").mkdir(parents=True)
    (root / "html" / "summit.html").write_text(
        page("summit", "2026-01-13T08:00:00+00:00"), encoding="utf-8"
    )
    (root / "html" / "junk.html").write_bytes(bytes(range(256)) * 4)
    write_jsonl(
        root / "crawl.jsonl",
        [
            {"url": "https://news.example/korea", "html": page("korea", "2026-01-16T03:00:00Z")},
            '{"url": "https://news.example/broken", "html": "<p>no end',
            {
                "url": "https://mirror.example/korea-copy",
                "html": page("korea", "2026-01-16T03:00:00Z"),
            },
        ],
    )
    (root / "crawl.warc.gz").write_bytes(
        warc_bytes(
            [
                {
                    "url": "https://news.example/markets",
                    "body": page("markets", "2026-01-19T06:00:00Z"),
                },
                {
                    "url": "https://news.example/korea?utm_source=feed",
                    "body": page("korea", "2026-01-16T03:00:00Z"),
                },
                {"url": "https://news.example/gone", "body": "", "status": "404 Not Found"},
            ]
        )
    )
    return root


def table_rows(db: Path, table: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"select * from {table} order by all").fetchall()


STORE_TABLES = (
    "articles",
    "records",
    "mentions",
    "files",
    "leaders",
    "leader_aliases",
    "store_state",
)


@pytest.mark.usefixtures("prefect_server")
def test_ingest_places_reconciles_and_is_idempotent(dumps: Path, db_path: Path, leaders_csv: Path):
    summary = ingest([str(dumps)], db=str(db_path), workers=0, leaders_file=str(leaders_csv))
    assert summary.status == "completed"
    # summit, korea, markets are articles; korea twice more as copies; junk, broken line and 404 rejected.
    assert (summary.records_seen, summary.articles_new, summary.duplicates, summary.rejects) == (
        8,
        3,
        2,
        3,
    )
    assert summary.reconciles
    assert summary.rejects_by_reason == {"bad_json": 1, "http_status": 1, "not_html": 1}
    assert summary.duplicates_by_method == {"exact": 1, "url": 1}
    # Every stored copy counts for the run's top leaders: the Korea story three times.
    assert summary.top_leaders == [("Kim Jong-un", 6), ("Vladimir Putin", 2), ("Xi Jinping", 2)]
    assert summary.records_per_second > 0

    with duckdb.connect(str(db_path), read_only=True) as con:
        weekly = con.execute(
            "select week::varchar, leader, articles, mentions from mentions_per_leader_per_week"
            " where mentions > 0 order by all"
        ).fetchall()
        methods = con.execute(
            "select method, count(*) from duplicates group by all order by all"
        ).fetchall()
    assert weekly == [
        ("2026-01-12", "Kim Jong-un", 1, 2),
        ("2026-01-12", "Vladimir Putin", 1, 2),
        ("2026-01-12", "Xi Jinping", 1, 2),
    ]
    assert methods == [("exact", 1), ("url", 1)]

    before = {table: table_rows(db_path, table) for table in STORE_TABLES}
    again = ingest([str(dumps)], db=str(db_path), workers=0, leaders_file=str(leaders_csv))
    assert (again.files_skipped, again.records_seen) == (4, 0)
    assert {table: table_rows(db_path, table) for table in STORE_TABLES} == before
    assert len(table_rows(db_path, "runs")) == 2


@pytest.mark.usefixtures("prefect_server")
def test_a_run_cut_short_resumes_where_it_stopped(dumps: Path, db_path: Path, leaders_csv: Path):
    first = ingest(
        [str(dumps)],
        db=str(db_path),
        workers=0,
        leaders_file=str(leaders_csv),
        limit=1,
        batch_size=1,
    )
    assert first.records_seen == 4  # one record from each of the four files
    rest = ingest(
        [str(dumps)], db=str(db_path), workers=0, leaders_file=str(leaders_csv), batch_size=2
    )
    assert rest.records_seen == 4
    with duckdb.connect(str(db_path), read_only=True) as con:
        outcomes = con.execute(
            "select outcome, count(*) from records group by all order by all"
        ).fetchall()
        per_file = con.execute(
            "select f.file_id, f.records, count(r.position) from files f join records r using (file_id) group by all"
        ).fetchall()
    assert outcomes == [("article", 3), ("duplicate", 2), ("reject", 3)]
    assert len(per_file) == 4
    assert all(expected == counted for _, expected, counted in per_file), per_file


@pytest.mark.usefixtures("prefect_server")
def test_worker_processes_give_the_same_store(dumps: Path, tmp_path: Path, leaders_csv: Path):
    serial, parallel = tmp_path / "serial.duckdb", tmp_path / "parallel.duckdb"
    ingest([str(dumps)], db=str(serial), workers=0, leaders_file=str(leaders_csv))
    ingest([str(dumps)], db=str(parallel), workers=2, leaders_file=str(leaders_csv), batch_size=2)
    for table in ("articles", "mentions"):
        assert table_rows(serial, table) != []
        strip = (
            (lambda rows: [r[:-3] for r in rows]) if table == "articles" else (lambda rows: rows)
        )
        assert strip(table_rows(serial, table)) == strip(table_rows(parallel, table))


@pytest.mark.usefixtures("prefect_server")
def test_seed_page_gives_one_article_with_its_mentions(db_path: Path):
    from tests.conftest import SEED_PAGE

    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not found at {SEED_PAGE}")
    summary = ingest([str(SEED_PAGE)], db=str(db_path), workers=0)
    assert (summary.records_seen, summary.articles_new) == (1, 1)
    with duckdb.connect(str(db_path), read_only=True) as con:
        title, published, site, language, body = con.execute(
            "select title, published_at::varchar, site, language, body from articles"
        ).fetchone()
        mentions = dict(con.execute("select leader, mention_count from mentions").fetchall())
        weekly = con.execute(
            "select week::varchar, leader, articles, mentions from mentions_per_leader_per_week"
            " where mentions > 0 order by leader"
        ).fetchall()
    assert title == "Belarusia Ingin Gabung Langkah Rusia Pererat Hubungan dengan Korea Utara"
    assert published == "2023-09-15 22:45:00+00"
    assert (site, language) == ("sindonews.com", "id")
    assert body.startswith("SOCHI - Presiden Rusia Vladimir Putin mengadakan pertemuan")
    assert body.endswith("ujar analis Belarusia.")
    assert body.count("Kim pada Jumat melanjutkan perjalanannya") == 1
    for outside in (
        "Kim Kardashian",
        "Berita Terkait",
        "Copyright",
        "Foto/Sputnik/REUTERS",
        "A A A",
    ):
        assert outside not in body
    assert mentions == {"Vladimir Putin": 5, "Alexander Lukashenko": 6, "Kim Jong-un": 5}
    assert weekly == [
        ("2023-09-11", "Alexander Lukashenko", 1, 6),
        ("2023-09-11", "Kim Jong-un", 1, 5),
        ("2023-09-11", "Vladimir Putin", 1, 5),
    ]


@pytest.mark.usefixtures("prefect_server")
def test_a_leader_added_to_the_database_counts_in_later_ingests(tmp_path: Path, db_path: Path):
    from tasks.store.leaders_admin import add_leader

    first = tmp_path / "first"
    first.mkdir()
    (first / "summit.html").write_text(
        page("summit", "2026-01-13T08:00:00+00:00"), encoding="utf-8"
    )
    ingest([str(first)], db=str(db_path), workers=0)
    add_leader(db_path, "Lina Hartono", "Indonesia", names=["Hartono"])
    second = tmp_path / "second"
    second.mkdir()
    paragraphs = [
        "Governor Lina Hartono said on Tuesday the central bank would keep its rate on hold for now.",
        "Hartono told reporters that food prices had to cool before the board could cut borrowing costs.",
        "Analysts said the decision was widely expected after inflation rose in January.",
    ]
    (second / "bank.html").write_text(
        news_page("Rate on hold", paragraphs, "2026-01-20T03:00:00Z"), encoding="utf-8"
    )
    ingest([str(second)], db=str(db_path), workers=0)
    with duckdb.connect(str(db_path), read_only=True) as con:
        counted = con.execute(
            "select leader, mention_count from mentions where leader = 'Lina Hartono'"
        ).fetchall()
    assert counted == [("Lina Hartono", 2)]


def failing_load(monkeypatch, errors: list[Exception]) -> list[int]:
    """Make the flow's loads raise `errors` first, then load for real; returns the calls made."""
    import flows.ingest as ingest_module

    real_load = ingest_module.load_batch
    calls: list[int] = []
    pending = iter(errors)

    def load(*args, **kwargs):
        calls.append(len(calls))
        error = next(pending, None)
        if error is not None:
            raise error
        return real_load(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "load_batch", load)
    return calls


def recorded_task_pauses(monkeypatch) -> list[float]:
    """Seconds Prefect's task engine waits before each retry, recorded instead of slept."""
    import prefect.task_engine as engine

    pauses: list[float] = []

    class Clock:
        def __getattr__(self, name: str):
            return getattr(time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            pauses.append(seconds)

    monkeypatch.setattr(engine, "time", Clock())
    return pauses


@pytest.mark.usefixtures("prefect_server")
def test_a_batch_load_that_hits_io_errors_is_retried_after_1_4_and_16_seconds(
    dumps: Path, db_path: Path, leaders_csv: Path, monkeypatch
):
    disk_full = duckdb.IOException("IO Error: could not write file (disk full)")
    calls = failing_load(monkeypatch, [disk_full, disk_full, disk_full])
    pauses = recorded_task_pauses(monkeypatch)
    summary = ingest([str(dumps)], db=str(db_path), workers=0, leaders_file=str(leaders_csv))
    assert summary.status == "completed"
    assert (summary.records_seen, summary.articles_new, summary.duplicates, summary.rejects) == (
        8,
        3,
        2,
        3,
    )
    assert len(calls) == 4
    # Each pause is the time left until the retry's scheduled start: a hair under the delay.
    assert [round(p) for p in pauses] == [1, 4, 16]


@pytest.mark.usefixtures("prefect_server")
def test_a_load_error_other_than_a_store_io_error_is_not_retried(
    dumps: Path, db_path: Path, leaders_csv: Path, monkeypatch
):
    bug = duckdb.ConstraintException("Constraint Error: duplicate key (file, position)")
    calls = failing_load(monkeypatch, [bug])
    pauses = recorded_task_pauses(monkeypatch)
    with pytest.raises(duckdb.ConstraintException):
        ingest([str(dumps)], db=str(db_path), workers=0, leaders_file=str(leaders_csv))
    assert (len(calls), pauses) == (1, [])
    # The run stopped before publishing: what it left is in the writer's own file.
    with duckdb.connect(str(working_path(db_path)), read_only=True) as con:
        assert con.execute("select status from runs").fetchall() == [("failed",)]
        assert con.execute("select count(*) from records").fetchone() == (0,)


@pytest.mark.usefixtures("prefect_server")
def test_the_near_duplicate_threshold_is_fixed_per_database(
    dumps: Path, tmp_path: Path, db_path: Path, leaders_csv: Path, capsys
):
    common = ["--db", str(db_path), "--workers", "0", "--leaders", str(leaders_csv)]
    assert run_cli(capsys, "ingest", str(dumps), *common, "--near-threshold", "0.8")[0] == 0
    stored = table_rows(db_path, "records")
    more = tmp_path / "more"
    more.mkdir()
    (more / "markets.html").write_text(page("markets", "2026-01-20T06:00:00Z"), encoding="utf-8")
    code, _, err = run_cli(capsys, "ingest", str(more), *common)
    assert code == 2
    assert err.strip() == (
        "kabar: this database was built with near-duplicate threshold 0.8; "
        "ingest with --near-threshold 0.8, or into a new database"
    )
    assert table_rows(db_path, "records") == stored
    assert run_cli(capsys, "ingest", str(more), *common, "--near-threshold", "0.8")[0] == 0
    assert len(table_rows(db_path, "records")) == len(stored) + 1


@pytest.mark.usefixtures("prefect_server")
def test_record_timeout_is_30_seconds_unless_given(
    dumps: Path, tmp_path: Path, leaders_csv: Path, capsys, monkeypatch
):
    import flows.ingest as ingest_module

    asked: list[float | None] = []

    class RecordingPool(ingest_module.ExtractorPool):
        def __init__(self, setup, workers):
            asked.append(setup.record_timeout)
            super().__init__(setup, workers)

    monkeypatch.setattr(ingest_module, "ExtractorPool", RecordingPool)
    common = ["--workers", "0", "--leaders", str(leaders_csv)]
    assert (
        run_cli(capsys, "ingest", str(dumps), "--db", str(tmp_path / "a.duckdb"), *common)[0] == 0
    )
    given = ["--record-timeout", "2.5"]
    assert (
        run_cli(capsys, "ingest", str(dumps), "--db", str(tmp_path / "b.duckdb"), *common, *given)[
            0
        ]
        == 0
    )
    assert asked == [30.0, 2.5]
