"""The country forms of the office lexicon: every registry country in English, the news's
countries in the other languages, each spelled as the registry spells it, and references to
them resolved with the shipped registry."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pytest

from tasks.mentions.offices import (
    OfficeHolders,
    OfficeMatcher,
    load_lexicon,
    resolve,
    title_of_office,
)
from tasks.mentions.registry import default_leaders, region_folders
from tasks.settings import DEFAULT_LEADERS, OFFICE_LEXICON

MAY_2024 = date(2024, 5, 1)
# The Union has several presidents (Commission, Council, Parliament) and the registry holds
# only the Commission's, which phrases.csv names in full: "the EU president" is left out.
NOT_IN_ENGLISH = {"European Union"}
# The other languages with country templates, and the countries each must cover at least.
FEWEST_COUNTRIES = 60


def _rows(name: str) -> list[dict[str, str]]:
    with open(OFFICE_LEXICON / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def offices() -> dict[str, set[str]]:
    """Each registry country's offices, from the registry's own files."""
    by_country: dict[str, set[str]] = {}
    for folder in region_folders(DEFAULT_LEADERS):
        with open(folder / "offices.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                by_country.setdefault(row["country"], set()).add(row["office"])
    return by_country


@pytest.fixture(scope="module")
def matcher() -> OfficeMatcher:
    return OfficeMatcher(load_lexicon(OFFICE_LEXICON))


@pytest.fixture(scope="module")
def holders() -> OfficeHolders:
    return OfficeHolders(default_leaders().terms)


def found(matcher: OfficeMatcher, holders: OfficeHolders, text: str) -> list[tuple[str, str]]:
    candidates = matcher.candidates(text)
    return [(r.leader, r.text) for r in resolve(candidates, text, MAY_2024, holders)]


def test_every_country_of_the_lexicon_is_spelled_as_the_registry_spells_it(offices):
    unknown = {row["country"] for row in _rows("countries.csv")} - set(offices)
    unknown |= {row["country"] for row in _rows("leading.csv")} - set(offices)
    assert unknown == set()


def test_every_registry_country_has_an_english_name_and_adjective(offices):
    english = [row for row in _rows("countries.csv") if row["language"] == "en"]
    for slot in ("name", "adjective"):
        listed = {row["country"] for row in english if row["slot"] == slot}
        assert set(offices) - NOT_IN_ENGLISH - listed == set(), slot


def test_every_templated_language_covers_the_countries_in_the_news():
    templated = {row["language"] for row in _rows("templates.csv") if row["kind"] == "country"}
    countries = Counter(
        language for language, _ in {(r["language"], r["country"]) for r in _rows("countries.csv")}
    )
    assert {
        language: countries[language]
        for language in templated
        if countries[language] < FEWEST_COUNTRIES
    } == {}


def test_every_leading_title_is_the_title_of_an_office_of_that_country(offices):
    wrong = {
        row["country"]: row["title"]
        for row in _rows("leading.csv")
        if row["title"] not in {title_of_office(office) for office in offices[row["country"]]}
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("text", "leader", "surface"),
    [
        ("The Kenyan president arrived in Nairobi.", "William Ruto", "Kenyan president"),
        ("Colombia's president spoke at the summit.", "Gustavo Petro", "Colombia's president"),
        ("The Thai prime minister flew to Tokyo.", "Srettha Thavisin", "Thai prime minister"),
        ("The Korean president flew home.", "Yoon Suk Yeol", "Korean president"),
        ("The Jordanian leader met the envoy.", "Abdullah II of Jordan", "Jordanian leader"),
        (
            "Papua New Guinea's prime minister opened the port.",
            "James Marape",
            "Papua New Guinea's prime minister",
        ),
        (
            "The South Sudanese president signed it.",
            "Salva Kiir Mayardit",
            "South Sudanese president",
        ),
        ("The DRC president left Kinshasa.", "Félix Tshisekedi", "DRC president"),
        # Dominica has a prime minister; the Dominican Republic has none
        ("The Dominican prime minister spoke.", "Roosevelt Skerrit", "Dominican prime minister"),
        ("Der chilenische Präsident reiste ab.", "Gabriel Boric", "chilenische Präsident"),
        ("Kenias Präsident reiste ab.", "William Ruto", "Kenias Präsident"),
        (
            "The Philippines' president flew to Tokyo.",
            "Ferdinand Marcos Jr.",
            "Philippines' president",
        ),
        ("Визит президента Чили перенесли.", "Gabriel Boric", "президента Чили"),
        ("La présidente moldave a répondu.", "Maia Sandu", "présidente moldave"),
        # the longer republic is the Czech one, not France's "président de la République"
        (
            "Le président de la République tchèque est arrivé.",
            "Petr Pavel",
            "président de la République tchèque",
        ),
        (
            "O presidente da República de Angola discursou.",
            "João Lourenço",
            "presidente da República de Angola",
        ),
        ("El presidente de Colombia habló.", "Gustavo Petro", "presidente de Colombia"),
        ("La premier danese ha parlato.", "Mette Frederiksen", "premier danese"),
        ("Presiden Nigeria tiba di Jakarta.", "Bola Tinubu", "Presiden Nigeria"),
        # Ireland's head of government, the Taoiseach, is its prime minister
        ("The Irish prime minister answered questions.", "Simon Harris", "Irish prime minister"),
        (
            "Jak powiedział prezydent Kolumbii, rozmowy trwają.",
            "Gustavo Petro",
            "prezydent Kolumbii",
        ),
        ("Президент Кенії прибув до Києва.", "William Ruto", "Президент Кенії"),
        ("Kenya Cumhurbaşkanı Ankara'ya geldi.", "William Ruto", "Kenya Cumhurbaşkanı"),
        ("وصل الرئيس الكيني إلى القاهرة.", "William Ruto", "الرئيس الكيني"),
        ("索马里总统当天抵达。", "Hassan Sheikh Mohamud", "索马里总统"),
        ("ケニア大統領が到着した。", "William Ruto", "ケニア大統領"),
        ("태국 총리가 도착했다.", "Srettha Thavisin", "태국 총리"),
        ("Der uruguayische Präsident reiste ab.", "Luis Lacalle Pou", "uruguayische Präsident"),
        ("Le président équatorien a répondu.", "Daniel Noboa", "président équatorien"),
        ("El presidente lituano habló.", "Gitanas Nausėda", "presidente lituano"),
        ("Il presidente filippino ha parlato.", "Ferdinand Marcos Jr.", "presidente filippino"),
        (
            "O presidente do Cazaquistão discursou.",
            "Kassym-Jomart Tokayev",
            "presidente do Cazaquistão",
        ),
        ("Presiden Bolivia tiba di Jakarta.", "Luis Arce", "Presiden Bolivia"),
        ("Визит президента Эквадора перенесли.", "Daniel Noboa", "президента Эквадора"),
        ("Президент Перу прибув до Києва.", "Dina Boluarte", "Президент Перу"),
        ("Jak powiedział prezydent Boliwii, rozmowy trwają.", "Luis Arce", "prezydent Boliwii"),
        ("Tayland Başbakanı Ankara'ya geldi.", "Srettha Thavisin", "Tayland Başbakanı"),
        ("وصل الرئيس البلغاري إلى القاهرة.", "Rumen Radev", "الرئيس البلغاري"),
        ("乌拉圭总统当天抵达。", "Luis Lacalle Pou", "乌拉圭总统"),
        ("エクアドル大統領が到着した。", "Daniel Noboa", "エクアドル大統領"),
        ("알제리 대통령이 도착했다.", "Abdelmadjid Tebboune", "알제리 대통령"),
    ],
)
def test_a_country_reference_resolves_to_its_holder(matcher, holders, text, leader, surface):
    assert found(matcher, holders, text) == [(leader, surface)]


@pytest.mark.parametrize(
    "text",
    [
        "Chad Smith, the club's president, resigned on Monday.",
        "Georgia's governor signed the bill into law.",
        # Jordan is a monarchy: it has no president to name
        "Jordan's president was not invited.",
        # the Republic of the Congo and the Democratic Republic both have one
        "The Congolese president did not attend.",
        "The Dominican president did not attend.",
        # no registry country is Northern Cyprus, and "the Cypriot leader" names nobody
        "The Turkish Cypriot leader rejected the plan.",
        "Le président du Congo est arrivé.",
        # a capitalised word right after the title makes it part of another name
        "The Indian Premier League final is in May.",
        "The president of Georgia Tech welcomed the students.",
    ],
)
def test_a_reference_that_names_no_single_holder_resolves_to_nobody(matcher, holders, text):
    assert found(matcher, holders, text) == []


def test_the_longer_name_holding_a_shorter_one_is_the_country_named(matcher, holders):
    text = "The Equatorial Guinean president met North Korea's leader and Mali's president."
    assert found(matcher, holders, text) == [
        ("Teodoro Obiang Nguema Mbasogo", "Equatorial Guinean president"),
        ("Kim Jong-un", "North Korea's leader"),
        ("Assimi Goïta", "Mali's president"),
    ]
    # in Chinese the shorter name (马里, Mali) ends the longer one (索马里, Somalia)
    assert found(matcher, holders, "马里总统和索马里总统会面。") == [
        ("Assimi Goïta", "马里总统"),
        ("Hassan Sheikh Mohamud", "索马里总统"),
    ]
