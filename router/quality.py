"""Routing quality for section leaders: volume per topic and week, forward rates, the topic pairs the
router confuses, and what is overdue. Read-only figures over the inquiries' own histories."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from directory.clock import COPENHAGEN
from router.models import Inquiry
from router.views import aware

ASSIGNING = ("routed", "triaged")


@dataclass(frozen=True)
class TopicRate:
    topic: str
    inquiries: int
    forwarded: int

    @property
    def rate(self) -> float:
        return self.forwarded / self.inquiries if self.inquiries else 0.0


@dataclass(frozen=True)
class Quality:
    """The figures for the weeks from `weeks[0]` (a Monday) up to today."""

    weeks: tuple[date, ...]
    per_topic_week: dict[str, dict[date, int]]
    forward_rates: tuple[TopicRate, ...]
    confused: tuple[tuple[str, str, int], ...]  # routed as, corrected to, how often
    total: int
    needs_review: int
    overdue: int


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _first_topic(inquiry: Inquiry) -> str | None:
    """Return the topic the inquiry was first given (by the router, or by triage)."""
    return next((e.topic_id for e in inquiry.events if e.kind in ASSIGNING and e.topic_id), None)


def _corrections(inquiry: Inquiry) -> list[tuple[str, str]]:
    """Return (from, to) for every change of topic: forwards, and triage against the model's guess."""
    pairs, current = [], None
    guess = next(iter((inquiry.decision or {}).get("topics") or []), {}).get("id")
    for event in inquiry.events:
        if event.kind == "routed":
            current = event.topic_id
        elif event.kind == "triaged" and event.topic_id:
            if guess and guess != event.topic_id:
                pairs.append((guess, event.topic_id))
            current = event.topic_id
        elif event.kind == "forwarded" and event.topic_id and current and event.topic_id != current:
            pairs.append((current, event.topic_id))
            current = event.topic_id
    return pairs


def overdue_count(session: Session, today: date) -> int:
    """Count open inquiries whose respond-by date has passed."""
    return session.scalar(select(func.count()).select_from(Inquiry).where(
        Inquiry.state.in_(("routed", "accepted")), Inquiry.respond_by < today)) or 0


def routing_quality(session: Session, today: date, *, weeks: int = 8, top_pairs: int = 10) -> Quality:
    """Compute the routing-quality figures for the last `weeks` weeks up to `today`."""
    first = _monday(today) - timedelta(weeks=weeks - 1)
    since = datetime.combine(first, time(0), COPENHAGEN).astimezone(timezone.utc)  # stored times are UTC
    inquiries = session.scalars(select(Inquiry).where(Inquiry.received_at >= since)
                                .options(selectinload(Inquiry.events))).all()
    per_topic_week: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    routed, forwarded, confused = Counter(), Counter(), Counter()
    for inquiry in inquiries:
        week = _monday(aware(inquiry.received_at).astimezone(COPENHAGEN).date())
        topic = _first_topic(inquiry)
        per_topic_week[topic or "needs_review"][week] += 1
        if topic:
            routed[topic] += 1
            forwarded[topic] += any(e.kind == "forwarded" for e in inquiry.events)
        confused.update(_corrections(inquiry))
    rates = sorted((TopicRate(t, n, forwarded[t]) for t, n in routed.items()), key=lambda r: (-r.rate, r.topic))
    return Quality(
        weeks=tuple(first + timedelta(weeks=i) for i in range(weeks)),
        per_topic_week={t: dict(w) for t, w in per_topic_week.items()},
        forward_rates=tuple(rates),
        confused=tuple((a, b, n) for (a, b), n in confused.most_common(top_pairs)),
        total=len(inquiries),
        needs_review=sum(1 for i in inquiries if i.state == "needs_review"),
        overdue=overdue_count(session, today),
    )
