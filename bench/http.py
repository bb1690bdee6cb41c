"""HTTP under gunicorn's production settings: route against healthz in one server run, and submissions."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import databases, load, server

WARM_UP_SECONDS = 3  # the first requests of each worker build its caches; that is not what is measured


@dataclass(frozen=True)
class Measured:
    """One wrk run and the server CPU time it cost per request (steady even when others share the cores)."""

    result: load.LoadResult
    cpu_ms: float


@dataclass(frozen=True)
class Memory:
    """The workers' largest peak resident memory and largest proportional share, in MB."""

    peak_rss_mb: float
    pss_mb: float


@dataclass(frozen=True)
class RouteRun:
    """`GET /healthz` and `POST /api/v1/route` measured against the same server."""

    healthz: Measured
    route: Measured
    memory: Memory

    @property
    def ratio(self) -> float:
        return self.route.result.per_second / self.healthz.result.per_second


@dataclass(frozen=True)
class SubmitRun:
    """`POST /api/v1/inquiries` measured, with what the database holds afterwards."""

    submit: Measured
    stored: int
    acknowledged_missing: int
    memory: Memory

    @property
    def result(self) -> load.LoadResult:
        return self.submit.result

    @property
    def created(self) -> int:
        return self.result.count(201)

    @property
    def stored_per_second(self) -> float:
        return self.created / self.result.seconds


def _measure(master: int, url: str, seconds: int, bodies: Path | None = None) -> Measured:
    processes = [master, *server.worker_pids(master)]
    before = server.cpu_seconds(processes)
    result = load.run(url, seconds=seconds, bodies=bodies)
    return Measured(result, (server.cpu_seconds(processes) - before) / max(result.requests, 1) * 1e3)


def _memory(master: int) -> Memory:
    workers = server.worker_pids(master)
    return Memory(max(map(server.peak_rss_mb, workers)), max(map(server.pss_mb, workers)))


def route_run(url: str, bodies: Path, log: Path, seconds: int) -> RouteRun:
    """Serve `url`; load healthz, then route, for `seconds` each."""
    with server.gunicorn(url, log) as (base, master):
        load.run(f"{base}/api/v1/route", seconds=WARM_UP_SECONDS, bodies=bodies)
        healthz = _measure(master, f"{base}/healthz", seconds)
        route = _measure(master, f"{base}/api/v1/route", seconds, bodies)
        return RouteRun(healthz, route, _memory(master))


def submit_run(url: str, route_bodies: Path, bodies: Path, log: Path, seconds: int) -> SubmitRun:
    """Serve `url`; submit inquiries for `seconds`, then check every acknowledged one is stored."""
    with server.gunicorn(url, log) as (base, master):
        load.run(f"{base}/api/v1/route", seconds=WARM_UP_SECONDS, bodies=route_bodies)
        submit = _measure(master, f"{base}/api/v1/inquiries", seconds, bodies)
        memory = _memory(master)
    stored = databases.stored_references(url)
    missing = len(set(submit.result.references) - stored)
    return SubmitRun(submit, len(stored), missing, memory)
