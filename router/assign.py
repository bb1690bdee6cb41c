"""Giving an inquiry to a person: a named colleague if they can take it, else the best free one."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from directory.models import Staff, Topic
from directory.queries import claim_capacity, deputy_for, is_present
from router.decision import RankedTopic
from router.errors import Unavailable
from router.models import Inquiry
from router.ranking import make_context, rank


def active_topic(session: Session, topic_id: str) -> Topic:
    """Return an active topic, refusing an unknown or retired one."""
    topic = session.get(Topic, topic_id)
    if topic is None or not topic.active:
        raise Unavailable(f"There is no active topic {topic_id!r}.", code="unknown_topic", field="topic")
    return topic


def _claim_named(session: Session, staff_id: int, day: date) -> Staff:
    person = session.get(Staff, staff_id)
    if person is None or not person.active:
        raise Unavailable(f"There is no active colleague with id {staff_id}.", code="unknown_staff",
                          field="staff_id")
    if not is_present(person, day):
        deputy = deputy_for(person, day)
        hint = f"; their deputy today is {deputy.name} (id {deputy.id})" if deputy else ""
        raise Unavailable(f"{person.name} is away today{hint}.", code="staff_absent", field="staff_id")
    if not claim_capacity(session, person.id):
        raise Unavailable(f"{person.name} has no free capacity ({person.capacity} open inquiries).",
                          code="staff_full", field="staff_id")
    return person


def _claim_best(session: Session, inquiry: Inquiry, topic: Topic, day: date) -> Staff:
    ctx = make_context(inquiry.text, inquiry.cvr, day, inquiry.language)
    exclude = {inquiry.assignee_id} if inquiry.assignee_id else set()
    for choice in rank(session, RankedTopic.from_topic(topic, 1.0), ctx, exclude):
        if claim_capacity(session, choice.person.id):
            return session.get_one(Staff, choice.person.id)
    raise Unavailable(f"Nobody qualified for {topic.name_en} is at work with free capacity today.",
                      code="nobody_available", field="topic")


def claim_person(session: Session, inquiry: Inquiry, topic: Topic, staff_id: int | None, day: date) -> Staff:
    """Claim a slot from the named colleague, or from the best free person for the topic."""
    if staff_id is not None:
        return _claim_named(session, staff_id, day)
    return _claim_best(session, inquiry, topic, day)
