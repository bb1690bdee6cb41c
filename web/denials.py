"""Failed authorisation leaves an audit record: who tried what, on which path, and when."""
from __future__ import annotations

import logging
from typing import NoReturn

from flask import Flask, Response, abort, g, request
from flask_login import current_user

from router.audit import record
from web.database import db_session

log = logging.getLogger("vejviser.audit")


def record_denial(response: Response) -> Response:
    """Write an `authz.denied` record when a logged-in person was refused (403, or 404 to hide the object).

    Whatever the refused request had started is rolled back first, so nothing of it is kept and
    SQLite's write lock is free. A failed write is logged, never turned into a server error.
    """
    hidden = g.get("hidden_refusal")
    if (response.status_code != 403 and not hidden) or not current_user.is_authenticated:
        return response  # an anonymous visitor is sent to log in; that is not a refusal of a person
    session = db_session()
    try:
        session.rollback()
        record(session, current_user.user_id, "authz.denied", f"{request.method} {request.path}",
               hidden or request.endpoint or "")
        session.commit()
    except Exception:  # noqa: BLE001 - the refusal must stand even when the log cannot be written
        session.rollback()
        log.exception("could not record a refused request to %s", request.path)
    return response


def refuse_as_not_found() -> NoReturn:
    """Answer 404 (whether the object exists is not for this person to learn), but audit the refusal."""
    g.hidden_refusal = f"{request.endpoint}: outside the person's scope, answered 404"
    abort(404)


def init_app(app: Flask) -> None:
    """Audit every refusal, wherever in the app it was decided."""
    app.after_request(record_denial)
