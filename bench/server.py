"""Gunicorn as `make run` starts it (production settings), on a free loopback port, and its workers' memory."""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
BENCH_RATE_LIMIT = "1000000/minute"  # the public limit, raised so the load generator measures speed


def workers() -> int:
    """Return the worker count the Makefile gives gunicorn on this machine."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def production_command(port: int) -> list[str]:
    """Return the gunicorn command line of `make run` (settings in gunicorn.conf.py), bound to `port`."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    return [gunicorn, "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", str(workers()),
            "wsgi:app"]


def free_port() -> int:
    """Return a loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    """Return once `url` answers 200; raise if the server exits first or stays silent for `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


@contextmanager
def gunicorn(database_url: str, log_path: Path) -> Iterator[tuple[str, int]]:
    """Serve the app in production mode on `database_url`; yield its base URL and the master's pid."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "VEJVISER_ENV": "production",
           "VEJVISER_SECRET_KEY": secrets.token_urlsafe(32), "VEJVISER_PUBLIC_RATE_LIMIT": BENCH_RATE_LIMIT}
    env.pop("VEJVISER_SMTP_HOST", None)
    with log_path.open("ab") as log:
        process = subprocess.Popen(production_command(port), cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker_pids(master: int) -> list[int]:
    """Return the pids of a gunicorn master's workers."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def _kilobytes(path: str, field: str) -> float:
    for line in Path(path).read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in {path}")


def peak_rss_mb(pid: int) -> float:
    """Return a process's peak resident memory (VmHWM) in MB, pages shared with other workers included."""
    return _kilobytes(f"/proc/{pid}/status", "VmHWM") / 1024


def pss_mb(pid: int) -> float:
    """Return a process's proportional share of memory now (shared pages split between their users) in MB."""
    return _kilobytes(f"/proc/{pid}/smaps_rollup", "Pss") / 1024


def cpu_seconds(pids: list[int]) -> float:
    """Return the CPU time (user and system) the processes have used so far."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")
