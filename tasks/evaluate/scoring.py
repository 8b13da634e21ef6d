"""Shingle overlap scores for comparing an extracted article body with an expected one.

Rule for tokens: a text is split into Unicode word tokens (``\\w+`` after case folding) and scored
on word n-shingles. When the expected text (or the prediction, if nothing is expected) is written
mostly without spaces (Chinese, Japanese, Thai: more than ``CHAR_MODE_MIN_RUN`` non-space characters
per whitespace-separated chunk on average), word tokens are meaningless, so both texts are scored on
character n-grams over their non-space characters instead. A text shorter than n tokens is one
shingle.
Shingles are counted as multisets, so a paragraph repeated in the prediction costs precision.
"""

from __future__ import annotations

import re
from collections import Counter

WORD_RE = re.compile(r"\w+")
SPACE_RE = re.compile(r"\s+")
CHAR_MODE_MIN_RUN = 12.0


def uses_char_shingles(text: str) -> bool:
    """Tell whether a text is written mostly without spaces between words."""
    chunks = text.split()
    if not chunks:
        return False
    return sum(len(chunk) for chunk in chunks) / len(chunks) > CHAR_MODE_MIN_RUN


def shingles(text: str, n: int = 4, char_mode: bool = False) -> Counter[tuple[str, ...]]:
    """Count the n-shingles of a text: word n-grams, or character n-grams in char mode."""
    folded = text.casefold()
    tokens = list(SPACE_RE.sub("", folded)) if char_mode else WORD_RE.findall(folded)
    if 0 < len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_scores(predicted: str, expected: str, n: int = 4) -> tuple[float, float, float]:
    """Return (precision, recall, F1) of predicted against expected over n-shingles."""
    char_mode = uses_char_shingles(expected or predicted)
    got = shingles(predicted, n, char_mode)
    want = shingles(expected, n, char_mode)
    if not got and not want:
        return 1.0, 1.0, 1.0
    if not got or not want:
        return 0.0, 0.0, 0.0
    common = sum((got & want).values())
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1
