"""Configuration comes from defaults, the environment and the caller, in that order."""
from __future__ import annotations

import pytest

from web import config, create_app


def test_environment_overrides_defaults_and_caller_overrides_environment():
    env = {"VEJVISER_PUBLIC_RATE_LIMIT": "5/minute", "VEJVISER_SMTP_PORT": "2525",
           "DATABASE_URL": "sqlite:///x.db", "UNRELATED": "1"}
    loaded = config.load({"VEJVISER_SMTP_PORT": 26}, environ=env)
    assert loaded["VEJVISER_PUBLIC_RATE_LIMIT"] == "5/minute"
    assert loaded["DATABASE_URL"] == "sqlite:///x.db"
    assert loaded["VEJVISER_SMTP_PORT"] == 26
    assert "UNRELATED" not in loaded


def test_production_refuses_the_development_secret(tmp_path):
    with pytest.raises(RuntimeError, match="VEJVISER_SECRET_KEY"):
        create_app({"VEJVISER_ENV": "production", "VEJVISER_INSTANCE_PATH": str(tmp_path)})
    app = create_app({"VEJVISER_ENV": "production", "SECRET_KEY": "a-real-secret-of-some-length",
                      "VEJVISER_INSTANCE_PATH": str(tmp_path)})
    assert app.debug is False and app.config["SESSION_COOKIE_SECURE"] is True
