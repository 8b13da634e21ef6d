"""`kabar leaders list|add|import`: the stored list is the truth, changes recount and publish."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from tasks.mentions.matcher import load_leaders
from tasks.mentions.registry import default_leaders
from tasks.settings import DEFAULT_LEADERS
from tasks.store.database import open_writer, working_path
from tasks.store.leaders import active_leaders, stored_leaders
from tasks.store.leaders_admin import merged, with_leader
from tests.test_cli import run
from tests.test_reports import LEADER_ROWS, build_store, leader_list


@pytest.fixture
def store(db_path: Path) -> Path:
    return build_store(db_path)


def published(db: Path, sql: str) -> list[tuple]:
    """Rows as analysts see them: from the published database, not the working one."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def mention_counts(db: Path) -> list[tuple]:
    return published(db, "select leader, sum(mention_count) from mentions group by all order by 1")


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("leader", "country", "alias", "kind"))
        writer.writerows(rows)
    return path


def test_list_shows_the_stored_leaders_with_alias_counts(capsys, store: Path):
    code, out, err = run(capsys, "leaders", "list", "--db", str(store), "--format", "csv")
    assert (code, out.splitlines(), err) == (
        0,
        [
            "leader,country,name,ambiguous,exclude",
            "Donald Trump,United States,2,0,1",
            "Vladimir Putin,Russia,2,0,0",
            "Xi Jinping,China,1,1,0",
        ],
        f"3 leaders from {store}\n",
    )


def test_list_aliases_round_trips_through_import(capsys, store: Path, tmp_path: Path):
    code, out, _ = run(
        capsys, "leaders", "list", "--aliases", "--db", str(store), "--format", "csv"
    )
    assert code == 0 and out.splitlines()[:3] == [
        "leader,country,alias,kind,language",
        "Donald Trump,United States,Donald Trump,name,",
        "Donald Trump,United States,Trump,name,",
    ]
    exported = tmp_path / "leaders.csv"
    exported.write_text(out, encoding="utf-8")
    assert load_leaders(exported).version == leader_list().version


def test_list_without_a_database_shows_the_default_list(capsys, tmp_path: Path):
    missing = tmp_path / "none.duckdb"
    code, out, err = run(capsys, "leaders", "list", "--db", str(missing), "--format", "csv")
    assert code == 0
    assert len(out.splitlines()) == len(default_leaders().leaders) + 1
    assert err.endswith(f"leaders from {DEFAULT_LEADERS} (no list stored in {missing} yet)\n")
    assert not missing.exists()


def test_add_a_leader_recounts_and_publishes(capsys, store: Path):
    before = mention_counts(store)
    code, _, err = run(
        capsys, "leaders", "add", "Emmanuel Macron", "--country", "France", "--alias", "Macron",
        "--ambiguous", "Manu", "--db", str(store),
    )  # fmt: skip
    assert (code, err) == (0, f"{store}: 4 leaders, 10 aliases; mentions recounted and published\n")
    assert published(
        store,
        "select leader, alias, kind from leader_aliases where leader = 'Emmanuel Macron' "
        "order by alias",
    ) == [
        ("Emmanuel Macron", "Emmanuel Macron", "name"),
        ("Emmanuel Macron", "Macron", "name"),
        ("Emmanuel Macron", "Manu", "ambiguous"),
    ]
    assert mention_counts(store) == before  # nobody in the store names Macron


def test_an_exclude_added_to_a_listed_leader_changes_the_counts(capsys, store: Path):
    assert ("Vladimir Putin", 5) in mention_counts(store)
    code, _, _ = run(
        capsys, "leaders", "add", "Vladimir Putin", "--exclude", "Putin said", "--db", str(store)
    )
    assert code == 0
    assert ("Vladimir Putin", 4) in mention_counts(store)
    code, _, err = run(
        capsys, "leaders", "add", "Vladimir Putin", "--exclude", "Putin said", "--db", str(store)
    )
    assert (code, err) == (0, f"{store}: leader list unchanged\n")


