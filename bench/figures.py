"""Measurements turned into table rows, each set against the issue's target where it has one."""
from __future__ import annotations

from bench.http import Measured, Memory, RouteRun, SubmitRun
from bench.inprocess import Latency
from bench.report import Row

ROUTE_P50_MS = 2.0
ROUTE_GROWTH = 1.5
DESK_P99_MS = 5.0
HTTP_RATIO = 0.5
HTTP_P99_MS = 50.0
STORED_PER_SECOND = 200.0
WORKER_RSS_MB = 250.0


def _ms(latency: Latency) -> str:
    return (f"p50 {latency.p50_ms:.2f} ms, p99 {latency.p99_ms:.2f} ms (CPU p50 {latency.cpu_p50_ms:.2f}, "
            f"p99 {latency.cpu_p99_ms:.2f}; n={latency.count})")


def in_process(classify: Latency, demo: Latency, large: Latency) -> list[Row]:
    """Rows for classify and route latency at demo size and at 1,000 staff."""
    growth = large.p50_ms / demo.p50_ms
    return [
        Row("in-process", "classify", _ms(classify)),
        Row("in-process", "route, demo (51 staff)", _ms(demo)),
        Row("in-process", "route, 1,000 staff", _ms(large), f"p50 < {ROUTE_P50_MS:g} ms",
            large.p50_ms < ROUTE_P50_MS),
        Row("in-process", "route p50, 1,000 staff / demo", f"{growth:.2f}x", f"<= {ROUTE_GROWTH:g}x",
            growth <= ROUTE_GROWTH),
    ]


def desk(demo: Latency, demo_first: float, large: Latency, large_first: float) -> list[Row]:
    """Rows for the front desk's look-up at demo size and at 1,000 staff."""
    return [
        Row("desk look-up", "demo (51 staff)", _ms(demo) + f"; index built in {demo_first:.0f} ms"),
        Row("desk look-up", "1,000 staff", _ms(large) + f"; index built in {large_first:.0f} ms",
            f"p99 < {DESK_P99_MS:g} ms", large.p99_ms < DESK_P99_MS),
    ]


def _http(measured: Measured) -> str:
    result = measured.result
    return (f"{result.per_second:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, "
            f"{result.failures} errors; server CPU {measured.cpu_ms:.2f} ms/request")


def route_http(run: RouteRun) -> list[Row]:
    """Rows for healthz and route over HTTP in the same server run."""
    route = run.route.result
    return [
        Row("HTTP, 16 conn.", "GET /healthz", _http(run.healthz), "0 errors", run.healthz.result.failures == 0),
        Row("HTTP, 16 conn.", "POST /api/v1/route", _http(run.route), f"p99 < {HTTP_P99_MS:g} ms, 0 errors",
            route.p99_ms < HTTP_P99_MS and route.failures == 0),
        Row("HTTP, 16 conn.", "route / healthz throughput", f"{run.ratio:.2f}", f">= {HTTP_RATIO:g}",
            run.ratio >= HTTP_RATIO),
    ]


def submit_http(backend: str, run: SubmitRun | None, skipped: str = "") -> list[Row]:
    """Rows for submissions on one database backend."""
    measure = f"POST /api/v1/inquiries, {backend}"
    target = f">= {STORED_PER_SECOND:g}/s, 0 errors, none lost"
    if run is None:
        return [Row("HTTP, 16 conn.", measure, f"not measured: {skipped}", target, False)]
    result = run.result
    ok = run.stored_per_second >= STORED_PER_SECOND and result.failures == 0 and run.acknowledged_missing == 0
    stored = (f"{run.stored_per_second:,.0f} stored/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, "
              f"server CPU {run.submit.cpu_ms:.2f} ms/request; {run.created} answered 201, {result.failures} "
              f"errors; {run.stored} stored, {run.acknowledged_missing} acknowledged missing, "
              f"{run.stored - run.created} more in flight when wrk stopped")
    return [Row("HTTP, 16 conn.", measure, stored, target, ok)]


def memory(runs: list[Memory]) -> Row:
    """The row for a worker's peak resident memory (and its proportional share, for context)."""
    peak = max(m.peak_rss_mb for m in runs)
    pss = max(m.pss_mb for m in runs)
    return Row("memory", "worker peak RSS (VmHWM, largest worker)", f"{peak:.0f} MB (PSS {pss:.0f} MB)",
               f"< {WORKER_RSS_MB:g} MB", peak < WORKER_RSS_MB)
