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

import numpy as np

from tasks.read.normalise import normalise_text
from tasks.records import Fingerprint

NUM_PERM = 128
# A signature position no shingle reached (an empty body): the largest 32-bit value.
EMPTY_HASH = np.uint32(0xFFFFFFFF)
# Shingles whose images are taken at once: 4,096 x NUM_PERM values are 2 MB.
MINHASH_BLOCK = 4096
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
# MurmurHash3's finalisers, (shift, multiplier, shift, multiplier, shift): the 64-bit one makes a
# shingle's hash from its combined token hashes, the 32-bit one mixes it before the permutations.
FINALISERS = {
    np.uint64: (33, 0xFF51AFD7ED558CCD, 33, 0xC4CEB9FE1A85EC53, 33),
    np.uint32: (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16),
}


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
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM affine maps h -> a*h + b (mod 2**32) of the signatures, as (a, b).

    Drawn from SEED exactly as datasketch 2.0's MinHash draws its default ("affine32") maps, so
    the signatures stored by earlier versions, which went through datasketch, stay comparable:
    `a` odd (a bijection of 32-bit values), `b` any 32-bit value.
    """
    draw = np.random.RandomState(SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def shingle_hashes(body: str) -> np.ndarray:
    """32-bit hashes of the body's distinct shingles: word 5-grams of the normalised text, or
    character 8-grams for text written without spaces.

    Each token is hashed once (CRC-32) and shingles are combined from token hashes with a
    polynomial over 64-bit integers, vectorised, so a long article costs well under a millisecond.
    """
    text = normalise_text(body)
    dense = not text.isascii() and len(DENSE_SCRIPT.findall(text)) > len(text) // 3
    tokens = list(text.replace(" ", "")) if dense else text.split()
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    size = min(SHINGLE_CHARS if dense else SHINGLE_WORDS, len(tokens))
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), np.uint64, len(tokens))
    # shingle i = sum of hashes[i + k] * weights[k]: one shifted multiply-add per position.
    weights = SHINGLE_WEIGHTS[-size:]
    count = len(tokens) - size + 1
    combined = hashes[:count] * weights[0]
    for offset in range(1, size):
        combined += hashes[offset : offset + count] * weights[offset]
    return _distinct((_finalise(combined) >> np.uint64(32)).astype(np.uint32))


def _distinct(values: np.ndarray) -> np.ndarray:
    """The values sorted, each once (what np.unique gives, without its overhead)."""
    values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _finalise(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser for the values' width (uint64 or uint32): every input bit
    reaches every output bit."""
    kind = values.dtype.type
    shift1, multiplier1, shift2, multiplier2, shift3 = (kind(c) for c in FINALISERS[kind])
    values = values ^ (values >> shift1)
    values = values * multiplier1
    values = values ^ (values >> shift2)
    values = values * multiplier2
    return values ^ (values >> shift3)


def signature(body: str) -> np.ndarray:
    """The MinHash signature of a body (uint32, NUM_PERM values)."""
    return minhash(shingle_hashes(body))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The least image of the 32-bit `hashes` under each permutation; all 2**32 - 1 for none.

    Each hash is mixed once (MurmurHash3's 32-bit finaliser) and every map applied to the
    whole array at once, in uint32 arithmetic whose wrap-around is the modulo: a few
    microseconds for a long article. Large bodies go a block of shingles at a time, so the
    hashes-by-permutations table stays small.
    """
    a, b = permutations()
    least = np.full(NUM_PERM, EMPTY_HASH, dtype=np.uint32)
    mixed = _finalise(hashes.astype(np.uint32, copy=False))
    for start in range(0, len(mixed), MINHASH_BLOCK):
        images = np.multiply.outer(mixed[start : start + MINHASH_BLOCK], a) + b
        np.minimum(least, images.min(axis=0), out=least)
    return least


def band_keys(values: np.ndarray, threshold: float) -> tuple[int, ...]:
    """One stable 63-bit key per LSH band; the band number is part of the key."""
    bands, rows = lsh_shape(threshold)
    raw, width = values.tobytes(), rows * values.itemsize
    return tuple(
        int.from_bytes(
            hashlib.blake2b(
                prefix + raw[band * width : (band + 1) * width], digest_size=8
            ).digest(),
            "big",
        )
        >> 1
        for band, prefix in enumerate(_band_prefixes(bands))
    )


@cache
def _band_prefixes(bands: int) -> tuple[bytes, ...]:
    return tuple(band.to_bytes(2, "big") for band in range(bands))


def fingerprint(body: str, threshold: float) -> Fingerprint:
    """Signature, band keys and the numbers of a body, ready to store."""
    values = signature(body)
    numbers = tuple(sorted(set(NUMBER.findall(body))))
    return Fingerprint(tuple(values.tolist()), band_keys(values, threshold), numbers)


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
