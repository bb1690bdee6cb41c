"""Labelled examples learnt in use (forwards, topic corrections, triage), newest counting most."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.examples import Example
from classifier.text import mask_cpr
from directory.db import utc_now
from router.models import TrainingExample

# A fresh correction is a person's verdict on a real inquiry: worth more than a written seed example.
FRESH_WEIGHT = 2.0
HALF_LIFE_DAYS = 180.0
FLOOR_WEIGHT = 0.5


def correction_weight(age_days: float) -> float:
    """Return a correction's training weight: FRESH_WEIGHT halving every HALF_LIFE_DAYS, never below the floor."""
    return max(FLOOR_WEIGHT, FRESH_WEIGHT * 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS))


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def correction_examples(session: Session, now: datetime | None = None) -> list[Example]:
    """Return the stored corrections as weighted examples; for one inquiry only its latest verdict counts."""
    now = now or utc_now()
    rows = session.scalars(select(TrainingExample).order_by(TrainingExample.created_at, TrainingExample.id))
    latest: dict[object, TrainingExample] = {}
    for row in rows:
        if row.topics and row.text.strip():
            latest[row.inquiry_id if row.inquiry_id is not None else ("row", row.id)] = row
    return [
        Example(text=mask_cpr(row.text), topics=tuple(dict.fromkeys(row.topics)),
                weight=round(correction_weight((now - _aware(row.created_at)).total_seconds() / 86400), 4),
                source=f"correction:{row.source}")
        for row in sorted(latest.values(), key=lambda r: r.id)
    ]
