"""Crash safety: under load, gunicorn workers are killed with SIGKILL mid-flight; every inquiry that was
acknowledged with a 201 is in the database afterwards, whole, and no desk's load is off. SQLite and
PostgreSQL."""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from router.models import Event, Inquiry, OutboxMessage
from tests.hardening import BUSINESS, Gunicorn, post_json
from tests.test_hardening_races import assert_coherent

SUBMISSIONS = 160
KILLS = 2


def _killer(server: Gunicorn, done: list, killed: list[int], finished: threading.Event) -> None:
    """Kill a busy worker each time another third of the submissions has been answered."""
    for n in range(1, KILLS + 1):
        while len(done) < n * SUBMISSIONS // (KILLS + 1):
            if finished.wait(0.005):
                return  # the submissions ended early (the assertions below say how)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)


@pytest.mark.slow
def test_a_killed_worker_loses_no_acknowledged_inquiry(db_url, database, tmp_path):
    env = {"DATABASE_URL": db_url, "VEJVISER_SECRET_KEY": "crash-test", "VEJVISER_INSTANCE_PATH": str(tmp_path),
           "VEJVISER_PUBLIC_RATE_LIMIT": "100000/minute", "VEJVISER_SMTP_HOST": ""}
    server = Gunicorn("tests.test_inquiry_concurrency:make_app()", env, workers=3, log=tmp_path / "gunicorn.log")
    done: list = []
    killed: list[int] = []
    finished = threading.Event()

    def submit(n: int):
        result = post_json(f"{server.base}/api/v1/inquiries",
                           {**BUSINESS, "text": f"Vi vil bygge en carport nr. {n}"}, timeout=30)
        done.append(result)
        return result

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=12) as pool:
            killer = pool.submit(_killer, server, done, killed, finished)
            try:
                results = list(pool.map(submit, range(SUBMISSIONS)))
            finally:
                finished.set()
            killer.result(timeout=60)
        respawned = server.workers()
    finally:
        server.stop()
    acknowledged = [body["reference"] for status, body, _ in results if status == 201]
    refused = [status for status, _, _ in results if status != 201]
    assert set(refused) <= {0, 500, 502, 503}, refused  # a dropped connection, never a wrong answer
    assert len(killed) == KILLS and not set(killed) & set(respawned) and len(respawned) == 3
    assert len(acknowledged) == len(set(acknowledged)) >= SUBMISSIONS - 3 * KILLS
    with database.reader() as session:
        stored = set(session.scalars(select(Inquiry.reference)))
        assert set(acknowledged) <= stored
        whole = session.scalar(select(func.count(func.distinct(Event.inquiry_id))).where(Event.kind == "received"))
        assert whole == len(stored)  # no inquiry without its history: a half-written one was rolled back
        receipts = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "receipt")
        assert session.scalar(receipts) == len(stored)
    assert_coherent(database)
    print(f"{time.monotonic() - started:.1f} s: {len(acknowledged)} acknowledged, "
          f"{len(refused)} dropped by {KILLS} SIGKILLs, "
          f"{len(stored) - len(acknowledged)} stored but never acknowledged")
