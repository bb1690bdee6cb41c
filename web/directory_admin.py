"""Directory administration for section leaders: the staff list, editing a person, absences."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from directory.admin import DirectoryError, absences_in_week, add_absence, find_staff, update_staff, week_of
from directory.clock import today
from directory.models import Absence, Section, Staff, Topic
from directory.queries import staff_query, topics
from web import desk_search
from web.audit import audit
from web.auth import roles_required
from web.database import db_session
from web.directory_forms import AbsenceForm, StaffForm, competences_from, staff_form_data
from web.layout import localized, parse_day

bp = Blueprint("directory_admin", __name__, url_prefix="/directory")


def refusal(error: DirectoryError) -> str:
    """Word the directory's refusal for the section leader."""
    return {
        "ends_before_start": _("Fraværet slutter, før det begynder."),
        "own_deputy": _("En person kan ikke være sin egen stedfortræder."),
        "deputy_inactive": _("Stedfortræderen er ikke aktiv."),
        "deputy_away": _("Stedfortræderen er selv væk i samme periode."),
    }.get(error.code, str(error))


def _person(staff_id: int) -> Staff:
    person = db_session().scalar(staff_query().where(Staff.id == staff_id))
    return person if person is not None else abort(404)


def _section_choices() -> list[tuple[int, str]]:
    sections = db_session().scalars(select(Section).order_by(Section.department_id, Section.name))
    return [(s.id, f"{localized(s.department)} – {s.name}") for s in sections]


def _people_choices(blank: str | None = None) -> list[tuple[int, str]]:
    people = db_session().scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.name))
    return ([(0, blank)] if blank else []) + [(p.id, p.name) for p in people]


@bp.get("")
@roles_required("section_leader")
def staff_list():
    query = request.args.get("q", "")[:100]
    people = find_staff(db_session(), query)
    return render_template("directory/staff_list.html", people=people, query=query, today=today())


@bp.route("/staff/<int:staff_id>", methods=["GET", "POST"])
@roles_required("section_leader")
def edit_staff(staff_id: int):
    session, person = db_session(), _person(staff_id)
    form = StaffForm(formdata=request.form if request.method == "POST" else staff_form_data(person))
    form.section_id.choices = _section_choices()
    all_topics = topics(session)
    competences = competences_from(request.form, [t.id for t in all_topics]) if request.method == "POST" \
        else {c.topic_id: c.level for c in person.competences}
    if request.method == "POST" and form.validate() and not _email_taken(form.email.data, person):
        changed = update_staff(session, person, form.details(competences))
        audit(session, "staff.update", f"staff:{person.id}", ", ".join(changed))
        session.commit()
        desk_search.invalidate()
        flash(_("Ændringerne til %(name)s er gemt.", name=person.name), "success")
        return redirect(url_for(".edit_staff", staff_id=person.id))
    return render_template("directory/edit_staff.html", person=person, form=form, topics=all_topics,
                           competences=competences, absence_form=_absence_form(person), today=today())


def _email_taken(email: str, person: Staff) -> bool:
    other = db_session().scalar(select(Staff.id).where(Staff.email == email, Staff.id != person.id))
    if other is not None:
        flash(_("E-mailadressen bruges allerede af en anden medarbejder."), "error")
    return other is not None


def _absence_form(person: Staff | None = None) -> AbsenceForm:
    form = AbsenceForm(staff_id=person.id if person else None)
    form.staff_id.choices = _people_choices()
    form.deputy_id.choices = _people_choices(blank=_("Ingen stedfortræder"))
    return form


@bp.get("/absences")
@roles_required("section_leader")
def absences():
    day = parse_day(request.args.get("week")) or today()
    week = week_of(day)
    return render_template("directory/absences.html", week=week, rows=absences_in_week(db_session(), day),
                           previous_week=week[0] - timedelta(days=7), next_week=week[0] + timedelta(days=7),
                           form=_absence_form(), today=today())


@bp.post("/absences")
@roles_required("section_leader")
def record_absence():
    session, form = db_session(), _absence_form()
    back = request.form.get("back") == "person"
    if form.validate():
        person, deputy = _person(form.staff_id.data), session.get(Staff, form.deputy_id.data or 0)
        try:
            add_absence(session, person, form.starts.data, form.ends.data, deputy, form.reason.data or "")
        except DirectoryError as error:
            flash(refusal(error), "error")
        else:
            audit(session, "absence.add", f"staff:{person.id}",
                  f"{form.starts.data}..{form.ends.data} deputy={deputy.id if deputy else '-'}")
            session.commit()
            desk_search.invalidate()
            flash(_("Fraværet for %(name)s er registreret.", name=person.name), "success")
    else:
        for field in form:
            for message in field.errors:
                flash(f"{field.label.text}: {message}", "error")
    if back:
        return redirect(url_for(".edit_staff", staff_id=form.staff_id.data or 0))
    return redirect(url_for(".absences", week=(form.starts.data or today()).isoformat()))


@bp.post("/absences/<int:absence_id>/delete")
@roles_required("section_leader")
def delete_absence(absence_id: int):
    session = db_session()
    absence = session.get(Absence, absence_id) or abort(404)
    name, staff_id = absence.staff.name, absence.staff_id
    audit(session, "absence.delete", f"staff:{staff_id}", f"{absence.starts}..{absence.ends}")
    session.delete(absence)
    session.commit()
    desk_search.invalidate()
    flash(_("Fraværet for %(name)s er slettet.", name=name), "success")
    if request.form.get("back") == "person":
        return redirect(url_for(".edit_staff", staff_id=staff_id))
    return redirect(url_for(".absences", week=request.form.get("week") or None))

