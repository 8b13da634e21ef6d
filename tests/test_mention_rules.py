"""Mention rules that hold on real pages: names of places and organisations, spellings without
diacritics that are common words, given names after the full name, and leaders who left office
before 2000. Texts written for these tests, in the styles news sites use."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tasks.mentions.forms import default_titles, generate_forms, load_named_after
from tasks.mentions.matcher import MentionMatcher, given_names, parse_leaders
from tasks.mentions.registry import default_leaders


@pytest.fixture(scope="module")
def shipped(shipped_matcher: MentionMatcher) -> MentionMatcher:
    return shipped_matcher


def counts(matcher: MentionMatcher, body: str, language: str = "en") -> dict[str, int]:
    """Mentions per leader, with the forms of the article's language (as the ingest counts)."""
    return dict(Counter(mention.leader for mention in matcher.find(body, language)))


def test_a_name_beside_a_named_after_word_is_a_place_or_an_organisation(shipped: MentionMatcher):
    body = (
        "O ex-presidente Lula recebeu a visita no Instituto Lula, em São Paulo. "
        "Depois, Lula falou com a imprensa."
    )
    assert counts(shipped, body, "pt") == {"Luiz Inácio Lula da Silva": 2}
    english = "Trump hosted donors at Trump Tower and the Trump Hotel before Trump flew to Ohio."
    assert counts(shipped, english) == {"Donald Trump": 2}


def test_named_after_words_are_matched_as_written():
    # `via Putin` is a route through the man; only the capitalised word names a place.
    words = load_named_after()
    assert "Instituto" in words.before and "Tower" in words.after
    assert "instituto" not in words.before


def test_a_spelling_without_diacritics_that_the_list_holds_as_ambiguous_stays_ambiguous():
    leaders = parse_leaders(
        [
            {"leader": "Jonas Gahr Støre", "country": "Norway", "alias": a, "kind": k}
            for a, k in (("Jonas Gahr Støre", "name"), ("Støre", "name"), ("Store", "ambiguous"))
        ]
    )
    triples = ((a.leader, a.text, a.kind) for a in leaders.aliases)
    forms = {form: kind for _, form, kind in generate_forms(triples, frozenset(), ())}
    assert forms["Stores"] == "ambiguous"  # as `Store` is: a common word in English
    assert forms["Støres"] == "name"  # the Norwegian genitive keeps its letters and its kind
    matcher = MentionMatcher(leaders.aliases)
    assert matcher.count("How Git Stores Data: a guide for beginners.") == {}
    assert matcher.count("Jonas Gahr Støre svarte. Stores regjering falt ikke.") == {
        "Jonas Gahr Støre": 2
    }


def test_a_given_name_counts_after_the_full_name(shipped: MentionMatcher):
    body = (
        "Keir Starmer arrived in Washington on Monday. Aides said Keir had prepared for weeks, "
        "and Starmer's team was upbeat. “Keir knows what he wants,” one minister said."
    )
    assert counts(shipped, body) == {"Keir Starmer": 4}


def test_a_given_name_before_the_full_name_does_not_count(shipped: MentionMatcher):
    body = "Keir, as friends call him, was late. Keir Starmer then spoke to reporters."
    assert counts(shipped, body) == {"Keir Starmer": 1}


def test_a_given_name_that_another_person_in_the_article_has_counts_for_nobody(
    shipped: MentionMatcher,
):
    body = (
        "Donald Trump called Donald Tusk on Friday. Donald said the call was good, "
        "and Trump agreed."
    )
    assert counts(shipped, body) == {"Donald Trump": 2, "Donald Tusk": 1}
    other = "Donald Trump praised Donald Rumsfeld in a speech. Later Donald left the stage."
    assert counts(shipped, other) == {"Donald Trump": 1}


