"""What changes with every inquiry: each person's open cases, capacity, latest assignment and whether
they helped the inquiring company on an earlier day, read for all candidates in one query."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Collection

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from directory.models import Staff
from router.models import Event, Inquiry

ASSIGNING_EVENTS = ("routed", "forwarded", "triaged")


@dataclass(frozen=True)
class Load:
    """A person's open cases and capacity now, when they were last given an inquiry, and whether
    they handled the inquiring company before."""

    open: int
    capacity: int
    last_assigned: datetime | None
    knows_company: bool = False

    @property
    def has_room(self) -> bool:
        return self.open < self.capacity


@cache
def _query() -> Select:
    # Built once: the router asks this for every inquiry. The newest assigning event per person comes
    # from the (staff_id, at) index and the company's earlier cases from the CVR index: a few rows
    # each, however long the history.
    latest = (select(Event.at).where(Event.staff_id == Staff.id, Event.kind.in_(ASSIGNING_EVENTS))
              .order_by(Event.at.desc()).limit(1).correlate(Staff).scalar_subquery())
    # Uncorrelated, so the database reads the company's few cases once (by CVR) for all candidates.
    knows = Staff.id.in_(select(Inquiry.assignee_id).where(Inquiry.cvr == bindparam("cvr"),
                                                           Inquiry.received_at < bindparam("before")))
    return (select(Staff.id, Staff.open_inquiries, Staff.capacity, latest, knows)
            .where(Staff.id.in_(bindparam("ids", expanding=True))))


def read(session: Session, staff_ids: Collection[int], cvr: str | None, before: datetime) -> dict[int, Load]:
    """Return each person's load now; `knows_company` counts the CVR's cases received before `before`."""
    if not staff_ids:
        return {}
    # Plain rows through the session's connection: the ORM's row handling cost more than the query.
    rows = session.connection().execute(_query(), {"ids": list(staff_ids), "cvr": cvr, "before": before})
    return {staff_id: Load(open_, capacity, at, bool(knows)) for staff_id, open_, capacity, at, knows in rows}
