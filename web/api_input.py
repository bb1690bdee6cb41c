"""Reading JSON request bodies strictly: right content type, an object, known fields, right types.

The same field lists produce the OpenAPI request schemas, so the document cannot drift from the code.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request

from directory.models import ROLES
from router.validation import LANGUAGES, MAX_NAME, MAX_TEXT
from web.errors import error_response

MAX_NOTE = 2000


class BadRequest(Exception):
    """A request the API refuses before the domain sees it."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


@dataclass(frozen=True)
class Field:
    """One JSON body field: its type, whether it is required, and its limits."""

    name: str
    kind: type
    required: bool = False
    max_length: int | None = None
    enum: tuple[str, ...] | None = None
    description: str = ""

    def schema(self) -> dict[str, Any]:
        """Return the field's JSON Schema."""
        out: dict[str, Any] = {"type": {int: "integer", bool: "boolean"}.get(self.kind, "string")}
        if self.max_length:
            out["maxLength"] = self.max_length
        if self.enum:
            out["enum"] = list(self.enum)
        if self.description:
            out["description"] = self.description
        return out

    def check(self, value: Any) -> Any:
        """Return the value if it has the right type and size, else refuse it."""
        ok = isinstance(value, self.kind) and (self.kind is bool or not isinstance(value, bool))
        if not ok:
            kind = {int: "an integer", bool: "true or false"}.get(self.kind, "a string")
            raise BadRequest(400, "invalid_type", f"Field {self.name!r} must be {kind}.", self.name)
        if self.max_length and len(value) > self.max_length:
            raise BadRequest(400, "too_long", f"Field {self.name!r} may be at most {self.max_length:,} "
                             f"characters; it has {len(value):,}.", self.name)
        if self.enum and value not in self.enum:
            raise BadRequest(400, f"invalid_{self.name}",
                             f"Field {self.name!r} must be one of {', '.join(self.enum)}.", self.name)
        return value


TEXT = Field("text", str, True, MAX_TEXT, description="What the business needs, in its own words.")
LANGUAGE = Field("language", str, enum=LANGUAGES, description="da or en; guessed from the text if left out.")
CVR = Field("cvr", str, max_length=20, description="Danish CVR number, 8 digits with a valid check digit.")
VERSION = Field("version", int, description="The inquiry version you last read; a mismatch answers 409.")

ROUTE_FIELDS = (TEXT, CVR, LANGUAGE)
SUBMIT_FIELDS = (
    TEXT, Field("company_name", str, True, MAX_NAME), Field(CVR.name, str, True, 20, None, CVR.description),
    Field("contact_name", str, True, MAX_NAME), Field("email", str, True, 254),
    Field("phone", str, max_length=40, description="Danish numbers are normalised to +45."), LANGUAGE,
)
ACCEPT_FIELDS = (VERSION,)
RESOLVE_FIELDS = (Field("note", str, max_length=MAX_NOTE), VERSION)
REOPEN_FIELDS = (Field("reason", str, True, MAX_NOTE), VERSION)
FORWARD_FIELDS = (
    Field("reason", str, True, MAX_NOTE, description="Why the inquiry moves on (kept internal)."),
    Field("staff_id", int, description="The colleague to forward to."),
    Field("topic", str, max_length=60, description="A corrected topic; the best free person takes it."),
    VERSION,
)
ACCOUNT_FIELDS = (
    Field("role", str, enum=ROLES, description="front_desk, caseworker, section_leader or admin."),
    Field("active", bool, description="false ends the account's sessions and API token use at once."),
)
TRIAGE_FIELDS = (
    Field("topic", str, True, 60), Field("staff_id", int), Field("note", str, max_length=MAX_NOTE), VERSION,
)


def bad_request_response(exc: BadRequest):
    """Answer a refused request body with the API's error shape."""
    return error_response(exc.status, exc.code, exc.message, field=exc.field)


def body_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    """Return the JSON Schema of a request body made of `fields`."""
    return {"type": "object", "additionalProperties": False,
            "properties": {f.name: f.schema() for f in fields},
            "required": [f.name for f in fields if f.required]}


def read_json(fields: tuple[Field, ...]) -> dict[str, Any]:
    """Return the request's JSON object, checked against `fields`, or raise BadRequest."""
    if not request.is_json:
        raise BadRequest(415, "unsupported_media_type", "Send the body as application/json.")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest(400, "invalid_json", "The body must be a JSON object.")
    known = {f.name: f for f in fields}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise BadRequest(400, "unknown_field", f"Unknown field(s): {', '.join(unknown)}.", unknown[0])
    for field in fields:
        if field.required and data.get(field.name) is None:
            raise BadRequest(400, "missing_field", f"Field {field.name!r} is required.", field.name)
    # NUL is dropped from every string, as the router does with inquiry text: no database stores it.
    return {name: known[name].check(value.replace("\x00", "") if isinstance(value, str) else value)
            for name, value in data.items()}
