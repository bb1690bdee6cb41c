"""An inquiry's life: accept, forward, resolve, reopen and triage, each an event with who and when.

Every function checks permission, state and (when given) the version the caller last read, changes
the inquiry, and flushes; the caller commits. A concurrent change surfaces as StaleInquiry.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from directory import clock
from directory.queries import claim_capacity, release_capacity
from router.assign import active_topic, claim_person
from router.errors import InvalidInquiry, StaleInquiry, Unavailable, WrongState
from router.models import Event, Inquiry, TrainingExample
from router.notify import queue_forward_notice
from router.permissions import Actor, require
from router.workdays import respond_by

OPEN_STATES = ("routed", "accepted")


def _check(inquiry: Inquiry, actor: Actor, action: str, version: int | None, states: tuple[str, ...]) -> None:
    require(actor, inquiry, action)
    if version is not None and version != inquiry.version:
        raise StaleInquiry(f"Inquiry {inquiry.reference} changed since you read it (version {version}, "
                           f"now {inquiry.version}); reload it and try again.")
    if inquiry.state not in states:
        raise WrongState(f"Inquiry {inquiry.reference} is {inquiry.state}; {action} needs it to be "
                         f"{' or '.join(states)}.")


def _reason(text: str | None, field: str = "reason") -> str:
    if not text or not text.strip():
        raise InvalidInquiry("Give a reason, so the next person knows why.", code="missing_reason", field=field)
    return text.strip()[:2000]


def _event(inquiry: Inquiry, kind: str, actor: Actor, **fields) -> None:
    inquiry.events.append(Event(at=datetime.now(timezone.utc), kind=kind, actor_user_id=actor.user_id,
                                **fields))


def _flush(session: Session, inquiry: Inquiry) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise StaleInquiry(f"Inquiry {inquiry.reference} was changed by someone else at the same time; "
                           "reload it and try again.") from None


def accept(session: Session, inquiry: Inquiry, actor: Actor, *, version: int | None = None) -> None:
    """Take on a routed inquiry as its caseworker."""
    _check(inquiry, actor, "accept", version, ("routed",))
    inquiry.state = "accepted"
    _event(inquiry, "accepted", actor, staff_id=inquiry.assignee_id, topic_id=inquiry.topic_id)
    _flush(session, inquiry)


def resolve(session: Session, inquiry: Inquiry, actor: Actor, *, note: str = "",
            version: int | None = None) -> None:
    """Close an open inquiry and give the caseworker's slot back."""
    _check(inquiry, actor, "resolve", version, OPEN_STATES)
    inquiry.state = "resolved"
    inquiry.resolved_at = datetime.now(timezone.utc)
    if inquiry.assignee_id:
        release_capacity(session, inquiry.assignee_id)
    _event(inquiry, "resolved", actor, staff_id=inquiry.assignee_id, topic_id=inquiry.topic_id,
           note=(note or "").strip()[:2000], internal=True)
    _flush(session, inquiry)


def reopen(session: Session, inquiry: Inquiry, actor: Actor, *, reason: str,
           version: int | None = None) -> None:
    """Open a resolved inquiry again with the same caseworker (who must have room for it)."""
    _check(inquiry, actor, "reopen", version, ("resolved",))
    note = _reason(reason)
    if inquiry.assignee_id and not claim_capacity(session, inquiry.assignee_id):
        raise Unavailable(f"{inquiry.assignee.name} has no free capacity; reopen it and forward instead.",
                          code="staff_full")
    inquiry.state = "accepted"
    inquiry.resolved_at = None
    _event(inquiry, "reopened", actor, staff_id=inquiry.assignee_id, topic_id=inquiry.topic_id,
           note=note, internal=True)
    _flush(session, inquiry)


def forward(session: Session, inquiry: Inquiry, actor: Actor, *, reason: str, staff_id: int | None = None,
            topic: str | None = None, version: int | None = None) -> None:
    """Hand an open inquiry to a colleague or to another topic; a topic correction teaches the model."""
    _check(inquiry, actor, "forward", version, OPEN_STATES)
    note = _reason(reason)
    if staff_id is None and topic is None:
        raise InvalidInquiry("Forward to a colleague (staff_id) or a topic.", code="missing_target",
                             field="staff_id")
    target = active_topic(session, topic or inquiry.topic_id) if (topic or inquiry.topic_id) else None
    if target is None:
        raise InvalidInquiry("This inquiry has no topic yet; give one.", code="missing_target", field="topic")
    if staff_id is not None and staff_id == inquiry.assignee_id:
        raise InvalidInquiry("The inquiry is already with this colleague.", code="same_staff", field="staff_id")
    person = claim_person(session, inquiry, target, staff_id, clock.today())
    if inquiry.assignee_id:
        release_capacity(session, inquiry.assignee_id)
    if target.id != inquiry.topic_id:
        session.add(TrainingExample(inquiry_id=inquiry.id, text=inquiry.text, topics=[target.id],
                                    source="correction"))
    inquiry.assignee, inquiry.topic, inquiry.state = person, target, "routed"
    _event(inquiry, "forwarded", actor, staff_id=person.id, topic_id=target.id, note=note, internal=True)
    queue_forward_notice(session, inquiry, person.email, target.name_en if inquiry.language == "en"
                         else target.name_da, note)
    _flush(session, inquiry)


def triage(session: Session, inquiry: Inquiry, actor: Actor, *, topic: str, staff_id: int | None = None,
           note: str = "", version: int | None = None) -> None:
    """Give an inquiry the model was unsure of a topic and a caseworker (the front desk's job)."""
    _check(inquiry, actor, "triage", version, ("needs_review",))
    target = active_topic(session, topic)
    person = claim_person(session, inquiry, target, staff_id, clock.today())
    session.add(TrainingExample(inquiry_id=inquiry.id, text=inquiry.text, topics=[target.id], source="triage"))
    inquiry.assignee, inquiry.topic, inquiry.state = person, target, "routed"
    inquiry.respond_by = respond_by(inquiry.received_at, target.first_response_workdays)
    _event(inquiry, "triaged", actor, staff_id=person.id, topic_id=target.id,
           note=(note or "").strip()[:2000], internal=True)
    queue_forward_notice(session, inquiry, person.email, target.name_en if inquiry.language == "en"
                         else target.name_da, note or "triage")
    _flush(session, inquiry)
