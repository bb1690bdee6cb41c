"""Calls the front desk puts through: logged as phone inquiries and routed like web ones. When the desk
puts the caller through to someone other than the router's choice, the desk's choice wins and is
recorded as a correction (an event, and a training example when the topic changes)."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import delete
from sqlalchemy.orm import Session

from directory import clock
from directory.models import Staff, Topic
from directory.queries import release_capacity
from router.assign import active_topic, claim_person
from router.audit import record
from router.decision import Assignment, Choice, Decision, Person, RankedTopic
from router.errors import Unavailable
from router.inquiries import Submission, submit_inquiry
from router.models import Event, Inquiry, OutboxMessage, TrainingExample
from router.notify import queue_new_inquiry
from router.permissions import Actor
from router.policy import Classifier
from router.validation import InquiryForm
from router.workdays import respond_by

_CHOSEN_BY_DESK = {"da": "{name} blev valgt af omstillingen, som stillede opkaldet om.",
                   "en": "{name} was chosen by the front desk, who put the call through."}


def log_call(session: Session, form: InquiryForm, model: Classifier | None, actor: Actor, *,
             secret_key: str, staff_id: int | None = None, topic_id: str | None = None) -> Submission:
    """Store a phone call as an inquiry, routed, or given to `staff_id` when the desk chose them."""
    submission = submit_inquiry(session, form, model, secret_key=secret_key, actor_user_id=actor.user_id)
    inquiry = submission.inquiry
    if staff_id is None or staff_id == inquiry.assignee_id:
        return submission
    person = session.get(Staff, staff_id)
    if person is None or not person.active:
        raise Unavailable(f"There is no active colleague with id {staff_id}.", code="unknown_staff",
                          field="staff_id")
    topic = active_topic(session, _topic_for(person, topic_id, inquiry.topic_id))
    decision = _give_to(session, inquiry, submission.decision, person, topic, actor)
    _requeue_mail(session, inquiry, decision, submission.status_token, secret_key)
    session.flush()
    return replace(submission, decision=decision)


def _topic_for(person: Staff, wanted: str | None, routed: str | None) -> str:
    """Keep the desk's or router's topic if the person has it, else the person's own first topic."""
    own = person.topic_ids()
    for candidate in (wanted, routed):
        if candidate and candidate in own:
            return candidate
    if not own:
        raise Unavailable(f"{person.name} has no competences to take an inquiry with.", code="unknown_topic",
                          field="staff_id")
    return own[0]


def _give_to(session: Session, inquiry: Inquiry, decision: Decision, person: Staff, topic: Topic,
             actor: Actor) -> Decision:
    previous = inquiry.assignee
    claim_person(session, inquiry, topic, person.id, clock.today())
    if previous is not None:
        release_capacity(session, previous.id)
    triaged = inquiry.state == "needs_review"
    if triaged or topic.id != inquiry.topic_id:
        session.add(TrainingExample(inquiry_id=inquiry.id, text=inquiry.text, topics=[topic.id],
                                    source="triage" if triaged else "correction"))
    inquiry.assignee, inquiry.topic, inquiry.state = person, topic, "routed"
    inquiry.members = [m for m in inquiry.members if m.staff_id != person.id]  # now the lead, not a member
    inquiry.respond_by = respond_by(inquiry.received_at, topic.first_response_workdays)
    note = f"put through by the front desk instead of {previous.name}" if previous else "put through by the front desk"
    inquiry.events.append(Event(kind="triaged" if triaged else "forwarded", actor_user_id=actor.user_id,
                                staff_id=person.id, topic_id=topic.id, note=note, internal=True))
    record(session, actor.user_id, "inquiry.assign", inquiry.reference,
           f"staff:{person.id} topic:{topic.id} (put through by the front desk)")
    ranked = next((t for t in decision.topics if t.id == topic.id), RankedTopic.from_topic(topic, 1.0))
    words = _CHOSEN_BY_DESK["en" if inquiry.language == "en" else "da"]
    lead = Assignment(ranked, (Choice(Person.from_staff(person), 1.0, words.format(name=person.name)),), None)
    team = tuple(a for a in decision.team if a.caseworker is None or a.caseworker.id != person.id)
    return replace(decision, lead=lead, team=team, needs_review=False, review_reason=None,
                   respond_by=inquiry.respond_by)


def _requeue_mail(session: Session, inquiry: Inquiry, decision: Decision, token: str, secret_key: str) -> None:
    # The receipt and notices queued a moment ago name the router's choice; nothing has been sent
    # (the transaction is still open), so they are replaced by ones that name the desk's choice.
    session.execute(delete(OutboxMessage).where(OutboxMessage.inquiry_id == inquiry.id))
    queue_new_inquiry(session, inquiry, decision, token, secret_key)
