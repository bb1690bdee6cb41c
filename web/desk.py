"""The front desk: one search box that finds the right person for what a caller says, and a call log
that turns the call into an inquiry routed like a web one (or given to the person the desk chose)."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from directory.models import Department, Staff
from directory.queries import topics
from router.calls import log_call
from router.errors import InquiryError
from router.permissions import load_actor
from web import api_inquiries
from web.api_mail import send_after_commit
from web.auth import roles_required
from web.database import db_session
from web.desk_search import search_staff
from web.layout import localized
from web.public_form import LABELS, check_submission
from web.refusals import refusal

bp = Blueprint("desk", __name__, url_prefix="/desk")

MAX_QUERY = 200
CALL_LABELS = {**LABELS, "text": _l("Hvad drejer det sig om?"), "contact_name": _l("Opkalderens navn"),
               "phone": _l("Opkalderens telefon")}


def names() -> dict[str, dict[str, str]]:
    """Return topic and department names in the reader's language, by id (the cards show them)."""
    session = db_session()
    return {"topics": {t.id: localized(t) for t in topics(session)},
            "departments": {d.id: localized(d) for d in session.scalars(select(Department))}}


def _page(query: str, call: dict, errors: dict[str, str], status: int = 200):
    # An empty query still builds this worker's look-up index, so the first keystroke is fast too.
    results = search_staff(db_session(), query)
    return render_template("desk/search.html", query=query, results=results, names=names(), call=call,
                           errors=errors, labels=CALL_LABELS), status


@bp.get("")
@roles_required("front_desk")
def search():
    query = request.args.get("q", "")[:MAX_QUERY]
    return _page(query, {"text": query}, {})


@bp.post("/calls")
@roles_required("front_desk")
def log_phone_call():
    """Log the call as a phone inquiry and put it through to the chosen (or routed) person."""
    form, errors = check_submission(request.form, channel="phone")
    staff_id = request.form.get("staff_id", type=int)
    if form is None:
        return _page(request.form.get("q", ""), request.form, errors, 422)
    session = db_session()
    try:
        submission = log_call(session, form, api_inquiries.active_model(), load_actor(session, current_user.user_id),
                              secret_key=current_app.config["SECRET_KEY"], staff_id=staff_id,
                              topic_id=request.form.get("topic") or None)
    except InquiryError as error:
        session.rollback()
        flash(_("Opkaldet blev ikke registreret: %(reason)s", reason=refusal(error)), "error")
        return _page(request.form.get("q", ""), request.form, {}, 409)
    session.commit()
    send_after_commit(current_app._get_current_object(), submission.inquiry_id)
    person = session.get(Staff, submission.inquiry.assignee_id) if submission.inquiry.assignee_id else None
    if person is not None:
        flash(_("Opkaldet er registreret som %(reference)s og sendt til %(name)s, %(phone)s.",
                reference=submission.inquiry.reference, name=person.name, phone=person.phone), "success")
    else:
        flash(_("Opkaldet er registreret som %(reference)s og ligger på visiteringslisten.",
                reference=submission.inquiry.reference), "success")
    return redirect(url_for(".search"))
