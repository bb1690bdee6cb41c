"""Two hundred businesses submitting at once through several gunicorn workers: every acknowledged
inquiry is stored, every reference is distinct, and nobody is given more than their capacity."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select, update

from directory.clock import today
from directory.models import Competence, Staff
from directory.queries import is_present
from router.models import Inquiry
from tests.fake_model import KeywordModel
from tests.hardening import Gunicorn, post_json

SUBMISSIONS = 200
WORKERS = 3
BODY = {"text": "Vi skal bygge en carport ved vores lager", "company_name": "Thy Smedie ApS",
        "cvr": "13585628", "contact_name": "Ole Smed", "email": "ole@smedie.dk"}


def make_app():
    """The gunicorn factory for this test: the real app, with the keyword model as the active model."""
    import web.api_inquiries
    from web import create_app

    web.api_inquiries.active_model = KeywordModel
    return create_app()


@pytest.fixture
def server(db_url, tmp_path):
    env = {"DATABASE_URL": db_url, "VEJVISER_SECRET_KEY": "concurrency-test",
           "VEJVISER_PUBLIC_RATE_LIMIT": "100000/minute", "VEJVISER_INSTANCE_PATH": str(tmp_path),
           "VEJVISER_SMTP_HOST": ""}
    gunicorn = Gunicorn("tests.test_inquiry_concurrency:make_app()", env, workers=WORKERS)
    yield gunicorn.base
    gunicorn.stop()


def _submit(base: str) -> tuple[int, dict]:
    status, body, _ = post_json(f"{base}/api/v1/inquiries", BODY)
    return status, body


def _limit_building_capacity(database) -> list[int]:
    """Give every building-permit person ten slots, so the burst fills them all and overflows."""
    with database.writer() as session:
        ids = list(session.scalars(select(Competence.staff_id).where(Competence.topic_id == "building-permit")))
        session.execute(update(Staff).where(Staff.id.in_(ids)).values(capacity=10, open_inquiries=0))
        session.commit()
    return ids


@pytest.mark.slow
def test_two_hundred_concurrent_submissions_are_all_stored_and_nobody_is_overbooked(database, server):
    building = _limit_building_capacity(database)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=24) as pool:
        results = list(pool.map(lambda _: _submit(server), range(SUBMISSIONS)))
    elapsed = time.monotonic() - started
    assert [status for status, _ in results].count(201) == SUBMISSIONS, {s for s, _ in results}
    references = [body["reference"] for _, body in results]
    assert len(set(references)) == SUBMISSIONS
    with database.reader() as session:
        stored = set(session.scalars(select(Inquiry.reference)))
        assert stored == set(references)
        assigned = dict(session.execute(select(Inquiry.assignee_id, func.count()).where(
            Inquiry.assignee_id.is_not(None)).group_by(Inquiry.assignee_id)).all())
        people = session.scalars(select(Staff)).all()
        assert all(p.open_inquiries <= p.capacity for p in people)
        assert all(assigned.get(p.id, 0) == p.open_inquiries for p in people)
        routed = sum(assigned.values())
        free = [p for p in people if p.id in set(building) and is_present(p, today())]
        assert routed == sum(p.capacity for p in free)  # every free slot was used, none twice
        waiting = session.scalar(select(func.count()).select_from(Inquiry)
                                 .where(Inquiry.state == "needs_review"))
        assert routed + waiting == SUBMISSIONS
    print(f"{SUBMISSIONS} submissions through {WORKERS} workers in {elapsed:.1f} s")
