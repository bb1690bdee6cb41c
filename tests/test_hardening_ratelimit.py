"""Rate limits: the default configuration stops one client well before 300 public submissions a minute,
a made-up X-Forwarded-For does not buy a new budget unless a proxy is declared, and with Redis the limit
holds across gunicorn workers. (Per-account login throttling: test_hardening_login.py.)"""
from __future__ import annotations

import os
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hardening import BUSINESS, Gunicorn, post_json
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

REDIS = "redis://127.0.0.1:6379"


def make_app():
    """The gunicorn factory: the real app with the keyword model and this run's Redis key prefix."""
    import web.api_inquiries
    from tests.fake_model import KeywordModel
    from web import create_app

    web.api_inquiries.active_model = KeywordModel
    return create_app({"RATELIMIT_KEY_PREFIX": os.environ["VEJVISER_TEST_RATELIMIT_PREFIX"]})


def _app(app_config, monkeypatch, **settings):
    from web import create_app

    monkeypatch.delenv("VEJVISER_PUBLIC_RATE_LIMIT", raising=False)
    config = {k: v for k, v in app_config.items() if k != "VEJVISER_PUBLIC_RATE_LIMIT"}
    return create_app({**config, **settings})


@pytest.fixture
def default_app(app_config, monkeypatch, model):
    app = _app(app_config, monkeypatch)
    yield app
    app.extensions["vejviser.db"].engine.dispose()


def _submit(client, n: int, **headers):
    """Alternate the public form, the API submission and the API dry run (they share one budget)."""
    body = {**BUSINESS, "text": "Vi vil bygge en carport"}
    kind = n % 3
    if kind == 0:
        return client.post("/", data=body, headers=headers)
    if kind == 1:
        return client.post("/api/v1/inquiries", json=body, headers=headers)
    return client.post("/api/v1/route", json={"text": body["text"]}, headers=headers)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_default_limit_stops_one_client_well_before_300_a_minute(default_app):
    client = default_app.test_client()
    statuses, retry_after = [], set()
    for n in range(100):
        response = _submit(client, n)
        statuses.append(response.status_code)
        if response.status_code == 429:
            retry_after.add(response.headers.get("Retry-After"))
    first = statuses.index(429)
    assert first <= 40, f"the first refusal came after {first} submissions"
    assert 429 not in statuses[:first] and set(statuses[first:]) == {429}
    assert all(value and value.isdigit() and 0 < int(value) <= 60 for value in retry_after), retry_after
    assert sum(s in (200, 201, 303) for s in statuses) == first


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("proxies,forwarded,allowed", [
    (0, lambda n: f"203.0.113.{n}", 5),              # no proxy declared: the header is ignored
    (1, lambda n: f"203.0.113.{n}", 20),             # one proxy: each address is its own client
    (1, lambda n: f"203.0.113.{n}, 198.51.100.7", 5),  # the proxy appends the real one; spoofing the rest fails
], ids=["no-proxy-declared", "one-proxy", "one-proxy-spoofed-chain"])
def test_a_rotating_forwarded_for_only_counts_behind_a_declared_proxy(app_config, monkeypatch, model, proxies,
                                                                     forwarded, allowed):
    app = _app(app_config, monkeypatch, VEJVISER_PUBLIC_RATE_LIMIT="5/minute", VEJVISER_TRUSTED_PROXIES=proxies)
    client = app.test_client()
    statuses = [client.post("/api/v1/route", json={"text": "carport"},
                            headers={"X-Forwarded-For": forwarded(n)}).status_code for n in range(20)]
    assert statuses.count(200) == allowed and statuses.count(429) == 20 - allowed
    app.extensions["vejviser.db"].engine.dispose()


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS}: {error}")


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_with_redis_the_limit_holds_across_two_workers_and_the_access_log_has_no_tokens(db_url, tmp_path):
    _redis_or_skip()
    access_log = tmp_path / "access.log"
    env = {"DATABASE_URL": db_url, "VEJVISER_SECRET_KEY": "ratelimit-test",
           "VEJVISER_INSTANCE_PATH": str(tmp_path),
           "VEJVISER_RATELIMIT_STORAGE": REDIS, "VEJVISER_PUBLIC_RATE_LIMIT": "20/minute",
           "VEJVISER_TEST_RATELIMIT_PREFIX": f"vv-test-{uuid.uuid4().hex}", "VEJVISER_SMTP_HOST": ""}
    server = Gunicorn("tests.test_hardening_ratelimit:make_app()", env, workers=2, extra=(
        "--access-logfile", str(access_log), "--access-logformat", "%(p)s %(r)s %(s)s",
        "--logger-class", "web.access_log.RedactingLogger"))
    try:
        token = post_json(f"{server.base}/api/v1/inquiries", {**BUSINESS, "text": "carport"})[1]["status_token"]
        for path in (f"/status/{token}", f"/api/v1/status/{token}"):
            urllib.request.urlopen(server.base + path).read()
        with ThreadPoolExecutor(max_workers=8) as pool:  # the submission above took one of the 20
            results = list(pool.map(lambda _: post_json(f"{server.base}/api/v1/route", {"text": "carport"}),
                                    range(60)))
    finally:
        server.stop()
    statuses = [status for status, _, _ in results]
    assert statuses.count(200) == 19 and statuses.count(429) == 41, statuses
    assert all(headers.get("Retry-After") for status, _, headers in results if status == 429)
    lines = Path(access_log).read_text().splitlines()
    workers = {line.split()[0] for line in lines if "/api/v1/route" in line}
    assert len(workers) == 2, "both workers answered, so the budget was shared through Redis"
    assert token not in "\n".join(lines)
    assert sum("/status/[redacted]" in line for line in lines) == 2


def test_the_memory_store_counts_like_limits_own_and_sweeps_expired_clients():
    from limits import RateLimitItemPerSecond
    from limits.strategies import FixedWindowRateLimiter

    from web.extensions import SweptMemoryStorage, storage_uri

    assert storage_uri("memory://") == "swept-memory://" and storage_uri("redis://x:6379") == "redis://x:6379"
    store = SweptMemoryStorage()
    limiter = FixedWindowRateLimiter(store)
    two_a_second = RateLimitItemPerSecond(2)
    assert [limiter.hit(two_a_second, "client-a") for _ in range(3)] == [True, True, False]
    for n in range(50):
        limiter.hit(two_a_second, f"passer-by-{n}")
    time.sleep(max(1.0, SweptMemoryStorage.SWEEP_SECONDS) + 0.1)  # every window above has ended
    assert limiter.hit(two_a_second, "client-a")  # a new window; this hit also sweeps the ended ones
    assert len(store.storage) == 1
