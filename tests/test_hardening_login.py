"""No account enumeration: an unknown user, a wrong password and a deactivated account get the same
answer, in about the same time, and the same throttle; the throttle follows the account, not the address."""
from __future__ import annotations

import re

from sqlalchemy import select, update

from directory.models import User
from router.models import AuditRecord
from router.tokens import token_digest
from tests.web_fixtures import read  # noqa: F401 - fixture


def _answer(response, username: str) -> tuple:
    """What a caller can observe, with the typed user name (echoed into the form) taken out."""
    cookies = sorted(c.split("=")[0] for c in response.headers.getlist("Set-Cookie"))
    # Left out: what differs with the clock (the limit window's end) or the typed name's length.
    headers = {k: v for k, v in response.headers.items()
               if k not in ("Set-Cookie", "Content-Length", "Date", "X-RateLimit-Reset")}
    page = response.get_data(as_text=True).replace(f'value="{username}"', 'value="NAME"')
    return response.status_code, re.sub(r'name="csrf_token" value="[^"]*"', "", page), cookies, headers


def _deactivate(database, username: str) -> None:
    with database.writer() as session:
        session.execute(update(User).where(User.username == username).values(active=False))
        session.commit()


def test_unknown_user_wrong_password_and_deactivated_account_look_the_same(app, database):
    _deactivate(database, "skranke")
    answers = [_answer(app.test_client().post("/login", data={"username": name, "password": password}), name)
               for name, password in (("ukendt", "x"), ("leder", "forkert"), ("skranke", "skranke-demo"))]
    assert answers[0][0] == 401
    assert answers[0] == answers[1] == answers[2]


def test_an_unknown_user_costs_a_password_hash_like_a_known_one(app, monkeypatch):
    """Timing must not tell whether a name exists: both paths verify one password hash."""
    import web.login

    calls: list[str] = []
    real = web.login.check_password_hash
    monkeypatch.setattr(web.login, "check_password_hash",
                        lambda stored, given: calls.append(stored.split("$")[0]) or real(stored, given))
    client = app.test_client()
    client.post("/login", data={"username": "ukendt", "password": "forkert"})
    client.post("/login", data={"username": "leder", "password": "forkert"})
    assert len(calls) == 2 and calls[0] == calls[1]  # same hash method, so the same cost


def test_api_tokens_unknown_or_of_a_deactivated_account_get_the_same_401(app, database):
    with database.writer() as session:
        session.execute(update(User).where(User.username == "skranke").values(api_token_hash=token_digest("old")))
        session.commit()
    _deactivate(database, "skranke")
    client = app.test_client()
    answers = [client.get("/api/v1/staff/search?q=x", headers={"Authorization": f"Bearer {token}"})
               for token in ("old", "never-issued", "")]
    assert {a.status_code for a in answers} == {401}
    assert len({a.get_data() for a in answers}) == 1


def test_the_throttle_is_the_same_for_unknown_and_real_accounts_and_ignores_the_address(app_config):
    from web import create_app

    app = create_app({**app_config, "VEJVISER_LOGIN_RATE_LIMIT": "3/minute", "VEJVISER_TRUSTED_PROXIES": 1})
    client = app.test_client()
    answers = {}
    for name in ("leder", "ukendt"):
        statuses = []
        for n in range(5):  # a new address each time, directly and through the (declared) proxy
            response = client.post("/login", data={"username": name, "password": "forkert"},
                                   environ_base={"REMOTE_ADDR": f"192.0.2.{n}"},
                                   headers={"X-Forwarded-For": f"198.51.100.{n}"})
            statuses.append(response.status_code)
        answers[name] = (statuses, _answer(response, name)[:2])
    assert answers["leder"] == answers["ukendt"]
    assert answers["leder"][0] == [401, 401, 401, 429, 429]
    app.extensions["vejviser.db"].engine.dispose()


def test_an_operator_creates_the_first_administrator_and_an_api_token(app, runner, read):
    weak = runner.invoke(args=["create-user", "drift", "--role", "admin", "--password", "kort"])
    assert weak.exit_code == 1 and "12 characters" in weak.output
    made = runner.invoke(args=["create-user", "drift", "--role", "admin", "--password", "lang-nok-adgangskode"])
    assert made.exit_code == 0 and "created drift (admin)" in made.output
    assert runner.invoke(args=["create-user", "drift", "--role", "admin", "--password", "x" * 12]).exit_code == 1
    client = app.test_client()
    assert client.post("/login", data={"username": "drift", "password": "lang-nok-adgangskode"}).status_code == 302
    first = runner.invoke(args=["api-token", "drift"]).output.strip()
    second = runner.invoke(args=["api-token", "drift"]).output.strip()
    assert len(first) >= 43 and first != second
    answers = [app.test_client().get("/api/v1/users", headers={"Authorization": f"Bearer {t}"}).status_code
               for t in (first, second)]
    assert answers == [401, 200]  # a new token replaces the old one
    stored = repr(read().execute(select(User.password_hash, User.api_token_hash)).all())
    assert "lang-nok-adgangskode" not in stored and second not in stored
    actions = read().scalars(select(AuditRecord.action).where(AuditRecord.target == "user:drift")).all()
    assert actions == ["user.create", "user.api_token", "user.api_token"]
