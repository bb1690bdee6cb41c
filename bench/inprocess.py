"""In-process latency: classify, route (a session per inquiry, as a request has) and the desk look-up."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import select

from bench.corpus import BenchInquiry
from classifier import versions
from classifier.model import Model
from directory.db import Database
from directory.models import Speciality, Staff, Topic
from router.models import Inquiry
from router.policy import route

WARM_UP = 20


@dataclass(frozen=True)
class Latency:
    """Percentiles of one measured call in milliseconds: elapsed, and CPU time (which other processes on
    a shared machine barely disturb)."""

    count: int
    p50_ms: float
    p99_ms: float
    cpu_p50_ms: float
    cpu_p99_ms: float


def percentile(samples: Sequence[float], share: float) -> float:
    """Return the nearest-rank percentile of `samples`."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


class Timer:
    """Collects elapsed and CPU time of repeated calls."""

    def __init__(self) -> None:
        self.elapsed: list[float] = []
        self.cpu: list[float] = []

    def time(self, call: Callable[[], object]) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        call()
        self.cpu.append(time.process_time() - cpu)
        self.elapsed.append(time.perf_counter() - started)

    def latency(self) -> Latency:
        return Latency(len(self.elapsed), percentile(self.elapsed, 0.50) * 1e3, percentile(self.elapsed, 0.99) * 1e3,
                       percentile(self.cpu, 0.50) * 1e3, percentile(self.cpu, 0.99) * 1e3)


def measure(call: Callable[[object], object], items: Sequence[object]) -> Latency:
    """Time `call` on every item after a short warm-up."""
    for item in items[:WARM_UP]:
        call(item)
    timer = Timer()
    for item in items:
        timer.time(lambda: call(item))
    return timer.latency()


def load_model(db: Database) -> Model:
    """Load the database's active model."""
    with db.reader() as session:
        return versions.load(versions.active_version(session, with_artifact=True))


def classify_latency(model: Model, items: Sequence[BenchInquiry]) -> Latency:
    """Time the classifier alone."""
    return measure(lambda item: model.classify(item.text), items)


def route_latency(databases: dict[str, Database], model: Model,
                  items: Sequence[BenchInquiry]) -> dict[str, Latency]:
    """Time a dry-run routing (classify included) in a fresh read session, as a request does.

    The directories take turns inquiry by inquiry, so a busy moment on a shared machine weighs on
    both alike and their ratio stays fair.
    """

    def once(db: Database, item: BenchInquiry) -> None:
        with db.reader() as session:
            route(session, item.text, item.cvr, model=model)

    for item in items[:WARM_UP]:
        for db in databases.values():
            once(db, item)
    timers = {name: Timer() for name in databases}
    for item in items:
        for name, db in databases.items():
            timers[name].time(lambda: once(db, item))
    return {name: timer.latency() for name, timer in timers.items()}


def desk_queries(db: Database, count: int = 1200, seed: int = 5) -> list[str]:
    """Return what callers say: names (some misspelt), topic and speciality words, companies and CVRs."""
    rng = random.Random(seed)
    with db.reader() as session:
        names = list(session.scalars(select(Staff.name)))
        words = [w for t in session.scalars(select(Topic)) for w in (t.name_da, *t.covers_da.split(","))]
        words += list(session.scalars(select(Speciality.keyword).distinct()))
        companies = list(session.execute(select(Inquiry.company_name, Inquiry.cvr).limit(2000)))
    queries = []
    for n in range(count):
        kind = n % 4
        if kind == 0:
            name = rng.choice(names).split()
            queries.append(_typo(rng, " ".join(name[:2])) if rng.random() < 0.5 else name[-1])
        elif kind == 1:
            queries.append(" ".join(rng.choice(words).split()[:3]).strip())
        elif kind == 2 and companies:
            company, cvr = rng.choice(companies)
            queries.append(company if rng.random() < 0.6 else cvr)
        else:
            queries.append(_typo(rng, rng.choice(words).split()[0]))
    return [q for q in queries if q]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def desk_latency(url: str, instance: Path, queries: Sequence[str]) -> tuple[Latency, float]:
    """Time the front desk's look-up through the web layer's cached index; also the first (index-building) call."""
    from web import create_app
    from web.database import database
    from web.desk_search import search_staff

    app = create_app({"DATABASE_URL": url, "VEJVISER_INSTANCE_PATH": str(instance), "SECRET_KEY": "bench"})
    with app.app_context():
        def one(query: str) -> None:
            with database().reader() as session:
                search_staff(session, query)

        started = time.perf_counter()
        one("byggetilladelse")
        first_ms = (time.perf_counter() - started) * 1e3
        result = measure(one, queries)
    app.extensions["vejviser.db"].engine.dispose()
    return result, first_ms
