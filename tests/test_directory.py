"""The seeded demo directory and the questions the router asks of it."""
from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from directory.clock import today
from directory.models import Absence, Competence, Staff, Topic
from directory.queries import claim_capacity, deputy_for, qualified_staff, release_capacity
from seeds.demo import TOPICS_CSV

SHARED_TAXONOMY = Path(__file__).resolve().parents[2] / "shared" / "taxonomy" / "topics.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _person(session, email_start: str) -> Staff:
    return session.scalars(select(Staff).where(Staff.email.startswith(email_start))).one()


def test_seeded_topics_are_exactly_the_reference_taxonomy(session):
    reference = _rows(SHARED_TAXONOMY if SHARED_TAXONOMY.exists() else TOPICS_CSV)
    seeded = {t.id: t for t in session.scalars(select(Topic))}
    assert {r["id"]: r["department"] for r in reference} == {i: t.department_id for i, t in seeded.items()}
    building = seeded["building-permit"]
    assert (building.kle, building.first_response_workdays, building.decision_days) == ("02.34.02", 2, 50)


def test_every_topic_has_two_present_primary_people_today(session):
    for topic in session.scalars(select(Topic)):
        primary = [c for c in qualified_staff(session, topic.id, today()) if c.level == "primary"]
        assert len(primary) >= 2, topic.id


def test_demo_directory_is_big_enough_and_fictional(session):
    staff = list(session.scalars(select(Staff).where(Staff.active.is_(True))))
    assert len(staff) >= 45
    assert all(s.email.endswith(".example") for s in staff)
    assert sum(len(s.competences) > 1 for s in staff) >= 10
    assert session.scalar(select(func.count()).select_from(Absence)) >= 3


def test_absent_and_inactive_people_are_never_qualified(session):
    day = today()
    person = _person(session, "jonas.nielsen")
    session.add(Absence(staff=person, starts=day, ends=day + timedelta(days=2)))
    inactive = _person(session, "aysel.demir")
    inactive.active = False
    session.flush()
    names = {c.staff.name for c in qualified_staff(session, "building-permit", day)}
    assert person.name not in names and inactive.name not in names
    assert person.name in {c.staff.name for c in qualified_staff(session, "building-permit", day + timedelta(days=3))}


def test_deputy_chain_passes_over_an_absent_deputy_and_stops_at_a_loop(session):
    day = date(2030, 3, 4)
    a, b, c = (_person(session, e) for e in ("lars.thygesen", "erik.lindholm", "aysel.demir"))
    session.add_all([Absence(staff=a, starts=day, ends=day, deputy=b),
                     Absence(staff=b, starts=day, ends=day, deputy=c)])
    session.flush()
    assert deputy_for(a, day) is c
    assert deputy_for(c, day) is None  # present: needs no deputy
    session.add(Absence(staff=c, starts=day, ends=day, deputy=a))
    session.flush()
    assert deputy_for(a, day) is None  # a -> b -> c -> a: nobody present


def test_capacity_is_claimed_until_full_and_released(session):
    person = _person(session, "signe.vestergaard")
    person.capacity, person.open_inquiries = 2, 0
    session.flush()
    assert [claim_capacity(session, person.id) for _ in range(3)] == [True, True, False]
    release_capacity(session, person.id)
    session.refresh(person)
    assert person.open_inquiries == 1


def test_competence_levels_are_primary_or_secondary(session):
    levels = set(session.scalars(select(Competence.level)))
    assert levels == {"primary", "secondary"}
