"""Failed authorisation leaves an audit record: who tried what, on which path, and when."""
from __future__ import annotations

import logging

from flask import Flask, Response, request
from flask_login import current_user

from router.audit import record
from web.database import db_session

log = logging.getLogger("vejviser.audit")


def record_denial(response: Response) -> Response:
    """Write an `authz.denied` record when a logged-in person was refused (403), in its own transaction.

    Whatever the refused request had started is rolled back first, so nothing of it is kept and
    SQLite's write lock is free. A failed write is logged, never turned into a server error.
    """
    if response.status_code != 403 or not current_user.is_authenticated:
        return response  # an anonymous visitor is sent to log in; that is not a refusal of a person
    session = db_session()
    try:
        session.rollback()
        record(session, current_user.user_id, "authz.denied", f"{request.method} {request.path}",
               request.endpoint or "")
        session.commit()
    except Exception:  # noqa: BLE001 - the refusal must stand even when the log cannot be written
        session.rollback()
        log.exception("could not record a refused request to %s", request.path)
    return response


def init_app(app: Flask) -> None:
    """Audit every refusal, wherever in the app it was decided."""
    app.after_request(record_denial)
