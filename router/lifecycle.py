"""An inquiry's life: accept, forward, resolve, reopen, triage and a new status link, each an event with
who and when.

Every function reads the inquiry afresh under a row lock, checks the version the caller last read (when
given), permission and state, changes the inquiry, and flushes; the caller commits. A concurrent change
surfaces as StaleInquiry.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from classifier.text import mask_cpr
from directory import clock
from directory.queries import claim_capacity, release_capacity
from router.assign import active_topic, claim_person
from router.audit import record
from router.errors import InvalidInquiry, StaleInquiry, Unavailable, WrongState
from router.models import STATES, Event, Inquiry, TrainingExample
from router.notify import queue_forward_notice, queue_status_link
from router.permissions import Actor, require
from router.tokens import new_status_token, token_digest
from router.validation import clean
from router.workdays import respond_by

OPEN_STATES = ("routed", "accepted")


def _check(session: Session, inquiry: Inquiry, actor: Actor, action: str, version: int | None,
           states: tuple[str, ...]) -> None:
    # Read the row afresh under a row lock (PostgreSQL; SQLite's write transaction already excludes
    # other writers), so a step taken at the same moment by someone else is seen, never overwritten.
    session.refresh(inquiry, with_for_update=True)
    # A stale version is the first thing to say: the step was decided on what the person saw then.
    if version is not None and version != inquiry.version:
        raise StaleInquiry(f"Inquiry {inquiry.reference} changed since you read it (version {version}, "
                           f"now {inquiry.version}); reload it and try again.")
    require(actor, inquiry, action)
    if inquiry.state not in states:
        raise WrongState(f"Inquiry {inquiry.reference} is {inquiry.state}; {action} needs it to be "
                         f"{' or '.join(states)}.")


def _reason(text: str | None, field: str = "reason") -> str:
    if not text or not text.strip():
        raise InvalidInquiry("Give a reason, so the next person knows why.", code="missing_reason", field=field)
    return _note(text)


def _note(text: str | None) -> str:
    # Notes are free text like the inquiry's own: a CPR number typed into one is masked the same way.
    return mask_cpr(clean(text)[:2000])


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
    _check(session, inquiry, actor, "accept", version, ("routed",))
    inquiry.state = "accepted"
    _event(inquiry, "accepted", actor, staff_id=inquiry.assignee_id, topic_id=inquiry.topic_id)
    _flush(session, inquiry)


def resolve(session: Session, inquiry: Inquiry, actor: Actor, *, note: str = "",
            version: int | None = None) -> None:
    """Close an open inquiry and give the caseworker's slot back."""
    _check(session, inquiry, actor, "resolve", version, OPEN_STATES)
    inquiry.state = "resolved"
    inquiry.resolved_at = datetime.now(timezone.utc)
    if inquiry.assignee_id:
        release_capacity(session, inquiry.assignee_id)
    _event(inquiry, "resolved", actor, staff_id=inquiry.assignee_id, topic_id=inquiry.topic_id,
           note=_note(note), internal=True)
    _flush(session, inquiry)


def reopen(session: Session, inquiry: Inquiry, actor: Actor, *, reason: str,
           version: int | None = None) -> None:
    """Open a resolved inquiry again with the same caseworker (who must have room for it)."""
    _check(session, inquiry, actor, "reopen", version, ("resolved",))
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
    _check(session, inquiry, actor, "forward", version, OPEN_STATES)
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
    record(session, actor.user_id, "inquiry.forward", inquiry.reference,
           f"staff:{inquiry.assignee_id}->staff:{person.id} topic:{inquiry.topic_id}->{target.id}")
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
    _check(session, inquiry, actor, "triage", version, ("needs_review",))
    target = active_topic(session, topic)
    person = claim_person(session, inquiry, target, staff_id, clock.today())
    session.add(TrainingExample(inquiry_id=inquiry.id, text=inquiry.text, topics=[target.id], source="triage"))
    inquiry.assignee, inquiry.topic, inquiry.state = person, target, "routed"
    inquiry.respond_by = respond_by(inquiry.received_at, target.first_response_workdays)
    _event(inquiry, "triaged", actor, staff_id=person.id, topic_id=target.id, note=_note(note), internal=True)
    record(session, actor.user_id, "inquiry.assign", inquiry.reference,
           f"staff:{person.id} topic:{target.id} (triage)")
    queue_forward_notice(session, inquiry, person.email, target.name_en if inquiry.language == "en"
                         else target.name_da, _note(note) or "triage")
    _flush(session, inquiry)


def reissue_status_link(session: Session, inquiry: Inquiry, actor: Actor, *, secret_key: str,
                        version: int | None = None) -> None:
    """Make the old status link stop working and e-mail the business a new one.

    Staff never see the new token: it exists only sealed in the outbox until the mail goes.
    """
    _check(session, inquiry, actor, "relink", version, STATES)
    if inquiry.purged_at is not None or not inquiry.email:
        raise InvalidInquiry("The inquiry has no e-mail address to send a new link to.", code="missing_email",
                             field="email")
    token = new_status_token()
    inquiry.status_token_hash = token_digest(token)
    _event(inquiry, "status_link_reissued", actor, internal=True)
    record(session, actor.user_id, "inquiry.relink", inquiry.reference, "old status link revoked, new one sent")
    queue_status_link(session, inquiry, token, secret_key)
    _flush(session, inquiry)
