"""CSRF: every state-changing form needs this session's token; the API takes only JSON bodies, which no
cross-site form can send; and no GET request, by anyone, changes the database."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from directory.models import Absence
from tests.hardening import CASEWORKER_STAFF, fingerprint, place_inquiry
from tests.test_hardening_authz import FORM_BODIES, JSON_BODIES, ROLES, _url, routes


@pytest.fixture
def values(database):
    """URL values naming real objects: an inquiry on the caseworker's desk, its real status token."""
    placed = place_inquiry(database, staff=CASEWORKER_STAFF)
    with database.reader() as session:
        absence_id = session.scalars(select(Absence.id)).first()
    return {"reference": placed.reference, "token": placed.token, "staff_id": 3, "absence_id": absence_id,
            "version_id": 1, "code": "en", "filename": "css/vejviser.css", "username": "skranke"}


@pytest.fixture
def csrf_app(app_config, monkeypatch):
    from web import create_app

    monkeypatch.setattr("web.retrain.start", lambda app, user_id: True)
    monkeypatch.setattr("web.api_inquiries.active_model", lambda: None)
    app = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    yield app
    app.extensions["vejviser.db"].engine.dispose()


def _token(client, path: str = "/login") -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def _logged_in(app, role: str = "admin"):
    from tests.conftest import DEMO_PASSWORDS

    client = app.test_client()
    username, password = DEMO_PASSWORDS[role]
    response = client.post("/login", data={"csrf_token": _token(client), "username": username,
                                           "password": password})
    assert response.status_code == 302
    return client


def _form_posts(app) -> list[tuple[str, str, object]]:
    return [(e, m, r) for e, m, r in routes(app) if m == "POST" and not r.rule.startswith("/api/")]


def test_every_form_post_without_this_sessions_token_is_refused_and_changes_nothing(csrf_app, database, values):
    admin, other = _logged_in(csrf_app), _logged_in(csrf_app, "section_leader")
    foreign = _token(other, "/directory")
    posts = _form_posts(csrf_app)
    assert len(posts) >= 12
    before = fingerprint(database)
    for endpoint, _, rule in posts:
        url = _url(csrf_app, rule, values)
        body = {**FORM_BODIES.get(endpoint, {}), "username": "admin", "password": "admin-demo"}
        for token in (None, foreign, "forged"):
            response = admin.post(url, data={**body, **({"csrf_token": token} if token else {})})
            assert response.status_code == 400, f"{endpoint} took a POST with token {token!r}"
    assert fingerprint(database) == before
    assert admin.get("/directory").status_code == 200  # still logged in: logout needs the token too


def test_a_form_with_its_own_token_goes_through(csrf_app, database, values):
    admin = _logged_in(csrf_app)
    token = _token(admin, "/directory/absences")
    response = admin.post("/directory/absences", data={"csrf_token": token, "staff_id": "3", "deputy_id": "2",
                                                       "starts": "2030-01-07", "ends": "2030-01-08"})
    assert response.status_code == 302
    with database.reader() as session:
        assert session.scalar(select(Absence).where(Absence.staff_id == 3, Absence.reason == "")) is not None


@pytest.mark.parametrize("content_type,body", [
    ("application/x-www-form-urlencoded", "reason=x&topic=building-permit"),
    ("text/plain", '{"reason": "x", "topic": "building-permit"}'),
    ("multipart/form-data; boundary=x",
     '--x\r\nContent-Disposition: form-data; name="reason"\r\n\r\nx\r\n--x--\r\n'),
])
def test_the_api_with_a_session_cookie_takes_no_body_a_cross_site_form_can_send(csrf_app, database, values,
                                                                               content_type, body):
    admin = _logged_in(csrf_app)
    before = fingerprint(database)
    for endpoint, method, rule in routes(csrf_app):
        if rule.rule.startswith("/api/") and method in ("POST", "PATCH", "PUT", "DELETE"):
            response = admin.open(_url(csrf_app, rule, values), method=method, data=body,
                                  headers={"Content-Type": content_type})
            assert response.status_code == 415, f"{endpoint} took a {content_type} body"
    assert fingerprint(database) == before
    assert JSON_BODIES  # the same endpoints with JSON bodies are exercised in test_hardening_authz


def test_no_get_request_changes_the_database(app, login, database, values):
    gets = [(e, r) for e, m, r in routes(app) if m == "GET"]
    assert len(gets) >= 25
    clients = {role: app.test_client() for role in ROLES}
    for role, client in clients.items():  # logins write (failed-login counters), so they come first
        if role != "anonymous":
            login(role, client)
    before = fingerprint(database)
    for role, client in clients.items():
        for endpoint, rule in gets:
            with client.get(_url(app, rule, values)) as response:
                assert response.status_code < 500, f"{role} {endpoint}"
    assert fingerprint(database) == before
