"""The front desk's triage list: inquiries the model was unsure of, with its best guesses one click away."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from directory.models import Staff
from router.errors import InquiryError
from router.inquiries import find_inquiry
from router.lifecycle import triage
from router.permissions import load_actor
from router.views import triage_list
from web.api_mail import send_after_commit
from web.auth import roles_required
from web.database import db_session
from web.public import topic_by_id
from web.refusals import refusal

bp = Blueprint("triage", __name__, url_prefix="/desk/triage")

SUGGESTIONS = 3


@bp.get("")
@roles_required("front_desk")
def index():
    return render_template("desk/triage.html", items=triage_list(db_session()), topics=topic_by_id(),
                           suggestions=SUGGESTIONS)


@bp.post("/<reference>")
@roles_required("front_desk")
def choose(reference: str):
    """Give the inquiry the chosen topic; the best free person for it takes the case."""
    session = db_session()
    inquiry = find_inquiry(session, reference) or abort(404)
    try:
        triage(session, inquiry, load_actor(session, current_user.user_id), topic=request.form.get("topic", ""),
               version=request.form.get("version", type=int))
    except InquiryError as error:
        session.rollback()
        flash(f"{reference}: {refusal(error)}", "error")
        return redirect(url_for(".index"))
    session.commit()
    send_after_commit(current_app._get_current_object(), inquiry.id)
    person = session.get(Staff, inquiry.assignee_id)
    flash(_("%(reference)s er sendt til %(name)s.", reference=reference, name=person.name if person else "–"), "success")
    return redirect(url_for(".index"))
