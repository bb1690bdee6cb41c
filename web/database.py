"""One SQLAlchemy session per request, closed in teardown."""
from __future__ import annotations

from flask import Flask, current_app, g, request
from sqlalchemy.orm import Session

from directory.db import Database

_READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def init_app(app: Flask) -> None:
    """Attach the database named by the configuration to the app (no connection is made yet)."""
    url = app.config["DATABASE_URL"] or f"sqlite:///{app.instance_path}/vejviser.db"
    app.config["DATABASE_URL"] = url
    app.extensions["vejviser.db"] = Database.connect(url)
    app.teardown_appcontext(_close_session)


def database() -> Database:
    """Return the app's database."""
    return current_app.extensions["vejviser.db"]


def db_session(*, read_only: bool = False) -> Session:
    """Return this request's session; write requests get an IMMEDIATE (SQLite) session.

    `read_only` gives a POST that stores nothing (a dry run) a plain read session, so on SQLite it
    neither waits for nor holds the one write lock.
    """
    if "db_session" not in g:
        db = database()
        writing = not read_only and not (request and request.method in _READ_METHODS)
        g.db_session = (db.writer if writing else db.reader)()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
