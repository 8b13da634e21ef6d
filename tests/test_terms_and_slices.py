"""Time in office and slices in the store: in_office, leaders_in_office_per_week, source_country,
the language and source-country slices, `kabar report --office/--language/--source-country`, and
a store made before the registry upgrading itself."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from tasks.mentions.matcher import LeaderList
from tasks.mentions.registry import load_registry
from tasks.store.database import (
    LEADERS_VERSION_KEY,
    TERMS_VERSION_KEY,
    get_state,
    open_store,
    open_writer,
)
from tasks.store.leaders import active_leaders, stored_leaders, sync_leaders
from tasks.store.load import load_batch
from tasks.store.sites import load_sites, sync_sites
from tests.test_cli import run
from tests.test_load import article, file_update
from tests.test_registry import write_region
from tests.test_reports import LEADER_ROWS, NEWSROOM, build_store, leader_list

# Russia, May 2012: Medvedev is president until 7 May (a Monday), then prime minister from the
# 8th; Putin is prime minister until the 7th, president from the 7th (tests/test_registry.py).
# (position, site, language, published_at, body)
KREMLIN = [
    (0, "kremlin.ru", "ru", datetime(2012, 5, 6, 9, tzinfo=UTC), "Медведев и Путин провели встречу. Медведев сказал..."),
    (1, "kompas.co.id", "id", datetime(2012, 5, 8, 9, tzinfo=UTC), "Putin dilantik. Putin dan Medvedev bertemu; Putin berbicara."),
    (2, "dw.com", "de", datetime(2012, 5, 9, 9, tzinfo=UTC), "Putin ernennt Medvedev zum Regierungschef."),
    (3, "startup.io", "en", None, "Vladimir Putin and Dmitry Medvedev, undated."),
    (4, "bbc.co.uk", "en", datetime(1999, 1, 4, 9, tzinfo=UTC), "Vladimir Putin heads the FSB; Tomas Verhoeven studies abroad."),
]  # fmt: skip


@pytest.fixture
def russia(tmp_path: Path) -> LeaderList:
    return load_registry(write_region(tmp_path / "registry", "europe"))


@pytest.fixture
def kremlin(tmp_path: Path, russia: LeaderList) -> Path:
    """A store of KREMLIN counted with the Russian registry, plus Tomas Verhoeven without terms."""
    db = tmp_path / "kremlin.duckdb"
    con = open_store(db)
    try:
        outcomes = [
            dataclasses.replace(
                article("k", position, f"https://{site}/{position}", body, published_at=published),
                site=site,
                language=language,
            )
            for position, site, language, published, body in KREMLIN
        ]
        load_batch(
            con,
            "run-1",
            outcomes,
            [file_update("k", len(outcomes))],
            datetime(2026, 2, 1, tzinfo=UTC),
        )
        unknown_leader = LeaderList(
            (
                *russia.leaders,
                dataclasses.replace(russia.leaders[0], name="Tomas Verhoeven", country="Freedonia"),
            ),
            (
                *russia.aliases,
                dataclasses.replace(
                    russia.aliases[0], leader="Tomas Verhoeven", text="Tomas Verhoeven"
                ),
            ),
            russia.terms,
        )
        sync_leaders(con, unknown_leader, workers=0)
        sync_sites(con)  # data/sites.csv
    finally:
        con.close()
    return db


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_in_office_is_the_day_of_the_article_against_every_office_held(kremlin: Path):
    assert query(
        kremlin,
        "select a.position, m.leader, m.in_office from stg_mentions m"
        " join articles a using (article_id) order by a.position, m.leader",
    ) == [
        (0, "Dmitry Medvedev", True),  # president
        (0, "Vladimir Putin", True),  # prime minister
        (1, "Dmitry Medvedev", True),  # prime minister from the 8th
        (1, "Vladimir Putin", True),
        (2, "Dmitry Medvedev", True),
        (2, "Vladimir Putin", True),
        (3, "Dmitry Medvedev", None),  # undated
        (3, "Vladimir Putin", None),
        (4, "Tomas Verhoeven", None),  # no terms: counted, in_office unknown
        (4, "Vladimir Putin", False),  # 1999: before any term of the registry
    ]


def test_whoever_held_the_office_is_counted_on_their_own_days(kremlin: Path):
    assert query(
        kremlin,
        "select week, leader, articles, mentions from leaders_in_office_per_week"
        " where office = 'President of Russia' and week >= date '2012-04-30' and week <= date '2012-05-07'"
        " order by week, leader",
    ) == [
        (date(2012, 4, 30), "Dmitry Medvedev", 1, 2),
        # The week of the handover: Medvedev's last day and Putin's first are both the 7th;
        # the stories of the 8th and 9th count for Putin only.
        (date(2012, 5, 7), "Dmitry Medvedev", 0, 0),
        (date(2012, 5, 7), "Vladimir Putin", 2, 4),
    ]
    assert query(
        kremlin,
        "select week, leader, articles, mentions from leaders_in_office_per_week"
        " where office = 'Prime Minister of Russia' and articles > 0 order by week, leader",
    ) == [
        (date(2012, 4, 30), "Vladimir Putin", 1, 1),
        (date(2012, 5, 7), "Dmitry Medvedev", 2, 2),
    ]


def test_source_country_comes_from_the_site_table_then_the_country_code_domain(kremlin: Path):
    assert query(
        kremlin,
        "select a.site, s.source_country from stg_articles s join articles a using (article_id)"
        " order by a.position",
    ) == [
        ("kremlin.ru", "RU"),
        ("kompas.co.id", "ID"),
        ("dw.com", "DE"),  # a generic domain, in data/sites.csv
        ("startup.io", None),  # a country code sold as a generic domain
        ("bbc.co.uk", "GB"),
    ]


def test_a_session_slices_the_stories_by_language_and_source_country(kremlin: Path):
    with duckdb.connect(str(kremlin)) as con:
        weekly = (
            "select leader, sum(articles) from mentions_per_leader_per_week group by 1"
            " having sum(articles) > 0 order by 1"
        )
        everything = con.execute(weekly).fetchall()
        con.execute("set variable kabar_source_country = 'ID'")
        assert con.execute(weekly).fetchall() == [("Dmitry Medvedev", 1), ("Vladimir Putin", 1)]
        con.execute("reset variable kabar_source_country")
        con.execute("set variable kabar_language = 'de'")
        assert con.execute("select site from stories").fetchall() == [("dw.com",)]
        con.execute("reset variable kabar_language")
        assert con.execute(weekly).fetchall() == everything


def csv_out(capsys, *argv: str) -> list[str]:
    code, out, err = run(capsys, "report", *argv, "--format", "csv")
    assert (code, err) == (0, "")
    return out.splitlines()


def test_report_office_lists_whoever_held_it(capsys, kremlin: Path):
    assert csv_out(capsys, "weekly", "--office", "president of russia", "--db", str(kremlin)) == [
        "week,office,leader,articles,mentions,copies",
        "2012-04-30,President of Russia,Dmitry Medvedev,1,2,1",
        "2012-05-07,President of Russia,Vladimir Putin,2,4,2",
    ]


def test_report_slices_by_language_and_source_country(capsys, kremlin: Path):
    db = ("--db", str(kremlin))
    assert csv_out(capsys, "weekly", "--source-country", "id", *db) == [
        "week,leader,articles,mentions,copies,office_mentions,articles_any",
        "2012-05-07,Vladimir Putin,1,3,1,0,1",
        "2012-05-07,Dmitry Medvedev,1,1,1,0,1",
    ]
    assert csv_out(
        capsys, "weekly", "--language", "ru", "--office", "President of Russia", *db
    ) == [
        "week,office,leader,articles,mentions,copies",
        "2012-04-30,President of Russia,Dmitry Medvedev,1,2,1",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["weekly", "--office", "Tsar of Russia"], "no office 'Tsar of Russia' in the store's leader registry"),
        (["mentions_per_site", "--language", "en"], "report 'mentions_per_site' does not count stories; drop --language and --source-country"),
        (["stories", "--office", "President of Russia"], "report 'stories' has no office column; drop --office"),
    ],
)  # fmt: skip
def test_report_filter_errors_say_what_to_do(capsys, kremlin: Path, argv, message):
    code, out, err = run(capsys, "report", *argv, "--db", str(kremlin))
    assert (code, out) == (2, "") and err.startswith(f"kabar: {message}")


def older_store(tmp_path: Path) -> tuple[Path, list[tuple]]:
    """A store as the version before the registry left it, and its mention rows."""
    pope = ("Pope Leo XIV", "Holy See", "Pope Leo XIV", "name")
    db = build_store(
        tmp_path / "old.duckdb",
        newsroom=[
            *NEWSROOM,
            (6, "d.example", datetime(2026, 1, 8, tzinfo=UTC), "Pope Leo XIV prayed."),
        ],
        leaders=leader_list([*LEADER_ROWS, pope]),
    )
    # What the previous version left: no terms table, no language or in_office column, and views
    # without the columns added since.
    with duckdb.connect(str(db)) as con:
        for statement in (
            "drop view leaders_in_office_per_week",
            "drop view stg_leader_terms",
            # Views as the previous version defined them, without the columns added since.
            "create or replace view stg_mentions as select article_id, leader,"
            " cast(mention_count as bigint) as mention_count from mentions",
            "create or replace view story_leaders as select s.published_week as week, m.leader,"
            " s.story_id, m.mention_count, s.copies from stories s join stg_mentions m"
            " on m.article_id = s.latest_article_id where s.published_week is not null",
            "drop table leader_terms",
            "alter table leader_aliases drop column language",
            "alter table mentions drop column in_office",
            f"delete from store_state where key = '{TERMS_VERSION_KEY}'",
        ):
            con.execute(statement).fetchall()
        before = con.execute("select * from mentions order by all").fetchall()
    return db, before


def test_a_store_made_before_the_registry_upgrades_itself_on_first_open(tmp_path: Path):
    db, before = older_store(tmp_path)
    assert len(before[0]) == 3  # article_id, leader, mention_count
    con = open_writer(db)
    try:
        listed = active_leaders(con, None)
        # The stored list stands; its known people take their terms from the shipped registry.
        assert {leader.name for leader in listed.leaders} >= {"Pope Leo XIV", "Vladimir Putin"}
        assert [(t.office, t.start) for t in listed.terms if t.person == "Pope Leo XIV"] == [
            ("Pope", date(2025, 5, 8))
        ]
        assert stored_leaders(con).terms == listed.terms
        counted = "select article_id, leader, mention_count from mentions order by all"
        assert con.execute(counted).fetchall() == before
        assert con.execute(
            "select leader, in_office from mentions where leader = 'Pope Leo XIV'"
        ).fetchall() == [("Pope Leo XIV", True)]
        assert con.execute(
            "select count(*) from stg_articles where source_country is null"
        ).fetchall() == [(7,)]
        assert get_state(con, TERMS_VERSION_KEY) == listed.terms_version
        assert get_state(con, LEADERS_VERSION_KEY) == listed.version
    finally:
        con.close()


def test_changing_only_terms_keeps_the_counts_and_says_so(capsys, kremlin: Path, tmp_path: Path):
    root = tmp_path / "registry"
    code, _, err = run(capsys, "leaders", "import", str(root), "--db", str(kremlin))
    assert code == 0 and err.endswith("mentions recounted and published\n")  # Tomas Verhoeven left
    (root / "europe" / "terms.csv").write_text(
        (root / "europe" / "terms.csv").read_text("utf-8").replace("2020-01-16", "2020-01-15"),
        "utf-8",
    )
    code, _, err = run(capsys, "leaders", "import", str(root), "--db", str(kremlin))
    assert code == 0 and "no recount needed" in err
    code, _, err = run(capsys, "leaders", "import", str(root), "--db", str(kremlin))
    assert code == 0 and err.endswith("leader list unchanged\n")


def test_the_site_list_checks_its_rows(tmp_path: Path):
    path = tmp_path / "sites.csv"
    path.write_text("site,country\nbbc.com,United Kingdom\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 2: write a site"):
        load_sites(path)
    assert load_sites()["dw.com"] == "DE"


def test_a_registry_store_exported_and_imported_flat_is_unchanged(capsys, kremlin: Path, tmp_path):
    code, out, _ = run(
        capsys, "leaders", "list", "--aliases", "--format", "csv", "--db", str(kremlin)
    )
    assert code == 0 and "Vladimir Putin,Russia,Путин,name,ru" in out.splitlines()
    flat = tmp_path / "flat.csv"
    flat.write_text(out, encoding="utf-8")
    # The languages travel in the fifth column, the terms stay with the canonical names.
    code, _, err = run(capsys, "leaders", "import", str(flat), "--db", str(kremlin))
    assert code == 0 and err.endswith("leader list unchanged\n")


def test_merging_a_registry_keeps_the_other_leaders_and_their_terms(capsys, kremlin, tmp_path):
    root = write_region(
        tmp_path / "pope",
        "international",
        offices=[("Holy See", "Pope", "head_of_state", "1")],
        terms=[("Pope", "Pope Leo XIV", "2025-05-08", "", "exact", "")],
        names=[("Pope Leo XIV", "Pope Leo XIV", "name", "")],
    )
    code, _, _ = run(capsys, "leaders", "import", str(root), "--merge", "--db", str(kremlin))
    assert code == 0
    assert query(
        kremlin, "select leader, office from leader_terms where leader like 'P%' order by all"
    ) == [
        ("Paolo Neri", "Captain Regent of San Marino"),
        ("Pope Leo XIV", "Pope"),
    ]
    assert query(kremlin, "select count(distinct leader) from leader_terms") == [(8,)]


def test_a_store_made_before_the_registry_lists_its_leaders_before_its_upgrade(capsys, tmp_path):
    db, _ = older_store(tmp_path)
    code, out, _ = run(capsys, "leaders", "list", "--aliases", "--format", "csv", "--db", str(db))
    assert code == 0 and "Pope Leo XIV,Holy See,Pope Leo XIV,name," in out.splitlines()
