"""Near-duplicate fingerprints: MinHash signatures over word shingles, and LSH band keys.

Every worker builds the same permutations from the same seed once, so signatures made in any
process, run or order compare. Band keys are stable hashes (not Python's salted `hash`), stored
in the database, so a new article meets every stored one through an equi-join on its keys.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from tasks.normalise import normalise_text

NUM_PERM = 128
SEED = 20240917
SHINGLE_WORDS = 5
# In scripts without spaces a "word" is a character; five characters say less than five words.
SHINGLE_CHARS = 8
DENSE_SCRIPT = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What near-duplicate detection keeps of a body: its signature, band keys and numbers."""

    signature: tuple[int, ...]
    band_keys: tuple[int, ...]
    numbers: tuple[str, ...]


@cache
def lsh_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands and rows per band that best separate pairs above and below `threshold`."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


@cache
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def shingles(body: str) -> list[bytes]:
    """Word 5-grams of the normalised body; character 8-grams for text written without spaces."""
    text = normalise_text(body)
    if len(DENSE_SCRIPT.findall(text)) > len(text) // 3:
        chars = text.replace(" ", "")
        grams = [
            chars[i : i + SHINGLE_CHARS] for i in range(max(1, len(chars) - SHINGLE_CHARS + 1))
        ]
    else:
        words = text.split()
        size = SHINGLE_WORDS
        grams = [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))]
    return [gram.encode("utf-8") for gram in set(grams) if gram]


def signature(body: str) -> np.ndarray:
    """The MinHash signature of a body (uint32, NUM_PERM values)."""
    template = _template()
    minhash = MinHash(
        num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=template.scheme
    )
    minhash.update_batch(shingles(body))
    return minhash.hashvalues.astype(np.uint32)


def band_keys(values: np.ndarray, threshold: float) -> tuple[int, ...]:
    """One stable 63-bit key per LSH band; the band number is part of the key."""
    bands, rows = lsh_shape(threshold)
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "big") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return tuple(keys)


def fingerprint(body: str, threshold: float) -> Fingerprint:
    """Signature, band keys and the numbers of a body, ready to store."""
    values = signature(body)
    numbers = tuple(sorted(set(NUMBER.findall(body))))
    return Fingerprint(tuple(int(v) for v in values), band_keys(values, threshold), numbers)


def estimated_jaccard(
    left: tuple[int, ...] | np.ndarray, right: tuple[int, ...] | np.ndarray
) -> float:
    """Share of equal signature positions: an unbiased estimate of the shingle sets' Jaccard."""
    a, b = np.asarray(left), np.asarray(right)
    return float(np.count_nonzero(a == b)) / len(a)


def numbers_agree(left: tuple[str, ...], right: tuple[str, ...], minimum: float = 0.5) -> bool:
    """Whether two bodies state mostly the same figures.

    Daily templated items (weather, market closes, fuel prices) share nearly every sentence and
    differ in their numbers; copies of one story keep its numbers.
    """
    a, b = set(left), set(right)
    if len(a | b) < 4:
        return True
    return len(a & b) / len(a | b) >= minimum
