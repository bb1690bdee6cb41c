"""The machine and software the figures were measured on."""
from __future__ import annotations

import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path

LIBRARIES = ("Flask", "Werkzeug", "SQLAlchemy", "gunicorn", "scikit-learn", "numpy", "scipy", "skops",
             "rapidfuzz", "psycopg", "Flask-Limiter")


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def describe(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Return cores, memory, CPU, OS, Python and library versions as labelled strings."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info = {
        "cores": f"{usable} usable ({os.cpu_count()} online), {_cpu_model()}",
        "memory": f"{_memory_gb():.1f} GB",
        "system": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
    }
    for name in LIBRARIES:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "not installed"
    return {**info, **(extra or {})}
