"""Flask extensions, created unbound and attached in the app factory."""
from __future__ import annotations

from flask import g, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
babel = Babel()


def select_locale() -> str:
    """Pick Danish or English: explicit choice in the session, else the browser's preference."""
    chosen = getattr(g, "language", None)
    if chosen in ("da", "en"):
        return chosen
    return request.accept_languages.best_match(["da", "en"]) or "da"
