"""The OpenAPI 3.1 document of API v1, built from the same field lists the views check bodies with."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from web import api_input as fields

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

STR, INT, BOOL, NUM = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
OBJ = {"type": "object"}
DATE, TIME = {"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(props: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": list(props) if required is None else required}


def _list(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def _schemas() -> dict[str, Any]:
    caseworker = _object({"id": INT, "name": STR, "title": STR, "department": STR, "phone": STR,
                          "email": STR, "topics": _list(STR)})
    team = _list(_object({"topic": STR, "caseworker": _nullable(_ref("Caseworker"))}))
    return {
        "Error": _object({"error": _object({"code": STR, "message": STR, "field": _nullable(STR),
                                            "correlation_id": STR}, ["code", "message"])}),
        "Caseworker": caseworker,
        "Decision": _object({
            "topics": _list(_object({"id": STR, "department": STR, "score": NUM})),
            "department": _nullable(STR), "needs_review": BOOL, "review_reason": _nullable(STR),
            "caseworker": _nullable(_ref("Caseworker")),
            "team": _list(_object({"topic": STR, "department": STR,
                                   "caseworker": _nullable(_ref("Caseworker"))})),
            "respond_by": DATE,
            "fallback_contact": _nullable(_object({"section": STR, "phone": _nullable(STR),
                                                   "email": _nullable(STR)})),
            "explanation": _object({"terms": _list(STR), "text": STR}),
        }),
        "Submission": _object({"reference": {"type": "string", "pattern": r"^VV-\d{4}-\d{6,}$"},
                               "status_token": STR, "status_url": STR, "decision": _ref("Decision")}),
        "Status": _object({"reference": STR, "state": STR, "topic": _nullable(STR), "received_at": TIME,
                           "respond_by": _nullable(DATE), "caseworker": _nullable(_ref("Caseworker")),
                           "team": team, "history": _list(_object({"event": STR, "at": TIME}))}),
        "Inquiry": _object({
            "reference": STR, "version": INT, "state": STR, "channel": STR, "language": STR,
            "received_at": TIME, "respond_by": _nullable(DATE), "topic": _nullable(STR),
            "company_name": STR, "cvr": _nullable(STR), "contact_name": STR, "email": STR, "phone": STR,
            "text": STR, "caseworker": _nullable(_ref("Caseworker")), "team": team,
            "decision": OBJ,
            "history": _list(_object({"event": STR, "at": TIME, "actor_user_id": _nullable(INT),
                                      "staff_id": _nullable(INT), "topic": _nullable(STR), "note": STR,
                                      "internal": BOOL})),
        }),
        "AuditRecord": _object({"id": INT, "at": TIME, "user": _nullable(STR), "action": STR, "target": STR,
                                "detail": STR}),
        "User": _object({"username": STR, "role": STR, "active": BOOL, "staff_id": _nullable(INT)}),
        "InboxItem": _object({"reference": STR, "state": STR, "role": STR, "topic": _nullable(STR),
                              "company_name": STR, "respond_by": _nullable(DATE), "overdue": BOOL,
                              "version": INT}),
    }


_MESSAGES = {200: "OK", 201: "Created",
             400: "Malformed request: a NUL character, or a body with a wrong type, unknown or missing field",
             401: "Not logged in and no API token", 403: "Role or object check refused",
             404: "Not found", 409: "Wrong state, stale version, or the colleague cannot take it",
             413: "Body too large", 415: "Body is not application/json",
             422: "A field's value is refused (CVR check digit, e-mail, empty text)",
             429: "Rate limit reached; see Retry-After"}


def _responses(ok: int, schema: dict[str, Any], *errors: int) -> dict[str, Any]:
    out = {str(ok): {"description": _MESSAGES[ok], "content": {"application/json": {"schema": schema}}}}
    for status in sorted({400, *errors}):  # any request with a NUL character in it is refused with 400
        out[str(status)] = {"description": _MESSAGES[status],
                            "content": {"application/json": {"schema": _ref("Error")}}}
    return out


def _body(field_list: tuple[fields.Field, ...]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": fields.body_schema(field_list)}}}


def _staff_action(summary: str, field_list: tuple[fields.Field, ...]) -> dict[str, Any]:
    return {"post": {"summary": summary, "security": [{"bearer": []}, {"session": []}],
                     "parameters": [_REFERENCE], "requestBody": _body(field_list),
                     "responses": _responses(200, _ref("Inquiry"), 400, 401, 403, 404, 409, 413, 415, 422)}}


_REFERENCE = {"name": "reference", "in": "path", "required": True, "schema": STR}
_PUBLIC_POST = (400, 413, 415, 422, 429)


def _paths() -> dict[str, Any]:
    staff = [{"bearer": []}, {"session": []}]
    base = "/api/v1"
    return {
        "/healthz": {"get": {"summary": "Liveness, without database or model work", "security": [],
                             "responses": _responses(200, _object({"status": STR}))}},
        f"{base}/topics": {"get": {"summary": "The topics and how many people can take each", "security": [],
                                   "responses": _responses(200, _object({"topics": _list(OBJ)}))}},
        f"{base}/staff/search": {"get": {
            "summary": "Front-desk look-up", "security": staff,
            "parameters": [{"name": "q", "in": "query", "required": False, "schema": STR}],
            "responses": _responses(200, _object({"query": STR, "results": _list(OBJ)}),
                                    400, 401, 403)}},
        f"{base}/route": {"post": {"summary": "Classify and route a text; stores nothing", "security": [],
                                   "requestBody": _body(fields.ROUTE_FIELDS),
                                   "responses": _responses(200, _ref("Decision"), *_PUBLIC_POST)}},
        f"{base}/inquiries": {"post": {"summary": "Submit an inquiry; the only time the token is shown",
                                       "security": [], "requestBody": _body(fields.SUBMIT_FIELDS),
                                       "responses": _responses(201, _ref("Submission"), *_PUBLIC_POST)}},
        f"{base}/status/{{token}}": {"get": {
            "summary": "The business's view of its inquiry", "security": [],
            "parameters": [{"name": "token", "in": "path", "required": True, "schema": STR}],
            "responses": _responses(200, _ref("Status"), 404)}},
        f"{base}/inquiries/{{reference}}": {"get": {
            "summary": "An inquiry as staff see it", "security": staff, "parameters": [_REFERENCE],
            "responses": _responses(200, _ref("Inquiry"), 401, 403, 404)}},
        f"{base}/inquiries/{{reference}}/accept": _staff_action("Accept a routed inquiry",
                                                                fields.ACCEPT_FIELDS),
        f"{base}/inquiries/{{reference}}/resolve": _staff_action("Resolve an inquiry", fields.RESOLVE_FIELDS),
        f"{base}/inquiries/{{reference}}/reopen": _staff_action("Reopen a resolved inquiry",
                                                                fields.REOPEN_FIELDS),
        f"{base}/inquiries/{{reference}}/forward": _staff_action(
            "Forward to a colleague or a corrected topic", fields.FORWARD_FIELDS),
        f"{base}/inquiries/{{reference}}/triage": _staff_action(
            "Front desk: give an unsure inquiry a topic", fields.TRIAGE_FIELDS),
        f"{base}/inquiries/{{reference}}/status-link": _staff_action(
            "Revoke the business's status link and e-mail it a new one", fields.ACCEPT_FIELDS),
        f"{base}/inbox": {"get": {"summary": "The caseworker's open inquiries", "security": staff,
                                  "responses": _responses(200, _object({"inquiries": _list(_ref("InboxItem"))}),
                                                          401, 403)}},
        f"{base}/triage": {"get": {"summary": "Inquiries waiting for the front desk", "security": staff,
                                   "responses": _responses(200, _object({"inquiries": _list(_ref("Inquiry"))}),
                                                           401, 403)}},
        **_admin_paths(staff),
    }


def _admin_paths(staff: list[dict[str, Any]]) -> dict[str, Any]:
    query = [{"name": name, "in": "query", "required": False, "schema": schema}
             for name, schema in (("action", STR), ("before", INT), ("limit", INT))]
    user = [{"name": "username", "in": "path", "required": True, "schema": STR}]
    return {
        "/api/v1/audit": {"get": {
            "summary": "Section leaders: the audit trail, newest first", "security": staff, "parameters": query,
            "responses": _responses(200, _object({"records": _list(_ref("AuditRecord"))}), 401, 403)}},
        "/api/v1/users": {"get": {
            "summary": "Administrators: every login", "security": staff,
            "responses": _responses(200, _object({"users": _list(_ref("User"))}), 401, 403)}},
        "/api/v1/users/{username}": {"patch": {
            "summary": "Administrators: change a login's role or deactivate it", "security": staff,
            "parameters": user, "requestBody": _body(fields.ACCOUNT_FIELDS),
            "responses": _responses(200, _ref("User"), 400, 401, 403, 404, 409, 413, 415)}},
    }


def document() -> dict[str, Any]:
    """Return the OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Vejviser API", "version": "1",
                 "description": "Routes a business's inquiry to the named caseworker who can help. "
                                f"Inquiry text: 1 to {fields.MAX_TEXT:,} characters."},
        "paths": _paths(),
        "components": {"schemas": _schemas(), "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "session"}}},
    }


@bp.get("/openapi.json")
def openapi_json():
    """Serve the OpenAPI document."""
    return jsonify(document())
