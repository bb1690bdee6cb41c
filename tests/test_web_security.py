"""Security headers on every response, CSRF on every form, no inline script or style anywhere."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web_fixtures import make_app  # noqa: F401 - fixture

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


@pytest.mark.parametrize("path", ["/", "/login", "/tilgaengelighed", "/no-such-page", "/healthz",
                                  "/api/v1/topics", "/static/css/vejviser.css", "/status/nope"])
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:  # closes a static file's handle
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer")


def test_staff_pages_are_never_cached(client, login):
    login("section_leader")
    assert client.get("/directory").headers["Cache-Control"] == "no-store"
    with client.get("/static/css/vejviser.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_production_adds_strict_transport_security_and_secure_cookies(make_app):
    app = make_app(VEJVISER_ENV="production", SECRET_KEY="a-real-secret")
    response = app.test_client().get("/sprog/en")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def _template_sources() -> list[tuple[str, str]]:
    return [(str(p.relative_to(TEMPLATES)), p.read_text(encoding="utf-8")) for p in TEMPLATES.rglob("*.html")]


@pytest.mark.parametrize("name,source", _template_sources())
def test_templates_have_no_inline_script_or_style(name, source):
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag or 'type="application/json"' in tag, f"{name}: inline script {tag}"
    assert not re.search(r"\sstyle=", source), f"{name}: inline style attribute"
    assert "<style" not in source and not re.search(r"\son[a-z]+=", source), f"{name}: inline style or handler"


@pytest.fixture
def csrf_client(make_app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


@pytest.mark.parametrize("path", ["/", "/login", "/logout", "/desk/calls", "/directory/absences",
                                  "/directory/import", "/inbox/VV-2026-000001/accept", "/quality/retrain"])
def test_every_form_post_needs_a_csrf_token(csrf_client, path):
    response = csrf_client.post(path, data={"username": "leder", "password": "leder-demo"})
    assert response.status_code == 400
    assert "genindlæs siden" in response.get_data(as_text=True)


def test_a_form_with_its_token_is_accepted_and_the_api_needs_none(csrf_client):
    html = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = csrf_client.post("/login", data={"csrf_token": token, "username": "leder", "password": "leder-demo"})
    assert response.status_code == 302
    api = csrf_client.post("/api/v1/route", json={"text": "carport"})
    assert api.status_code != 400 or api.get_json()["error"]["code"] != "bad_request"


def test_every_html_page_declares_who_may_see_it(app):
    """Each staff page checks its role; the only open pages are the public ones."""
    public = {"public.inquiry_form", "public.submit", "public.receipt", "public.status", "public.accessibility",
              "public.privacy", "auth.login", "auth.logout", "language.switch", "static"}
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.rule.startswith("/api/") or rule.endpoint.startswith(("health", "openapi")):
            continue
        assert rule.endpoint in public or getattr(view, "required_roles", None), rule.endpoint


@pytest.mark.parametrize("role,path,allowed", [
    ("front_desk", "/desk", True), ("front_desk", "/directory", False), ("front_desk", "/inbox", False),
    ("caseworker", "/inbox", True), ("caseworker", "/desk", False), ("caseworker", "/quality", False),
    ("section_leader", "/directory/coverage", True), ("section_leader", "/quality", True),
    ("section_leader", "/desk", False), ("admin", "/desk", True), ("admin", "/quality", True),
])
def test_each_page_checks_its_role(client, login, role, path, allowed):
    login(role)
    assert client.get(path).status_code == (200 if allowed else 403)


def test_anonymous_visitors_are_sent_to_login_and_back(client):
    response = client.get("/directory/coverage?department=job-centre")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/directory/coverage?department%3Djob-centre"
