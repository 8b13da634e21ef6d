"""The fixed split of every development corpus into a tune half and a check half.

Rules, thresholds and models are fitted on the tune half only; figures are reported on the check
half. The half of a page depends on its file name alone (never its content, never the order of a
listing), so a page stays in its half as the corpus grows or moves.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Literal

from tasks.errors import KabarError

Half = Literal["tune", "check"]
HALVES: tuple[Half, ...] = ("tune", "check")


def check_half(half: str | None) -> None:
    """Refuse a half that is neither `tune` nor `check` (None asks for both)."""
    if half is not None and half not in HALVES:
        raise KabarError(f"half {half!r} is not one of {', '.join(HALVES)}; pick one or none")


def in_half(half_asked: str | None, half: str) -> bool:
    """Whether a page of `half` is among those asked for: all pages when no half is asked."""
    return half_asked is None or half == half_asked


def half_of(file_name: str) -> Half:
    """`tune` or `check` for a page, by the SHA-256 of its base name (folders do not count)."""
    digest = hashlib.sha256(PurePath(file_name).name.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"
