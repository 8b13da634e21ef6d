"""A text is scanned with an automaton of only the keys that can begin in it (its tier), and
finds exactly what the automaton of every key finds."""

from __future__ import annotations

import pytest

import tasks.mentions.matcher as matcher_module
from tasks.mentions.matcher import END_OF_TEXT, Alias, MentionMatcher, fold, word_automaton

ALIASES = (
    Alias("Xi Jinping", "Xi Jinping", "name"),
    Alias("Xi Jinping", "习近平", "name"),
    Alias("Vladimir Putin", "Vladimir Putin", "name"),
    Alias("Vladimir Putin", "Путин", "name"),
    Alias("Recep Tayyip Erdoğan", "Erdoğan", "name"),
    Alias("Yoon Suk Yeol", "윤석열", "name"),
)
TEXTS = [
    "Vladimir Putin met Xi Jinping in Beijing on Tuesday, and Erdoğan called later.",
    "“Vladimir Putin’s visit — the first since 2019 — went well,” Erdoğan said.",
    "Президент Путин провёл переговоры; Vladimir Putin в Пекине.",
    "习近平周二会见了Vladimir Putin，双方讨论了能源合作。",
    "윤석열 대통령은 Erdoğan 대통령과 통화했다.",
    "The harbour board met on Monday; no leader was named.",
]


@pytest.mark.parametrize("language", ["en", "ru", ""])
def test_tiered_scans_find_what_every_key_finds(monkeypatch, language):
    tiered = MentionMatcher(ALIASES, generate=False)
    found = [tiered.find(text, language) for text in TEXTS]
    monkeypatch.setattr(matcher_module, "TIER_BOUNDS", ())
    every_key = MentionMatcher(ALIASES, generate=False)

    assert found == [every_key.find(text, language) for text in TEXTS]
    # Every text but the last names someone, in the script of its tier at least.
    assert all(found[:-1]) and not found[-1]


def test_a_latin_text_is_scanned_without_the_keys_of_other_scripts():
    automaton = word_automaton({fold(alias.text): (alias,) for alias in ALIASES})

    latin = automaton.for_text("putin and erdoğan" + END_OF_TEXT)
    cyrillic = automaton.for_text("Путин" + END_OF_TEXT)

    assert sorted(latin.keys()) == ["Erdoğan", "Vladimir Putin", "Xi Jinping"]
    assert sorted(cyrillic.keys()) == ["Erdoğan", "Vladimir Putin", "Xi Jinping", "Путин"]
    assert automaton.for_text("习近平" + END_OF_TEXT) is automaton.full


def test_quotes_dashes_and_symbols_that_begin_no_key_leave_a_text_in_its_tier():
    """News in Latin script is full of characters above every bound (’ “ ” — … € ™) that begin
    no name: they do not send the text to the automaton of every script."""
    automaton = word_automaton({fold(alias.text): (alias,) for alias in ALIASES})
    text = fold("“Putin’s offer — €2bn…” was refused, Erdoğan said™") + END_OF_TEXT

    assert sorted(automaton.for_text(text).keys()) == ["Erdoğan", "Vladimir Putin", "Xi Jinping"]
