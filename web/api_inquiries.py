"""The public JSON API: route (dry run), submit an inquiry, and a business's status view."""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify

from router.errors import InquiryError
from router.inquiries import submit_inquiry
from router.policy import route as route_text
from router.validation import check_cvr, check_text, parse_inquiry
from router.views import status_view
from web.api_input import ROUTE_FIELDS, SUBMIT_FIELDS, BadRequest, bad_request_response, read_json
from web.api_mail import send_after_commit
from web.database import db_session
from web.errors import error_response
from web.extensions import limiter
from web.security import private_page
from web.serializers import status_json

bp = Blueprint("api_inquiries", __name__, url_prefix="/api/v1")
bp.register_error_handler(BadRequest, bad_request_response)
log = logging.getLogger("vejviser.api")


def _public_limit() -> str:
    return current_app.config["VEJVISER_PUBLIC_RATE_LIMIT"]


# One budget per client for both public POSTs, so a dry run cannot be used to dodge the limit.
public_post = limiter.shared_limit(_public_limit, scope="public-post")


def active_model():
    """Return the active classifier, or None when there is none or it cannot be loaded."""
    try:
        from web.model_registry import current_model
    except ImportError:
        return None
    try:
        return current_model()
    except Exception:  # noqa: BLE001 - a broken registry must not lose an inquiry
        log.exception("could not load the active classifier model; routing to triage")
        return None


@bp.errorhandler(InquiryError)
def _invalid(exc: InquiryError):
    return error_response(422, exc.code, exc.message, field=exc.field)


@bp.post("/route")
@public_post
def route():
    """Classify and route a text without storing anything."""
    data = read_json(ROUTE_FIELDS)
    text = check_text(data["text"])
    cvr = check_cvr(data["cvr"]) if data.get("cvr") else None
    decision = route_text(db_session(read_only=True), text, cvr, data.get("language"), model=active_model())
    return jsonify(decision.as_json())


@bp.post("/inquiries")
@public_post
def submit():
    """Route and store an inquiry; the answer is the only time the status token is shown."""
    form = parse_inquiry(read_json(SUBMIT_FIELDS), channel="api")
    session = db_session()
    submission = submit_inquiry(session, form, active_model(), secret_key=current_app.config["SECRET_KEY"])
    session.commit()
    send_after_commit(current_app._get_current_object(), submission.inquiry_id)
    body = {"reference": submission.reference, "status_token": submission.status_token,
            "status_url": submission.status_url, "decision": submission.decision.as_json()}
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, 201


@bp.get("/status/<token>")
@private_page
def status(token: str):
    """Show a business its inquiry; any wrong token is a plain 404."""
    view = status_view(db_session(), token) if len(token) <= 100 else None
    if view is None:
        return error_response(404, "not_found", "No inquiry has this status link.")
    return jsonify(status_json(view))
