"""Racing staff: two people forwarding the same inquiry at the same moment end in one coherent state, and
the one who acted on a stale version is told so (409). On SQLite and PostgreSQL.

Racing submissions from the public are covered by tests/test_inquiry_concurrency.py (200 submissions
through three gunicorn workers, on both databases); they are not repeated here.
"""
from __future__ import annotations

import threading
from collections import Counter

from sqlalchemy import func, select

from directory.models import Staff
from router.models import Event, Inquiry, OutboxMessage
from router.views import replay
from tests.hardening import CASEWORKER_STAFF, place_inquiry

ROUNDS = 4
REASONS = ("Mette har den slags", "Aysel har tid")


def _race(app, login, calls: list[tuple[str, str, dict]]) -> list[int]:
    """Send each (role, path, body) from its own logged-in browser at the same instant; return the statuses."""
    clients = [login(role, app.test_client()) for role, _, _ in calls]
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = [0] * len(calls)

    def run(i: int) -> None:
        _, path, body = calls[i]
        barrier.wait()
        statuses[i] = clients[i].post(path, json=body).status_code

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def assert_coherent(database) -> None:
    """Every inquiry's row is what its events say, and every desk's load is its open inquiries."""
    with database.reader() as session:
        for inquiry in session.scalars(select(Inquiry)):
            replayed = replay(list(inquiry.events))
            assert (replayed.state, replayed.assignee_id, replayed.topic_id) == (
                inquiry.state, inquiry.assignee_id, inquiry.topic_id), inquiry.reference
        open_by_person = dict(session.execute(
            select(Inquiry.assignee_id, func.count()).where(Inquiry.state.in_(("routed", "accepted")))
            .group_by(Inquiry.assignee_id)).all())
        for person in session.scalars(select(Staff)):
            assert person.open_inquiries == open_by_person.get(person.id, 0), person.name


def _ids(database, *names: str) -> list[int]:
    with database.reader() as session:
        return [session.scalar(select(Staff.id).where(Staff.name == name)) for name in names]


def test_racing_forwards_with_the_same_version_leave_one_winner_and_a_409(app, login, database):
    mette, aysel = _ids(database, "Mette Kjærgaard", "Aysel Demir")
    for _ in range(ROUNDS):
        reference = place_inquiry(database, staff=CASEWORKER_STAFF).reference
        with database.reader() as session:
            version = session.scalar(select(Inquiry.version).where(Inquiry.reference == reference))
        path = f"/api/v1/inquiries/{reference}/forward"
        statuses = _race(app, login, [
            ("caseworker", path, {"reason": REASONS[0], "staff_id": mette, "version": version}),
            ("section_leader", path, {"reason": REASONS[1], "staff_id": aysel, "version": version}),
        ])
        assert sorted(statuses) == [200, 409], statuses
        winner = (mette, aysel)[statuses.index(200)]
        with database.reader() as session:
            inquiry = session.scalar(select(Inquiry).where(Inquiry.reference == reference))
            assert inquiry.assignee_id == winner and inquiry.version == version + 1
            notes = [e.note for e in inquiry.events if e.kind == "forwarded"]
            won = statuses.index(200)
            assert notes.count(REASONS[won]) == 1 and REASONS[1 - won] not in notes
            notices = session.scalars(select(OutboxMessage.recipient).where(
                OutboxMessage.inquiry_id == inquiry.id, OutboxMessage.kind == "forward")).all()
            assert len(notices) == 1
    assert_coherent(database)


def test_racing_steps_without_versions_still_end_coherent(app, login, database):
    mette, aysel = _ids(database, "Mette Kjærgaard", "Aysel Demir")
    outcomes: Counter[int] = Counter()
    for _ in range(ROUNDS):
        reference = place_inquiry(database, staff=CASEWORKER_STAFF).reference
        base = f"/api/v1/inquiries/{reference}"
        outcomes.update(_race(app, login, [
            ("caseworker", f"{base}/forward", {"reason": "til Mette", "staff_id": mette}),
            ("section_leader", f"{base}/forward", {"reason": "til Aysel", "staff_id": aysel}),
            ("admin", f"{base}/resolve", {"note": "klaret i telefonen"}),
            ("caseworker", f"{base}/accept", {}),
        ]))
    assert set(outcomes) <= {200, 403, 409}, outcomes  # 403: the inquiry moved off the caseworker's desk
    assert outcomes[200] >= ROUNDS
    assert_coherent(database)
    with database.reader() as session:
        kinds = Counter(session.scalars(select(Event.kind)))
        assert kinds["received"] == ROUNDS
