"""Generated name forms: one test per inflection class, the stop-list bound, the CJK surname
forms, and title anchoring of ambiguous surnames."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.errors import KabarError
from tasks.mentions.forms import (
    generate_forms,
    inflections,
    load_stop_forms,
    load_titles,
    strip_diacritics,
)
from tasks.mentions.matcher import LeaderList, MentionMatcher, parse_leaders

ROWS = [
    ("Vladimir Putin", "Russia", "Vladimir Putin", "name"),
    ("Vladimir Putin", "Russia", "Putin", "name"),
    ("Vladimir Putin", "Russia", "Путин", "name"),
    ("Donald Trump", "United States", "Donald Trump", "name"),
    ("Donald Trump", "United States", "Trump", "name"),
    ("Donald Trump", "United States", "Trump Tower", "exclude"),
    ("Donald Tusk", "Poland", "Donald Tusk", "name"),
    ("Emmanuel Macron", "France", "Emmanuel Macron", "name"),
    ("Emmanuel Macron", "France", "Macron", "name"),
    ("Emmanuel Macron", "France", "Эммануэль Макрон", "name"),
    ("Volodymyr Zelensky", "Ukraine", "Zelenskyj", "name"),
    ("Volodymyr Zelensky", "Ukraine", "Zelensky", "name"),
    ("Volodymyr Zelensky", "Ukraine", "Зеленський", "name"),
    ("Volodymyr Zelensky", "Ukraine", "Zełenski", "name"),
    ("Recep Tayyip Erdoğan", "Turkey", "Erdoğan", "name"),
    ("Viktor Orbán", "Hungary", "Orbán", "name"),
    ("Andrzej Duda", "Poland", "Andrzej Duda", "name"),
    ("Andrzej Duda", "Poland", "Duda", "ambiguous"),
    ("Xi Jinping", "China", "Xi Jinping", "name"),
    ("Xi Jinping", "China", "习近平", "name"),
    ("Xi Jinping", "China", "Xi", "ambiguous"),
    ("Yoon Suk Yeol", "South Korea", "윤석열", "name"),
    ("Lee Jae-myung", "South Korea", "Lee Jae-myung", "name"),
    ("Lee Jae-myung", "South Korea", "Lee", "ambiguous"),
    ("Shigeru Ishiba", "Japan", "石破茂", "name"),
    ("Imran Khan", "Pakistan", "Imran Khan", "name"),
    ("Imran Khan", "Pakistan", "Khan", "ambiguous"),
    ("Kim Jong-un", "North Korea", "Kim Jong-un", "name"),
    ("Kim Jong-un", "North Korea", "Kim", "ambiguous"),
    ("Kim Jong-un", "North Korea", "Kim Kardashian", "exclude"),
    ("Narendra Modi", "India", "Modi", "name"),
    ("Javier Milei", "Argentina", "Milei", "name"),
]


@pytest.fixture(scope="module")
def leaders() -> LeaderList:
    return parse_leaders(
        dict(zip(("leader", "country", "alias", "kind"), row, strict=True)) for row in ROWS
    )


@pytest.fixture(scope="module")
def matcher(leaders: LeaderList) -> MentionMatcher:
    return MentionMatcher(leaders.aliases)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German, Dutch and Scandinavian genitive -s.
        (
            "Putins Sprecher und Trumps Zölle; Macrons Rede.",
            {"Vladimir Putin": 1, "Donald Trump": 1, "Emmanuel Macron": 1},
        ),
        # Polish: genitive on both words, dative, instrumental of a velar stem, locative.
        (
            "Rozmowa Donalda Tuska z Macronem. O Trumpie i Putinowi.",
            {"Donald Tusk": 1, "Emmanuel Macron": 1, "Donald Trump": 1, "Vladimir Putin": 1},
        ),
        # Polish adjectival -ski: Zełenskiego, Zełenskiemu, Zełenskim.
        ("Spotkanie Zełenskiego; Zełenskiemu przekazano; z Zełenskim.", {"Volodymyr Zelensky": 3}),
        # Polish a-stem with its instrumental: Andrzejem Dudą (both words).
        ("Z Andrzejem Dudą rozmawiał premier.", {"Andrzej Duda": 1}),
        # Czech transliterated -yj: Zelenského, Zelenskému, Zelenským; consonant stems.
        (
            "Návštěva Zelenského; Zelenskému; se Zelenským. Putinovi a Trumpem.",
            {"Volodymyr Zelensky": 3, "Vladimir Putin": 1, "Donald Trump": 1},
        ),
        # Slovak and South Slavic instrumental -om, dative -u.
        ("s Putinom; s Trumpom; Putinu je predao pismo.", {"Vladimir Putin": 2, "Donald Trump": 1}),
        # Russian: both words of a name in the instrumental, soft-sign given name.
        ("разговор с Эммануэлем Макроном; позиция Эммануэля Макрона.", {"Emmanuel Macron": 2}),
        # Russian -ин surname: Путиным, Путину; Serbian Путином.
        ("встреча с Путиным, письмо Путину, разговор са Путином.", {"Vladimir Putin": 3}),
        # Ukrainian adjectival surname in -ський.
        ("візит Зеленського, разом із Зеленським, Зеленському.", {"Volodymyr Zelensky": 3}),
        # Finnish cases on the last word, with vowel harmony and the -y stem.
        (
            "Vladimir Putinin puhe; Trumpille; Zelenskyin vierailu.",
            {"Vladimir Putin": 1, "Donald Trump": 1, "Volodymyr Zelensky": 1},
        ),
        # Estonian: genitive -i, comitative -ga.
        ("Putini sõjapoliitika; läbirääkimised Putiniga.", {"Vladimir Putin": 2}),
        # Lithuanian and Latvian.
        ("Putino režimas; Putinui. Putinam esot jāsaprot.", {"Vladimir Putin": 3}),
        # Hungarian: harmony and consonant doubling.
        (
            "Orbánnak; Trumppal; Trumpot; Orbántól; Macronnal.",
            {"Viktor Orbán": 2, "Donald Trump": 2, "Emmanuel Macron": 1},
        ),
        # Turkish without the apostrophe, and with it (the alias ends at the apostrophe).
        (
            "Erdoğanın sözleri; Erdoğanla; Putin'in önerisi; Erdoğan'a destek.",
            {"Recep Tayyip Erdoğan": 3, "Vladimir Putin": 1},
        ),
        # English possessives, straight and curly.
        ("Trump's aides and Macron’s advisers.", {"Donald Trump": 1, "Emmanuel Macron": 1}),
        # Diacritic-free spellings, also of a generated form.
        ("Erdogan and Orban; Erdoganin sozleri.", {"Recep Tayyip Erdoğan": 2, "Viktor Orbán": 1}),
    ],
)
def test_each_inflection_class_is_matched(matcher: MentionMatcher, text: str, expected: dict):
    assert matcher.count(text) == expected


def test_forms_stay_whole_words(matcher: MentionMatcher):
    assert matcher.count("Rasputina, Trumpeter, Macronisme, Erdoğanist.") == {}


def test_generated_forms_of_an_ambiguous_alias_stay_ambiguous(matcher: MentionMatcher):
    assert matcher.count("Kancelaria Dudy milczy.") == {}
    assert matcher.count("Andrzej Duda wrócił. Kancelaria Dudy milczy.") == {"Andrzej Duda": 2}


def test_a_stop_listed_form_is_dropped(leaders: LeaderList):
    default = MentionMatcher(leaders.aliases)
    # `Modista` is a Spanish word and the Finnish elative of Modi; `Macronie` the French word
    # for Macron's camp and the Polish locative: the stop list drops them, other forms stay.
    assert default.count("Modista Ana; la Macronie.") == {}
    assert default.count("Modin ja Macronin") == {"Narendra Modi": 1, "Emmanuel Macron": 1}
    unbounded = MentionMatcher(leaders.aliases, stop_forms=frozenset())
    assert unbounded.count("Modista Ana; la Macronie.") == {
        "Narendra Modi": 1,
        "Emmanuel Macron": 1,
    }


def test_derived_words_in_ist_are_no_forms(matcher: MentionMatcher):
    assert matcher.count("The Putinist press, a Trumpist rally, the Erdoğanist base.") == {}


def test_a_form_that_is_another_leaders_alias_or_shared_is_dropped():
    triples = [
        ("Leader A", "Kovac", "name"),
        ("Leader B", "Kovaca", "name"),
        ("Leader C", "Maro", "name"),
        ("Leader D", "Mar", "name"),
    ]
    generated = {form: leader for leader, form, _ in generate_forms(triples, frozenset(), ())}
    # `Kovac` + Slavic genitive `-a` is Leader B's own name: never generated for Leader A.
    assert "Kovaca" not in generated
    assert generated["Kovacem"] == "Leader A"
    # `Maro` and `Mar` both make the genitive `Mara`: it could be either, so it is neither.
    assert "Mara" not in generated
    assert generated["Marowi"] == "Leader D"
    assert generated["Maron"] == "Leader C"


def test_excluded_phrases_still_win_over_generated_forms(matcher: MentionMatcher):
    assert matcher.count("Kim Kardashian and Trump Tower; Trumps Zölle.") == {"Donald Trump": 1}


def test_inflections_cover_the_languages_and_nothing_else():
    forms = inflections("Putin")
    for form in (
        "Putina",
        "Putinowi",
        "Putinem",
        "Putinie",
        "Putinovi",
        "Putinom",
        "Putinin",
        "Putinille",
        "Putinile",
        "Putiniga",
        "Putinnak",
        "Putinnal",
        "Putinas",
        "Putinui",
        "Putinam",
        "Putins",
        "Putinle",
        "Putinde",
    ):
        assert form in forms, form
    assert inflections("习近平") == set()
    assert inflections("AMLO") == set()
    assert "Xis" not in inflections("Xi")


def test_diacritics_are_stripped_to_the_base_letter():
    assert strip_diacritics("Erdoğan Orbán Wołodymyr Zełenski Медведёв") == (
        "Erdogan Orban Wolodymyr Zelenski Медведев"
    )


def test_surname_and_title_count_beside_the_full_name(matcher: MentionMatcher):
    body = (
        "윤석열 전 대통령이 출석했다. 윤 전 대통령은 혐의를 부인했다. 윤 대통령의 변호인도 나왔다."
    )
    assert matcher.count(body) == {"Yoon Suk Yeol": 3}
    assert matcher.count("윤 대통령은 부인했다.") == {}
    assert matcher.count("习近平主席出席。习主席表示欢迎。") == {"Xi Jinping": 2}
    assert matcher.count("习主席表示欢迎。") == {}
    assert matcher.count("石破茂首相は述べた。石破首相は、石破氏として") == {"Shigeru Ishiba": 3}


def test_a_hangul_surname_form_starts_at_a_word_edge(matcher: MentionMatcher):
    assert matcher.count("윤석열. 한윤 대통령") == {"Yoon Suk Yeol": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Xi met the delegation. Xi later left.", {"Xi Jinping": 2}),
        ("Präsident Xi empfing den Kanzler.", {"Xi Jinping": 1}),
        ("Prezydent Duda zawetował ustawę; prezydenta Dudy nie było.", {"Andrzej Duda": 2}),
        ("Xi arrived; the talks began.", {}),
        # Honorifics do not anchor: Mr Khan and Mr Kim are as often other people.
        ("Mr Khan runs the corner shop. Mr Kim opened a restaurant.", {}),
        ("Imran Khan spoke from prison. Mr Khan denied it.", {"Imran Khan": 2}),
        # A title before another person's full name anchors nothing.
        ("Interior Minister Lee Sang-min resigned; President Kim Dae-jung was honoured.", {}),
        ("President Lee met Lee Sang-min.", {"Lee Jae-myung": 1}),
        # A title glued inside a longer word is no title.
        ("Vicepresident Xi", {}),
    ],
)
def test_an_office_title_before_an_ambiguous_surname_counts(
    matcher: MentionMatcher, text: str, expected: dict
):
    assert matcher.count(text) == expected


def test_titles_are_limited_to_the_offices_a_leader_held(leaders: LeaderList):
    offices = {"Xi Jinping": {"party_leader", "head_of_state"}, "Andrzej Duda": {"head_of_state"}}
    matcher = MentionMatcher(leaders.aliases, offices=offices)
    assert matcher.count("President Xi spoke.") == {"Xi Jinping": 1}
    assert matcher.count("Premier Duda spoke.") == {}
    assert matcher.count("Prezydent Duda spoke.") == {"Andrzej Duda": 1}


def test_a_soft_hyphen_inside_a_name_does_not_hide_it(matcher: MentionMatcher):
    body = "Yesterday Ma\u00adcron and Pu\u00adtin spoke."
    found = matcher.find(body)
    assert [(m.leader, body[m.start : m.end]) for m in found] == [
        ("Emmanuel Macron", "Ma\u00adcron"),
        ("Vladimir Putin", "Pu\u00adtin"),
    ]


def test_the_title_lexicon_and_stop_list_are_checked(tmp_path: Path):
    titles = tmp_path / "titles.csv"
    titles.write_text("title,language,office,position\nPresident,en,head_of_state,beside\n")
    with pytest.raises(KabarError, match="line 2: position 'beside' must be 'before' or 'after'"):
        load_titles(titles)
    titles.write_text("title,language,office,position\nPresident,en,boss,before\n")
    with pytest.raises(KabarError, match="line 2: office 'boss' is not one of"):
        load_titles(titles)
    stop = tmp_path / "stop.csv"
    stop.write_text("language,word\nen,\n")
    with pytest.raises(KabarError, match="line 2: missing word"):
        load_stop_forms(stop)
    assert load_titles() and "putinist" in load_stop_forms()


def test_a_change_of_the_rules_makes_stored_mentions_stale(
    leaders: LeaderList, monkeypatch: pytest.MonkeyPatch
):
    """The list's version covers the rules, so a store counted under older rules recounts."""
    from tasks.mentions import forms

    before = leaders.version
    monkeypatch.setattr(forms, "RULES_VERSION", "next")
    forms.rules_version.cache_clear()
    try:
        assert leaders.version != before
    finally:
        forms.rules_version.cache_clear()


