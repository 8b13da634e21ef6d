"""Hand the C heap's free pages back to the operating system."""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc (musl, macOS): nothing to trim


def trim_heap() -> bool:
    """Return freed heap memory to the system; True when the C library did.

    A batch passes through the writer as large short-lived objects (its pages, their pickled
    copies for the workers, its frames). glibc keeps what they free in its arenas, in pieces
    between live objects, so the process's resident memory ratchets up over a long run although
    it holds no more data. `malloc_trim` releases those pages.
    """
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
