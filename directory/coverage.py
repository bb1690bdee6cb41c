"""Coverage: who can take each topic, and where fewer than two qualified people are at work."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from directory.models import Staff, Topic
from directory.queries import is_present, staff_query, topics

MINIMUM_PRESENT = 2  # fewer qualified people at work than this is a key-person risk


@dataclass(frozen=True)
class TopicCoverage:
    """One topic's qualified people and how many of them are at work today and in the days ahead."""

    topic: Topic
    levels: dict[int, str]  # staff id -> competence level
    present_today: list[Staff]
    short_days: list[tuple[date, int]]  # working days ahead with fewer than MINIMUM_PRESENT at work

    @property
    def at_risk_today(self) -> bool:
        return len(self.present_today) < MINIMUM_PRESENT

    @property
    def at_risk_ahead(self) -> bool:
        return bool(self.short_days)

    @property
    def lowest_ahead(self) -> int | None:
        return min((n for _, n in self.short_days), default=None)


def working_days(first: date, count: int) -> list[date]:
    """Return the Monday-to-Friday days after `first`, up to `count` calendar days on."""
    return [d for d in (first + timedelta(days=i) for i in range(1, count + 1)) if d.weekday() < 5]


def coverage(session: Session, today: date, *, days_ahead: int = 14) -> tuple[list[Staff], list[TopicCoverage]]:
    """Return the active staff and, per active topic, its coverage today and over `days_ahead` days."""
    people = list(session.scalars(staff_query().where(Staff.active.is_(True)).order_by(Staff.name)))
    ahead = working_days(today, days_ahead)
    rows = []
    for topic in topics(session):
        qualified = [(p, c.level) for p in people for c in p.competences if c.topic_id == topic.id]
        staff = [p for p, _ in qualified]
        short = [(d, n) for d in ahead if (n := sum(is_present(p, d) for p in staff)) < MINIMUM_PRESENT]
        rows.append(TopicCoverage(
            topic=topic,
            levels={p.id: level for p, level in qualified},
            present_today=[p for p in staff if is_present(p, today)],
            short_days=short,
        ))
    return people, rows
