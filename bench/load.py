"""The load generator: `wrk` in its own process on loopback, with Lua scripts for varied POST bodies."""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "wrk"
CONNECTIONS = 16
THREADS = 2


@dataclass(frozen=True)
class LoadResult:
    """What one wrk run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[str, int]
    socket_errors: int
    references: tuple[str, ...]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def count(self, *statuses: int) -> int:
        """Return how many answers had one of `statuses`."""
        return sum(self.statuses.get(str(s), 0) for s in statuses)

    @property
    def failures(self) -> int:
        """Answers outside 2xx, plus connections that broke."""
        ok = sum(n for s, n in self.statuses.items() if s.startswith("2"))
        return self.requests - ok + self.socket_errors


def wrk_version() -> str:
    """Return wrk's version line."""
    out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    return (out.stdout or out.stderr).splitlines()[0].split(" Copyright")[0]


def run(url: str, *, seconds: int, bodies: Path | None = None) -> LoadResult:
    """Load `url` with 16 connections for `seconds`: GET, or POST one line of `bodies` per request."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (make bench installs it with apt-get)")
    script = SCRIPTS / ("post.lua" if bodies else "get.lua")
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
               url]
    if bodies:
        command += ["--", str(bodies)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    line = next(line for line in out.stdout.splitlines() if line.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    return LoadResult(requests=data["requests"], seconds=data["duration_us"] / 1e6, p50_ms=data["p50_us"] / 1e3,
                      p99_ms=data["p99_us"] / 1e3, statuses=data["statuses"],
                      socket_errors=data["socket_errors"], references=tuple(data["references"]))
