"""The audit trail: who did what to whom, and when, written in the same transaction as the change.

Events tell an inquiry's own story; the audit log is the security view across everything staff do:
assignments, forwards, role and competence changes, exports, refusals and purges.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import User
from router.models import AuditRecord

MAX_LIST = 500
MAX_ID = 2**31 - 1  # ids are 32-bit integers; a larger number from a query string must not reach the database


def audit_entry(user_id: int | None, action: str, target: str = "", detail: str = "") -> AuditRecord:
    """Return a new audit record (not yet added), its fields cut to their columns' sizes."""
    return AuditRecord(user_id=user_id, action=action[:60], target=target[:200], detail=detail[:2000])


def record(session: Session, user_id: int | None, action: str, target: str = "", detail: str = "") -> AuditRecord:
    """Add one audit record; the caller commits it together with the change it describes."""
    entry = audit_entry(user_id, action, target, detail)
    session.add(entry)
    return entry


def recent(session: Session, *, action: str | None = None, before_id: int | None = None,
           limit: int = 100) -> list[AuditRecord]:
    """Return audit records newest first, optionally of one action (or action prefix like `inquiry.`)."""
    stmt = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(max(1, min(limit, MAX_LIST)))
    if action:
        stmt = stmt.where(AuditRecord.action.startswith(action, autoescape=True))
    if before_id is not None:
        stmt = stmt.where(AuditRecord.id < min(max(before_id, 0), MAX_ID))
    return list(session.scalars(stmt))


def usernames(session: Session, records: list[AuditRecord]) -> dict[int, str]:
    """Return the user names of the people who made `records`, by user id."""
    ids = {r.user_id for r in records if r.user_id is not None}
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.username).where(User.id.in_(ids))).all())
