"""Gunicorn's access log without secrets: status-link tokens, cookies and API tokens never reach it.

Use it with `gunicorn --logger-class web.access_log.RedactingLogger` (the Makefile's `run` does).
"""
from __future__ import annotations

import re

from gunicorn.glogging import Logger

# A status link is a bearer secret in the path: /status/<token> and /api/v1/status/<token>.
_STATUS_TOKEN = re.compile(r"(/status/)[^/?#\s\"]+")
_SECRET_HEADERS = ("{cookie}i", "{authorization}i", "{http_cookie}e", "{http_authorization}e",
                   "{set-cookie}o")
REDACTED = "[redacted]"


def redact(value: object) -> object:
    """Replace a status token in a logged string by a placeholder."""
    return _STATUS_TOKEN.sub(r"\1" + REDACTED, value) if isinstance(value, str) else value


class RedactingLogger(Logger):
    """The standard access log, with tokens in paths and referrers and secret headers blanked out."""

    def atoms(self, resp, req, environ, request_time):
        atoms = {key: redact(value) for key, value in super().atoms(resp, req, environ, request_time).items()}
        for key in _SECRET_HEADERS:
            if key in atoms:
                atoms[key] = REDACTED
        return atoms
