"""Errors: production runs without debug, and a failure shows a person or an API client a plain message
with a correlation id the operator finds in the log; never a stack trace, SQL or the exception's text."""
from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from router.models import Inquiry
from tests.hardening import BUSINESS
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

SECRET_SQL = "SELECT password_hash FROM users WHERE username = 'admin'"
LEAKS = ("Traceback", "SELECT", "password_hash", "OperationalError", "sqlalchemy", "disk I/O error", 'File "')


@pytest.fixture
def production(app_config, monkeypatch):
    from web import create_app

    monkeypatch.setenv("FLASK_DEBUG", "1")  # even an operator's stray debug switch must not win
    app = create_app({**app_config, "VEJVISER_ENV": "production", "SECRET_KEY": "s" * 32, "TESTING": False,
                      "DEBUG": True})
    yield app
    app.extensions["vejviser.db"].engine.dispose()


def _fail(*_args, **_kwargs):
    raise OperationalError(SECRET_SQL, {"username": "admin"}, Exception("disk I/O error"))


def test_production_has_debug_off_and_no_debugger(production):
    assert production.debug is False and production.config["DEBUG"] is False
    assert production.config["PROPAGATE_EXCEPTIONS"] in (None, False)
    assert "Debugged" not in type(production.wsgi_app).__name__


def test_production_refuses_the_development_secret(app_config):
    from web import create_app

    with pytest.raises(RuntimeError, match="VEJVISER_SECRET_KEY"):
        create_app({**app_config, "VEJVISER_ENV": "production", "SECRET_KEY": "dev-only-not-secret"})


def test_a_failing_page_shows_a_plain_message_with_a_correlation_id(production, monkeypatch, caplog):
    monkeypatch.setattr("web.public.status_view", _fail)
    response = production.test_client().get("/status/" + "a" * 43)
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and response.mimetype == "text/html"
    correlation = re.search(r"\b([0-9a-f]{12})\b", page).group(1)
    assert not [leak for leak in LEAKS if leak in page]
    logged = [r for r in caplog.records if correlation in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the operator gets the whole story, by the id


def test_a_failing_api_call_answers_json_with_a_correlation_id(production, monkeypatch, caplog):
    monkeypatch.setattr("web.api_inquiries.status_view", _fail)
    response = production.test_client().get("/api/v1/status/" + "a" * 43)
    assert response.status_code == 500 and response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == "internal_error" and re.fullmatch(r"[0-9a-f]{12}", error["correlation_id"])
    assert not [leak for leak in LEAKS if leak in response.get_data(as_text=True)]
    assert any(error["correlation_id"] in r.getMessage() for r in caplog.records)


def test_a_failure_half_way_through_a_submission_stores_nothing(production, monkeypatch, read):
    monkeypatch.setattr("web.api_inquiries.active_model", lambda: None)
    monkeypatch.setattr("router.inquiries.new_inquiry_mail", _fail)
    response = production.test_client().post("/api/v1/inquiries", json={**BUSINESS, "text": "carport"})
    assert response.status_code == 500
    assert read().scalar(select(func.count()).select_from(Inquiry)) == 0


@pytest.mark.parametrize("method,path,status,kind", [
    ("GET", "/api/v1/nowhere", 404, "application/json"), ("DELETE", "/api/v1/topics", 405, "application/json"),
    ("GET", "/nowhere", 404, "text/html"), ("PUT", "/login", 405, "text/html"),
    ("POST", "/api/v1/route", 415, "application/json"),
])
def test_ordinary_errors_are_designed_too(production, method, path, status, kind):
    response = production.test_client().open(path, method=method, data="x")
    assert response.status_code == status and response.mimetype == kind
    assert not [leak for leak in LEAKS if leak in response.get_data(as_text=True)]
    if status == 405:
        assert response.headers["Allow"]


def test_a_huge_body_is_refused_before_it_is_read(production):
    response = production.test_client().post("/api/v1/route", data="x" * (300 * 1024),
                                             headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.mimetype == "application/json"
    logging.getLogger(__name__).debug("413 as designed")
