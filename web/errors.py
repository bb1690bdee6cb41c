"""Designed errors: JSON for /api/ paths, HTML pages for people, never a stack trace."""
from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, abort, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("vejviser.errors")


def error_response(status: int, code: str, message: str, **extra) -> tuple[Response, int]:
    """Build the API's error body `{"error": {"code", "message"}}` with a status."""
    return jsonify({"error": {"code": code, "message": message, **extra}}), status


def wants_json() -> bool:
    return request.path.startswith("/api/")


def _http_error(exc: HTTPException):
    code = (exc.name or "error").lower().replace(" ", "_")
    if wants_json():
        response, status = error_response(exc.code or 500, code, exc.description or exc.name)
    else:
        page = render_template("error.html", status=exc.code, title=exc.name, message=exc.description)
        response, status = make_response(page), exc.code
    if exc.code == 405 and getattr(exc, "valid_methods", None):
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    if exc.code == 429:
        _copy_retry_after(exc, response)
    return response, status


def _copy_retry_after(exc: HTTPException, response: Response) -> None:
    original = exc.get_response()
    if "Retry-After" in original.headers:
        response.headers["Retry-After"] = original.headers["Retry-After"]


def _unexpected(exc: Exception):
    correlation_id = uuid.uuid4().hex[:12]
    log.exception("unhandled error %s on %s %s", correlation_id, request.method, request.path)
    if wants_json():
        return error_response(500, "internal_error", "Something went wrong on our side.",
                              correlation_id=correlation_id)
    page = render_template("error.html", status=500, title="Internal error",
                           message="Something went wrong on our side.", correlation_id=correlation_id)
    return page, 500


def refuse_nul() -> None:
    """Refuse a NUL character in the path, query or form: no keyboard types one, no database stores one."""
    fields = request.form.items(multi=True) if request.mimetype in _FORMS else ()
    values = (request.path, *(v for _, v in request.args.items(multi=True)), *(v for _, v in fields))
    if any("\x00" in value for value in values):
        abort(400, description="The request contains a NUL character.")


_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def init_app(app: Flask) -> None:
    """Register the error handlers and the request checks that answer with one."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
    app.before_request(refuse_nul)
