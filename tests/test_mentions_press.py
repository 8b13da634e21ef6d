"""Names as the press of many languages writes them beside the full name: a foreign leader's
surname with a Korean title, both spellings of an Arabic `Abd al-` name, the short names papers
use (`Marcelo`, `Mega`, `Prof. Mills`), a family or a road named by the surname, a Korean given
name that holds a leader's surname, relatives, and leaders of before 2000 the registry holds.
Texts written for these tests, in the styles news sites use."""

from __future__ import annotations

from datetime import date

from tasks.mentions.matcher import MentionMatcher
from tests.test_mentions_archive import counts


def test_a_foreign_leader_s_hangul_surname_with_a_title_counts_beside_the_full_name(
    shipped_matcher: MentionMatcher,
):
    # A Japanese name in Hangul puts the surname first, a Western one last.
    body = (
        "기시다 후미오 일본 총리가 7일 서울에 도착했다. 기시다 총리는 회담에서 셔틀 외교를 "
        "강조했다. 아베 신조 전 총리 시절과는 분위기가 달랐다는 평가다. 아베 전 총리는 "
        "2022년 숨졌다. 윌리엄 루토 케냐 대통령도 다음 달 방한한다. 루토 대통령은 "
        "기후 협력을 논의할 예정이다."
    )
    assert counts(shipped_matcher, body, "ko", date(2023, 5, 7)) == {
        "Fumio Kishida": 2,
        "Shinzo Abe": 2,
        "William Ruto": 2,
    }
    # The surname with a title alone names nobody: other people bear it.
    assert counts(shipped_matcher, "기시다 총리는 말을 아꼈다.", "ko", date(2023, 5, 7)) == {}


def test_an_abd_al_name_counts_written_as_one_word_or_two(shipped_matcher: MentionMatcher):
    joined = (
        "استقبل رئيس مجلس الوزراء وزير الخارجية الشيخ محمد بن عبدالرحمن آل ثاني "
        "وفدا أمريكيا في الدوحة."
    )
    spaced = "وصل الرئيس عبد الفتاح السيسي إلى الرياض، ووصل الرئيس عبدالمجيد تبون إلى القاهرة."
    assert counts(shipped_matcher, joined, "ar", date(2025, 5, 14)) == {
        "Mohammed bin Abdulrahman bin Jassim Al Thani": 1
    }
    assert counts(shipped_matcher, spaced, "ar", date(2024, 2, 1)) == {
        "Abdel Fattah el-Sisi": 1,
        "Abdelmadjid Tebboune": 1,
    }


def test_the_short_names_papers_use_count_beside_the_full_name(shipped_matcher: MentionMatcher):
    lisbon = (
        "O Presidente da República, Marcelo Rebelo de Sousa, promulgou o diploma. Marcelo "
        "disse aos jornalistas que o fez sem reservas."
    )
    jakarta = (
        "Ketua Umum PDI-P Megawati Soekarnoputri hadir di Teuku Umar. Kubu Mega menegaskan "
        "dukungan kepada pasangan itu."
    )
    accra = (
        "President John Evans Atta Mills opened the new road in Tamale. Prof. Mills said the "
        "north would get two more. Critics accused Mills of neglecting Kumasi."
    )
    putrajaya = (
        "Datuk Seri Abdullah Ahmad Badawi chaired the cabinet meeting. Aides said Abdullah "
        "would visit Penang on Friday."
    )
    assert counts(shipped_matcher, lisbon, "pt", date(2024, 3, 1)) == {"Marcelo Rebelo de Sousa": 2}
    assert counts(shipped_matcher, jakarta, "id", date(2019, 4, 1)) == {"Megawati Sukarnoputri": 2}
    assert counts(shipped_matcher, accra, day=date(2011, 6, 1)) == {"John Atta Mills": 3}
    assert counts(shipped_matcher, putrajaya, day=date(2005, 6, 1)) == {"Abdullah Ahmad Badawi": 2}
    # Alone, the short names are anyone's.
    assert counts(shipped_matcher, "Marcelo marcou dois golos no domingo.", "pt") == {}
    assert counts(shipped_matcher, "Abdullah, a taxi driver, found the wallet.") == {}


def test_a_titled_arabic_surname_two_named_leaders_share_is_the_sitting_one(
    shipped_matcher: MentionMatcher,
):
    body = (
        "استقبل رئيس الجمهورية جوزاف عون الوفد في بعبدا، ولم يعلق الرئيس السابق ميشال عون. "
        "وقال الرئيس عون إن الحكومة ستجتمع الثلاثاء."
    )
    assert counts(shipped_matcher, body, "ar", date(2025, 2, 10)) == {
        "Joseph Aoun": 2,
        "Michel Aoun": 1,
    }


def test_a_family_or_a_road_named_by_the_surname_is_not_the_leader(shipped_matcher: MentionMatcher):
    brasilia = "Jair Bolsonaro não compareceu. Aliados da família Bolsonaro falaram em perseguição."
    manila = "Rodrigo Duterte tiba di Den Haag. Hubungan keluarga Duterte dan Marcos memburuk."
    harare = (
        "Robert Mugabe resigned on Tuesday, and crowds danced on Robert Mugabe Road. Mugabe "
        "had ruled for 37 years."
    )
    nairobi = "Uhuru Kenyatta was sworn in before a crowd at Uhuru Park. Uhuru promised unity."
    jerusalem = "Ariel Sharon remained in a coma. Officials called the Sharon family twice."
    beirut = "وصل نواف سلام إلى مطار رفيق الحريري الدولي مساء الأحد."
    assert counts(shipped_matcher, brasilia, "pt", date(2025, 7, 10)) == {"Jair Bolsonaro": 1}
    assert counts(shipped_matcher, manila, "id", date(2025, 3, 12)) == {"Rodrigo Duterte": 1}
    assert counts(shipped_matcher, harare, day=date(2017, 11, 22)) == {"Robert Mugabe": 2}
    assert counts(shipped_matcher, nairobi, day=date(2013, 4, 9)) == {"Uhuru Kenyatta": 2}
    assert counts(shipped_matcher, jerusalem, day=date(2006, 1, 6)) == {"Ariel Sharon": 1}
    assert counts(shipped_matcher, beirut, "ar", date(2025, 2, 9)) == {"Nawaf Salam": 1}


