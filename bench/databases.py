"""The benchmark's own databases: the demo municipality and the 1,000-staff directory on SQLite, and a
fresh PostgreSQL database per run; each gets the model trained once at the start."""
from __future__ import annotations

import os
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy import func, select, update

from bench import synthetic
from classifier import retraining
from directory.db import Database, make_engine
from directory.models import Staff
from router.models import Inquiry

POSTGRES_ADMIN_URL = os.environ.get("VEJVISER_BENCH_POSTGRES_URL",
                                    "postgresql://postgres@127.0.0.1:5432/postgres")
# Room for every inquiry a load run sends, so each one is routed to a person (not to triage).
BENCH_CAPACITY = 100_000


@dataclass(frozen=True)
class Training:
    """The model trained on the seeds, how long that took, and its cross-validated figures."""

    candidate: retraining.Candidate
    seconds: float


def train(url: str) -> Training:
    """Train a candidate on the seeds and the directory at `url`, timing it."""
    db = Database.connect(url)
    started = time.perf_counter()
    with db.reader() as session:
        data = retraining.gather(session)
    candidate = retraining.build_candidate(data, jobs=os.cpu_count() or 1)  # as `flask train` does
    seconds = time.perf_counter() - started
    db.engine.dispose()
    return Training(candidate, seconds)


def install(url: str, training: Training) -> None:
    """Store and activate the trained model."""
    db = Database.connect(url)
    with db.writer() as session:
        retraining.record(session, training.candidate, force=True)
        session.commit()
    db.engine.dispose()


def make_room(url: str) -> None:
    """Give everybody room for a load run's inquiries, so each one is routed to a person."""
    db = Database.connect(url)
    with db.writer() as session:
        session.execute(update(Staff).values(capacity=BENCH_CAPACITY))
        session.commit()
    db.engine.dispose()


def grow(source: Path, target: Path) -> str:
    """Copy the demo database and grow it to the synthetic 1,000-staff directory."""
    shutil.copyfile(source, target)
    url = f"sqlite:///{target}"
    db = Database.connect(url)
    with db.writer() as session:
        synthetic.build(session)
        session.commit()
    db.engine.dispose()
    return url


def stored_references(url: str) -> set[str]:
    """Return the reference of every stored inquiry."""
    db = Database.connect(url)
    with db.reader() as session:
        references = set(session.scalars(select(Inquiry.reference)))
    db.engine.dispose()
    return references


def count_inquiries(url: str) -> int:
    """Count the stored inquiries."""
    db = Database.connect(url)
    with db.reader() as session:
        total = session.scalar(select(func.count()).select_from(Inquiry)) or 0
    db.engine.dispose()
    return total


def admin_engine(url: str = POSTGRES_ADMIN_URL) -> sa.Engine:
    """Return an autocommit engine without a pool on `url`, for creating and dropping databases."""
    return make_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def postgres_problem(url: str = POSTGRES_ADMIN_URL) -> str | None:
    """Return why the PostgreSQL at `url` cannot be used, or None when it can."""
    try:
        with admin_engine(url).connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any failure to connect is the answer
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return None


def postgres_version() -> str:
    """Return the PostgreSQL server's version number."""
    with admin_engine().connect() as conn:
        return conn.execute(sa.text("show server_version")).scalar_one().split()[0]


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """Create a new PostgreSQL database for one run, and drop it afterwards."""
    name = f"vv_bench_{uuid.uuid4().hex[:10]}"
    with admin_engine().connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = POSTGRES_ADMIN_URL.rpartition("/")[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin_engine().connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
