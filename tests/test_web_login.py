"""Staff login: a new session, one answer for every failure, timeouts, throttling, a real logout."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from directory.models import User
from tests.conftest import DEMO_PASSWORDS
from tests.web_fixtures import make_app  # noqa: F401 - fixture


@pytest.mark.parametrize("role,path", [("front_desk", "/desk"), ("caseworker", "/inbox"),
                                       ("section_leader", "/directory"), ("admin", "/directory")])
def test_each_role_lands_on_its_own_page(client, role, path):
    username, password = DEMO_PASSWORDS[role]
    response = client.post("/login", data={"username": username, "password": password})
    assert response.headers["Location"] == path


def test_login_starts_a_new_session_but_keeps_the_language(client):
    client.get("/sprog/en")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    client.post("/login", data={"username": "leder", "password": "leder-demo"})
    with client.session_transaction() as session:
        assert "planted" not in session and session["language"] == "en" and session.permanent


def test_unknown_user_and_wrong_password_get_the_same_answer(client, session):
    unknown = client.post("/login", data={"username": "nobody", "password": "x"})
    wrong = client.post("/login", data={"username": "leder", "password": "x"})
    assert unknown.status_code == wrong.status_code == 401
    def page(response) -> str:  # the form's CSRF token carries a timestamp; everything else must match
        return re.sub(r'name="csrf_token" value="[^"]*"', "", response.get_data(as_text=True))

    assert page(unknown).replace("nobody", "leder") == page(wrong)
    assert session.scalar(select(User.failed_logins).where(User.username == "leder")) == 1


@pytest.mark.parametrize("target,expected", [
    ("/directory/coverage", "/directory/coverage"),
    ("https://evil.example/", "/directory"),
    ("//evil.example/", "/directory"),
    ("/\\evil.example", "/directory"),
    ("javascript:alert(1)", "/directory"),
])
def test_next_only_leads_to_local_pages(client, target, expected):
    response = client.post("/login", query_string={"next": target},
                           data={"username": "leder", "password": "leder-demo"})
    assert response.headers["Location"] == expected


def test_logout_really_ends_the_session(client, login):
    login("section_leader")
    stolen = client.get_cookie("session").value
    assert client.post("/logout").headers["Location"] == "/login"
    client.set_cookie("session", stolen)  # a copy taken before logout no longer works
    assert client.get("/directory").status_code == 302


def test_an_idle_session_times_out(make_app):
    app = make_app()
    app.permanent_session_lifetime = 1  # seconds; the default is VEJVISER_SESSION_IDLE_MINUTES
    client = app.test_client()
    client.post("/login", data={"username": "leder", "password": "leder-demo"})
    assert client.get("/directory").status_code == 200
    time.sleep(2.1)
    assert client.get("/directory").status_code == 302


def test_a_busy_session_still_ends_after_the_maximum_hours(client, login, app):
    login("section_leader")
    with client.session_transaction() as session:
        session["login_at"] -= app.config["VEJVISER_SESSION_MAX_HOURS"] * 3600 + 1
    response = client.get("/directory")
    assert response.headers["Location"].startswith("/login?expired=1")
    assert "logget ind for længe" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert client.get("/api/v1/staff/search?q=x").status_code == 401


def test_logins_are_throttled_per_account(make_app):
    client = make_app(VEJVISER_LOGIN_RATE_LIMIT="3/minute").test_client()
    for _ in range(3):
        assert client.post("/login", data={"username": "leder", "password": "wrong"}).status_code == 401
    assert client.post("/login", data={"username": "leder", "password": "leder-demo"}).status_code == 429
    assert client.post("/login", data={"username": "LEDER", "password": "x"}).status_code == 429
    assert client.post("/login", data={"username": "skranke", "password": "skranke-demo"}).status_code == 302


def test_successful_logins_do_not_use_up_the_throttle(make_app):
    client = make_app(VEJVISER_LOGIN_RATE_LIMIT="2/minute").test_client()
    for _ in range(4):
        assert client.post("/login", data={"username": "leder", "password": "leder-demo"}).status_code == 302


def test_an_inactive_account_cannot_log_in(client, session):
    session.scalar(select(User).where(User.username == "leder")).active = False
    session.commit()
    assert client.post("/login", data={"username": "leder", "password": "leder-demo"}).status_code == 401