def test_a_given_name_after_a_capitalised_word_is_part_of_another_name(shipped: MentionMatcher):
    body = (
        "Keir Starmer opened the summit in London.  Analyst Mary Keir said little would change. "
        "Ruth Keir contributed to this report."
    )
    assert counts(shipped, body) == {"Keir Starmer": 1}


def test_given_names_leave_out_surnames_written_first_and_common_words():
    given = given_names(default_leaders().aliases, default_titles(), frozenset({"mark"}))
    assert given["Keir Starmer"] == "Keir"
    assert given["Donald Trump"] == "Donald"
    assert "Xi Jinping" not in given  # `Jinping` is not a surname
    assert "Kim Jong-un" not in given
    assert given.get("Mark Rutte") is None  # `Mark` is a common word, on the stop list here


def test_leaders_who_left_office_before_2000_are_counted(shipped: MentionMatcher):
    body = (
        "The treaty, signed by Ronald Reagan and Mikhail Gorbachev in 1987, outlived both. "
        "Reagan's aides doubted it; Gorbachev did not. Margaret Thatcher had urged it, and "
        "Thatcher later said so. George H. W. Bush kept it, as did George W. Bush."
    )
    assert counts(shipped, body) == {
        "Ronald Reagan": 2,
        "Mikhail Gorbachev": 2,
        "Margaret Thatcher": 2,
        "George H. W. Bush": 1,
        "George W. Bush": 1,
    }


def test_a_surname_two_presidents_share_counts_for_the_one_named_in_full(
    shipped: MentionMatcher,
):
    body = "George H. W. Bush signed the bill in 1990. Bush called it a start."
    assert counts(shipped, body) == {"George H. W. Bush": 2}
    both = "George H. W. Bush and his son George W. Bush met. Bush smiled."
    assert counts(shipped, both) == {"George H. W. Bush": 1, "George W. Bush": 1}


def test_a_titled_surname_two_presidents_share_counts_for_the_one_in_office_that_day(
    shipped: MentionMatcher,
):
    # Wire copy of the 2000s names the president by title and surname alone; the father held
    # the same office a decade before. Without a date, or on a day neither held it, it is
    # neither of them.
    body = (
        "President Bush telephoned the new prime minister on Tuesday. Mr Bush, speaking at "
        "his ranch in Crawford, said the two had agreed to meet in the spring."
    )
    found = shipped.find(body, "en", date(2006, 2, 7))
    assert Counter(m.leader for m in found) == {"George W. Bush": 2}
    assert Counter(m.leader for m in shipped.find(body, "en", date(1991, 2, 7))) == {
        "George H. W. Bush": 2
    }
    assert shipped.find(body, "en", date(2015, 2, 7)) == []
    assert shipped.find(body, "en") == []
    # On a day neither held the office, the one named in full is the one.
    named = "George W. Bush spoke in Dallas. President Bush praised the troops."
    assert Counter(m.leader for m in shipped.find(named, "en", date(2015, 2, 7))) == {
        "George W. Bush": 2
    }


def test_a_titled_surname_is_the_sitting_one_even_beside_the_other_named_in_full(
    shipped: MentionMatcher,
):
    # The father named in full as a past holder does not make `President Bush` his while the
    # son is in office; `former President Bush` is the one out of office that day.
    body = (
        "In Beijing, President Bush, who watched the opening ceremony with his father, former "
        "President George H. W. Bush, said he had raised human rights with his hosts."
    )
    found = Counter(m.leader for m in shipped.find(body, "en", date(2008, 8, 10)))
    assert found == {"George W. Bush": 1, "George H. W. Bush": 1}
    former = (
        "Former President Bush will attend the ceremony. President Clinton said former "
        "President Bush had been a friend."
    )
    for day in (date(1996, 3, 1), date(2006, 3, 1)):
        found = Counter(m.leader for m in shipped.find(former, "en", day))
        assert found == {"George H. W. Bush": 2, "Bill Clinton": 1}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Pope Benedict XVI announced his resignation on Monday. Benedict, who is 85, said "
            "his strength was no longer enough. Felipe VI opened the session; Felipe spoke.",
            {"Pope Benedict XVI": 2, "Felipe VI": 2},
        ),
        # before the full name, or beside another Felipe named in full, it is nobody's
        (
            "Felipe spoke first. Felipe VI met Felipe Calderón; Felipe thanked him.",
            {"Felipe VI": 1, "Felipe Calderón": 1},
        ),
    ],
)
def test_a_regnal_name_after_the_full_name_counts_for_that_monarch_or_pope(
    shipped: MentionMatcher, body: str, expected: dict[str, int]
):
    assert counts(shipped, body) == expected


