"""Security headers on every response the app can give: every route, as a visitor and as staff, and
every kind of error (404, 405, 413, 429, a refused CSRF token, a crash), in production with HSTS."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from directory.models import User
from router.tokens import token_digest
from tests.hardening import CASEWORKER_STAFF, place_inquiry
from tests.test_hardening_authz import FORM_BODIES, JSON_BODIES, _url, routes

API_TOKEN = "headers-test-admin-token"


def assert_secure_headers(response, what: str, production: bool = False) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
        assert directive in csp, f"{what}: CSP lacks {directive}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") in ("no-referrer", "same-origin"), what
    assert headers.get("X-Frame-Options") == "DENY", what
    if production:
        assert "max-age=" in headers.get("Strict-Transport-Security", ""), what


@pytest.fixture
def production(app_config, monkeypatch, database):
    from web import create_app

    monkeypatch.setattr("web.retrain.start", lambda app, user_id: True)
    monkeypatch.setattr("web.api_inquiries.active_model", lambda: None)
    with database.writer() as session:
        session.execute(update(User).where(User.username == "admin")
                        .values(api_token_hash=token_digest(API_TOKEN)))
        session.commit()
    app = create_app({**app_config, "VEJVISER_ENV": "production", "SECRET_KEY": "h" * 32, "TESTING": False,
                      "VEJVISER_PUBLIC_RATE_LIMIT": "3/minute"})
    yield app
    app.extensions["vejviser.db"].engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_route_answers_with_the_security_headers(production, database, login):
    placed = place_inquiry(database, staff=CASEWORKER_STAFF)
    values = {"reference": placed.reference, "token": placed.token, "staff_id": 3, "absence_id": 1,
              "version_id": 1, "code": "en", "filename": "css/vejviser.css", "username": "skranke"}
    visitor, staff = production.test_client(), production.test_client()
    login("admin", staff)
    for client, who in ((visitor, "visitor"), (staff, "admin")):
        for endpoint, method, rule in sorted(routes(production), key=lambda r: r[0] == "auth.logout"):
            url = _url(production, rule, values)
            body = {"json": JSON_BODIES.get(endpoint, {})} if url.startswith("/api/") and method != "GET" else {
                "data": FORM_BODIES.get(endpoint, {})} if method != "GET" else {}
            with client.open(url, method=method, base_url="https://vejviser.example", **body) as response:
                assert_secure_headers(response, f"{who} {method} {url} -> {response.status_code}", production=True)


def test_error_answers_carry_them_too(production, monkeypatch):
    from web import create_app

    client = production.test_client()
    answers = [client.get("/nowhere"), client.get("/api/v1/nowhere"), client.delete("/api/v1/topics"),
               client.put("/login"), client.post("/api/v1/route", data="x" * 300_000,
                                                  headers={"Content-Type": "application/json"})]
    answers += [client.post("/api/v1/route", json={"text": "carport"}) for _ in range(4)]  # the 4th is a 429
    assert answers[-1].status_code == 429
    monkeypatch.setattr("web.public.status_view", lambda *a: 1 / 0)
    answers.append(client.get("/status/" + "t" * 43))
    csrf_app = create_app({**production.config, "WTF_CSRF_ENABLED": True, "TESTING": False})
    answers.append(csrf_app.test_client().post("/login", data={"username": "x", "password": "y"}))
    statuses = sorted({a.status_code for a in answers})
    assert statuses == [200, 400, 404, 405, 413, 429, 500], statuses
    for answer in answers:
        assert_secure_headers(answer, f"{answer.status_code} {answer.request.path}", production=True)
    csrf_app.extensions["vejviser.db"].engine.dispose()


def test_pages_whose_address_is_a_secret_or_which_show_personal_data_are_never_stored(production, database,
                                                                                     login):
    placed = place_inquiry(database, staff=CASEWORKER_STAFF)
    visitor = production.test_client()
    for path in (f"/status/{placed.token}", f"/api/v1/status/{placed.token}", "/status/wrong-token"):
        response = visitor.get(path)
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert "no-store" in response.headers["Cache-Control"], path
    staff = login("caseworker", production.test_client())
    bearer = {"Authorization": f"Bearer {API_TOKEN}"}
    for client, path, headers in ((staff, f"/inbox/{placed.reference}", {}), (staff, "/api/v1/inbox", {}),
                                  (visitor, f"/api/v1/inquiries/{placed.reference}", bearer),
                                  (visitor, "/api/v1/audit", bearer), (visitor, "/api/v1/users", bearer)):
        response = client.get(path, headers=headers)
        assert response.status_code == 200 and "no-store" in response.headers.get("Cache-Control", ""), path
