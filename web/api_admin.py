"""Administration over the API: the audit trail for section leaders, logins for administrators."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask_login import current_user

from directory.accounts import AccountError, change_role, find_user, list_users, set_active
from directory.models import User
from router.audit import recent, record, usernames
from router.models import AuditRecord
from router.views import aware
from web.api_input import ACCOUNT_FIELDS, BadRequest, bad_request_response, read_json
from web.api_staff import no_store
from web.auth import roles_required
from web.database import db_session
from web.errors import error_response

bp = Blueprint("api_admin", __name__, url_prefix="/api/v1")
bp.register_error_handler(BadRequest, bad_request_response)
bp.after_request(no_store)


def audit_json(entry: AuditRecord, usernames: dict[int, str]) -> dict[str, Any]:
    """One audit record: when, who (user name), what, to what, and the details."""
    return {"id": entry.id, "at": aware(entry.at).isoformat(), "user": usernames.get(entry.user_id or 0),
            "action": entry.action, "target": entry.target, "detail": entry.detail}


def user_json(user: User) -> dict[str, Any]:
    """A login as administrators see it (never its password or token hash)."""
    return {"username": user.username, "role": user.role, "active": user.active, "staff_id": user.staff_id}


@bp.get("/audit")
@roles_required("section_leader")
def audit_log():
    """List audit records newest first; `action` filters by prefix, `before` pages on by id."""
    session = db_session()
    records = recent(session, action=request.args.get("action", "")[:60] or None,
                     before_id=request.args.get("before", type=int),
                     limit=request.args.get("limit", default=100, type=int))
    names = usernames(session, records)
    return jsonify({"records": [audit_json(r, names) for r in records]})


@bp.get("/users")
@roles_required("admin")
def accounts():
    """List every login with its role and whether it is active."""
    return jsonify({"users": [user_json(u) for u in list_users(db_session())]})


@bp.patch("/users/<username>")
@roles_required("admin")
def change_account(username: str):
    """Change a login's role or deactivate it; each change is an audit record."""
    data = read_json(ACCOUNT_FIELDS)
    session = db_session()
    user = find_user(session, username)
    if user is None:
        return error_response(404, "not_found", f"There is no login {username!r}.")
    me = session.get_one(User, current_user.user_id)
    before = user.role
    try:
        if "role" in data and change_role(session, user, data["role"], by=me):
            record(session, me.id, "user.role", f"user:{user.username}", f"{before} -> {user.role}")
        if "active" in data and set_active(session, user, data["active"], by=me):
            record(session, me.id, "user.activate" if user.active else "user.deactivate", f"user:{user.username}")
    except AccountError as error:
        session.rollback()
        return error_response(409, error.code, str(error))
    session.commit()
    return jsonify(user_json(user))
