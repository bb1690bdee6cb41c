"""Several processes writing at once: no lost update, no "database is locked", no one over capacity."""
from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import select, update

from directory.db import Database
from directory.models import Staff
from directory.queries import claim_capacity
from router.models import Counter

PROCESSES = 4
ROUNDS = 25


def _read_then_write(url: str) -> int:
    """Increment a counter by reading it and writing it back, ROUNDS times; return the rounds done.

    On SQLite the write session's BEGIN IMMEDIATE serialises the read with the write; on PostgreSQL
    the row lock (FOR UPDATE, a no-op on SQLite) does.
    """
    db = Database.connect(url)
    for _ in range(ROUNDS):
        with db.writer() as session:
            row = session.scalars(select(Counter).where(Counter.name == "race").with_for_update()).one()
            row.value = row.value + 1
            session.commit()
    db.engine.dispose()
    return ROUNDS


def _claim(url_and_staff: tuple[str, int]) -> int:
    url, staff_id = url_and_staff
    db = Database.connect(url)
    won = 0
    for _ in range(ROUNDS):
        with db.writer() as session:
            won += claim_capacity(session, staff_id)
            session.commit()
    db.engine.dispose()
    return won


def _pool():
    return multiprocessing.get_context("spawn").Pool(PROCESSES)


@pytest.mark.slow
def test_read_then_write_transactions_never_lose_an_update(database, db_url):
    with database.writer() as session:
        session.add(Counter(name="race", value=0))
        session.commit()
    with _pool() as pool:
        assert pool.map(_read_then_write, [db_url] * PROCESSES) == [ROUNDS] * PROCESSES
    with database.reader() as session:
        assert session.get(Counter, "race").value == PROCESSES * ROUNDS


@pytest.mark.slow
def test_capacity_claims_from_many_processes_never_overbook(database, db_url):
    with database.writer() as session:
        staff_id = session.scalars(select(Staff.id).order_by(Staff.id)).first()
        session.execute(update(Staff).where(Staff.id == staff_id).values(capacity=37, open_inquiries=0))
        session.commit()
    with _pool() as pool:
        won = pool.map(_claim, [(db_url, staff_id)] * PROCESSES)
    assert sum(won) == 37
    with database.reader() as session:
        assert session.get(Staff, staff_id).open_inquiries == 37