def test_a_leader_s_surname_inside_a_korean_given_name_is_someone_else(
    shipped_matcher: MentionMatcher,
):
    body = (
        "Former President Moon Jae-in did not vote. Kim Moon-soo of the People Power Party "
        "conceded defeat, and President Moon's aides stayed silent."
    )
    assert counts(shipped_matcher, body, day=date(2025, 6, 4)) == {"Moon Jae-in": 2}


def test_relatives_who_carry_the_surname_are_not_the_leader(shipped_matcher: MentionMatcher):
    buenos_aires = (
        "El expresidente Mauricio Macri pidió más espacio. Su primo, el jefe de Gobierno "
        "porteño Jorge Macri, evitó polemizar."
    )
    santiago = (
        "Augusto Pinochet died on Sunday. His eldest son, Augusto Pinochet Hiriart, said "
        "Pinochet had left in peace."
    )
    tokyo = "石破茂首相は地元の鳥取を訪れた。石破氏の父、石破二朗氏は鳥取県知事を務めた。"
    assert counts(shipped_matcher, buenos_aires, "es", date(2024, 12, 10)) == {"Mauricio Macri": 1}
    assert counts(shipped_matcher, santiago, day=date(2006, 12, 11)) == {"Augusto Pinochet": 2}
    assert counts(shipped_matcher, tokyo, "ja", date(2024, 11, 1)) == {"Shigeru Ishiba": 2}


def test_each_language_s_spelling_of_a_leader_counts(shipped_matcher: MentionMatcher):
    assert counts(
        shipped_matcher,
        "Ukrayna Devlet Başkanı Volodimir Zelenskiy Ankara'ya geldi.",
        "tr",
        date(2025, 5, 15),
    ) == {"Volodymyr Zelensky": 1}
    assert counts(
        shipped_matcher,
        "На параді був федеральний президент Німеччини Йоахім Гаук, а канцлер Австрії "
        "Карл Негаммер прибув до Києва.",
        "uk",
        date(2022, 4, 9),
    ) == {"Joachim Gauck": 1, "Karl Nehammer": 1}
    assert counts(
        shipped_matcher, "Der frühere Präsident Viktor Janukowitsch floh nach Russland.", "de"
    ) == {"Viktor Yanukovych": 1}
    assert counts(
        shipped_matcher, "Onder de gasten was de Britse prins Charles.", "nl", date(2013, 4, 30)
    ) == {"Charles III": 1}
    assert counts(
        shipped_matcher, "习近平同墨西哥总统培尼亚举行会谈，随后会见哥斯达黎加总统钦奇利亚。", "zh"
    ) == {"Xi Jinping": 1, "Enrique Peña Nieto": 1, "Laura Chinchilla": 1}


def test_leaders_of_before_2000_count_by_name(shipped_matcher: MentionMatcher):
    abidjan = (
        "Le pays de Félix Houphouët-Boigny et d'Henri Konan Bédié a tourné la page. "
        "À Dakar, on cite encore Léopold Sédar Senghor. Le coup d'État de Louis-Napoléon "
        "Bonaparte reste un modèle."
    )
    assert counts(shipped_matcher, abidjan, "fr", date(2011, 4, 12)) == {
        "Félix Houphouët-Boigny": 1,
        "Henri Konan Bédié": 1,
        "Léopold Sédar Senghor": 1,
        "Napoleon III": 1,
    }
    kuala_lumpur = "Tunku Abdul Rahman, the first prime minister, served for 13 years."
    assert counts(shipped_matcher, kuala_lumpur, day=date(2003, 10, 31)) == {
        "Tunku Abdul Rahman": 1
    }
    # A place named after a leader of before 2000 is no mention of him.
    assert counts(shipped_matcher, "Le match se joue au Stade Félix Houphouët-Boigny.", "fr") == {}


def test_the_elder_of_a_father_and_son_both_named_is_the_one_who_took_office_first(
    shipped_matcher: MentionMatcher,
):
    # December 2000: the son elected, not yet sworn in; the father out of office since 1993.
    austin = (
        "Texas Gov. George W. Bush spoke in Austin on Wednesday night. His father, former "
        "President George Bush, watched from Houston. The elder Bush told friends he was proud."
    )
    assert counts(shipped_matcher, austin, day=date(2000, 12, 14)) == {
        "George W. Bush": 1,
        "George H. W. Bush": 2,
    }
    pyongyang = (
        "Kim Jong-il received the Japanese prime minister under portraits of Kim Il-sung. "
        "The elder Kim died in 1994; the younger Kim has ruled since."
    )
    assert counts(shipped_matcher, pyongyang, day=date(2002, 9, 17)) == {
        "Kim Jong-il": 2,
        "Kim Il Sung": 2,
    }
    # In the father's term, `President George Bush` is the father.
    assert counts(
        shipped_matcher,
        "President George Bush met Mikhail Gorbachev in Malta.",
        day=date(1989, 12, 3),
    ) == {"George H. W. Bush": 1, "Mikhail Gorbachev": 1}
