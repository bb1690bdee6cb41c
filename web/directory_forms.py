"""Forms for the directory pages, checked the way the CSV import checks the same fields."""
from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from directory.admin import StaffDetails
from directory.clock import today
from directory.models import LEVELS, Staff
from directory.phone import PhoneError, normalise_phone
from web.forms import Form

_LANGUAGES = re.compile(r"[a-z]{2}(;[a-z]{2})*")


def _email(_form, field) -> None:
    try:
        field.data = validate_email(field.data or "", check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValidationError(_l("Skriv en gyldig e-mailadresse, fx navn@kommune.dk.")) from exc


def _phone(_form, field) -> None:
    if not field.data:
        return
    try:
        field.data = normalise_phone(field.data)
    except PhoneError as exc:
        raise ValidationError(_l("Skriv et dansk nummer med 8 cifre eller et nummer med landekode.")) from exc


def _languages(_form, field) -> None:
    field.data = (field.data or "da").replace(" ", "").replace(",", ";").lower()
    if not _LANGUAGES.fullmatch(field.data):
        raise ValidationError(_l("Skriv sprogkoder adskilt af semikolon, fx da;en."))


class StaffForm(Form):
    name = StringField(_l("Navn"), validators=[DataRequired(_l("Skriv personens navn.")), Length(max=160)])
    title = StringField(_l("Stilling"), validators=[Length(max=160)])
    email = StringField(_l("E-mail"), validators=[_email])
    phone = StringField(_l("Direkte telefon"), validators=[_phone])
    section_id = SelectField(_l("Afdeling og sektion"), coerce=int)
    languages = StringField(_l("Sprog"), validators=[_languages])
    capacity = IntegerField(_l("Kapacitet (åbne henvendelser)"), validators=[
        InputRequired(_l("Skriv et helt tal fra 1 til 500.")),
        NumberRange(1, 500, _l("Skriv et helt tal fra 1 til 500."))])
    active = BooleanField(_l("Aktiv (kan få henvendelser)"))
    specialities = TextAreaField(_l("Specialer"), validators=[Length(max=4000)])

    def details(self, competences: dict[str, str]) -> StaffDetails:
        """Return the validated input as the directory's change set."""
        keywords = {line.strip()[:120] for line in (self.specialities.data or "").splitlines() if line.strip()}
        return StaffDetails(
            name=self.name.data.strip(), title=(self.title.data or "").strip(), email=self.email.data,
            phone=self.phone.data or "", section_id=self.section_id.data, languages=self.languages.data,
            capacity=self.capacity.data, active=self.active.data, competences=competences,
            specialities=tuple(sorted(keywords)),
        )


def staff_form_data(person: Staff) -> MultiDict:
    """Return a person's current values in the form's shape, for the first showing of the form."""
    return MultiDict({
        "name": person.name, "title": person.title, "email": person.email, "phone": person.phone,
        "section_id": str(person.section_id), "languages": person.languages,
        "capacity": str(person.capacity), "active": "y" if person.active else "",
        "specialities": "\n".join(s.keyword for s in person.specialities),
    })


def competences_from(form: MultiDict, topic_ids: list[str]) -> dict[str, str]:
    """Read the per-topic level choices (`competence-<topic>` = primary, secondary or empty)."""
    chosen = {t: form.get(f"competence-{t}", "") for t in topic_ids}
    return {t: level for t, level in chosen.items() if level in LEVELS}


class AbsenceForm(Form):
    staff_id = SelectField(_l("Hvem er væk"), coerce=int)
    starts = DateField(_l("Fra og med"), validators=[InputRequired(_l("Skriv en dato."))])
    ends = DateField(_l("Til og med"), validators=[InputRequired(_l("Skriv en dato."))])
    deputy_id = SelectField(_l("Stedfortræder"), coerce=int, validators=[Optional()])
    reason = StringField(_l("Årsag (vises kun internt)"), validators=[Length(max=200)])

    def validate_ends(self, field) -> None:
        if self.starts.data and field.data and field.data < self.starts.data:
            raise ValidationError(_l("Slutdatoen skal være samme dag som startdatoen eller senere."))

    def validate_starts(self, field) -> None:
        if field.data and field.data.year < today().year - 1:
            raise ValidationError(_l("Datoen ligger for langt tilbage."))
