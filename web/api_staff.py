"""The staff JSON API: read an inquiry, accept, forward, resolve, reopen, triage; inbox and triage list.

Staff POSTs need a JSON body, which a cross-site form cannot send, so CSRF tokens are not needed here.
"""
from __future__ import annotations

from typing import Any, Callable

from flask import Blueprint, Response, current_app, jsonify
from flask_login import current_user
from sqlalchemy.orm import Session

from router import lifecycle
from router.errors import InquiryError, InvalidInquiry, NotAllowed, StaleInquiry, Unavailable, WrongState
from router.inquiries import find_inquiry
from router.models import Inquiry
from router.permissions import Actor, load_actor, may_view
from router.views import inbox, triage_list
from web.api_input import (ACCEPT_FIELDS, FORWARD_FIELDS, REOPEN_FIELDS, RESOLVE_FIELDS, TRIAGE_FIELDS,
                           BadRequest, Field, bad_request_response, read_json)
from web.api_mail import send_after_commit
from web.auth import STAFF_ROLES, roles_required
from web.database import db_session
from web.errors import error_response
from web.serializers import inbox_json, inquiry_json

bp = Blueprint("api_staff", __name__, url_prefix="/api/v1")
bp.register_error_handler(BadRequest, bad_request_response)
_STATUS = {InvalidInquiry: 422, NotAllowed: 403, WrongState: 409, StaleInquiry: 409, Unavailable: 409}


@bp.after_request
def no_store(response: Response) -> Response:
    """Keep staff answers (personal data) out of every cache, whether the caller logged in or sent a token."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(InquiryError)
def _refused(exc: InquiryError):
    return error_response(_STATUS.get(type(exc), 422), exc.code, exc.message, field=exc.field)


class _NotFound(Exception):
    pass


@bp.errorhandler(_NotFound)
def _not_found(exc: _NotFound):
    return error_response(404, "not_found", f"There is no inquiry {exc.args[0]}.")


def _inquiry(session: Session, reference: str) -> tuple[Inquiry, Actor]:
    inquiry = find_inquiry(session, reference)
    if inquiry is None:
        raise _NotFound(reference)
    return inquiry, load_actor(session, current_user.user_id)


@bp.get("/inquiries/<reference>")
@roles_required(*STAFF_ROLES)
def show(reference: str):
    """Show an inquiry to staff who may see it."""
    inquiry, actor = _inquiry(db_session(), reference)
    if not may_view(actor, inquiry):
        raise NotAllowed("Only the inquiry's caseworker and team, the front desk, section leaders and "
                         "administrators may read it.")
    return jsonify(inquiry_json(inquiry))


def _act(reference: str, fields: tuple[Field, ...], step: Callable[..., None], **names: str):
    data = read_json(fields)
    session = db_session()
    inquiry, actor = _inquiry(session, reference)
    step(session, inquiry, actor, version=data.get("version"),
         **{arg: data.get(key) for arg, key in names.items()})
    session.commit()
    send_after_commit(current_app._get_current_object(), inquiry.id)  # a forward's notice, a new link
    return jsonify(inquiry_json(inquiry))


@bp.post("/inquiries/<reference>/accept")
@roles_required(*STAFF_ROLES)
def accept(reference: str):
    """Take on a routed inquiry."""
    return _act(reference, ACCEPT_FIELDS, lifecycle.accept)


@bp.post("/inquiries/<reference>/resolve")
@roles_required(*STAFF_ROLES)
def resolve(reference: str):
    """Close an inquiry."""
    return _act(reference, RESOLVE_FIELDS, _resolve, note="note")


def _resolve(session: Session, inquiry: Inquiry, actor: Actor, *, note: Any, version: int | None) -> None:
    lifecycle.resolve(session, inquiry, actor, note=note or "", version=version)


@bp.post("/inquiries/<reference>/reopen")
@roles_required(*STAFF_ROLES)
def reopen(reference: str):
    """Open a resolved inquiry again."""
    return _act(reference, REOPEN_FIELDS, lifecycle.reopen, reason="reason")


@bp.post("/inquiries/<reference>/forward")
@roles_required(*STAFF_ROLES)
def forward(reference: str):
    """Forward an inquiry to a colleague or a corrected topic, with a reason."""
    return _act(reference, FORWARD_FIELDS, lifecycle.forward, reason="reason", staff_id="staff_id",
                topic="topic")


@bp.post("/inquiries/<reference>/triage")
@roles_required("front_desk")
def triage(reference: str):
    """Give an inquiry the classifier was unsure of a topic (and optionally a person)."""
    return _act(reference, TRIAGE_FIELDS, _triage, topic="topic", staff_id="staff_id", note="note")


def _triage(session: Session, inquiry: Inquiry, actor: Actor, *, topic: str, staff_id: int | None,
            note: Any, version: int | None) -> None:
    lifecycle.triage(session, inquiry, actor, topic=topic, staff_id=staff_id, note=note or "",
                     version=version)


@bp.post("/inquiries/<reference>/status-link")
@roles_required(*STAFF_ROLES)
def status_link(reference: str):
    """Revoke the business's status link and e-mail it a new one (staff never see the token)."""
    return _act(reference, ACCEPT_FIELDS, _relink)


def _relink(session: Session, inquiry: Inquiry, actor: Actor, *, version: int | None) -> None:
    lifecycle.reissue_status_link(session, inquiry, actor, secret_key=current_app.config["SECRET_KEY"],
                                  version=version)


@bp.get("/inbox")
@roles_required("caseworker", "section_leader")
def my_inbox():
    """List the logged-in caseworker's open inquiries, most urgent first."""
    staff_id = current_user.staff_id
    if staff_id is None:
        return error_response(403, "forbidden", "Your login is not linked to a caseworker.")
    return jsonify({"inquiries": [inbox_json(item) for item in inbox(db_session(), staff_id)]})


@bp.get("/triage")
@roles_required("front_desk")
def waiting_for_triage():
    """List the inquiries waiting for the front desk, oldest first."""
    return jsonify({"inquiries": [inquiry_json(i) for i in triage_list(db_session())]})
