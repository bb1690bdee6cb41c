"""HTTP under gunicorn's production settings: route against healthz in one server run, and submissions."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench import databases, load, server

WARM_UP_SECONDS = 3  # every worker loads the model on its first inquiry; that is not what is measured


@dataclass(frozen=True)
class RouteRun:
    """`GET /healthz` and `POST /api/v1/route` measured against the same server."""

    healthz: load.LoadResult
    route: load.LoadResult
    peak_rss_mb: float

    @property
    def ratio(self) -> float:
        return self.route.per_second / self.healthz.per_second


@dataclass(frozen=True)
class SubmitRun:
    """`POST /api/v1/inquiries` measured, with what the database holds afterwards."""

    result: load.LoadResult
    stored: int
    acknowledged_missing: int
    peak_rss_mb: float

    @property
    def created(self) -> int:
        return self.result.count(201)

    @property
    def stored_per_second(self) -> float:
        return self.created / self.result.seconds


def _peak_rss(master: int) -> float:
    return max(server.peak_rss_mb(pid) for pid in server.worker_pids(master))


def route_run(url: str, bodies: Path, log: Path, seconds: int) -> RouteRun:
    """Serve `url`; load healthz, then route, for `seconds` each."""
    with server.gunicorn(url, log) as (base, master):
        load.run(f"{base}/api/v1/route", seconds=WARM_UP_SECONDS, bodies=bodies)
        healthz = load.run(f"{base}/healthz", seconds=seconds)
        route = load.run(f"{base}/api/v1/route", seconds=seconds, bodies=bodies)
        return RouteRun(healthz, route, _peak_rss(master))


def submit_run(url: str, route_bodies: Path, bodies: Path, log: Path, seconds: int) -> SubmitRun:
    """Serve `url`; submit inquiries for `seconds`, then check every acknowledged one is stored."""
    with server.gunicorn(url, log) as (base, master):
        load.run(f"{base}/api/v1/route", seconds=WARM_UP_SECONDS, bodies=route_bodies)
        result = load.run(f"{base}/api/v1/inquiries", seconds=seconds, bodies=bodies)
        rss = _peak_rss(master)
    stored = databases.stored_references(url)
    missing = len(set(result.references) - stored)
    return SubmitRun(result, len(stored), missing, rss)
