"""The leader registry loader: a small registry written here, every check's error, and how the
registry and a flat leader file combine."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tasks.errors import KabarError
from tasks.mentions.matcher import LeaderList, MentionMatcher, load_leaders, parse_leaders
from tasks.mentions.registry import (
    load_leader_source,
    load_registry,
    with_fallback,
    with_terms,
)

OFFICES = [
    ("Russia", "President of Russia", "head_of_state", "1"),
    ("Russia", "Prime Minister of Russia", "head_of_government", "1"),
    ("San Marino", "Captain Regent of San Marino", "head_of_state", "2"),
]
TERMS = [
    ("Captain Regent of San Marino", "Anna Bianchi", "2025-04-01", "2025-10-01", "exact", ""),
    ("Captain Regent of San Marino", "Marco Verdi", "2025-04-01", "2025-10-01", "exact", ""),
    ("Captain Regent of San Marino", "Paolo Neri", "2025-10-01", "", "exact", ""),
    ("Captain Regent of San Marino", "Lucia Gialli", "2025-10-01", "", "exact", ""),
    ("President of Russia", "Dmitry Medvedev", "2008-05-07", "2012-05-07", "exact", ""),
    ("President of Russia", "Vladimir Putin", "2012-05-07", "", "exact", ""),
    ("Prime Minister of Russia", "Vladimir Putin", "2008-05-08", "2012-05-07", "exact", ""),
    ("Prime Minister of Russia", "Dmitry Medvedev", "2012-05-08", "2020-01-16", "exact", ""),
    ("Prime Minister of Russia", "Mikhail Mishustin", "2020-01-16", "", "exact", ""),
]
NAMES = [
    ("Anna Bianchi", "Anna Bianchi", "name", ""),
    ("Dmitry Medvedev", "Dmitry Medvedev", "name", ""),
    ("Dmitry Medvedev", "Medvedev", "name", ""),
    ("Dmitry Medvedev", "Медведев", "name", "ru"),
    ("Lucia Gialli", "Lucia Gialli", "name", ""),
    ("Marco Verdi", "Marco Verdi", "name", ""),
    ("Mikhail Mishustin", "Mikhail Mishustin", "name", ""),
    ("Mikhail Mishustin", "Мишустин", "name", "ru"),
    ("Paolo Neri", "Paolo Neri", "name", ""),
    ("Vladimir Putin", "Vladimir Putin", "name", ""),
    ("Vladimir Putin", "Putin", "name", ""),
    ("Vladimir Putin", "Путин", "name", "ru"),
    ("Vladimir Putin", "Vladimir", "ambiguous", ""),
    ("Vladimir Putin", "Putin Bridge", "exclude", ""),
]
HEADERS = {
    "offices": ("country", "office", "role", "holders"),
    "terms": ("office", "person", "start", "end", "dates", "note"),
    "names": ("person", "alias", "kind", "language"),
}


def write_region(root: Path, region: str, offices=OFFICES, terms=TERMS, names=NAMES) -> Path:
    """One region folder of a registry at `root`."""
    folder = root / region
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("offices", offices), ("terms", terms), ("names", names)):
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(HEADERS[name])
            writer.writerows(rows)
    return root


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    return write_region(tmp_path / "registry", "europe")


def test_a_registry_loads_into_the_leader_list_the_matcher_uses(registry: Path):
    listed = load_registry(registry)
    assert [(leader.name, leader.country) for leader in listed.leaders] == [
        ("Anna Bianchi", "San Marino"),
        ("Dmitry Medvedev", "Russia"),
        ("Lucia Gialli", "San Marino"),
        ("Marco Verdi", "San Marino"),
        ("Mikhail Mishustin", "Russia"),
        ("Paolo Neri", "San Marino"),
        ("Vladimir Putin", "Russia"),
    ]
    assert len(listed.aliases) == len(NAMES) and len(listed.terms) == len(TERMS)
    russian = {alias.text: alias.language for alias in listed.aliases if alias.language}
    assert russian == {"Медведев": "ru", "Мишустин": "ru", "Путин": "ru"}
    putin = [t for t in listed.terms if t.person == "Vladimir Putin"]
    assert [(t.office, t.role, t.start, t.end) for t in putin] == [
        ("President of Russia", "head_of_state", date(2012, 5, 7), None),
        ("Prime Minister of Russia", "head_of_government", date(2008, 5, 8), date(2012, 5, 7)),
    ]
    matcher = MentionMatcher(listed.aliases)
    assert matcher.count("Путин и Мишустин. Putin Bridge is closed; Vladimir Putin spoke.") == {
        "Vladimir Putin": 2,
        "Mikhail Mishustin": 1,
    }


def test_a_registry_read_again_is_reread_only_when_a_file_of_it_changed(registry: Path):
    first = load_registry(registry)
    assert load_registry(registry) is first  # unchanged: the list already read
    names = registry / "europe" / "names.csv"
    with open(names, "a", encoding="utf-8") as handle:
        handle.write("Mikhail Mishustin,Mishustin,name,\n")
    edited = load_registry(registry)
    assert ("Mikhail Mishustin", "Mishustin") in {(a.leader, a.text) for a in edited.aliases}
    assert edited.version != first.version
    write_region(registry, "asia", offices=[], terms=[], names=[])  # a new region folder
    assert load_registry(registry) is not edited


def test_regions_load_together_and_a_folder_or_a_file_is_a_source(registry: Path, tmp_path):
    write_region(
        registry,
        "international",
        offices=[("Holy See", "Pope", "head_of_state", "1")],
        terms=[("Pope", "Pope Leo XIV", "2025-05-08", "", "exact", "")],
        names=[
            ("Pope Leo XIV", "Pope Leo XIV", "name", ""),
            ("Pope Leo XIV", "Leo XIV", "name", ""),
        ],
    )
    (registry / "notes").mkdir()  # a folder without registry files is not a region
    listed = load_leader_source(registry)
    assert "Pope Leo XIV" in {leader.name for leader in listed.leaders}
    assert len(listed.terms) == len(TERMS) + 1
    flat = tmp_path / "flat.csv"
    flat.write_text("leader,country,alias,kind\nHun Manet,Cambodia,Hun Manet,name\n", "utf-8")
    assert load_leader_source(flat).terms == ()


def replaced(rows, index: int, row) -> list:
    return [row if i == index else r for i, r in enumerate(rows)]


@pytest.mark.parametrize(
    ("region", "message"),
    [
        (
            {"terms": replaced(TERMS, 5, ("President of Rusia", "Vladimir Putin", "2012-05-07", "", "exact", ""))},
            "terms.csv, line 7: office 'President of Rusia' is in no offices.csv; add it there or fix its spelling",
        ),
        (
            {"terms": replaced(TERMS, 4, ("President of Russia", "Dmitry Medvedev", "2008-05-07", "2012-06-01", "exact", ""))},
            "terms.csv, line 7: Vladimir Putin from 2012-05-07 overlaps Dmitry Medvedev (2008-05-07 to 2012-06-01) as President of Russia, which has 1 holder(s) at once",
        ),
        (
            {"terms": [*TERMS, ("Captain Regent of San Marino", "Marco Verdi", "2025-10-01", "", "exact", "")]},
            "terms.csv, line 11: Marco Verdi from 2025-10-01 overlaps Paolo Neri (2025-10-01 to today), Lucia Gialli (2025-10-01 to today)",
        ),
        (
            {"terms": replaced(TERMS, 6, ("Prime Minister of Russia", "Vladimir Putin", "2012-05-07", "2008-05-08", "exact", ""))},
            "terms.csv, line 8: end 2008-05-08 is before start 2012-05-07; swap or correct the dates",
        ),
        (
            {"terms": replaced(TERMS, 6, ("Prime Minister of Russia", "Vladimir Putin", "8 May 2008", "2012-05-07", "exact", ""))},
            "terms.csv, line 8: start '8 May 2008' is not a date; write it as YYYY-MM-DD",
        ),
        (
            {"terms": replaced(TERMS, 6, ("Prime Minister of Russia", "Vladimir Putin", "2008-05-08", "2012-02-30", "exact", ""))},
            "terms.csv, line 8: end '2012-02-30' is not a date",
        ),
        (
            {"terms": replaced(TERMS, 6, ("Prime Minister of Russia", "Vladimir Putin", "2008-05-08", "2012-05-07", "roughly", ""))},
            "terms.csv, line 8: dates 'roughly' is not one of exact, approximate",
        ),
        (
            {"terms": replaced(TERMS, 6, ("Prime Minister of Russia", "", "2008-05-08", "2012-05-07", "exact", ""))},
            "terms.csv, line 8: person is empty; fill it in",
        ),
        (
            {"offices": replaced(OFFICES, 0, ("Russia", "President of Russia", "president", "1"))},
            "offices.csv, line 2: role 'president' is not one of head_of_state, head_of_government, head_of_state_and_government",
        ),
        (
            {"offices": replaced(OFFICES, 2, ("San Marino", "Captain Regent of San Marino", "head_of_state", "two"))},
            "offices.csv, line 4: holders 'two' must be a whole number, 1 or more",
        ),
        (
            {"offices": [*OFFICES, ("Russia", "President of Russia", "head_of_state", "1")]},
            "offices.csv, line 5: office 'President of Russia' is already listed at",
        ),
        (
            {"names": replaced(NAMES, 11, ("Vladimir Putin", "Путин", "nickname", "ru"))},
            "names.csv, line 13: kind 'nickname' is not one of name, ambiguous, exclude",
        ),
        (
            {"names": replaced(NAMES, 11, ("Vladimir Putin", "Путин", "name", "russian"))},
            "names.csv, line 13: language 'russian' is not an ISO 639-1 code",
        ),
        (
            {"names": [*NAMES, ("Vladimir Putin", "Putin", "ambiguous", "")]},
            "names.csv, line 16: Vladimir Putin already has alias 'Putin' at",
        ),
        (
            {"names": [*NAMES, ("Dmitry Medvedev", "Putin", "name", "")]},
            "names.csv, line 16: 'Putin' also counts for Vladimir Putin",
        ),
        (
            {"names": [n for n in NAMES if n[:2] != ("Mikhail Mishustin", "Mikhail Mishustin")]},
            "terms.csv, line 10: Mikhail Mishustin has no row 'Mikhail Mishustin,Mikhail Mishustin,name,' in any names.csv",
        ),
        (
            {"names": [*NAMES, ("Boris Yeltsin", "Boris Yeltsin", "name", "")]},
            "names.csv, line 16: Boris Yeltsin has names but no term in any terms.csv",
        ),
        (
            {"names": [*NAMES, ("Vladimir Putin", "Pute\u0301", "ambiguous", "")]},
            "names.csv, line 16: alias 'Pute\u0301' is not in NFC form",
        ),
    ],
)  # fmt: skip
def test_each_mistake_names_its_file_line_and_fix(tmp_path: Path, region, message):
    root = write_region(tmp_path / "registry", "europe", **region)
    with pytest.raises(KabarError) as error:
        load_registry(root)
    assert str(error.value).startswith(f"{root / 'europe'}/{message}")


def test_two_holders_may_serve_at_once_and_one_term_may_end_the_day_the_next_starts(registry):
    # TERMS already do both: two Captains Regent per half year, and Medvedev's presidency ends
    # the day Putin's starts; a third Captain Regent in a term is the error tested above.
    assert len(load_registry(registry).terms) == len(TERMS)


def test_a_missing_file_or_a_wrong_header_says_what_is_expected(registry: Path):
    (registry / "europe" / "names.csv").unlink()
    with pytest.raises(KabarError, match=r"europe/names\.csv is missing; every region folder"):
        load_registry(registry)
    (registry / "europe" / "names.csv").write_text("person,alias,kind\n", "utf-8")
    with pytest.raises(KabarError, match="the header must be person,alias,kind,language"):
        load_registry(registry)


def test_an_empty_registry_folder_is_an_error(tmp_path: Path):
    with pytest.raises(KabarError, match="no region folders"):
        load_registry(tmp_path)


def flat(rows) -> LeaderList:
    return parse_leaders(
        dict(zip(("leader", "country", "alias", "kind"), row, strict=True)) for row in rows
    )


def test_the_flat_list_fills_in_only_leaders_the_registry_lacks(registry: Path):
    listed = with_fallback(
        load_registry(registry),
        flat(
            [
                # Putin under the registry's name: the registry's version stands.
                ("Vladimir Putin", "Russia", "Vladimir Putin", "name"),
                ("Vladimir Putin", "Russia", "Putin V.", "name"),
                # Medvedev spelt another way, found by a name the registry counts for him.
                ("Dmitri Medvedev", "Russia", "Dmitri Medvedev", "name"),
                ("Dmitri Medvedev", "Russia", "Medvedev", "name"),
                # A leader the registry lacks: added, but not with a form it already counts.
                ("Hun Manet", "Cambodia", "Hun Manet", "name"),
                ("Hun Manet", "Cambodia", "Путин", "ambiguous"),
            ]
        ),
    )
    names = {leader.name for leader in listed.leaders}
    assert "Hun Manet" in names and "Dmitri Medvedev" not in names
    assert "Putin V." not in {alias.text for alias in listed.aliases}
    assert [a.text for a in listed.aliases if a.leader == "Hun Manet"] == ["Hun Manet"]
    assert MentionMatcher(listed.aliases).count("Медведев, Путин и Hun Manet") == {
        "Dmitry Medvedev": 1,
        "Vladimir Putin": 1,
        "Hun Manet": 1,
    }


def test_people_without_terms_take_the_registry_terms_of_their_canonical_name(registry: Path):
    own = flat([("Vladimir Putin", "Russia", "Putin", "name"), ("Hun Manet", "Cambodia", "Hun Manet", "name")])  # fmt: skip
    listed = with_terms(own, load_registry(registry).terms)
    assert {term.person for term in listed.terms} == {"Vladimir Putin"}
    assert len(listed.terms) == 2  # president and prime minister
    assert listed.version == own.version  # the same aliases: no recount


def test_the_default_list_is_the_registry_plus_data_leaders_csv(leaders: LeaderList):
    from tasks.settings import DEFAULT_LEADERS, FALLBACK_LEADERS

    registry = load_registry(DEFAULT_LEADERS)
    people = {leader.name for leader in leaders.leaders}
    assert {leader.name for leader in registry.leaders} <= people
    counted = {alias.text: alias.leader for alias in leaders.aliases if alias.kind == "name"}
    for alias in load_leaders(FALLBACK_LEADERS).aliases:
        # Every leader of the flat file is counted, under their own or the registry's name.
        if alias.kind == "name":
            assert alias.leader in people or alias.text in counted, alias
    assert leaders.terms == registry.terms
