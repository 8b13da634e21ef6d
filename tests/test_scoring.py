"""Shingle scores used to measure extracted bodies against expected ones."""

from __future__ import annotations

import pytest

from tasks.evaluate.scoring import shingle_scores, uses_char_shingles


def test_identical_texts_score_one() -> None:
    text = "The council approved the new budget for the harbour school on Friday."
    assert shingle_scores(text, text) == (1.0, 1.0, 1.0)


def test_empty_against_empty_is_one_and_empty_prediction_is_zero() -> None:
    assert shingle_scores("", "") == (1.0, 1.0, 1.0)
    assert shingle_scores("", "Some expected article text here.") == (0.0, 0.0, 0.0)
    assert shingle_scores("Some predicted text here.", "")[2] == 0.0


def test_extra_text_costs_precision_and_missing_text_costs_recall() -> None:
    article = "one two three four five six seven eight"
    precision, recall, f1 = shingle_scores(article + " menu login subscribe share", article)
    assert recall == 1.0
    assert precision == pytest.approx(5 / 9)
    assert 0 < f1 < 1
    precision, recall, _ = shingle_scores("one two three four five six", article)
    assert precision == 1.0
    assert recall == pytest.approx(3 / 5)


def test_tokens_ignore_case_and_punctuation() -> None:
    assert shingle_scores("Hello, World! It is fine.", "hello world it is fine")[2] == 1.0


def test_text_without_spaces_uses_character_shingles() -> None:
    expected = "长江沿岸新建湿地公园正式开放，市民前来参观。"
    assert uses_char_shingles(expected)
    assert not uses_char_shingles("An ordinary English sentence with spaces.")
    precision, recall, _ = shingle_scores("长江沿岸新建湿地公园正式开放", expected)
    assert precision == 1.0
    assert 0.5 < recall < 1.0
