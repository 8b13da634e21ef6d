"""The machine a benchmark ran on, recorded beside its figures, and where the figures go."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


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


def save(results: dict[str, Any], out: Path | None) -> None:
    """Print the results as JSON, and write them to `out` when one is given."""
    text = json.dumps(results, indent=1, ensure_ascii=False, default=str)
    print(text)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")
