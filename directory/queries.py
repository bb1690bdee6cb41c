"""Questions the router, the front desk and section leaders ask of the directory."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Select, Update, bindparam, func, select, update
from sqlalchemy.orm import Session, selectinload

from directory.models import Absence, Competence, Section, Staff, Topic


def staff_query() -> Select[tuple[Staff]]:
    """Select staff with their directory details loaded; the one place a tenant scope would go."""
    return select(Staff).options(
        selectinload(Staff.competences),
        selectinload(Staff.specialities),
        # Deputies (and their own absences, for the deputy chain) are loaded too: the front desk keeps
        # these objects in its index after the session that loaded them has closed.
        selectinload(Staff.absences).selectinload(Absence.deputy).selectinload(Staff.absences),
        selectinload(Staff.section).selectinload(Section.department),
    )


def topics(session: Session, *, include_inactive: bool = False) -> list[Topic]:
    """Return the topics in taxonomy order (department, then id)."""
    stmt = select(Topic).order_by(Topic.department_id, Topic.id)
    if not include_inactive:
        stmt = stmt.where(Topic.active.is_(True))
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class Candidate:
    """A person qualified for a topic, as the router weighs them."""

    staff: Staff
    level: str
    load: int

    @property
    def has_room(self) -> bool:
        return self.load < self.staff.capacity


def is_present(staff: Staff, day: date) -> bool:
    """Tell whether an active person is at work on `day`."""
    return staff.active and staff.absence_on(day) is None


def qualified_staff(session: Session, topic_id: str, day: date) -> list[Candidate]:
    """Return the active people competent in a topic who are present on `day`."""
    stmt = (
        staff_query()
        .join(Competence, Competence.staff_id == Staff.id)
        .where(Competence.topic_id == topic_id, Staff.active.is_(True))
        .add_columns(Competence.level)
    )
    return [
        Candidate(staff=person, level=level, load=person.open_inquiries)
        for person, level in session.execute(stmt)
        if is_present(person, day)
    ]


def qualified_counts(session: Session) -> dict[str, int]:
    """Count active qualified staff per topic."""
    stmt = (
        select(Competence.topic_id, func.count())
        .join(Staff, Staff.id == Competence.staff_id)
        .where(Staff.active.is_(True))
        .group_by(Competence.topic_id)
    )
    return dict(session.execute(stmt).all())


def deputy_for(staff: Staff, day: date) -> Staff | None:
    """Follow the deputy chain from an absent person to the first one present (None if it loops)."""
    seen = {staff.id}
    current = staff
    while (absence := current.absence_on(day)) is not None or not current.active:
        deputy = absence.deputy if absence else None
        if deputy is None or deputy.id in seen:
            return None
        seen.add(deputy.id)
        current = deputy
    return current if current is not staff else None


def absences_between(session: Session, first: date, last: date) -> list[Absence]:
    """Return absences that overlap the days from `first` to `last`."""
    stmt = (
        select(Absence)
        .where(Absence.starts <= last, Absence.ends >= first)
        .options(selectinload(Absence.staff), selectinload(Absence.deputy))
        .order_by(Absence.starts)
    )
    return list(session.scalars(stmt))


@cache
def _capacity_update(step: int, skip_locked: bool = False) -> Update:
    # Built once: every submission claims a slot.
    room = Staff.open_inquiries < Staff.capacity if step > 0 else Staff.open_inquiries > 0
    target = Staff.id == bindparam("staff_id")
    if skip_locked:  # PostgreSQL: lock the row only if nobody holds it, never wait for it
        target = Staff.id.in_(select(Staff.id).where(target, room).with_for_update(key_share=True, skip_locked=True))
    return (update(Staff).where(target, room).values(open_inquiries=Staff.open_inquiries + step)
            .returning(Staff.open_inquiries).execution_options(synchronize_session="fetch"))


def claim_capacity(session: Session, staff_id: int, *, skip_locked: bool = False) -> bool:
    """Take one open-inquiry slot from a person atomically; False when they are full.

    With `skip_locked`, also False at once (on PostgreSQL) while another transaction is claiming
    them: the caller moves on to the next in line instead of waiting, and a claim that waited and then
    found them full cannot keep their row locked for the rest of the transaction.
    """
    skip = skip_locked and session.get_bind().dialect.name == "postgresql"
    return session.execute(_capacity_update(1, skip), {"staff_id": staff_id}).first() is not None


def release_capacity(session: Session, staff_id: int) -> None:
    """Give back one open-inquiry slot (never below zero)."""
    session.execute(_capacity_update(-1), {"staff_id": staff_id})
