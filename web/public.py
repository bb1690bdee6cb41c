"""The public pages: the inquiry form, its receipt, the status page and the accessibility statement."""
from __future__ import annotations

from typing import Any

from flask import (Blueprint, abort, current_app, g, redirect, render_template, request, session,
                   url_for)
from sqlalchemy import select

from directory.queries import topics
from router.inquiries import submit_inquiry
from router.models import Inquiry
from router.tokens import token_digest
from router.views import status_view
from web import api_inquiries
from web.api_inquiries import public_post
from web.api_mail import send_after_commit
from web.database import db_session
from web.public_form import FIELDS, LABELS, check_submission
from web.security import private_page

bp = Blueprint("public", __name__)

MAX_TOKEN = 100


def _form_page(values: Any, errors: dict[str, str], status: int = 200):
    return render_template("public/form.html", values=values, errors=errors, labels=LABELS,
                           fields=FIELDS), status


def topic_by_id() -> dict[str, Any]:
    """Return the active topics by id (pages name them in the reader's language)."""
    return {t.id: t for t in topics(db_session())}


@bp.get("/")
def inquiry_form():
    return _form_page({"language": g.language}, {})


@bp.post("/")
@public_post
def submit():
    form, errors = check_submission(request.form)
    if form is None:
        return _form_page(request.form, errors, 422)
    db = db_session()
    submission = submit_inquiry(db, form, api_inquiries.active_model(), secret_key=current_app.config["SECRET_KEY"])
    db.commit()
    send_after_commit(current_app._get_current_object(), submission.inquiry_id)
    # The receipt is shown after a redirect, so reloading it or switching language never resubmits.
    session["receipt"] = submission.status_token
    return redirect(url_for(".receipt"), 303)


@bp.get("/kvittering")
@private_page
def receipt():
    token = session.get("receipt", "")
    view = status_view(db_session(), token) if token else None
    if view is None:
        return redirect(url_for(".inquiry_form"))
    decision = db_session().scalar(select(Inquiry.decision).where(Inquiry.status_token_hash == token_digest(token)))
    return render_template("public/receipt.html", view=view, decision=decision or {}, topics=topic_by_id(),
                           status_url=url_for(".status", token=token, _external=True))


@bp.get("/status/<token>")
@private_page
def status(token: str):
    view = status_view(db_session(), token) if len(token) <= MAX_TOKEN else None
    if view is None:
        abort(404)
    return render_template("public/status.html", view=view, topics=topic_by_id())


@bp.get("/tilgaengelighed")
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/privatliv")
def privacy():
    return render_template("public/privacy.html")
