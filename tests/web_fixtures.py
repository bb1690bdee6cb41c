"""Fixtures the web tests share: a stand-in classifier and read-only sessions for checking results."""
from __future__ import annotations

import pytest

from tests.fake_model import KeywordModel


@pytest.fixture
def model(monkeypatch):
    """Route with the keyword model (a carport is a building permit; unknown words need triage)."""
    fake = KeywordModel()
    monkeypatch.setattr("web.api_inquiries.active_model", lambda: fake)
    return fake


@pytest.fixture
def read(database):
    """Open a new read-only session per call; a writer would hold SQLite's lock against the app."""
    opened = []

    def _session():
        opened.append(database.reader())
        return opened[-1]

    yield _session
    for session in opened:
        session.close()


@pytest.fixture
def make_app(app_config):
    """Create an app with settings of its own (`make_app(VEJVISER_LOGIN_RATE_LIMIT="3/minute")`)."""
    from web import create_app

    made = []

    def _make(**overrides):
        made.append(create_app({**app_config, **overrides}))
        return made[-1]

    yield _make
    for app in made:
        app.extensions["vejviser.db"].engine.dispose()  # no pooled connection outlives the test