def test_add_to_a_new_database_starts_from_the_default_list(capsys, tmp_path: Path):
    db = tmp_path / "new.duckdb"
    code, _, _ = run(capsys, "leaders", "add", "Jane Doe", "--country", "Utopia", "--db", str(db))
    assert code == 0 and db.exists()
    count = published(db, "select count(*) from leaders")[0][0]
    assert count == len(default_leaders().leaders) + 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Jane Doe"], "Jane Doe is a new leader; add --country"),
        (
            ["Xi Jinping", "--country", "Taiwan"],
            "Xi Jinping is listed with country China; drop --country, or import a list with "
            "the new country (`kabar leaders import FILE`)",
        ),
        (
            ["Jane Doe", "--country", "Utopia", "--alias", "Trump"],
            "'Trump' is already an alias of Donald Trump; an alias may name two leaders only "
            "as ambiguous for both",
        ),
    ],
)
def test_add_errors_say_what_to_do(capsys, store: Path, argv, message):
    code, out, err = run(capsys, "leaders", "add", *argv, "--db", str(store))
    assert (code, out, err) == (2, "", f"kabar: {message}\n")


def test_an_alias_may_be_ambiguous_for_two_leaders():
    both = with_leader(leader_list(), "Xi Mingze", "China", ambiguous=["Xi"])
    assert {(a.leader, a.kind) for a in both.aliases if a.text == "Xi"} == {
        ("Xi Jinping", "ambiguous"),
        ("Xi Mingze", "ambiguous"),
    }


def test_import_replaces_the_list(capsys, store: Path, tmp_path: Path):
    file = write_csv(tmp_path / "only-putin.csv", [("Vladimir Putin", "Russia", "Putin", "name")])
    code, _, err = run(capsys, "leaders", "import", str(file), "--db", str(store))
    assert (code, err) == (0, f"{store}: 1 leaders, 1 aliases; mentions recounted and published\n")
    assert published(store, "select leader from leaders") == [("Vladimir Putin",)]
    # "Vladimir Putin met..." still counts once, as "Putin" inside it.
    assert mention_counts(store) == [("Vladimir Putin", 5)]


def test_import_merge_replaces_only_the_leaders_in_the_file(capsys, store: Path, tmp_path: Path):
    file = write_csv(
        tmp_path / "more.csv",
        [
            ("Xi Jinping", "China", "Xi Jinping", "name"),
            ("Emmanuel Macron", "France", "Macron", "name"),
        ],
    )
    code, _, _ = run(capsys, "leaders", "import", str(file), "--merge", "--db", str(store))
    assert code == 0
    assert published(
        store, "select leader, count(*) from leader_aliases group by 1 order by 1"
    ) == [
        ("Donald Trump", 3),
        ("Emmanuel Macron", 1),
        ("Vladimir Putin", 2),
        ("Xi Jinping", 1),
    ]
    # Without the ambiguous "Xi", article 2 names Xi Jinping once, not twice.
    assert ("Xi Jinping", 3) in mention_counts(store)


def test_import_errors(capsys, store: Path, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("leader,country,alias,kind\nA,B,C,nickname\n", encoding="utf-8")
    code, _, err = run(capsys, "leaders", "import", str(bad), "--db", str(store))
    assert (code, err) == (
        2,
        f"kabar: {bad}, line 2: kind 'nickname' is not one of name, ambiguous, exclude\n",
    )
    code, _, err = run(capsys, "leaders", "import", str(tmp_path / "none.csv"), "--db", str(store))
    assert (code, err) == (
        2,
        f"kabar: cannot read leader list {tmp_path / 'none.csv'}: No such file or directory\n",
    )


def test_merged_keeps_other_leaders_and_takes_new_countries():
    incoming = leader_list([("Xi Jinping", "PRC", "Xi Jinping", "name")])
    result = merged(leader_list(), incoming)
    assert {leader.name: leader.country for leader in result.leaders}["Xi Jinping"] == "PRC"
    assert len(result.aliases) == len(LEADER_ROWS) - 1


def test_active_leaders_seeds_a_new_store_then_keeps_its_own_list(tmp_path: Path):
    db = tmp_path / "flow.duckdb"
    con = open_writer(db)
    try:
        assert active_leaders(con, None).version == default_leaders().version
        small = write_csv(tmp_path / "small.csv", [("Vladimir Putin", "Russia", "Putin", "name")])
        assert len(active_leaders(con, small).leaders) == 1  # an explicit file replaces it
        assert len(active_leaders(con, None).leaders) == 1  # and then stays
        assert stored_leaders(con).version == load_leaders(small).version
    finally:
        con.close()
    assert working_path(db).exists()
