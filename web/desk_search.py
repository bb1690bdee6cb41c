"""The front desk's look-up, with its index cached per worker and rebuilt when stale."""
from __future__ import annotations

import time
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.search import SearchIndex, build_index, lookup
from router.models import Inquiry
from directory.clock import today
from web.serializers import caseworker_card

_INDEX_SECONDS = 30.0
_COMPANIES = 5000


def _index(session: Session) -> SearchIndex:
    cached = current_app.extensions.get("vejviser.search")
    if cached and time.monotonic() - cached[0] < _INDEX_SECONDS:
        return cached[1]
    companies = session.execute(
        select(Inquiry.company_name, Inquiry.cvr, Inquiry.assignee_id)
        .where(Inquiry.assignee_id.is_not(None), Inquiry.purged_at.is_(None))
        .order_by(Inquiry.id.desc()).limit(_COMPANIES)
    ).all()
    index = build_index(session, [(n, c or "", s) for n, c, s in companies])
    current_app.extensions["vejviser.search"] = (time.monotonic(), index)
    return index


def invalidate() -> None:
    """Forget this worker's index after a directory change (others refresh within 30 s)."""
    current_app.extensions.pop("vejviser.search", None)


def search_staff(session: Session, query: str) -> list[dict[str, Any]]:
    """Return the people a caller's words point to, as JSON-ready dicts."""
    hits = lookup(_index(session), query, today())
    return [
        {
            **caseworker_card(h.staff),
            "score": h.score,
            "matched": h.matched,
            "present": h.present,
            "deputy": caseworker_card(h.deputy) if h.deputy else None,
        }
        for h in hits
    ]
