"""Sessions: cookie flags, a new session at login, no replay after logout or deactivation, and idle and
absolute timeouts measured on a clock the test moves forward."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import update

from directory.models import User
from router.tokens import token_digest

MINUTE = 60


class Clock:
    """`time.time` moved forward by the test (Flask's cookie signatures and the login time both use it)."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def _cookie(client) -> str:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else ""


def _replay(app, cookie: str, path: str = "/directory"):
    """Ask for `path` from a new browser that only has the copied cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief.get(path)


def test_production_login_sets_a_secure_httponly_samesite_host_only_cookie(app_config):
    from web import create_app

    app = create_app({**app_config, "VEJVISER_ENV": "production", "SECRET_KEY": "x" * 32, "TESTING": False})
    response = app.test_client().post("/login", base_url="https://vejviser.havvig.example",
                                      data={"username": "leder", "password": "leder-demo"})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    flags = {part.strip().split("=")[0].lower() for part in session_cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite", "path"} <= flags and "domain" not in flags
    assert "SameSite=Lax" in session_cookie
    assert not any(c.startswith("remember_token") for c in cookies)  # no long-lived login cookie at all
    assert app.debug is False
    app.extensions["vejviser.db"].engine.dispose()


def test_login_replaces_the_session_and_the_cookie_from_before_is_worth_nothing(app, client):
    client.get("/sprog/en")
    before = _cookie(client)
    client.post("/login", data={"username": "leder", "password": "leder-demo"})
    after = _cookie(client)
    assert before and after and before != after
    assert _replay(app, before).status_code == 302
    assert _replay(app, after).status_code == 200


def test_a_cookie_copied_before_logout_is_refused_on_pages_and_api(app, client, login):
    login("section_leader")
    copied = _cookie(client)
    client.post("/logout")
    assert _replay(app, copied).headers["Location"].startswith("/login")
    assert _replay(app, copied, "/api/v1/audit").status_code == 401


def test_logging_out_ends_the_accounts_other_sessions_too(app, login):
    laptop, phone = app.test_client(), app.test_client()
    login("section_leader", laptop)
    login("section_leader", phone)
    laptop.post("/logout")
    assert phone.get("/directory").status_code == 302


def test_a_deactivated_account_loses_its_sessions_and_api_token_at_once(app, client, login, database):
    with database.writer() as session:
        session.execute(update(User).where(User.username == "sagsbehandler")
                        .values(api_token_hash=token_digest("caseworker-api-token")))
        session.commit()
    caseworker = app.test_client()
    login("caseworker", caseworker)
    copied = _cookie(caseworker)
    login("admin")
    assert client.patch("/api/v1/users/sagsbehandler", json={"active": False}).status_code == 200
    assert caseworker.get("/inbox").status_code == 302
    assert _replay(app, copied, "/api/v1/inbox").status_code == 401
    bearer = app.test_client().get("/api/v1/inbox", headers={"Authorization": "Bearer caseworker-api-token"})
    assert bearer.status_code == 401
    assert client.patch("/api/v1/users/sagsbehandler", json={"active": True}).status_code == 200
    assert _replay(app, copied, "/inbox").status_code == 302  # reactivating does not revive old cookies


def test_a_role_taken_away_is_gone_on_the_next_request(app, client, login):
    leader = app.test_client()
    login("section_leader", leader)
    assert leader.get("/directory").status_code == 200
    login("admin")
    assert client.patch("/api/v1/users/leder", json={"role": "caseworker"}).status_code == 200
    assert leader.get("/directory").status_code == 403


def test_an_idle_session_ends_after_the_idle_minutes_even_for_a_replayed_cookie(app, client, login, monkeypatch):
    clock = Clock(monkeypatch)
    idle = app.config["VEJVISER_SESSION_IDLE_MINUTES"] * MINUTE
    login("section_leader")
    clock.advance(idle - MINUTE)
    assert client.get("/directory").status_code == 200  # activity renews the idle period
    copied = _cookie(client)
    clock.advance(idle - MINUTE)
    assert _replay(app, copied).status_code == 200
    clock.advance(2 * MINUTE)
    response = _replay(app, copied)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_busy_session_ends_at_the_absolute_limit(app, client, login, monkeypatch):
    clock = Clock(monkeypatch)
    login("section_leader")
    limit = app.config["VEJVISER_SESSION_MAX_HOURS"] * 3600
    steps = int(limit // (20 * MINUTE))
    for _ in range(steps):  # never idle for long, yet the login grows old
        assert client.get("/directory").status_code == 200
        clock.advance(20 * MINUTE)
    clock.advance(limit - steps * 20 * MINUTE + MINUTE)
    response = client.get("/directory")
    assert response.headers["Location"].startswith("/login?expired=1")
    assert client.get("/api/v1/audit").status_code == 401


@pytest.mark.parametrize("path", ["/directory", "/api/v1/audit"])
def test_a_forged_or_tampered_cookie_is_ignored(app, client, login, path):
    login("section_leader")
    cookie = _cookie(client)
    tampered = cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB")
    assert _replay(app, tampered, path).status_code in (302, 401)
