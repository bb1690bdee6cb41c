"""The directory snapshot each worker routes from: as true as the database, and never stale after a change."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from directory.cache import current
from directory.clock import today
from directory.models import Absence, Competence, Speciality, Staff
from directory.queries import claim_capacity, staff_query
from router import route
from tests.fake_model import KeywordModel

BUILDING = "Vi vil gerne have en byggetilladelse til vores nye kontor"


def _lead(database, text: str = BUILDING) -> str:
    with database.reader() as session:
        return route(session, text, model=KeywordModel()).caseworker.name


def test_the_snapshot_holds_what_the_directory_says(database):
    with database.reader() as session:
        snapshot = current(session)
        people = list(session.scalars(staff_query()))
    assert {p.id for p in people} == set(snapshot.staff)
    for person in people:
        member = snapshot.staff[person.id]
        assert member.topics == tuple(person.topic_ids())
        assert [keyword for keyword, _ in member.specialities] == [s.keyword for s in person.specialities]
        assert (member.department_id, member.active) == (person.department_id, person.active)
        assert [(a.starts, a.ends, a.deputy_id) for a in member.absences] == \
            [(a.starts, a.ends, a.deputy_id) for a in person.absences]


def test_an_absence_entered_elsewhere_is_respected_by_the_next_inquiry(database):
    first = _lead(database)  # this worker now holds a snapshot
    with database.writer() as session:
        person = session.scalars(select(Staff).where(Staff.name == first)).one()
        session.add(Absence(staff=person, starts=today(), ends=today() + timedelta(days=2), reason="syg"))
        session.commit()
    assert _lead(database) != first


def test_a_change_that_was_rolled_back_never_reaches_routing(database):
    first = _lead(database)
    with database.writer() as session:
        person = session.scalars(select(Staff).where(Staff.name == first)).one()
        person.active = False
        assert route(session, BUILDING, model=KeywordModel()).caseworker.name != first  # its own view
        session.rollback()
    assert _lead(database) == first


def test_a_new_speciality_lifts_its_holder_at_once(database):
    text = "Byggetilladelse til en ny svinestald"
    before = _lead(database, text)
    with database.writer() as session:
        colleagues = session.scalars(
            select(Staff).join(Competence).where(Competence.topic_id == "building-permit",
                                                 Competence.level == "primary", Staff.name != before,
                                                 Staff.active.is_(True)).order_by(Staff.id))
        other = next(p for p in colleagues if p.absence_on(today()) is None)
        session.add(Speciality(staff=other, keyword="svinestald"))
        session.commit()
        name = other.name
    assert _lead(database, text) == name


def test_open_inquiries_are_read_fresh_without_rebuilding_the_snapshot(database):
    first = _lead(database)
    with database.reader() as session:
        version = current(session).version
    with database.writer() as session:
        session.execute(update(Staff).where(Staff.name == first).values(open_inquiries=Staff.capacity))
        session.commit()
    assert _lead(database) != first
    with database.reader() as session:
        assert current(session).version == version


def test_a_submission_passes_over_a_colleague_another_one_is_claiming(database):
    if database.is_sqlite:
        pytest.skip("SQLite lets one writer in at a time: there is never a claim in flight")
    lead = _lead(database)
    with database.writer() as first, database.writer() as second:
        person = first.scalars(select(Staff).where(Staff.name == lead)).one()
        assert claim_capacity(first, person.id)  # in flight, not yet committed
        assert not claim_capacity(second, person.id, skip_locked=True)  # at once, without waiting
        first.rollback()
        assert claim_capacity(second, person.id, skip_locked=True)
        second.rollback()
