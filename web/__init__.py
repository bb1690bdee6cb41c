"""The Flask application factory."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, Mapping

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from web import config as config_module
from web.extensions import storage_uri


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then `VEJVISER_*` environment, then `config`."""
    settings = config_module.load(config)
    instance = settings.get("VEJVISER_INSTANCE_PATH") or Path(__file__).resolve().parent.parent / "instance"
    app = Flask(__name__, instance_path=str(instance))
    app.config.from_mapping(settings)
    config_module.check_production(app.config)
    _configure_framework(app)
    _trust_proxies(app)
    _register_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


class _DatabaseInteger(IntegerConverter):
    """An id in a path that fits the database's 32-bit integers; a larger number is simply not found."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _configure_framework(app: Flask) -> None:
    app.url_map.converters["int"] = _DatabaseInteger
    production = app.config["VEJVISER_ENV"] == "production"
    app.config.update(
        DEBUG=False if production else app.config.get("DEBUG", False),
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=256 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        REMEMBER_COOKIE_SECURE=production,
        REMEMBER_COOKIE_HTTPONLY=True,
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=app.config["VEJVISER_SESSION_IDLE_MINUTES"]),
        RATELIMIT_STORAGE_URI=storage_uri(app.config["VEJVISER_RATELIMIT_STORAGE"]),
        RATELIMIT_HEADERS_ENABLED=True,
        BABEL_DEFAULT_LOCALE="da",
        BABEL_DEFAULT_TIMEZONE="Europe/Copenhagen",
        WTF_CSRF_TIME_LIMIT=None,
    )
    logging.getLogger("vejviser").setLevel(logging.INFO)


def _trust_proxies(app: Flask) -> None:
    """Believe `X-Forwarded-For`/`-Proto` only from the number of proxies the deployment declares."""
    hops = int(app.config["VEJVISER_TRUSTED_PROXIES"])
    if hops > 0:  # otherwise a client could pick its own address and dodge the rate limits
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _register_extensions(app: Flask) -> None:
    from web import auth, database, denials, errors, model_registry
    from web.extensions import babel, csrf, limiter, select_locale

    database.init_app(app)
    auth.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    errors.init_app(app)
    denials.init_app(app)
    model_registry.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from web import api, login
    from web.extensions import csrf

    csrf.exempt(api.bp)
    app.register_blueprint(api.health)
    app.register_blueprint(api.bp)
    _register_api(app)
    app.register_blueprint(login.bp)
    _register_pages(app)


def _register_api(app: Flask) -> None:
    from web import api_admin, api_inquiries, api_staff, openapi
    from web.extensions import csrf

    for blueprint in (api_inquiries.bp, api_staff.bp, api_admin.bp, openapi.bp):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)


def _register_pages(app: Flask) -> None:
    from web import (audit_log, coverage, desk, directory_admin, directory_csv, inbox, language, layout, public,
                     quality, security, triage)

    for blueprint in (security.bp, language.bp, layout.bp, public.bp, desk.bp, triage.bp, inbox.bp,
                      directory_admin.bp, directory_csv.bp, coverage.bp, quality.bp, audit_log.bp):
        app.register_blueprint(blueprint)


def _register_cli(app: Flask) -> None:
    from web import cli, cli_accounts, cli_model, cli_retention, cli_router

    cli.init_app(app)
    cli_router.init_app(app)
    cli_model.init_app(app)
    cli_retention.init_app(app)
    cli_accounts.init_app(app)