def test_a_word_of_government_after_an_ambiguous_surname_makes_it_the_leaders(
    shipped: MentionMatcher,
):
    body = "She advised the Carter administration on energy before joining the bank."
    assert counts(shipped, body) == {"Jimmy Carter": 1}
    assert counts(shipped, "Carter scored twice for the visitors.") == {}
    # two presidents named Bush: `the Bush administration` could be either, so it is neither
    assert counts(shipped, "Under the Bush administration, taxes fell.") == {}


def test_an_ambiguous_surname_after_another_given_name_is_another_persons(
    shipped: MentionMatcher,
):
    # Abe is ambiguous: it counts beside Shinzo Abe's full name, but not as part of another
    # Abe's name, whose given name stands before it inside a sentence.
    body = (
        "Shinzo Abe led Japan longer than anyone. At the memorial the historian Hiroshi Abe "
        "spoke first, and Abe's portrait hung above the stage."
    )
    assert counts(shipped, body) == {"Shinzo Abe": 2}
    # A title or honorific before the surname is no given name, nor a word opening a sentence.
    body = "Shinzo Abe met the press. Prime Minister Abe spoke first. Later Abe left, and Mr Abe flew home."
    assert counts(shipped, body) == {"Shinzo Abe": 4}
    # Khan is as ambiguous: beside Imran Khan's full name `Mr Khan` is his, the mayor is not
    body = (
        "Imran Khan spoke in Lahore, and Mr Khan said the vote was rigged. In London the mayor "
        "Sadiq Khan kept out of it."
    )
    assert counts(shipped, body) == {"Imran Khan": 2}


def test_a_surname_and_title_two_leaders_share_counts_for_the_one_named_in_full(
    shipped: MentionMatcher,
):
    # `김 위원장` (Chairman Kim) is a form of Kim Jong-un's and of other Kims' names: beside his
    # full name it is his
    body = "북한 김정은 국무위원장이 시정연설을 했다. 김 위원장은 헌법 개정을 지시했다."
    assert counts(shipped, body, "ko") == {"Kim Jong-un": 2}
    # a pope's given name alone counts beside his full title and name, not for a namesake
    body = "Papa Francesco ha ricevuto i vescovi. Francesco ha parlato a lungo; Francesco Totti no."
    assert counts(shipped, body, "it") == {"Pope Francis": 2}


def test_a_name_and_its_reading_or_spelling_in_brackets_are_one_mention(shipped: MentionMatcher):
    japanese = "韓国の李在明（イ・ジェミョン）大統領は来週、東京を訪れる。李氏は首相と会談する。"
    found = shipped.find(japanese, "ja")
    assert found[0].alias == "李在明（イ・ジェミョン）"
    assert counts(shipped, japanese, "ja") == {"Lee Jae-myung": 2}
    english = "Recep Tayyip Erdoğan ( Erdogan ) flew to Baku; Erdoğan met Ilham Aliyev there."
    assert counts(shipped, english) == {"Recep Tayyip Erdoğan": 2, "Ilham Aliyev": 1}


