"""Configuration: defaults, then the environment, then what the caller passes."""
from __future__ import annotations

import os
from typing import Any, Mapping

DEV_SECRET = "dev-only-not-secret"

DEFAULTS: dict[str, Any] = {
    "VEJVISER_ENV": "development",
    "SECRET_KEY": DEV_SECRET,
    "DATABASE_URL": None,  # None: SQLite file in the instance folder
    "VEJVISER_PUBLIC_RATE_LIMIT": "30/minute",
    "VEJVISER_LOGIN_RATE_LIMIT": "10/minute",
    "VEJVISER_RATELIMIT_STORAGE": "memory://",
    "VEJVISER_TRUSTED_PROXIES": 0,
    "VEJVISER_SMTP_HOST": "",
    "VEJVISER_SMTP_PORT": 25,
    "VEJVISER_SMTP_USER": "",
    "VEJVISER_SMTP_PASSWORD": "",
    "VEJVISER_SMTP_STARTTLS": False,
    "VEJVISER_MAIL_FROM": "vejviser@havvig.example",
    "VEJVISER_BASE_URL": "http://127.0.0.1:8000",
    "VEJVISER_MODEL_POLL_SECONDS": 5.0,
    "VEJVISER_SESSION_IDLE_MINUTES": 30,
    "VEJVISER_SESSION_MAX_HOURS": 10,
    "VEJVISER_RETENTION_MONTHS": 24,
}

_INTS = {"VEJVISER_SMTP_PORT", "VEJVISER_TRUSTED_PROXIES", "VEJVISER_SESSION_IDLE_MINUTES",
         "VEJVISER_SESSION_MAX_HOURS", "VEJVISER_RETENTION_MONTHS"}
_FLOATS = {"VEJVISER_MODEL_POLL_SECONDS"}
_BOOLS = {"VEJVISER_SMTP_STARTTLS"}
_ENV_ALIASES = {"VEJVISER_SECRET_KEY": "SECRET_KEY"}


def _coerce(key: str, value: str) -> Any:
    if key in _INTS:
        return int(value)
    if key in _FLOATS:
        return float(value)
    if key in _BOOLS:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return value


def load(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Merge defaults, `VEJVISER_*`/`DATABASE_URL` environment variables and explicit overrides."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for name, value in environ.items():
        key = _ENV_ALIASES.get(name, name)
        if key in DEFAULTS or key.startswith("VEJVISER_"):
            config[key] = _coerce(key, value)
    config.update(overrides or {})
    return config


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse to run in production on the development secret key."""
    if config["VEJVISER_ENV"] == "production" and config["SECRET_KEY"] in (DEV_SECRET, "", None):
        raise RuntimeError("VEJVISER_ENV=production needs VEJVISER_SECRET_KEY set to a real secret")
