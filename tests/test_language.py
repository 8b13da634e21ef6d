"""Language detection: the vectorised scan decides as py3langid does, text for text."""

from __future__ import annotations

import numpy as np
import py3langid
import pytest

from tasks.extract.language import (
    LANE_BYTES,
    MIN_CHARS,
    RUN_IN_BYTES,
    detect_language,
    language_model,
    scan,
)

TEXTS = {
    "en": "The harbour board met on Monday and agreed to keep the night ferry running all year.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Brücke über den Fluss bis zum Herbst zu sanieren.",
    "fr": "Le conseil municipal a voté mardi un budget en hausse pour les écoles et les transports.",
    "es": "El gobierno regional anunció el jueves nuevas ayudas para los agricultores afectados por la sequía.",
    "id": "Pemerintah kota akan memperbaiki jalan yang rusak akibat banjir sebelum akhir bulan depan.",
    "ru": "Правительство области в среду одобрило программу ремонта дорог на следующие три года.",
    "uk": "Міська рада у четвер ухвалила рішення про будівництво нової школи в центрі міста.",
    "zh": "市政府星期三宣布，将在明年春天之前完成老城区供水管道的改造工程。",
    "ja": "市は水曜日、来年の春までに古い水道管の交換工事を終えると発表した。",
    "ar": "أعلنت البلدية يوم الأربعاء عن خطة لإصلاح الطرق المتضررة من الفيضانات قبل نهاية الشهر.",
    "hi": "नगर निगम ने बुधवार को घोषणा की कि बाढ़ से क्षतिग्रस्त सड़कों की मरम्मत अगले महीने तक पूरी होगी।",
    "shouted": "THE HARBOUR BOARD MET ON MONDAY AND AGREED TO KEEP THE NIGHT FERRY RUNNING.",
    "mixed": "Прем'єр said on Monday: 市政府 will meet the board — 会議は来週です. Ende.",
    "symbols": "★★★ ☎ 12:45 — 3/50 ✓✓ ## ~~ ++ 9.99 € ★★★ ☎ 12:45",
}


def walked(data: bytes) -> list[int]:
    """The automaton's states after each byte, one byte at a time as py3langid walks it."""
    model = language_model()
    state, states = 0, []
    for byte in data:
        state = int(model.next_state[model.row_start[state] + byte])
        states.append(state)
    return states


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_detects_what_py3langid_detects(name):
    text = TEXTS[name]
    assert detect_language(text) == py3langid.classify(text)[0]


def test_detects_the_language_of_plain_texts():
    for code in ("en", "de", "fr", "es", "id", "ru", "uk", "zh", "ja", "ar", "hi"):
        assert detect_language(TEXTS[code]) == code


def test_too_little_text_has_no_language():
    assert detect_language(" " * 50 + "Short note." + " " * 50) is None
    assert len("Short note.") < MIN_CHARS


@pytest.mark.parametrize("name", ["en", "zh", "mixed"])
def test_scan_reaches_the_states_of_a_byte_by_byte_walk(name):
    data = TEXTS[name].encode()
    # Every length up to a few lanes: text ending inside the run-in, at and past lane edges.
    for length in range(1, 3 * LANE_BYTES + 2):
        part = data[:length]
        assert scan(np.frombuffer(part, dtype=np.uint8), language_model()).tolist() == walked(part)


def test_run_in_covers_the_automatons_longest_key():
    """A lane starts RUN_IN_BYTES early: enough when no key is longer (the depth of the deepest
    state reached from the start)."""
    model = language_model()
    states = len(model.row_start)
    depth = np.full(states, -1)
    depth[0], frontier, level = 0, np.array([0]), 0
    while len(frontier):
        level += 1
        reached = model.next_state[(model.row_start[frontier][:, None] + np.arange(256)).ravel()]
        frontier = np.unique(reached[depth[reached] < 0])
        depth[frontier] = level
    assert depth.min() >= 0  # every state reached
    assert depth.max() <= RUN_IN_BYTES
