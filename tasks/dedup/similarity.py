"""Near-duplicate fingerprints: MinHash signatures over word shingles, and LSH band keys.

Every worker builds the same permutations from the same seed once, so signatures made in any
process, run or order compare. Band keys are stable hashes (not Python's salted `hash`), stored
in the database, so a new article meets every stored one through an equi-join on its keys.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from tasks.read.normalise import normalise_text
from tasks.records import Fingerprint

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
# Chance that a pair exactly at the threshold shares at least one LSH band.
MIN_RECALL = 0.995
SEED = 20240917
SHINGLE_WORDS = 5
# In scripts without spaces a "word" is a character; five characters say less than five words.
SHINGLE_CHARS = 8
DENSE_SCRIPT = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
# Powers of an odd 64-bit constant: the polynomial that combines token hashes into a shingle.
SHINGLE_WEIGHTS = np.array(
    [
        pow(0x9E3779B97F4A7C15, k, 2**64)
        for k in range(max(SHINGLE_WORDS, SHINGLE_CHARS) - 1, -1, -1)
    ],
    dtype=np.uint64,
)


@cache
def lsh_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """Bands and rows per band for the threshold: the most rows per band (fewest candidates)
    that still make a pair exactly at the threshold a candidate with probability MIN_RECALL.

    Candidates are verified against the threshold afterwards, so the banding only has to
    miss few true pairs; a too-selective banding (datasketch's balanced default puts the
    S-curve's midpoint near 0.85 for 0.8) would lose half of the copies at the threshold.
    """
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1 - (1 - threshold**rows) ** bands >= MIN_RECALL:
            return bands, rows
    return num_perm, 1


@cache
def _minhash() -> tuple[type[MinHash], MinHash]:
    """datasketch's MinHash class and a template holding the shared permutations.

    Imported on first use: datasketch loads scipy, half a second that the ingest's main
    process, which never makes a signature, need not spend.
    """
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=NUM_PERM, seed=SEED)


def shingle_hashes(body: str) -> np.ndarray:
    """32-bit hashes of the body's distinct shingles: word 5-grams of the normalised text, or
    character 8-grams for text written without spaces.

    Each token is hashed once (CRC-32) and shingles are combined from token hashes with a
    polynomial over 64-bit integers, vectorised, so a long article costs well under a millisecond.
    """
    text = normalise_text(body)
    dense = len(DENSE_SCRIPT.findall(text)) > len(text) // 3
    tokens = list(text.replace(" ", "")) if dense else text.split()
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    size = min(SHINGLE_CHARS if dense else SHINGLE_WORDS, len(tokens))
    hashes = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), np.uint64, len(tokens))
    windows = sliding_window_view(hashes, size)
    combined = (windows * SHINGLE_WEIGHTS[-size:]).sum(axis=1, dtype=np.uint64)
    return np.unique((_mix64(combined) >> np.uint64(32)).astype(np.uint32))


def _mix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: every input bit reaches the high bits kept as the hash."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def signature(body: str) -> np.ndarray:
    """The MinHash signature of a body (uint32, NUM_PERM values)."""
    minhash_class, template = _minhash()
    minhash = minhash_class(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=_already_hashed,
        permutations=template.permutations,
        scheme=template.scheme,
    )
    minhash.update_batch(shingle_hashes(body))
    return minhash.hashvalues.astype(np.uint32)


def _already_hashed(value: np.uint32) -> int:
    return int(value)


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


def numbers_agree(left: tuple[str, ...], right: tuple[str, ...], slack: float = 0.1) -> bool:
    """Whether two bodies state the same figures where their texts overlap.

    A copy may add or drop paragraphs (and their figures), but the figures of the body with
    fewer keep appearing in the other: at most one, or `slack` of them, may be missing (a
    corrected figure). Daily templated items change several figures from one day to the next.
    """
    a, b = set(left), set(right)
    if len(a | b) < 4:
        return True
    smaller = min(len(a), len(b))
    return smaller - len(a & b) <= max(1, slack * smaller)


def identity_key(method: str, value: str) -> int:
    """A stable 63-bit key for an exact identity (a canonical URL, a body fingerprint).

    Stored beside the LSH band keys, so one join finds URL, exact and near candidates; the
    method is part of the hashed bytes, so keys of different kinds never meet.
    """
    digest = hashlib.blake2b(f"{method}\0{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1
