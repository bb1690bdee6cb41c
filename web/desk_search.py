"""The front desk's look-up, with its index kept per worker and rebuilt only when it is stale."""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import current_app
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from directory.cache import VERSION
from directory.clock import today
from directory.counters import Counter
from directory.search import SearchIndex, build_index, lookup
from router.models import Inquiry
from web.serializers import caseworker_card

_EXTENSION = "vejviser.search"
_COMPANY_SECONDS = 30.0
_MAX_SECONDS = 300.0  # also drop companies whose inquiries were purged meanwhile
_COMPANIES = 5000


@dataclass(frozen=True)
class _Built:
    index: SearchIndex
    at: float
    newest_inquiry: int | None


@cache
def _versions() -> Select:
    # One round trip per look-up: the directory's version and the newest inquiry.
    directory_version = select(Counter.value).where(Counter.name == VERSION).scalar_subquery()
    return select(directory_version, select(func.max(Inquiry.id)).scalar_subquery())


def _stale(built: _Built | None, session: Session) -> tuple[bool, int | None]:
    """Tell whether to rebuild: the directory changed, new companies came in a while ago, or it is old."""
    version, newest = session.execute(_versions()).one()
    if built is None or built.index.snapshot.version != (version or 0):
        return True, newest
    age = time.monotonic() - built.at
    return age >= _MAX_SECONDS or (age >= _COMPANY_SECONDS and newest != built.newest_inquiry), newest


def _index(session: Session) -> SearchIndex:
    # A directory change shows at once; companies from new inquiries within 30 s. A quiet desk never
    # rebuilds, so a lone look-up after a pause is as fast as the next keystroke.
    built = current_app.extensions.get(_EXTENSION)
    stale, newest = _stale(built, session)
    if not stale:
        return built.index
    companies = session.execute(
        select(Inquiry.company_name, Inquiry.cvr, Inquiry.assignee_id)
        .where(Inquiry.assignee_id.is_not(None), Inquiry.purged_at.is_(None))
        .order_by(Inquiry.id.desc()).limit(_COMPANIES)
    ).all()
    index = build_index(session, [(n, c or "", s) for n, c, s in companies])
    current_app.extensions[_EXTENSION] = _Built(index, time.monotonic(), newest)
    return index


def invalidate() -> None:
    """Forget this worker's index after a directory change (any worker also sees the change itself)."""
    current_app.extensions.pop(_EXTENSION, None)


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
