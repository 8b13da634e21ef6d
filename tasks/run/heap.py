"""Keep the C heap of a long-running writer from holding memory it no longer uses."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

# glibc's mallopt parameter for the size from which an allocation gets a mapping of its own.
M_MMAP_THRESHOLD = -3
# Blocks this large and over are mapped on their own and unmapped when freed. glibc starts
# at the same figure but raises it (to 32 MiB on 64-bit) each time a mapped block is freed.
MMAP_THRESHOLD = 128 << 10


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 -- both exist only in glibc
    except (OSError, AttributeError):
        return None  # not glibc (musl, macOS): nothing to tune
    return libc


def fix_mmap_threshold(size: int = MMAP_THRESHOLD) -> bool:
    """Give every allocation of `size` bytes or more a mapping of its own from now on, in
    every thread of this process; True when the C library took the setting.

    A batch passes through the writer as large short-lived buffers: pages, their pickled
    copies on the way to the workers, frames. With glibc's moving threshold, after the first
    few such buffers are freed the later ones come from the heap and the threads' arenas
    instead, where a buffer freed between live objects stays resident: over hundreds of
    batches the writer's memory ratchets up although it holds no more data. A fixed
    threshold also stops glibc moving its trim threshold, so freed heap tops go back at once.
    """
    libc = _libc()
    return bool(libc.mallopt(M_MMAP_THRESHOLD, size)) if libc is not None else False


def trim_heap() -> bool:
    """Return freed heap memory to the system; True when the C library did.

    What a batch's smaller objects free lies in pieces between live objects that glibc keeps
    in its arenas; `malloc_trim` releases those pages.
    """
    libc = _libc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
