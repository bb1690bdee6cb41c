"""The audit trail of what staff did through the web pages (directory changes, exports, imports)."""
from __future__ import annotations

from flask_login import current_user
from sqlalchemy.orm import Session

from router.audit import record


def audit(session: Session, action: str, target: str = "", detail: str = "") -> None:
    """Add one audit record for the logged-in user; the caller commits it with the change."""
    record(session, current_user.user_id if current_user.is_authenticated else None, action, target, detail)
