"""The audit trail: who did what to whom, and when, written in the same transaction as the change.

Events tell an inquiry's own story; the audit log is the security view across everything staff do:
assignments, forwards, role and competence changes, exports, refusals and purges.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.models import AuditRecord

MAX_LIST = 500


def record(session: Session, user_id: int | None, action: str, target: str = "", detail: str = "") -> AuditRecord:
    """Add one audit record; the caller commits it together with the change it describes."""
    entry = AuditRecord(user_id=user_id, action=action[:60], target=target[:200], detail=detail[:2000])
    session.add(entry)
    return entry


def recent(session: Session, *, action: str | None = None, before_id: int | None = None,
           limit: int = 100) -> list[AuditRecord]:
    """Return audit records newest first, optionally of one action (or action prefix like `inquiry.`)."""
    stmt = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(max(1, min(limit, MAX_LIST)))
    if action:
        stmt = stmt.where(AuditRecord.action.startswith(action, autoescape=True))
    if before_id is not None:
        stmt = stmt.where(AuditRecord.id < before_id)
    return list(session.scalars(stmt))
