"""Flask extensions, created unbound and attached in the app factory."""
from __future__ import annotations

import time

from flask import g, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from limits.storage import MemoryStorage



class SweptMemoryStorage(MemoryStorage):
    """The in-memory limit store, with expired keys swept inline at most once a second.

    limits' own MemoryStorage starts a timer thread (10 ms) on nearly every hit to sweep them, which at
    a few hundred requests a second meant a new thread per request. Counting and expiry are unchanged:
    `get` still drops an expired window before counting.
    """

    STORAGE_SCHEME = ["swept-memory"]
    SWEEP_SECONDS = 1.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self._swept_at = time.monotonic()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the parent's private timer start
        now = time.monotonic()
        if now - self._swept_at >= self.SWEEP_SECONDS:
            self._swept_at = now
            self._MemoryStorage__expire_events()


def storage_uri(configured: str) -> str:
    """Serve `memory://` from the swept store; any other storage (redis://, …) as configured."""
    return "swept-memory://" if configured.startswith("memory://") else configured


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
