"""The machine a benchmark ran on, recorded beside its figures."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime


def machine() -> dict[str, object]:
    """Cores, memory, Python and the time of the run."""
    memory_gb = None
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory_gb = round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30, 1)
    return {
        "cores": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
