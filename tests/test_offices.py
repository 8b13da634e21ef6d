"""References by office: found in many languages, resolved at the article's date, and left
out where they do not name the sitting holder."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from tasks.errors import KabarError
from tasks.mentions.matcher import Term
from tasks.mentions.offices import (
    OfficeHolders,
    OfficeMatcher,
    load_lexicon,
    lower_in_place,
    resolve,
    title_of_office,
)
from tasks.settings import ROOT

LEXICON = ROOT / "data" / "offices"

TERMS = (
    Term(
        "President of Russia",
        "Russia",
        "head_of_state",
        "Vladimir Putin",
        date(2000, 5, 7),
        date(2008, 5, 7),
    ),
    Term(
        "President of Russia",
        "Russia",
        "head_of_state",
        "Dmitry Medvedev",
        date(2008, 5, 7),
        date(2012, 5, 7),
    ),
    Term(
        "President of Russia", "Russia", "head_of_state", "Vladimir Putin", date(2012, 5, 7), None
    ),
    Term(
        "Prime Minister of Russia",
        "Russia",
        "head_of_government",
        "Mikhail Mishustin",
        date(2020, 1, 16),
        None,
    ),
    Term(
        "President of the United States",
        "United States",
        "head_of_state_and_government",
        "Joe Biden",
        date(2021, 1, 20),
        date(2025, 1, 20),
    ),
    Term(
        "President of the United States",
        "United States",
        "head_of_state_and_government",
        "Donald Trump",
        date(2025, 1, 20),
        None,
    ),
    Term(
        "Chancellor of Germany",
        "Germany",
        "head_of_government",
        "Olaf Scholz",
        date(2021, 12, 8),
        date(2025, 5, 6),
    ),
    Term(
        "Chancellor of Germany",
        "Germany",
        "head_of_government",
        "Friedrich Merz",
        date(2025, 5, 6),
        None,
    ),
    Term("President of China", "China", "head_of_state", "Xi Jinping", date(2013, 3, 14), None),
    Term(
        "President of South Korea",
        "South Korea",
        "head_of_state_and_government",
        "Yoon Suk Yeol",
        date(2022, 5, 10),
        date(2025, 4, 4),
    ),
    Term("Pope", "Holy See", "head_of_state", "Pope Francis", date(2013, 3, 13), date(2025, 4, 21)),
    Term("Prime Minister of Japan", "Japan", "head_of_government", "Fumio Kishida",
         date(2021, 10, 4), date(2024, 10, 1)),
    Term("President of France", "France", "head_of_state", "Emmanuel Macron",
         date(2017, 5, 14), None),
    Term("Prime Minister of Spain", "Spain", "head_of_government", "Pedro Sánchez",
         date(2018, 6, 2), None),
    Term("Prime Minister of Australia", "Australia", "head_of_government", "Tony Abbott",
         date(2013, 9, 18), date(2015, 9, 15)),
    Term("President of Ukraine", "Ukraine", "head_of_state", "Volodymyr Zelensky",
         date(2019, 5, 20), None),
    Term("President of Turkey", "Turkey", "head_of_state_and_government", "Recep Tayyip Erdoğan",
         date(2014, 8, 28), None),
    Term("President of Egypt", "Egypt", "head_of_state", "Abdel Fattah el-Sisi",
         date(2014, 6, 8), None),
    Term("Prime Minister of Australia", "Australia", "head_of_government", "Anthony Albanese",
         date(2022, 5, 23), None),
)  # fmt: skip
SEPTEMBER_2023 = date(2023, 9, 15)


HOLDERS = OfficeHolders(TERMS)


@pytest.fixture(scope="module")
def matcher() -> OfficeMatcher:
    return OfficeMatcher(load_lexicon(LEXICON))


def found(matcher, text, day=SEPTEMBER_2023, named=(), language=None):
    candidates = matcher.candidates(text, named, language)
    return [(r.leader, r.kind, r.text) for r in resolve(candidates, text, day, HOLDERS, named)]


@pytest.mark.parametrize(
    ("text", "leader", "surface"),
    [
        (
            "The Russian president told reporters on Friday that talks would go on.",
            "Vladimir Putin",
            "Russian president",
        ),
        (
            "Pemimpin Rusia tersebut menyebut sanksi Barat tidak berhasil.",
            "Vladimir Putin",
            "Pemimpin Rusia",
        ),
        (
            "Presiden Rusia menghadiri forum ekonomi di Vladivostok.",
            "Vladimir Putin",
            "Presiden Rusia",
        ),
        (
            "Как заявил президент России, переговоры продолжатся.",
            "Vladimir Putin",
            "президент России",
        ),
        ("Der Bundeskanzler reiste am Montag nach Paris.", "Olaf Scholz", "Bundeskanzler"),
        (
            "Selon le président russe, les sanctions ont échoué.",
            "Vladimir Putin",
            "président russe",
        ),
        (
            "El presidente ruso habló por teléfono con su homólogo.",
            "Vladimir Putin",
            "presidente ruso",
        ),
        ("러시아 대통령은 이날 회의에서 연설했다.", "Vladimir Putin", "러시아 대통령"),
        ("俄罗斯总统当天发表讲话。", "Vladimir Putin", "俄罗斯总统"),
        ("ロシア大統領は記者会見で述べた。", "Vladimir Putin", "ロシア大統領"),
        ("Rusya Devlet Başkanı açıklama yaptı.", "Vladimir Putin", "Rusya Devlet Başkanı"),
        (
            "Jak powiedział prezydent Rosji, rozmowy będą kontynuowane.",
            "Vladimir Putin",
            "prezydent Rosji",
        ),
        ("وقال الرئيس الروسي إن المحادثات ستستمر.", "Vladimir Putin", "الرئيس الروسي"),
        (
            "Russia's prime minister opened the session.",
            "Mikhail Mishustin",
            "Russia's prime minister",
        ),
        ("The US president signed the bill.", "Joe Biden", "US president"),
        ("China's president arrived in the evening.", "Xi Jinping", "China's president"),
    ],
)
def test_an_office_resolves_to_its_holder_on_the_day(matcher, text, leader, surface):
    assert found(matcher, text) == [(leader, "office", surface)]


def test_the_same_words_name_whoever_held_the_office_that_day(matcher):
    text = "The Russian president spoke to the nation."
    assert found(matcher, text, date(2010, 6, 1)) == [
        ("Dmitry Medvedev", "office", "Russian president")
    ]
    assert found(matcher, text, date(2005, 6, 1)) == [
        ("Vladimir Putin", "office", "Russian president")
    ]
    assert found(matcher, "The US president vetoed it.", date(2025, 3, 1))[0][0] == "Donald Trump"
    assert found(matcher, "Der Bundeskanzler sprach.", date(2025, 6, 1))[0][0] == "Friedrich Merz"


def test_an_undated_article_resolves_only_to_a_leader_it_names(matcher):
    assert found(matcher, "The Russian president spoke.", day=None) == []
    text = "Vladimir Putin flew in. The Russian president spoke."
    assert found(matcher, text, day=None, named=[("Vladimir Putin", 0, 14)]) == [
        ("Vladimir Putin", "office", "Russian president")
    ]
    # Medvedev has held the office too: with both named and no date, it is neither
    named = [("Vladimir Putin", 0, 14), ("Dmitry Medvedev", 19, 34)]
    text = "Vladimir Putin and Dmitry Medvedev flew in. The Russian president spoke."
    assert found(matcher, text, day=None, named=named) == []
    text = "Tony Abbott spoke. The Prime Minister’s adviser followed him."
    assert found(matcher, text, day=None, named=[("Tony Abbott", 0, 11)]) == [
        ("Tony Abbott", "office", "The Prime Minister")
    ]


def test_before_or_after_every_office_in_the_registry_nothing_resolves(matcher):
    assert found(matcher, "The Russian president spoke.", date(1999, 1, 1)) == []
    assert found(matcher, "The South Korean president spoke.", date(2025, 6, 1)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The former Russian president wrote a memoir.",
        "Russia's former president wrote a memoir.",
        "The vice president of the United States visited Ohio.",
        "The US president-elect named his cabinet.",
        "Mantan Presiden Rusia itu menulis memoar.",
        "Бывший президент России выступил с лекцией.",
        "Вице-президент США прибыл в Киев.",
        "The presidents of Russia and China met.",
        "俄罗斯前总统发表讲话。",
        "미국 전 대통령이 연설했다.",
        "Der ehemalige Bundeskanzler schrieb ein Buch.",
        "O ex-presidente russo falou.",
        "El presidente electo de Estados Unidos habló.",
        "The US presidential race tightened.",
    ],
)
def test_references_to_anyone_but_the_sitting_holder_are_left_out(matcher, text):
    assert found(matcher, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Joe Biden toured the plant. The president of the union thanked him.",
        "Joe Biden toured the plant; he was the first US president to do so.",
    ],
)
def test_a_bare_title_of_something_else_or_a_class_is_nobody(matcher, text):
    # the union's president is the union's; "the first US president to" is a class of people
    assert found(matcher, text, named=[("Joe Biden", 0, 9)]) == []


@pytest.mark.parametrize(
    ("text", "leader", "name", "day", "language"),
    [
        # an ordinal counts the office's holders one by one
        ("Joe Biden es el segundo presidente de Estados Unidos de fe católica.", "Joe Biden", "Joe Biden", date(2021, 3, 1), "es"),
        # Japanese puts "as" after the title: the office held, not a reference to its holder
        ("岸田文雄氏は就任後、首相として初めて広島を訪れた。", "Fumio Kishida", "岸田文雄", date(2022, 5, 1), "ja"),
    ],
)  # fmt: skip
def test_one_of_an_office_s_holders_in_turn_or_the_office_held_is_no_reference(
    matcher, text, leader, name, day, language
):
    assert found(matcher, text, day, named_at(text, name, leader), language) == []


def test_a_title_in_apposition_after_someone_else_s_name_is_theirs(matcher):
    # Britain's chancellor is its finance minister: "the chancellor" after his name is his,
    # not Germany's chancellor, whom the article also names.
    text = (
        "Olaf Scholz called London after the vote. Rachel Reeves, the chancellor, said markets "
        "were calm. Scholz later spoke to the Bundestag."
    )
    named = [*named_at(text, "Olaf Scholz", "Olaf Scholz"), ("Olaf Scholz", 97, 103)]
    assert found(matcher, text, named=named) == []
    # a place or a time before the comma is no name: the chancellor is Scholz
    for opening in ("On Monday, the chancellor", "Back in New York, the chancellor"):
        text = f"Olaf Scholz flew out. {opening} said markets were calm."
        assert found(matcher, text, named=named_at(text, "Olaf Scholz", "Olaf Scholz")) == [
            ("Olaf Scholz", "office", "the chancellor")
        ]


def test_a_bare_title_followed_by_a_complement_is_someone_elses_in_other_languages(matcher):
    text = "Joe Biden kam in Berlin an. Der Präsident des Fußballvereins begrüßte ihn."
    assert found(matcher, text, named=[("Joe Biden", 0, 9)]) == []
    text = "Joe Biden kam in Berlin an. Der Präsident sprach lange."
    assert found(matcher, text, named=[("Joe Biden", 0, 9)]) == [
        ("Joe Biden", "office", "Der Präsident")
    ]


def named_at(text: str, name: str, leader: str = "Vladimir Putin") -> list[tuple[str, int, int]]:
    """The name mention of `leader` where `name` first stands in `text`."""
    start = text.index(name)
    return [(leader, start, start + len(name))]


def test_a_title_joined_to_a_name_is_part_of_the_name_mention(matcher):
    text = "Russian President Vladimir V. Putin met the envoy."
    assert found(matcher, text, named=named_at(text, "Putin")) == []
    text = "Presiden Rusia Vladimir Putin menerima tamu."
    assert found(matcher, text, named=named_at(text, "Vladimir Putin")) == []
    assert found(matcher, "푸틴 대통령은 말했다.", named=[("Vladimir Putin", 0, 2)]) == []
    assert found(matcher, "プーチン大統領は述べた。", named=[("Vladimir Putin", 0, 4)]) == []
    # so is one with the name in apposition
    text = "Russia's president, Vladimir Putin, met the envoy."
    assert found(matcher, text, named=named_at(text, "Vladimir Putin")) == []
    # a name further on, or in another clause, is not in apposition
    text = "Russia's president, who met the envoy, thanked Vladimir Putin's aides."
    assert found(matcher, text, named=named_at(text, "Vladimir Putin")) == [
        ("Vladimir Putin", "office", "Russia's president")
    ]


def test_a_name_with_a_case_ending_after_a_comma_is_no_apposition(matcher):
    # Turkish puts a comma after the subject: `Rusya Devlet Başkanı, Erdoğan'ı` is the Russian
    # president receiving Erdoğan, not Erdoğan's title; `..., Erdoğan ile` would be his
    text = "Rusya Devlet Başkanı, Erdoğan'ı Soçi'de ağırladı."
    named = [("Recep Tayyip Erdoğan", 22, 29)]
    assert found(matcher, text, named=named, language="tr") == [
        ("Vladimir Putin", "office", "Rusya Devlet Başkanı")
    ]
    text = "Russia's president, Vladimir Putin's closest ally, spoke."
    assert found(matcher, text, named=named_at(text, "Vladimir Putin")) == []


def test_a_bare_title_resolves_to_the_one_named_leader_holding_such_an_office(matcher):
    text = "Joe Biden flew to Detroit. The president praised the workers."
    named = [("Joe Biden", 0, 9)]
    assert found(matcher, text, named=named) == [("Joe Biden", "office", "The president")]
    # two sitting presidents named: "the president" could be either, so it counts for neither
    text = "Joe Biden met Xi Jinping. The president said trade would grow."
    named = [("Joe Biden", 0, 9), ("Xi Jinping", 14, 24)]
    assert found(matcher, text, named=named) == []
    # unless the article is about one of them, named at least twice as often as the other
    text = "Joe Biden met Xi Jinping. Biden said trade would grow; Biden left. The president won."
    named = [("Joe Biden", 0, 9), ("Xi Jinping", 14, 24), ("Joe Biden", 26, 31)]
    assert found(matcher, text, named=named) == [("Joe Biden", "office", "The president")]
    named.append(("Xi Jinping", 60, 62))  # one more mention of Xi: neither stands out
    assert found(matcher, text, named=named) == []
    # a named leader out of office is no "president": the president is the holder of the
    # country the article is about
    text = "Dmitry Medvedev wrote again. The president did not answer."
    named = [("Dmitry Medvedev", 0, 15)]
    assert found(matcher, text, named=named) == [("Vladimir Putin", "office", "The president")]


# (text, leader, the leader's name as the text begins with it, the reference)
BARE_TITLES = [
    # Korean, Japanese and Chinese write the bare title with no article, and Korean and Japanese
    # join particles to it
    ("윤석열 대통령이 담화를 냈다. 대통령은 이후 사과했다.", "Yoon Suk Yeol", "윤석열", "대통령"),
    ("岸田文雄首相が訪米した。首相は会談後に述べた。", "Fumio Kishida", "岸田文雄", "首相"),
    ("拜登抵达旧金山。总统表示，会谈富有成果。", "Joe Biden", "拜登", "总统"),
    ("Emmanuel Macron est arrivé. Le chef de l'État a salué les élus.", "Emmanuel Macron",
     "Emmanuel Macron", "Le chef de l'État"),
    ("Pedro Sánchez llegó. El presidente del Gobierno habló.", "Pedro Sánchez", "Pedro Sánchez",
     "presidente del Gobierno"),
    # Russian, Ukrainian, Turkish and Arabic have no article before it either
    ("Владимир Путин прибыл в Минск. Президент заявил о переговорах.", "Vladimir Putin",
     "Владимир Путин", "Президент"),
    ("Володимир Зеленський відвідав Харків. Президент наголосив на захисті.",
     "Volodymyr Zelensky", "Володимир Зеленський", "Президент"),
    ("Recep Tayyip Erdoğan konuştu. Cumhurbaşkanı, yeni adımlar açıkladı.",
     "Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan", "Cumhurbaşkanı"),
    ("عبد الفتاح السيسي في أسوان. وقال الرئيس إن المشروع كبير.", "Abdel Fattah el-Sisi",
     "عبد الفتاح السيسي", "الرئيس"),
    # German capitalises every noun: one right after the title is no complement
    ("Olaf Scholz reiste nach Kiew. Es hieß, dass der Kanzler Waffen liefern wolle.",
     "Olaf Scholz", "Olaf Scholz", "der Kanzler"),
    ("Olaf Scholz empfing die Gäste. Das Staatsoberhaupt fehlte, der Kanzler sprach.",
     "Olaf Scholz", "Olaf Scholz", "der Kanzler"),
    # Indonesian writes it bare too; a company's president director is not the president
    ("Joe Biden tiba di Bali. Presiden mengatakan, Presiden Direktur PT Maju tidak hadir.",
     "Joe Biden", "Joe Biden", "Presiden"),
]  # fmt: skip

# (text, leader, name): the title is an institution's, a compound's or someone else's
NOT_THE_HOLDER = [
    # the presidential office, the election, the residence, a former one, a committee's chair
    ("윤석열 대통령이 도착했다. 대통령실은 입장을 밝혔다.", "Yoon Suk Yeol", "윤석열"),
    ("윤석열 대통령이 도착했다. 대통령 선거가 다가온다.", "Yoon Suk Yeol", "윤석열"),
    ("윤석열 대통령이 도착했다. 대통령선거가 다가온다.", "Yoon Suk Yeol", "윤석열"),
    ("岸田文雄首相が訪米した。首相官邸は声明を出した。", "Fumio Kishida", "岸田文雄"),
    ("岸田文雄首相が訪米した。元首相が講演した。", "Fumio Kishida", "岸田文雄"),
    # a surname before a Korean title makes it that person's name, here a visiting President Kim
    ("윤석열 대통령이 손님을 맞았다. 김 대통령은 회담 뒤 떠났다.", "Yoon Suk Yeol", "윤석열"),
    ("拜登抵达旧金山。总统府发表声明。", "Joe Biden", "拜登"),
    ("拜登抵达旧金山。委员会主席发言。", "Joe Biden", "拜登"),
    ("Pedro Sánchez llegó. El jefe del Estado, el rey, calló.", "Pedro Sánchez", "Pedro Sánchez"),
    # a capitalised word right after the title says whose title it is
    ("Emmanuel Macron est arrivé. Le président Gianni Infantino l'a reçu.", "Emmanuel Macron",
     "Emmanuel Macron"),
    ("Владимир Путин прибыл. Президент Сбербанка рассказал о кредитах.", "Vladimir Putin",
     "Владимир Путин"),
    ("Владимир Путин прибыл. Президент Роснефти рассказал о добыче.", "Vladimir Putin",
     "Владимир Путин"),
    # a complement in the genitive, or an Arabic adjective after the title
    ("Владимир Путин прибыл. Президент компании отказался от комментариев.", "Vladimir Putin",
     "Владимир Путин"),
    ("Володимир Зеленський прибув. Президент клубу оголосив про матч.", "Volodymyr Zelensky",
     "Володимир Зеленський"),
    ("عبد الفتاح السيسي في أسوان. وحضر الرئيس التنفيذي للشركة.", "Abdel Fattah el-Sisi",
     "عبد الفتاح السيسي"),
    ("عبد الفتاح السيسي في أسوان. وأرسل الرئيس الكازاخستاني برقية.", "Abdel Fattah el-Sisi",
     "عبد الفتاح السيسي"),
    # an indefinite article makes it any holder: the class, not the sitting one
    ("Joe Biden flew in. It was the first visit by a US president in a decade.", "Joe Biden",
     "Joe Biden"),
    ("Emmanuel Macron est arrivé. Un président français ne vient jamais ici.", "Emmanuel Macron",
     "Emmanuel Macron"),
    # a region's adjective after the title: a regional premier, not the country's
    ("Emmanuel Macron est arrivé. Le président régional a protesté.", "Emmanuel Macron",
     "Emmanuel Macron"),
    ("Emmanuel Macron est arrivé. Le président catalan a protesté.", "Emmanuel Macron",
     "Emmanuel Macron"),
    ("Joe Biden tiba di Bali. Pemilihan presiden digelar tahun depan.", "Joe Biden", "Joe Biden"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "leader", "name", "surface"), BARE_TITLES)
def test_a_bare_title_in_other_languages_resolves_to_the_named_holder(
    matcher, text, leader, name, surface
):
    named = [(leader, 0, len(name))]
    assert found(matcher, text, date(2024, 6, 1), named) == [(leader, "office", surface)]


@pytest.mark.parametrize(("text", "leader", "name"), NOT_THE_HOLDER)
def test_a_bare_title_that_is_an_institution_or_someone_else_is_nobody(matcher, text, leader, name):
    assert found(matcher, text, date(2024, 6, 1), [(leader, 0, len(name))]) == []


def test_more_forms_of_bare_titles_resolve_to_the_named_holder(matcher):
    # German writes a prime minister `Premier` too; Russian declines `глава государства`
    text = "Pedro Sánchez empfing die Delegation. Der Premier sprach von Fortschritten."
    named = named_at(text, "Pedro Sánchez", "Pedro Sánchez")
    assert found(matcher, text, named=named, language="de") == [
        ("Pedro Sánchez", "office", "Der Premier")
    ]
    text = "Владимир Путин прилетел в Минск. Журналисты ждали главу государства у трапа."
    assert found(matcher, text, named=named_at(text, "Владимир Путин"), language="ru") == [
        ("Vladimir Putin", "office", "главу государства")
    ]


def test_a_bare_title_counts_only_in_the_articles_language(matcher):
    # Indonesian writes the prime minister bare as `PM`; in English that is no bare title
    text = "Olaf Scholz left office. The former PM and an ex-PM spoke; PM tomorrow."
    named = [("Olaf Scholz", 0, 11)]
    assert found(matcher, text, date(2024, 6, 1), named, language="en") == []
    text = "Anthony Albanese tiba di Jakarta. PM menyambut baik kerja sama itu."
    named = [("Anthony Albanese", 0, 16)]
    assert found(matcher, text, date(2024, 6, 1), named, language="id") == [
        ("Anthony Albanese", "office", "PM")
    ]
    assert found(matcher, text, date(2024, 6, 1), named, language="en") == []
    # a country's office counts whatever the language
    text = "Joe Biden spoke. Presiden Amerika Serikat itu tersenyum."
    assert found(matcher, text, date(2024, 6, 1), [("Joe Biden", 0, 9)], language="en") == [
        ("Joe Biden", "office", "Presiden Amerika Serikat")
    ]


@pytest.mark.parametrize(
    ("text", "country", "title"),
    [
        ("Der Sprecher von Matignon bestätigte es.", "France", "prime_minister"),
        ("Le locataire de Matignon a parlé.", "France", "prime_minister"),
        ("Глава Белого дома заявил о прогрессе.", "United States", "president"),
        ("وقال خادم الحرمين الشريفين إن المملكة تدعم السلام.", "Saudi Arabia", "monarch"),
        (
            "Переговоры с северокорейским руководителем длились час.",
            "North Korea",
            "supreme_leader",
        ),
        (
            "Журналисты ждали главу российского правительства у входа.",
            "Russia",
            "head_of_government",
        ),
        ("Хозяин Елисейского дворца позвонил в Москву.", "France", "president"),
        ("Al termine dell'udienza del papa i fedeli hanno applaudito.", "Holy See", "pope"),
        ("La presidenta de la Comisión visitó la frontera.", "European Union", "president"),
        ("首脳会談の後、インドの首相は記者団に語った。", "India", "prime_minister"),
    ],
)
def test_phrases_that_stand_for_an_office(matcher, text, country, title):
    # one country's office; Japanese writes a chancellor and a prime minister alike (首相)
    offices = {(c.country, c.title) for c in matcher.candidates(text)}
    assert (country, title) in offices and {c for c, _ in offices} == {country}


def test_metonyms_are_a_kind_of_their_own(matcher):
    assert found(matcher, "The Kremlin said the talks had stalled.") == [
        ("Vladimir Putin", "metonym", "The Kremlin")
    ]
    assert found(matcher, "The Kremlin leader said the talks had stalled.") == [
        ("Vladimir Putin", "office", "The Kremlin leader")
    ]
    assert found(matcher, "Der Kreml-Herrscher schwieg zu den Vorwürfen.") == [
        ("Vladimir Putin", "office", "Kreml-Herrscher")
    ]


def test_offsets_point_into_the_original_body(matcher):
    text = "İstanbul'da konuşan Rusya Devlet Başkanı açıklama yaptı."
    (reference,) = resolve(matcher.candidates(text), text, SEPTEMBER_2023, HOLDERS)
    assert text[reference.start : reference.end] == reference.text == "Rusya Devlet Başkanı"
    assert len(lower_in_place(text)) == len(text)


def test_office_names_give_their_titles():
    assert title_of_office("Prime Minister of the United Kingdom") == "prime_minister"
    assert title_of_office("Premier of China") == "prime_minister"
    assert title_of_office("Taoiseach of Ireland") == "prime_minister"
    assert title_of_office("Federal Chancellor of Austria") == "chancellor"
    assert title_of_office("King of Saudi Arabia") == "monarch"
    assert title_of_office("Supreme Leader of Iran") == "supreme_leader"
    assert title_of_office("Captain Regent of San Marino") is None


def copy_lexicon(tmp_path: Path) -> Path:
    target = tmp_path / "offices"
    target.mkdir()
    for path in LEXICON.glob("*.csv"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def append(path: Path, row: list[str]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(row)


@pytest.mark.parametrize(
    ("file", "row", "message"),
    [
        ("titles.csv", ["en", "duke", "duke"], "title 'duke' is not one of"),
        ("countries.csv", ["en", "Chile", "demonym", "Chilean"], "slot 'demonym' is not one of"),
        ("templates.csv", ["en", "country", "{name} {ruler}"], "a template holds {title}"),
        (
            "templates.csv",
            ["en", "bare", "{adjective} {title}"],
            "a bare template names no country",
        ),
        (
            "phrases.csv",
            ["en", "the Palace", "Thailand", "monarch", "rumour"],
            "kind 'rumour' is not one of",
        ),
        ("modifiers.csv", ["en", "around", "so-called"], "position 'around' is not one of"),
        ("leading.csv", ["Chile", ""], "missing title"),
        ("press.csv", ["pt", "Brasil"], "'Brasil' is no country of the lexicon"),
        ("local.csv", ["es", "España", "president", "prime_minister"], "'España' is no country"),
        ("local.csv", ["es", "Spain", "president", "premier"], "means 'premier' is not one of"),
    ],
)
def test_a_bad_lexicon_row_is_named_with_its_line(tmp_path, file, row, message):
    folder = copy_lexicon(tmp_path)
    append(folder / file, row)
    lines = (folder / file).read_text(encoding="utf-8").count("\n")
    with pytest.raises(KabarError, match=message) as error:
        load_lexicon(folder)
    assert f"{file}, line {lines}" in str(error.value)


def test_a_lexicon_file_with_another_header_says_which_header_it_needs(tmp_path):
    folder = copy_lexicon(tmp_path)
    (folder / "leading.csv").write_text("country,office\nChile,president\n", encoding="utf-8")
    with pytest.raises(KabarError, match="the header must be country,title"):
        load_lexicon(folder)


def test_every_queen_regnant_is_a_monarch_of_the_registry():
    """`queens.csv` names people as the registry spells them: a misspelt queen would leave `the
    Queen` naming nobody, with no error anywhere."""
    from tasks.mentions.offices import load_queens
    from tasks.mentions.registry import default_leaders

    monarchs = {
        term.person for term in default_leaders().terms if title_of_office(term.office) == "monarch"
    }
    queens = load_queens()
    assert queens and queens <= monarchs, sorted(queens - monarchs)
