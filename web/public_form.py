"""Checks for the inquiry forms (the public one, and the front desk's call log): the router's rules,
every field at once, worded for the reader."""
from __future__ import annotations

import re
from typing import Callable, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from directory.phone import PhoneError, normalise_phone
from router.errors import InvalidInquiry
from router.validation import MAX_NAME, MAX_TEXT, InquiryForm, check_cvr, check_email, check_text, parse_inquiry

FIELDS = ("company_name", "cvr", "contact_name", "email", "phone", "text", "language")
LABELS = {
    "company_name": _l("Virksomhedens navn"),
    "cvr": _l("CVR-nummer"),
    "contact_name": _l("Dit navn"),
    "email": _l("E-mail"),
    "phone": _l("Telefon"),
    "text": _l("Beskriv jeres situation"),
    "language": _l("Hvilket sprog vil I have svar på?"),
}


def _missing() -> dict[str, str]:
    return {
        "company_name": _("Skriv virksomhedens navn."),
        "cvr": _("Skriv virksomhedens CVR-nummer på 8 cifre."),
        "contact_name": _("Skriv navnet på den, vi skal kontakte."),
        "email": _("Skriv en e-mailadresse, så vi kan svare jer."),
        "text": _("Beskriv kort, hvad I har brug for hjælp til."),
        "phone": _("Skriv opkalderens telefonnummer eller e-mail, så sagsbehandleren kan ringe tilbage."),
    }


def _required(name: str) -> Callable[[str], None]:
    def check(value: str) -> None:
        if not value:
            raise InvalidInquiry("missing", code="missing_field", field=name)
        if len(value) > MAX_NAME:
            raise InvalidInquiry("too long", code="too_long", field=name)
    return check


def _optional(name: str) -> Callable[[str], None]:
    def check(value: str) -> None:
        if value:
            _required(name)(value)
    return check


def _cvr(value: str) -> None:
    _required("cvr")(value)
    check_cvr(value)


def _optional_cvr(value: str) -> None:
    if value:
        check_cvr(value)


def _email(value: str) -> None:
    _required("email")(value)
    check_email(value)


def _optional_email(value: str) -> None:
    if value:
        _email(value)


def _phone(value: str) -> None:
    if value:
        try:
            normalise_phone(value)
        except PhoneError as exc:
            raise InvalidInquiry(str(exc), code="invalid_phone", field="phone") from None


def _text(value: str) -> None:
    check_text(value)


def _language(value: str) -> None:
    if value not in ("", "da", "en"):
        raise InvalidInquiry("unknown language", code="invalid_language", field="language")


CHECKS: dict[str, dict[str, Callable[[str], None]]] = {
    "web": {"company_name": _required("company_name"), "cvr": _cvr, "contact_name": _required("contact_name"),
            "email": _email, "phone": _phone, "text": _text, "language": _language},
    # A caller on the phone may not know the CVR number or want to give an e-mail address.
    "phone": {"company_name": _optional("company_name"), "cvr": _optional_cvr,
              "contact_name": _optional("contact_name"), "email": _optional_email, "phone": _phone,
              "text": _text, "language": _language},
}


def message(error: InvalidInquiry, value: str) -> str:
    """Word the router's refusal for the business, in the reader's language."""
    if error.code in ("missing_field", "empty_text"):
        return _missing().get(error.field or "", _("Feltet skal udfyldes."))
    if error.code == "invalid_cvr":
        digits = re.sub(r"\D", "", value)
        if len(digits) != 8:
            return _("Et CVR-nummer har 8 cifre; du har skrevet %(count)d.", count=len(digits))
        return _("CVR-nummeret findes ikke – tjek det for tastefejl (kontrolcifferet passer ikke).")
    return {
        "invalid_email": _("Skriv en gyldig e-mailadresse, fx navn@firma.dk."),
        "invalid_phone": _("Skriv et dansk nummer med 8 cifre eller et udenlandsk nummer med landekode, "
                           "fx +46 70 123 45 67."),
        "text_too_long": _("Teksten må højst være %(max)s tegn.", max=f"{MAX_TEXT:,}".replace(",", ".")),
        "too_long": _("Højst %(max)d tegn.", max=MAX_NAME),
        "invalid_language": _("Vælg dansk eller engelsk."),
    }.get(error.code, _("Tjek det, du har skrevet."))


def check_submission(data: Mapping[str, str], channel: str = "web") -> tuple[InquiryForm | None, dict[str, str]]:
    """Check every field; return the router's form, or an error message per field in form order."""
    values = {name: (data.get(name) or "").strip() for name in FIELDS}
    errors: dict[str, str] = {}
    for name, check in CHECKS[channel].items():
        try:
            check(values[name])
        except InvalidInquiry as error:
            errors[name] = message(error, values[name])
    if errors:
        return None, errors
    try:
        return parse_inquiry(values, channel=channel), {}
    except InvalidInquiry as error:  # a rule the router has and this page does not know yet
        return None, {error.field or "text": message(error, values.get(error.field or "text", ""))}
