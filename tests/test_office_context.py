"""References by office that the article's context resolves, with the shipped registry and
lexicon: the day one holder hands over to the next, the country an article is about, titles
after `new`, head-of-state phrases, and a title that names the office rather than its holder
(`sworn in as Nigeria's president`)."""

from __future__ import annotations

from datetime import date

import pytest

from tasks.mentions.matcher import MentionMatcher
from tasks.mentions.offices import OfficeHolders, OfficeMatcher, load_lexicon, resolve
from tasks.settings import OFFICE_LEXICON


@pytest.fixture(scope="module")
def reader(leaders, shipped_matcher: MentionMatcher):
    names = shipped_matcher
    offices = OfficeMatcher(load_lexicon(OFFICE_LEXICON))
    holders = OfficeHolders(leaders.terms)

    def read(text: str, language: str, day: date) -> list[tuple[str, str]]:
        named = [(m.leader, m.start, m.end) for m in names.find(text, language)]
        candidates = offices.candidates(text, named, language)
        found = resolve(candidates, text, day, holders, named)
        return [(r.leader, r.text) for r in found if r.kind == "office"]

    return read


# (text, language, day, references by office)
CASES = [
    # the day a new prime minister takes office, the office is the new one's
    ("Rishi Sunak drove to the palace, and Keir Starmer followed him. The prime minister "
     "then named his cabinet.", "en", date(2024, 7, 5), [("Keir Starmer", "The prime minister")]),
    ("Keir Starmer took questions. The new prime minister said the work starts now.", "en",
     date(2024, 7, 9), [("Keir Starmer", "The new prime minister")]),
    # a title nobody named holds: the holder in the country the article is about
    ("Pedro Sánchez habló en Sevilla. Después, Sánchez visitó al Rey en la Zarzuela.", "es",
     date(2024, 3, 12), [("Felipe VI", "al Rey")]),
    ("Bart De Wever a présenté son équipe. Le nouveau Premier ministre a ensuite vu le roi.",
     "fr", date(2025, 3, 4), [("Bart De Wever", "Le nouveau Premier ministre"),
                              ("Philippe of Belgium", "le roi")]),
    # ... or the one holder in the countries whose leaders it names (Canada's and Britain's king)
    ("Mark Carney met Keir Starmer, then Carney and Starmer flew on. Carney thanked the King.",
     "en", date(2025, 3, 17), [("Charles III", "the King")]),
    # a country named only through a leader who leads another named more often is that one's:
    # France's president is Andorra's co-prince, and the article is about France
    ("François Hollande spoke; Hollande and Manuel Valls met David Cameron. The prime minister "
     "left early.", "en", date(2015, 11, 14), [("Manuel Valls", "The prime minister")]),
    # ... and among named holders, the one of that country
    ("Narendra Modi opened the summit; Modi spoke of trade and Modi thanked Droupadi Murmu and "
     "Mohamed Muizzu. The President gave a dinner.", "en", date(2024, 6, 10),
     [("Droupadi Murmu", "The President")]),
    # the title as the office taken, not a reference to its holder
    ("Bola Tinubu was sworn in as Nigeria's president in Abuja on Monday.", "en",
     date(2023, 5, 29), []),
    ("Bola Tinubu spoke in Abuja, as the president had promised he would.", "en",
     date(2023, 6, 2), [("Bola Tinubu", "the president")]),
    ("Prabowo Subianto dilantik sebagai Presiden. Kepala Negara lalu melantik para menteri.",
     "id", date(2024, 10, 21), [("Prabowo Subianto", "Kepala Negara")]),
    # a holder that was overthrown is a past one
    ("Gabriel Boric habló en La Moneda junto a la hija del presidente derrocado en 1973.", "es",
     date(2023, 9, 11), []),
    # Polish writes the title bare; a city's president is the mayor
    ("Donald Tusk przyjechał do Brukseli. Premier zapowiedział zmiany w rządzie.", "pl",
     date(2024, 3, 1), [("Donald Tusk", "Premier")]),
    ("Donald Tusk przyjechał do Krakowa. Prezydent miasta powitał gości.", "pl",
     date(2024, 3, 1), []),
    ("Donald Tusk przyjechał. Głowa państwa i szef rządu rozmawiali godzinę.", "pl",
     date(2024, 3, 1), [("Andrzej Duda", "Głowa państwa"), ("Donald Tusk", "szef rządu")]),
    ("Володимир Зеленський виступив у Києві. Глава держави наголосив на єдності.", "uk",
     date(2024, 6, 1), [("Volodymyr Zelensky", "Глава держави")]),
    # a head of government by any title: Germany's chancellor, Brazil's president
    ("Olaf Scholz sprach im Bundestag. Der Regierungschef kündigte ein Sondervermögen an.", "de",
     date(2022, 2, 27), [("Olaf Scholz", "Der Regierungschef")]),
    ("Luiz Inácio Lula da Silva voltou a Brasília. O chefe do Executivo reuniu os governadores.",
     "pt", date(2023, 1, 9), [("Luiz Inácio Lula da Silva", "O chefe do Executivo")]),
    # a phrase two countries use is the holder's in the country the article is about
    ("Christian Stocker wurde vereidigt; Stocker dankte Alexander Van der Bellen. Der "
     "Bundespräsident mahnte Stabilität an.", "de", date(2025, 3, 3),
     [("Alexander Van der Bellen", "Bundespräsident")]),
    # ... or in the one whose leaders it names, where it is about no country above the others
    ("Olaf Scholz traf Donald Trump. Scholz und Trump sprachen lange; Trump reiste ab. Der "
     "Bundespräsident empfing Frank-Walter Steinmeiers Gäste.", "de", date(2024, 11, 7),
     [("Frank-Walter Steinmeier", "Bundespräsident")]),
    ("The chancellor-designate won only 310 votes; Friedrich Merz was elected later.", "en",
     date(2025, 5, 6), []),
    # Italy's `presidente del Consiglio` is its prime minister, not its president
    ("Giorgia Meloni ha parlato a Bruxelles. La presidente del Consiglio ha poi visto Sergio "
     "Mattarella.", "it", date(2024, 5, 2), [("Giorgia Meloni", "presidente del Consiglio")]),
    ("Der US-Präsident kündigte neue Zölle an.", "de", date(2025, 4, 1),
     [("Donald Trump", "US-Präsident")]),
    ("ABD Başkanı, Riyad'dan Katar'a geçti.", "tr", date(2025, 5, 14),
     [("Donald Trump", "ABD Başkanı")]),
    # an outgoing holder is still the holder until the successor takes over
    ("Andrés Manuel López Obrador received Claudia Sheinbaum. The outgoing president promised "
     "an orderly handover.", "en", date(2024, 6, 3),
     [("Andrés Manuel López Obrador", "The outgoing president")]),
    # a title with a word of its own before a name in apposition is that name's
    ("Daniel Chapo tomou posse. Antes, o Presidente cessante, Filipe Nyusi, despediu-se.", "pt",
     date(2025, 1, 20), []),
    # phrases for a holder: the tenant of the Élysée, the new pope, the head of Belarus
    ("Emmanuel Macron è arrivato a Roma. L'inquilino dell'Eliseo ha poi visto il nuovo Papa.",
     "it", date(2025, 5, 20), [("Emmanuel Macron", "inquilino dell'Eliseo"),
                               ("Pope Leo XIV", "il nuovo Papa")]),
    ("Лукашенко провел совещание. Глава Белоруссии потребовал отчета.", "ru", date(2025, 1, 27),
     [("Alexander Lukashenko", "Глава Белоруссии")]),
    ("Philippe a reçu les ministres. Le souverain a salué Bart De Wever.", "fr",
     date(2025, 3, 4), [("Philippe of Belgium", "Le souverain")]),
    # Chinese: appointed as premier is the office; the premier later is its holder
    ("全国人大决定任命李强为国务院总理。总理随后会见记者。", "zh", date(2023, 3, 11),
     [("Li Qiang", "总理")]),
    # a title after a name's reading in brackets belongs to that name
    ("韓国の尹錫悦（ユン・ソンニョル）大統領は3日、演説した。", "ja", date(2024, 12, 4), []),
    # the holder's office, past holders as a class, the office taken, a retired pope
    ("Emmanuel Macron left for Brussels. The president's office said he would return on "
     "Friday.", "en", date(2024, 3, 1), []),
    ("Prabowo Subianto melantik kabinet. Para presiden terdahulu, juga presiden kelima RI, "
     "tidak hadir.", "id", date(2024, 10, 21), []),
    ("国会选举石破茂为日本第一百零二任首相。历任首相中，这样的例子不多。", "zh", date(2024, 10, 1), []),
    ("石破茂氏は会見で「偉大な首相になる」と語った。", "ja", date(2025, 2, 8), []),
    ("Pope Francis visited the monastery, where the pope emeritus lives.", "en",
     date(2014, 5, 1), []),
    # Dutch: a bare title after its article, and a country's adjective before a title
    ("Mark Rutte sprak zaterdag met Recep Tayyip Erdoğan. De premier noemde de Turkse "
     "president daarna onredelijk.", "nl", date(2017, 3, 12),
     [("Mark Rutte", "De premier"), ("Recep Tayyip Erdoğan", "Turkse president")]),
    # Indonesian and Turkish capitalise the title of a holder: in lower case it is the office
    ("Joko Widodo dilantik hari ini, menggantikan Susilo Bambang Yudhoyono dalam jabatan "
     "presiden. Presiden lalu menyapa warga.", "id", date(2014, 10, 20),
     [("Joko Widodo", "Presiden")]),
    ("Recep Tayyip Erdoğan yemin ederek göreve başladı. Halkın "
     "seçtiği ilk cumhurbaşkanı akşam Köşk'e geçti. Cumhurbaşkanı orada bir konuşma yaptı.",
     "tr", date(2014, 8, 28), [("Recep Tayyip Erdoğan", "Cumhurbaşkanı")]),
    # the office as a body or a post still to fill: a statement from the Office of the
    # President, the Prime Minister's office in French, the head of government to designate
    ("John Dramani Mahama was sworn in. A statement from the Office of the President said the "
     "President would address the nation.", "en", date(2012, 7, 25),
     [("John Mahama", "the President")]),
    ("Mark Carney a remporté les élections. Sur l'avis du bureau du premier ministre, le "
     "premier ministre a convoqué la Chambre.", "fr", date(2025, 4, 29),
     [("Mark Carney", "le premier ministre")]),
    ("Luís Montenegro venceu as eleições. Marcelo Rebelo de Sousa vai indigitar o chefe do "
     "Governo, e o primeiro-ministro aguarda.", "pt", date(2025, 5, 19),
     [("Luís Montenegro", "o primeiro-ministro")]),
    # ordinal words in Russian and Polish: the first president is a class, not the holder
    ("Касым-Жомарт Токаев выступил в Астане. Он напомнил, что первый президент независимой "
     "республики правил почти тридцать лет.", "ru", date(2023, 3, 1), []),
    ("Andrzej Duda przemawiał w Sejmie. Przypomniał, że pierwszy prezydent wolnej Polski "
     "objął urząd w 1990 roku.", "pl", date(2023, 5, 3), []),
    # Korean: an ordinal between a name and its title, the office become or taken (`이
    # 되겠다`, `으로 취임`), the acting president, past presidents as a class (`역대`)
    ('문재인 제19대 대통령이 10일 취임했다. 대통령은 "국민 모두의 대통령이 되겠다"고 '
     "말했다. 대통령 권한대행 체제도 끝났다. 대통령은 오후 인선을 발표했다.", "ko",
     date(2017, 5, 10), [("Moon Jae-in", "대통령"), ("Moon Jae-in", "대통령")]),
    ("윤석열 대통령은 기시다 후미오 총리와 회담했다. 역대 대통령 가운데 처음이다. "
     "총리는 대통령을 만찬에 초대했다.", "ko", date(2023, 3, 16),
     [("Fumio Kishida", "총리"), ("Yoon Suk Yeol", "대통령")]),
    ("윤석열 대통령이 취임식에서 제20대 대통령으로 공식 취임했다. 대통령은 용산으로 출근했다.",
     "ko", date(2022, 5, 10), [("Yoon Suk Yeol", "대통령")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "day", "expected"), CASES)
def test_context_resolves_a_reference_by_office(reader, text, language, day, expected):
    assert reader(text, language, day) == expected
