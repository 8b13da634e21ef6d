"""MinHash signatures: the same values datasketch 2.0 gave, so stored signatures stay comparable."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from tasks.dedup.similarity import (
    MINHASH_BLOCK,
    NUM_PERM,
    SEED,
    estimated_jaccard,
    fingerprint,
    permutations,
    shingle_hashes,
    signature,
)
from tasks.settings import DEFAULT_NEAR_THRESHOLD

BODIES = {
    "english": (
        "The port authority said on Tuesday that container traffic rose 6.2 percent in March, "
        "helped by a busier route to Singapore. Dock workers, who ended a two-day strike last "
        "week, agreed to a new rota that keeps two cranes running through the night shift."
    ),
    "russian": (
        "Городская дума в понедельник утвердила бюджет на 2027 год. Расходы на транспорт "
        "вырастут на 12 процентов, а на ремонт школ выделено 3,4 миллиарда рублей."
    ),
    "chinese": "市政府周二宣布，明年将新增三条公交线路，并延长地铁末班车的运营时间至午夜。",
    "short": "Two words",
    "one word": "Breaking",
    "punctuation only": "— … —",
}


def datasketch_signature(hashes: np.ndarray) -> np.ndarray:
    """The signature as datasketch 2.0 made it for Kabar: its default scheme, SEED, the
    shingle hashes fed as they are."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)
    minhash.update_batch(hashes)
    return minhash.hashvalues.astype(np.uint32)


def test_permutations_are_datasketchs():
    a, b = permutations()
    expected_a, expected_b = MinHash(num_perm=NUM_PERM, seed=SEED).permutations
    assert np.array_equal(a, expected_a) and np.array_equal(b, expected_b)
    assert np.all(a % 2 == 1)  # odd multipliers: each map is a bijection of 32-bit values


@pytest.mark.parametrize("name", sorted(BODIES))
def test_signature_equals_datasketchs(name):
    body = BODIES[name]
    assert np.array_equal(signature(body), datasketch_signature(shingle_hashes(body)))


def test_signature_of_a_body_longer_than_a_block_equals_datasketchs():
    words = [f"w{number % 997}x{number % 13}" for number in range(3 * MINHASH_BLOCK)]
    body = " ".join(words)
    hashes = shingle_hashes(body)
    assert len(hashes) > 2 * MINHASH_BLOCK
    assert np.array_equal(signature(body), datasketch_signature(hashes))


def test_body_without_words_has_the_empty_signature():
    assert len(shingle_hashes("  ... ")) == 0
    assert signature("  ... ").tolist() == [2**32 - 1] * NUM_PERM


def test_shingle_hashes_are_distinct_and_sorted():
    paragraph = BODIES["english"]
    once, twice = shingle_hashes(paragraph), shingle_hashes(f"{paragraph}\n\n{paragraph}")
    assert np.all(np.diff(once.astype(np.int64)) > 0)
    # The repeat adds only the shingles that span the seam between the two copies.
    assert set(once) <= set(twice) and len(twice) - len(once) == 4


def test_fingerprint_values_are_plain_integers_and_copies_compare():
    original = BODIES["english"]
    edited = original.replace("6.2 percent", "6.4 percent")
    left = fingerprint(original, DEFAULT_NEAR_THRESHOLD)
    right = fingerprint(edited, DEFAULT_NEAR_THRESHOLD)
    assert {type(value) for value in left.signature} == {int}
    assert {type(key) for key in left.band_keys} == {int}
    assert 0.5 < estimated_jaccard(left.signature, right.signature) < 1
    assert left.numbers == ("6.2",) and right.numbers == ("6.4",)
