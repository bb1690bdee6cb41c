"""Taking in an inquiry: number it, route it, claim the caseworker's capacity, store it, tell people."""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.text import mask_cpr
from directory import clock
from directory.db import insert_new, insert_one
from directory.queries import claim_capacity
from router.audit import audit_entry
from router.decision import Decision
from router.models import Event, Inquiry, TeamMember
from router.notify import new_inquiry_mail
from router.policy import Classifier, Prediction, classify, decide
from router.ranking import front_desk
from router.references import next_reference
from router.tokens import new_status_token, token_digest
from router.validation import InquiryForm


CLAIM_ROUNDS = 5


@dataclass(frozen=True)
class Submission:
    """A stored inquiry, its decision, and the status token (shown to the business once, never stored)."""

    inquiry_id: int
    reference: str
    status_token: str
    decision: Decision
    session: Session

    @property
    def inquiry(self) -> Inquiry:
        """The stored inquiry, loaded into the session (it was written without the unit of work)."""
        return self.session.get_one(Inquiry, self.inquiry_id)

    @property
    def status_url(self) -> str:
        return f"/status/{self.status_token}"


def claim_lead(session: Session, decision: Decision, *, skip_locked: bool = False) -> Decision:
    """Take a slot from the chosen caseworker, else the next in line; triage if all filled up meanwhile."""
    lead = decision.lead
    if lead is None or decision.needs_review:
        return decision
    while lead.caseworker is not None:
        if claim_capacity(session, lead.caseworker.id, skip_locked=skip_locked):
            return replace(decision, lead=lead)
        lead = lead.without(lead.caseworker.id)
    lead = replace(lead, fallback=front_desk(session, lead.topic.id))
    return replace(decision, lead=lead, team=(), needs_review=True, review_reason="nobody_available")


def route_and_claim(session: Session, prediction: Prediction | None, text: str, form: InquiryForm,
                    now: datetime) -> Decision:
    """Decide and take a slot from the first in line who is free and not being claimed right now.

    On PostgreSQL submissions run side by side: one that finds a colleague mid-claim by another moves
    on to the next in line (so a burst spreads out, and no two wait on each other), and if everyone in
    line was busy it weighs again a moment later. On SQLite the write lock already lets them take turns.
    """
    for attempt in range(CLAIM_ROUNDS):
        if attempt:
            time.sleep(0.01 * attempt)  # their claims commit within milliseconds (never on SQLite)
        decision = decide(session, prediction, text, cvr=form.cvr, language=form.language, now=now)
        claimed = claim_lead(session, decision, skip_locked=True)
        if claimed.review_reason != "nobody_available" or decision.needs_review:
            break
    return claimed


def _inquiry(form: InquiryForm, text: str, reference: str, token: str, decision: Decision,
             now: datetime) -> Inquiry:
    lead = decision.lead
    topic_known = lead is not None and decision.review_reason in (None, "nobody_available")
    inquiry = Inquiry(
        reference=reference, status_token_hash=token_digest(token), received_at=now, channel=form.channel,
        language=form.language or decision.language, company_name=mask_cpr(form.company_name), cvr=form.cvr,
        contact_name=mask_cpr(form.contact_name), email=form.email, phone=form.phone, text=text,
        state="needs_review" if decision.needs_review else "routed",
        topic_id=lead.topic.id if topic_known else None,
        assignee_id=decision.caseworker.id if decision.caseworker else None,
        respond_by=decision.respond_by, decision=decision.record(),
    )
    return inquiry


def _rows(inquiry: Inquiry, decision: Decision, actor_user_id: int | None, now: datetime) -> list:
    """Return the stored inquiry's team, its first events and the audit record of its assignment."""
    rows: list = [TeamMember(inquiry_id=inquiry.id, topic_id=a.topic.id,
                             staff_id=a.caseworker.id if a.caseworker else None) for a in decision.team]
    # Both events set the same columns, so they go in one statement.
    rows.append(Event(inquiry_id=inquiry.id, at=now, kind="received", actor_user_id=actor_user_id,
                      staff_id=None, topic_id=None, note=inquiry.channel, internal=False))
    review = decision.needs_review
    rows.append(Event(inquiry_id=inquiry.id, at=now, kind="needs_review" if review else "routed",
                      actor_user_id=None, staff_id=None if review else inquiry.assignee_id,
                      topic_id=inquiry.topic_id, note=(decision.review_reason or "") if review else "",
                      internal=review))
    if inquiry.assignee_id is not None:
        rows.append(audit_entry(actor_user_id, "inquiry.assign", inquiry.reference,
                                f"staff:{inquiry.assignee_id} topic:{inquiry.topic_id} (routing)"))
    return rows


def submit_inquiry(session: Session, form: InquiryForm, model: Classifier | None, *, secret_key: str,
                   actor_user_id: int | None = None, now: datetime | None = None) -> Submission:
    """Route and store a checked inquiry with its events and outgoing mail; the caller commits.

    A missing or failing model never loses the inquiry: it is stored with a reference and goes to the
    front desk's triage list. The model runs before the first database statement, so no write lock is
    held while it thinks.
    """
    now = now or clock.now()
    text = mask_cpr(form.text)
    prediction = classify(model, text, form.language)
    reference = next_reference(session, now.astimezone(clock.COPENHAGEN).year)
    decision = route_and_claim(session, prediction, text, form, now)
    token = new_status_token()
    stored_at = now.astimezone(timezone.utc)  # SQLite keeps no offset, so every stored time is UTC
    inquiry = _inquiry(form, text, reference, token, decision, stored_at)
    insert_one(session, inquiry)
    insert_new(session, *_rows(inquiry, decision, actor_user_id, stored_at),
               *new_inquiry_mail(inquiry, decision, token, secret_key))
    return Submission(inquiry.id, reference, token, decision, session)


def find_inquiry(session: Session, reference: str) -> Inquiry | None:
    """Return the inquiry with this reference, if any."""
    return session.scalar(select(Inquiry).where(Inquiry.reference == reference))
