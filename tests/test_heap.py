"""The writer and the extraction workers give large buffers mappings of their own, so that what
a batch frees goes back to the system instead of staying in glibc's heap."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys

import pytest

from tasks.records import Outcome, RawRecord, Reason, Rejected
from tasks.run.pool import ExtractorPool, WorkerSetup

_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
pytestmark = pytest.mark.skipif(
    not hasattr(_LIBC, "mallinfo2"), reason="needs glibc 2.33 or newer (mallinfo2)"
)


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


if hasattr(_LIBC, "mallinfo2"):
    _LIBC.mallinfo2.restype = MallInfo2


def _mapped_blocks() -> int:
    return _LIBC.mallinfo2().hblks


def buffer_after_a_larger_one_is_mapped() -> bool:
    """Free a 4 MiB buffer (glibc's moving threshold would rise past 1 MiB), then allocate a
    1 MiB one: True when it gets a mapping of its own rather than a piece of the heap."""
    large = bytearray(4 << 20)
    del large
    before = _mapped_blocks()
    buffer = bytearray(1 << 20)
    mapped = _mapped_blocks() > before
    del buffer
    return mapped


PROBE = (
    "from tests.test_heap import buffer_after_a_larger_one_is_mapped as probe\n"
    "from tasks.run.heap import fix_mmap_threshold\n"
    "import sys\n"
    "if sys.argv[1] == 'fixed':\n"
    "    fix_mmap_threshold()\n"
    "print(probe())\n"
)


def _probe_in_new_process(mode: str) -> str:
    # glibc's own settings, without what other code of this process may have put in its
    # environment: any MALLOC_*_ variable (Dask sets MALLOC_TRIM_THRESHOLD_ for its workers)
    # or malloc tunable also stops the threshold moving.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("MALLOC_") and name != "GLIBC_TUNABLES"
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout.strip()


def test_with_the_threshold_fixed_a_freed_large_buffer_does_not_pull_the_next_into_the_heap():
    assert _probe_in_new_process("fixed") == "True"
    # The control: glibc's own threshold moves past the 1 MiB buffer, which the heap serves.
    assert _probe_in_new_process("default") == "False"


def probing_extract(record: RawRecord) -> Outcome:
    """Reports, as a reject's detail, whether large buffers are mapped in this worker."""
    mapped = buffer_after_a_larger_one_is_mapped()
    return Rejected(record.file_id, record.position, Reason.NO_ARTICLE, f"mapped={mapped}")


def test_pool_workers_start_with_the_threshold_fixed():
    setup = WorkerSetup((), extract_one=probing_extract)
    records = [RawRecord("a" * 64, n, "html", b"<html></html>") for n in range(4)]
    with ExtractorPool(setup, workers=2) as pool:
        outcomes = pool.extract(records).outcomes
    assert [o.detail for o in outcomes] == ["mapped=True"] * 4
