"""The caseworker's inbox: my inquiries by respond-by date; accept, resolve or forward with a reason."""
from __future__ import annotations

from typing import Callable

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from directory.clock import today
from directory.models import Staff
from router.errors import InquiryError
from router.inquiries import find_inquiry
from router.lifecycle import accept, forward, resolve
from router.models import Inquiry
from router.permissions import Actor, load_actor, may_act, may_view
from router.views import inbox
from web.api_mail import send_after_commit
from web.auth import roles_required
from web.database import db_session
from web.denials import refuse_as_not_found
from web.public import topic_by_id
from web.refusals import refusal

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


def _load(reference: str) -> tuple[Inquiry, Actor]:
    session = db_session()
    inquiry = find_inquiry(session, reference)
    actor = load_actor(session, current_user.user_id)
    if inquiry is None:
        abort(404)
    if not may_view(actor, inquiry):
        refuse_as_not_found()  # not "forbidden": whether a reference exists is not for everyone to learn
    return inquiry, actor


@bp.get("")
@roles_required("caseworker", "section_leader")
def index():
    staff_id = current_user.staff_id
    items = inbox(db_session(), staff_id) if staff_id else []
    return render_template("inbox/index.html", items=items, topics=topic_by_id(), has_desk=bool(staff_id),
                           overdue=sum(i.overdue for i in items))


@bp.get("/<reference>")
@roles_required("caseworker", "section_leader")
def detail(reference: str):
    inquiry, actor = _load(reference)
    people = db_session().scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.name))
    return render_template("inbox/detail.html", inquiry=inquiry, topics=topic_by_id(), people=list(people),
                           today=today(), can={a: may_act(actor, inquiry, a) for a in ("accept", "resolve", "forward")})


def _act(reference: str, step: Callable[..., None], done: str, **fields):
    """Run one life-cycle step for the logged-in person, then show the inquiry (or the inbox)."""
    inquiry, actor = _load(reference)
    session = db_session()
    try:
        step(session, inquiry, actor, version=request.form.get("version", type=int), **fields)
    except InquiryError as error:
        session.rollback()
        flash(refusal(error), "error")
        return redirect(url_for(".detail", reference=reference))
    session.commit()
    send_after_commit(current_app._get_current_object(), inquiry.id)
    flash(done, "success")
    still_mine = inquiry.state != "resolved" and inquiry.assignee_id == actor.staff_id
    return redirect(url_for(".detail", reference=reference) if still_mine else url_for(".index"))


@bp.post("/<reference>/accept")
@roles_required("caseworker", "section_leader")
def take(reference: str):
    return _act(reference, accept, _("Du har taget %(reference)s.", reference=reference))


@bp.post("/<reference>/resolve")
@roles_required("caseworker", "section_leader")
def close(reference: str):
    return _act(reference, resolve, _("%(reference)s er afsluttet.", reference=reference),
                note=request.form.get("note", ""))


@bp.post("/<reference>/forward")
@roles_required("caseworker", "section_leader")
def pass_on(reference: str):
    return _act(reference, forward, _("%(reference)s er sendt videre.", reference=reference),
                reason=request.form.get("reason", ""), staff_id=request.form.get("staff_id", type=int) or None,
                topic=request.form.get("topic") or None)
