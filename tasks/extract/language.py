"""Language identification of article text (ISO 639-1 codes)."""

from __future__ import annotations

import py3langid

# Enough text for a stable guess; more only costs time.
SAMPLE_CHARS = 2000
MIN_CHARS = 20


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when too little text."""
    sample = text.strip()[:SAMPLE_CHARS]
    if len(sample) < MIN_CHARS:
        return None
    code, _score = py3langid.classify(sample)
    return code
