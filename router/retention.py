"""Retention: resolved inquiries past the retention period lose their contact details and text.

What stays is anonymous statistics: topic, dates, state, channel, language, assignee, team and the bare
history, so routing quality and workload figures still add up. The status link dies with the details.
"""
from __future__ import annotations

import re
import secrets
from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from router.audit import record
from router.models import Inquiry, OutboxMessage, TrainingExample

# The parts of a stored decision that say nothing about the business or its words.
KEPT_DECISION = ("topics", "department", "needs_review", "review_reason", "respond_by", "model_version",
                 "language")
_PERIOD = re.compile(r"\s*(\d{1,4})\s*([myd])\s*", re.IGNORECASE)


@dataclass(frozen=True)
class PurgeReport:
    """How many inquiries were purged, and the cut-off they were resolved before."""

    inquiries: int
    cutoff: datetime


def parse_period(text: str) -> tuple[int, str]:
    """Read a period like `24m`, `2y` or `400d` as (amount, unit); raise ValueError otherwise."""
    match = _PERIOD.fullmatch(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a period like 24m, 2y or 400d")
    return int(match.group(1)), match.group(2).lower()


def months_before(moment: datetime, months: int) -> datetime:
    """Return the same day and time `months` calendar months earlier (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def cutoff(now: datetime, amount: int, unit: str = "m") -> datetime:
    """Return the moment before which a resolution is past the retention period."""
    if unit == "d":
        return now - timedelta(days=amount)
    return months_before(now, amount * 12 if unit == "y" else amount)


def _anonymise(inquiry: Inquiry, now: datetime) -> None:
    inquiry.company_name = inquiry.contact_name = inquiry.email = inquiry.phone = inquiry.text = ""
    inquiry.cvr = None
    inquiry.decision = {k: v for k, v in (inquiry.decision or {}).items() if k in KEPT_DECISION}
    # A random value nobody holds the pre-image of: the old status link now finds nothing.
    inquiry.status_token_hash = secrets.token_hex(32)
    inquiry.purged_at = now
    for event in inquiry.events:
        event.note = ""  # staff notes quote the business as often as not


def purge(session: Session, now: datetime, cutoff_at: datetime, *, actor_user_id: int | None = None,
          batch: int = 500) -> PurgeReport:
    """Anonymise every resolved inquiry resolved before `cutoff_at`; running it again changes nothing."""
    cutoff_at = cutoff_at.astimezone(timezone.utc)  # SQLite compares stored UTC times as text
    stmt = (select(Inquiry).where(Inquiry.state == "resolved", Inquiry.resolved_at < cutoff_at,
                                  Inquiry.purged_at.is_(None))
            .options(selectinload(Inquiry.events)).order_by(Inquiry.id).limit(batch))
    total = 0
    while inquiries := list(session.scalars(stmt)):
        ids = [i.id for i in inquiries]
        for inquiry in inquiries:
            _anonymise(inquiry, now.astimezone(timezone.utc))
        session.execute(delete(OutboxMessage).where(OutboxMessage.inquiry_id.in_(ids)))
        session.execute(delete(TrainingExample).where(TrainingExample.inquiry_id.in_(ids)))
        session.flush()
        total += len(ids)
    if total:
        record(session, actor_user_id, "retention.purge", "inquiries",
               f"{total} resolved before {cutoff_at.isoformat()}")
    return PurgeReport(inquiries=total, cutoff=cutoff_at)
