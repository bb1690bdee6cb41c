"""Read-only views of inquiries: the business's status page, a caseworker's inbox, the triage list."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from directory import clock
from router.decision import Person
from router.models import Event, Inquiry, TeamMember
from router.tokens import token_digest

# The only event kinds a business sees, and never with their notes.
PUBLIC_EVENTS = ("received", "needs_review", "routed", "accepted", "forwarded", "triaged", "resolved",
                 "reopened")


@dataclass(frozen=True)
class Step:
    """One public step of an inquiry's history."""

    kind: str
    at: datetime


@dataclass(frozen=True)
class StatusView:
    """What a business may see of its inquiry: no internal notes, no staff-only fields, no text."""

    reference: str
    state: str
    topic: str | None
    received_at: datetime
    respond_by: date | None
    caseworker: Person | None
    team: tuple[tuple[str, Person | None], ...]
    history: tuple[Step, ...]


def aware(moment: datetime) -> datetime:
    """Return a stored time as UTC-aware (SQLite returns it without its offset)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def status_view(session: Session, token: str) -> StatusView | None:
    """Return the business's view of the inquiry whose status token this is (None if none)."""
    inquiry = session.scalar(select(Inquiry).where(Inquiry.status_token_hash == token_digest(token))
                             .options(selectinload(Inquiry.events), selectinload(Inquiry.members)))
    if inquiry is None:
        return None
    return StatusView(
        reference=inquiry.reference, state=inquiry.state, topic=inquiry.topic_id,
        received_at=aware(inquiry.received_at), respond_by=inquiry.respond_by,
        caseworker=Person.from_staff(inquiry.assignee) if inquiry.assignee else None,
        team=tuple((m.topic_id, Person.from_staff(m.staff) if m.staff else None) for m in inquiry.members),
        history=tuple(Step(e.kind, aware(e.at)) for e in inquiry.events if e.kind in PUBLIC_EVENTS),
    )


@dataclass(frozen=True)
class InboxItem:
    """An open inquiry on a person's desk, as lead or as team member."""

    inquiry: Inquiry
    role: str
    overdue: bool


def inbox(session: Session, staff_id: int, today: date | None = None) -> list[InboxItem]:
    """Return a person's open inquiries (lead and team), most urgent first."""
    today = today or clock.today()
    team_ids = select(TeamMember.inquiry_id).where(TeamMember.staff_id == staff_id)
    stmt = (select(Inquiry)
            .where(Inquiry.state.in_(("routed", "accepted")),
                   or_(Inquiry.assignee_id == staff_id, Inquiry.id.in_(team_ids)))
            .order_by(Inquiry.respond_by, Inquiry.id))
    return [InboxItem(inquiry=i, role="lead" if i.assignee_id == staff_id else "team",
                      overdue=bool(i.respond_by and i.respond_by < today))
            for i in session.scalars(stmt)]


def triage_list(session: Session) -> list[Inquiry]:
    """Return the inquiries waiting for the front desk, oldest first."""
    stmt = select(Inquiry).where(Inquiry.state == "needs_review").order_by(Inquiry.received_at, Inquiry.id)
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class Replayed:
    """An inquiry's state as its events tell it."""

    state: str
    assignee_id: int | None
    topic_id: str | None


_STATE_AFTER = {"received": "received", "needs_review": "needs_review", "routed": "routed",
                "accepted": "accepted", "forwarded": "routed", "triaged": "routed",
                "resolved": "resolved", "reopened": "accepted"}


def replay(events: list[Event]) -> Replayed:
    """Rebuild state, caseworker and topic from the history alone (an audit of the stored row)."""
    state, assignee, topic = "received", None, None
    for event in events:
        state = _STATE_AFTER.get(event.kind, state)
        if event.kind in ("routed", "forwarded", "triaged"):
            assignee = event.staff_id
        if event.topic_id is not None:
            topic = event.topic_id
    return Replayed(state=state, assignee_id=assignee, topic_id=topic)
