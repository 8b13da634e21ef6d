"""The shipped leader registry (data/registry), over whatever region folders it holds.

Loading it runs every check of the loader (known offices, valid dates, no more holders at once
than an office has, a name row for every person with a term and a term for every named person);
the tests here add what only the shipped data must hold: its scope, a holder for every office
today, and rows sorted as the schema says so that edits stay reviewable.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tasks.mentions.matcher import LeaderList, MentionMatcher
from tasks.mentions.registry import load_registry, region_folders
from tasks.settings import DEFAULT_LEADERS

FOLDERS = region_folders(DEFAULT_LEADERS)
KIND_ORDER = {"name": 0, "ambiguous": 1, "exclude": 2}
# Words in the note of an office's last term that say why nobody holds it today.
# An office without a holder today says why: it is vacant, it was abolished, or the registry
# has not recorded who holds it now (said, not guessed).
UNFILLED = ("vacant", "abolished", "not recorded")
SCOPE_START = date(2000, 1, 1)


@pytest.fixture(scope="module")
def registry() -> LeaderList:
    return load_registry(DEFAULT_LEADERS)


def test_the_registry_has_region_folders_and_loads():
    assert "international" in {folder.name for folder in FOLDERS}
    assert load_registry(DEFAULT_LEADERS).terms


def test_every_office_has_a_holder_today_unless_its_last_term_says_why_not(registry):
    offices = {
        row["office"]: int(row["holders"])
        for folder in FOLDERS
        for row in _rows(folder / "offices.csv")
    }
    for office, holders in sorted(offices.items()):
        terms = sorted((t for t in registry.terms if t.office == office), key=lambda t: t.start)
        assert terms, f"{office} has no terms"
        current = [t for t in terms if t.end is None]
        if not current:
            assert any(word in terms[-1].note.lower() for word in UNFILLED), (
                f"{office} has nobody in office today; add the holder, or say 'vacant', "
                f"'abolished' or 'not recorded' in the note of {terms[-1].person}'s last term"
            )
        assert len(current) <= holders, f"{office} has more holders today than it has seats"


def test_every_term_falls_in_the_registry_scope():
    # The regions hold every term of anyone in office since 2000; `history` holds leaders
    # who had left office before 2000 and are still named in the news (Reagan, Thatcher).
    today = date.today()
    for folder in FOLDERS:
        for term in _rows(folder / "terms.csv"):
            start, end = date.fromisoformat(term["start"]), term["end"]
            left = date.fromisoformat(end) if end else None
            where = f"{folder.name}: {term['person']} in {term['office']}"
            if folder.name == "history":
                assert left is not None and left < SCOPE_START, f"{where}: belongs in a region"
            else:
                assert left is None or left >= SCOPE_START, f"{where}: left before 2000"
            assert start <= today and (left is None or left <= today), f"{where}: after today"


def test_every_person_has_a_term_and_a_name_row_for_their_canonical_name(registry):
    people = {leader.name for leader in registry.leaders}
    assert people == {term.person for term in registry.terms}
    assert people == {alias.leader for alias in registry.aliases}
    own = {(a.leader, a.text) for a in registry.aliases if a.kind == "name"}
    assert all((person, person) in own for person in people)


def test_no_name_a_leader_excludes_is_another_leader_s_name(registry):
    # An exclusion keeps another person's name from counting for a leader whose alias it holds
    # ("Anwar Hadid" for Anwar Ibrahim); once that person is in the registry, the name is theirs.
    names = {a.text.casefold(): a.leader for a in registry.aliases if a.kind == "name"}
    clashes = [
        (a.leader, a.text, names[a.text.casefold()])
        for a in registry.aliases
        if a.kind == "exclude" and a.text.casefold() in names
    ]
    assert clashes == []


def test_an_office_belongs_to_one_country_and_one_region():
    seen: dict[str, str] = {}
    for folder in FOLDERS:
        for row in _rows(folder / "offices.csv"):
            assert row["office"] not in seen, f"{row['office']}: {seen.get(row['office'])}"
            seen[row["office"]] = folder.name


@pytest.mark.parametrize("folder", FOLDERS, ids=[folder.name for folder in FOLDERS])
def test_rows_are_sorted_as_the_schema_says(folder: Path):
    offices = _rows(folder / "offices.csv")
    assert offices == sorted(offices, key=lambda r: (r["country"], r["office"]))
    terms = _rows(folder / "terms.csv")
    assert terms == sorted(terms, key=lambda r: (r["office"], r["start"]))
    names = _rows(folder / "names.csv")
    assert names == sorted(names, key=lambda r: (r["person"], KIND_ORDER[r["kind"]], r["alias"]))


# Sentences written for these tests in languages whose press spells the leaders its own way,
# with the mentions that must count there, in order: the language's base spelling and the case
# forms the rules make from it, forms listed by hand (Lithuanian i-stems, Czech -ová surnames,
# Albanian definite forms), and relatives or words in the same spelling that must not count.
SPELLINGS = [
    (
        "hu",
        "Putyin fogadta Hszi Csin-pinget. Vlagyimir Putyinnal Zelenszkij nem tárgyal, "
        "Kim Dzsong Unnal viszont igen. Orbán Balázs és Orbán Anita nem utazott el.",
        [
            ("Vladimir Putin", "Putyin"),
            ("Xi Jinping", "Hszi Csin-pinget"),
            ("Vladimir Putin", "Vlagyimir Putyinnal"),
            ("Volodymyr Zelensky", "Zelenszkij"),
            ("Kim Jong-un", "Kim Dzsong Unnal"),
        ],
    ),
    (
        "lv",
        "Tramps un Baidens runāja par Si Dzjiņpinu. Sji Dzjiņpins atbildēja Trampam. "
        "Melānija Trampa klusēja.",
        [
            ("Donald Trump", "Tramps"),
            ("Joe Biden", "Baidens"),
            ("Xi Jinping", "Si Dzjiņpinu"),
            ("Xi Jinping", "Sji Dzjiņpins"),
            ("Donald Trump", "Trampam"),
        ],
    ),
    (
        "lt",
        "Trampas ir Baidenas aptarė Zelenskio planą. Si Jinpingas parašė Volodymyrui "
        "Zelenskiui. Hanteris Baidenas neatvyko.",
        [
            ("Donald Trump", "Trampas"),
            ("Joe Biden", "Baidenas"),
            ("Volodymyr Zelensky", "Zelenskio"),
            ("Xi Jinping", "Si Jinpingas"),
            ("Volodymyr Zelensky", "Volodymyrui Zelenskiui"),
        ],
    ),
    (
        "bg",
        "Тръмп, Байдън и Зеленски говориха за Си Дзинпин. Хънтър Байдън не беше там.",
        [
            ("Donald Trump", "Тръмп"),
            ("Joe Biden", "Байдън"),
            ("Volodymyr Zelensky", "Зеленски"),
            ("Xi Jinping", "Си Дзинпин"),
        ],
    ),
    (
        "sr",
        "Tramp je razgovarao sa Bajdenom i Si Đinpingom. Трамп, Бајден и Си Ђинпинг. "
        "Melanija Tramp nije došla.",
        [
            ("Donald Trump", "Tramp"),
            ("Joe Biden", "Bajdenom"),
            ("Xi Jinping", "Si Đinpingom"),
            ("Donald Trump", "Трамп"),
            ("Joe Biden", "Бајден"),
            ("Xi Jinping", "Си Ђинпинг"),
        ],
    ),
    (
        "cs",
        "Si Ťin-pching přijal Kim Čong-una. Angela Merkelová a Giorgia Meloniová mluvily "
        "s Ursulou von der Leyenovou.",
        [
            ("Xi Jinping", "Si Ťin-pching"),
            ("Kim Jong-un", "Kim Čong-una"),
            ("Angela Merkel", "Angela Merkelová"),
            ("Giorgia Meloni", "Giorgia Meloniová"),
            ("Ursula von der Leyen", "von der Leyenovou"),
        ],
    ),
    (
        "sq",
        "Donald Trumpi dhe Vladimir Putini folën. Vuçiq takoi Bidenin.",
        [
            ("Donald Trump", "Donald Trumpi"),
            ("Vladimir Putin", "Vladimir Putini"),
            ("Aleksandar Vučić", "Vuçiq"),
            ("Joe Biden", "Bidenin"),
        ],
    ),
    (
        "uk",
        "Мая Санду приїхала до Києва. Ігор Додон критикує Санду, а Додона підтримує Москва. "
        "Едгарс Рінкевичс і Гітанас Науседа зустрілися з Аларом Карісом.",
        [
            ("Maia Sandu", "Мая Санду"),
            ("Igor Dodon", "Ігор Додон"),
            ("Maia Sandu", "Санду"),
            ("Igor Dodon", "Додона"),
            ("Edgars Rinkēvičs", "Едгарс Рінкевичс"),
            ("Gitanas Nausėda", "Гітанас Науседа"),
            ("Alar Karis", "Аларом Карісом"),
        ],
    ),
    (
        "ru",
        "Зоран Миланович и Никола Груевский встретились с Эди Рамой. Яков Милатович опоздал.",
        [
            ("Zoran Milanović", "Зоран Миланович"),
            ("Nikola Gruevski", "Никола Груевский"),
            ("Edi Rama", "Эди Рамой"),
            ("Jakov Milatović", "Яков Милатович"),
        ],
    ),
    (
        "tr",
        "Ahmed eş-Şara, Şam'da Hüsnü Mübarek döneminden kalma bir anlaşmayı andı. "
        "eş-Şara'nın açıklamasını İbrahim Reisi'nin eski danışmanı eleştirdi. "
        "Hafız Esad'ın mezarı ziyaret edilmedi.",
        [
            ("Ahmed al-Sharaa", "Ahmed eş-Şara"),
            ("Hosni Mubarak", "Hüsnü Mübarek"),
            ("Ahmed al-Sharaa", "eş-Şara"),
            ("Ebrahim Raisi", "İbrahim Reisi"),
            ("Hafez al-Assad", "Hafız Esad"),
        ],
    ),
    # Serbian `Tramp` counts on its own, Latvian `Obamas` too; Chaplin's character and the
    # couple do not.
    (
        "en",
        "Chaplin's best-loved character is the Tramp. The Tramp returns in 1936. "
        "The Obamas sent flowers.",
        [],
    ),
]


@pytest.fixture(scope="module")
def matcher(registry) -> MentionMatcher:
    return MentionMatcher(registry.aliases)


@pytest.mark.parametrize(
    ("language", "text", "expected"), SPELLINGS, ids=[row[0] for row in SPELLINGS]
)
def test_each_language_s_spelling_of_the_most_named_leaders_counts(
    matcher: MentionMatcher, language: str, text: str, expected: list[tuple[str, str]]
):
    assert [(m.leader, m.alias) for m in matcher.find(text, language)] == expected


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
