"""The coverage view: topics × people, with key-person risks today and over the next 14 days."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import select

from directory.clock import today
from directory.coverage import MINIMUM_PRESENT, coverage
from directory.models import Department, Staff
from web.auth import roles_required
from web.database import db_session

bp = Blueprint("coverage", __name__, url_prefix="/directory")

DAYS_AHEAD = 14


def _own_department() -> str | None:
    staff_id = current_user.staff_id
    person = db_session().get(Staff, staff_id) if staff_id else None
    return person.section.department_id if person else None


@bp.get("/coverage")
@roles_required("section_leader")
def overview():
    session, day = db_session(), today()
    departments = list(session.scalars(select(Department).order_by(Department.id)))
    chosen = request.args.get("department") or _own_department() or departments[0].id
    people, rows = coverage(session, day, days_ahead=DAYS_AHEAD)
    shown = [r for r in rows if r.topic.department_id == chosen]
    columns = [p for p in people if any(p.id in r.levels for r in shown)]
    columns.sort(key=lambda p: (p.section.department_id != chosen, p.section.name, p.name))
    risks = [r for r in rows if r.at_risk_today or r.at_risk_ahead]
    return render_template("directory/coverage.html", departments=departments, chosen=chosen, rows=shown,
                           columns=columns, risks=risks, today=day, days_ahead=DAYS_AHEAD,
                           minimum=MINIMUM_PRESENT)
