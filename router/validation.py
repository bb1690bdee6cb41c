"""Check and normalise what a business submits, with a message that says what to fix."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from email_validator import EmailNotValidError, validate_email
from stdnum import exceptions as stdnum_errors
from stdnum.dk import cvr as cvr_number

from directory.phone import PhoneError, normalise_phone
from router.errors import InvalidInquiry
from router.models import CHANNELS

MAX_TEXT = 10_000
MAX_NAME = 200
LANGUAGES = ("da", "en")


@dataclass(frozen=True)
class InquiryForm:
    """A checked inquiry, ready to route and store."""

    text: str
    company_name: str
    cvr: str | None
    contact_name: str
    email: str
    phone: str
    language: str | None
    channel: str


def clean(value: Any) -> str:
    """Return a submitted string stripped and without NUL characters (no database can store those)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else ""


def check_text(value: Any) -> str:
    """Return the inquiry text stripped, refusing empty or over-long text."""
    text = clean(value)
    if not text:
        raise InvalidInquiry("Please describe what the inquiry is about.", code="empty_text", field="text")
    if len(text) > MAX_TEXT:
        raise InvalidInquiry(f"The text may be at most {MAX_TEXT:,} characters; it has {len(text):,}.",
                             code="text_too_long", field="text")
    return text


def check_cvr(value: str) -> str:
    """Return the 8-digit CVR number, refusing a wrong length or a failed mod-11 check."""
    try:
        return cvr_number.validate(value)
    except stdnum_errors.InvalidChecksum:
        message = f"CVR number {value} fails the mod-11 check digit; please check it for a typo."
    except stdnum_errors.ValidationError:
        message = f"CVR number {value!r} is not 8 digits."
    raise InvalidInquiry(message, code="invalid_cvr", field="cvr")


def check_email(value: str) -> str:
    """Return the normalised e-mail address, refusing one that cannot be an address."""
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidInquiry(f"E-mail address {value!r} is not valid: {exc}", code="invalid_email",
                             field="email") from None


def _text_field(data: Mapping[str, Any], name: str, required: bool) -> str:
    value = clean(data.get(name))
    if required and not value:
        raise InvalidInquiry(f"Field {name!r} is required.", code="missing_field", field=name)
    if len(value) > MAX_NAME:
        raise InvalidInquiry(f"Field {name!r} may be at most {MAX_NAME} characters.", code="too_long",
                             field=name)
    return value


def _choice(data: Mapping[str, Any], name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
    value = data.get(name) or default
    if value is not None and value not in allowed:
        raise InvalidInquiry(f"Field {name!r} must be one of {', '.join(allowed)}.", code=f"invalid_{name}",
                             field=name)
    return value


def parse_inquiry(data: Mapping[str, Any], channel: str = "web") -> InquiryForm:
    """Check a submission; a call logged by the front desk may lack CVR and e-mail, a form may not."""
    channel = _choice({"channel": channel}, "channel", CHANNELS, "web") or "web"
    from_business = channel in ("web", "api")
    text = check_text(data.get("text"))
    company = _text_field(data, "company_name", required=from_business)
    contact = _text_field(data, "contact_name", required=from_business)
    cvr = _text_field(data, "cvr", required=from_business)
    email = _text_field(data, "email", required=channel != "phone")
    phone = _text_field(data, "phone", required=False)
    if channel == "phone" and not (email or phone):
        raise InvalidInquiry("Give the caller's phone number or e-mail address.", code="missing_field",
                             field="phone")
    try:
        phone = normalise_phone(phone) if phone else ""
    except PhoneError as exc:
        raise InvalidInquiry(str(exc), code="invalid_phone", field="phone") from None
    return InquiryForm(
        text=text, company_name=company, cvr=check_cvr(cvr) if cvr else None, contact_name=contact,
        email=check_email(email) if email else "", phone=phone,
        language=_choice(data, "language", LANGUAGES, None), channel=channel)