def test_two_leaders_or_other_words_in_brackets_stay_apart(shipped: MentionMatcher):
    body = "Emmanuel Macron (with Olaf Scholz) and Olaf Scholz (Scholz's aide said) spoke."
    assert counts(shipped, body) == {"Emmanuel Macron": 1, "Olaf Scholz": 3}


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("it", "Domenica papa Leone ha pregato per la pace.", {"Pope Leo XIV": 1}),
        ("it", "Il ricordo di papa Francesco resta vivo.", {"Pope Francis": 1}),
        ("es", "El papa León recibió al presidente.", {"Pope Leo XIV": 1}),
        ("pt", "O papa Leão falou aos jovens.", {"Pope Leo XIV": 1}),
        ("fr", "Le pape Léon a reçu le président.", {"Pope Leo XIV": 1}),
        ("de", "Papst Leo sprach vom Balkon.", {"Pope Leo XIV": 1}),
        ("pl", "Wierni żegnali papieża Franciszka w Rzymie.", {"Pope Francis": 1}),
        ("ru", "Папа Римский Лев провёл мессу.", {"Pope Leo XIV": 1}),
        # Without a title the given name is anyone's; an earlier pope is not the sitting one.
        ("it", "Leone ha segnato due gol.", {}),
        ("de", "Papst Leo XIII. schrieb die Enzyklika.", {}),
        ("pt", "Em Serra Leoa e na Sierra Leone votou-se.", {}),
    ],
)
def test_a_papal_title_before_a_popes_given_name_counts(
    shipped: MentionMatcher, language: str, body: str, expected: dict
):
    assert counts(shipped, body, language) == expected


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "es",
            "La escritora Isabel Allende recordó a su tío Salvador Allende; Allende murió "
            "en La Moneda.",
            {"Salvador Allende": 2},
        ),
        (
            "pt",
            "Graça Machel visitou Maputo, onde Samora Machel é lembrado. Machel morreu em 1986.",
            {"Samora Machel": 2},
        ),
        ("ja", "朴正熙元大統領の生家を訪れた。", {"Park Chung Hee": 1}),
        (
            "en",
            "Flights to Soekarno-Hatta were delayed; Sukarno's portrait hangs there. Suharto "
            "replaced him, and Ho Chi Minh City renamed its streets after Ho Chi Minh.",
            {"Sukarno": 1, "Suharto": 1, "Ho Chi Minh": 1},
        ),
        (
            "en",
            "Pierre Trudeau's son Justin Trudeau echoed Ayatollah Khomeini's critics; "
            "Kim Il Sung Square was empty as Kim Il Sung's grandson Kim Jong-un spoke.",
            {
                "Pierre Trudeau": 1,
                "Justin Trudeau": 1,
                "Ruhollah Khomeini": 1,
                "Kim Il Sung": 1,
                "Kim Jong-un": 1,
            },
        ),
    ],
)
def test_leaders_of_before_2000_named_in_todays_news(
    shipped: MentionMatcher, language: str, body: str, expected: dict
):
    assert counts(shipped, body, language) == expected


def test_the_health_law_named_after_obama_is_not_obama(shipped: MentionMatcher):
    assert counts(shipped, "医院仍按奥巴马医改时期的规则报销。", "zh") == {}
    assert counts(shipped, "オバマケアの見直しが議論された。", "ja") == {}
    assert counts(shipped, "오바마케어 폐지 법안이 다시 올라왔다. 오바마는 침묵했다.", "ko") == {
        "Barack Obama": 1
    }


def test_common_given_names_of_earlier_leaders_are_not_their_mentions(shipped: MentionMatcher):
    # `Salvador` is also a Brazilian city, `Juan` and `Muhammad` too common to be one person.
    body = (
        "O voo de Salvador Allende para o Brasil é lembrado; Salvador recebeu exilados. "
        "Juan Perón volvió en 1973 y Juan, el portero, abrió la puerta."
    )
    assert counts(shipped, body, "pt") == {"Salvador Allende": 1, "Juan Perón": 1}
