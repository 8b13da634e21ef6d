"""Mention matching: whole words, leftmost-longest, ambiguous aliases, scripts, and the leader file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.errors import KabarError
from tasks.mentions.matcher import LeaderList, MentionMatcher, load_leaders


@pytest.fixture
def matcher(small_leaders: LeaderList) -> MentionMatcher:
    return MentionMatcher(small_leaders.aliases)


def test_full_name_counts_once_not_twice(matcher: MentionMatcher):
    assert matcher.count("Presiden Rusia Vladimir Putin tiba di Sochi.") == {"Vladimir Putin": 1}


def test_surname_counts_on_its_own(matcher: MentionMatcher):
    assert matcher.count("Putin said. Later Putin left. Vladimir Putin returned.") == {
        "Vladimir Putin": 3
    }


def test_only_whole_words_count(matcher: MentionMatcher):
    assert matcher.count("Rasputin and the Putinist movement; Trumpet players.") == {}


def test_possessive_and_punctuation_end_a_word(matcher: MentionMatcher):
    assert matcher.count("Putin's aides, (Putin) and Putin—all.") == {"Vladimir Putin": 3}


def test_ambiguous_alias_needs_an_unambiguous_one_in_the_article(matcher: MentionMatcher):
    assert matcher.count("Kim pada Jumat melanjutkan perjalanannya.") == {}
    assert matcher.count("Kim Jong-un tiba. Kim pada Jumat melanjutkan perjalanannya.") == {
        "Kim Jong-un": 2
    }


def test_excluded_names_never_count(matcher: MentionMatcher):
    body = "Kim Jong-un met officials. Kim Kardashian posted a photo. Melania Trump spoke."
    assert matcher.count(body) == {"Kim Jong-un": 1}


def test_xi_as_ambiguous(matcher: MentionMatcher):
    assert matcher.count("Chapter XI of the treaty. Xi was absent.") == {}
    assert matcher.count("Xi Jinping spoke. Xi later left.") == {"Xi Jinping": 2}


def test_matching_is_case_sensitive(matcher: MentionMatcher):
    assert matcher.count("They played their trump card.") == {}


def test_space_and_hyphen_variants_are_folded(matcher: MentionMatcher):
    assert matcher.count("Kim\u00a0Jong\u2011un and Kim Jong Un") == {"Kim Jong-un": 2}


def test_cyrillic_case_forms_and_boundaries(matcher: MentionMatcher):
    assert matcher.count("Путин заявил, что встреча Путина прошла. Распутина нет.") == {
        "Vladimir Putin": 2
    }


def test_korean_and_chinese_need_no_word_boundaries(matcher: MentionMatcher):
    assert matcher.count("김정은은 말했다. 习近平主席出席会议。") == {
        "Kim Jong-un": 1,
        "Xi Jinping": 1,
    }


def test_arabic_proclitics_are_allowed(matcher: MentionMatcher):
    assert matcher.count("التقى بوتين وأردوغان في أنقرة") == {"Recep Tayyip Erdoğan": 1}


def test_mentions_give_positions_in_the_original_text(matcher: MentionMatcher):
    body = "Today Vladimir\u00a0Putin spoke."
    [mention] = matcher.find(body)
    assert body[mention.start : mention.end] == mention.alias == "Vladimir\u00a0Putin"


def test_shipped_leader_list(leaders: LeaderList):
    names = {leader.name for leader in leaders.leaders}
    assert len(names) >= 40
    for required in (
        "Vladimir Putin",
        "Alexander Lukashenko",
        "Kim Jong-un",
        "Xi Jinping",
        "Volodymyr Zelensky",
        "Prabowo Subianto",
        "Joko Widodo",
        "Narendra Modi",
        "Recep Tayyip Erdoğan",
        "Donald Trump",
        "Joe Biden",
        "Emmanuel Macron",
        "Keir Starmer",
        "Luiz Inácio Lula da Silva",
    ):
        assert required in names
    matcher = MentionMatcher(leaders.aliases)
    counts = matcher.count(
        "Zelensky, Zelenskyy and Zelenskiy met. Путин and Лукашенко spoke. 김정은 and 习近平 too. Kim Kardashian no."
    )
    assert counts == {
        "Volodymyr Zelensky": 3,
        "Vladimir Putin": 1,
        "Alexander Lukashenko": 1,
        "Kim Jong-un": 1,
        "Xi Jinping": 1,
    }


def test_shipped_list_has_one_canonical_name_row_per_leader(leaders: LeaderList):
    for leader in leaders.leaders:
        assert any(
            a.leader == leader.name and a.text == leader.name and a.kind == "name"
            for a in leaders.aliases
        )


def test_bad_leader_file_says_which_line(tmp_path: Path):
    path = tmp_path / "leaders.csv"
    path.write_text(
        "leader,country,alias,kind\nVladimir Putin,Russia,Putin,name\nXi Jinping,China,Xi,maybe\n"
    )
    with pytest.raises(KabarError) as error:
        load_leaders(path)
    assert (
        str(error.value) == f"{path}, line 3: kind 'maybe' is not one of name, ambiguous, exclude"
    )
    path.write_text("leader,country,alias,kind\nVladimir Putin,,Putin,name\n")
    with pytest.raises(KabarError) as error:
        load_leaders(path)
    assert str(error.value) == f"{path}, line 2: missing country"


def test_a_missing_leader_file_is_named_in_one_line(tmp_path: Path):
    path = tmp_path / "leaders.csv"
    with pytest.raises(KabarError) as error:
        load_leaders(path)
    assert str(error.value) == f"cannot read leader list {path}: No such file or directory"