def test_a_man_in_the_accusative_takes_his_genitive_beside_an_a_stem_surname(
    matcher: MentionMatcher,
):
    # Polish: an animate masculine accusative is the genitive (`Andrzeja`), the surname in -a
    # declines as a feminine noun (`Dudę`, dative and locative `Dudzie`).
    body = (
        "Posłowie opozycji wezwali Andrzeja Dudę do zawetowania ustawy. "
        "Dudzie zostało na to dwadzieścia jeden dni."
    )
    assert matcher.find(body, "pl")[0].alias == "Andrzeja Dudę"
    assert matcher.count(body) == {"Andrzej Duda": 2}


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("pl", {"Andrzeja Dudę", "Andrzejowi Dudzie", "Andrzeju Dudzie", "Andrzejem Dudą"}),
        ("cs", {"Andreje Dudu", "Andrejovi Dudovi", "Andrejem Dudou"}),
        # Slovak men in -a: `hrdina`, genitive and accusative `-u`, instrumental `-om`.
        ("sk", {"Andreja Dudu", "Andrejovi Dudovi", "Andrejom Dudom"}),
        ("sl/hr/sr", {"Andreja Dudu", "Andreju Dudi", "Andrejem Dudom"}),
    ],
)
def test_a_stem_surnames_of_men_decline_in_each_slavic_language(group: str, expected: set):
    given = "Andrzej" if group == "pl" else "Andrej"
    forms = inflections(f"{given} Duda", {group})
    assert expected <= forms, expected - forms


def test_polish_a_stems_soften_before_the_dative_ending():
    assert "Belce" in inflections("Belka", {"pl"})  # k → c
    assert "Hołowni" in inflections("Hołownia", {"pl"})  # a soft stem keeps its i
    assert "Hołowniy" not in inflections("Hołownia", {"pl"})


def test_a_final_ek_loses_its_e_before_a_case_ending():
    assert {"Franciszka", "Franciszkowi", "Franciszkiem"} <= inflections("Franciszek", {"pl"})
    assert "Franciszeka" not in inflections("Franciszek", {"pl"})
    assert {"Mirka Topolánka", "Mirkem Topolánkem"} <= inflections("Mirek Topolánek", {"cs"})
    assert "Drnovška" in inflections("Drnovšek", {"sl/hr/sr"})
