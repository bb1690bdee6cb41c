"""Security headers on every response; private pages that no cache or referrer may keep."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import Blueprint, Response, current_app, g, render_template, request, session
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

bp = Blueprint("security", __name__)

# Everything comes from our own origin: no inline script or style, no framing, no plug-ins.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
))


def private_page(view: Callable) -> Callable:
    """Mark a page whose URL is a secret: never cached, never sent on as a referrer."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        g.private_page = True
        return view(*args, **kwargs)

    return wrapped


@bp.after_app_request
def add_security_headers(response: Response) -> Response:
    """Set the headers every response carries, stricter ones on private and staff pages."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    private = g.get("private_page", False)
    headers["Referrer-Policy"] = "no-referrer" if private else "same-origin"
    if private or _staff_page():
        headers["Cache-Control"] = "no-store"
    if current_app.config["VEJVISER_ENV"] == "production":
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def _staff_page() -> bool:
    # A logged-in person's pages show names and inquiries: keep them out of shared caches. The
    # session is read rather than the user loaded, so even an error page never touches the database.
    return request.endpoint != "static" and "_user_id" in session


@bp.app_errorhandler(CSRFError)
def csrf_failed(_exc: CSRFError):
    """Explain an expired or missing form token in the reader's language."""
    message = _("Siden har været åben for længe, eller formularen kom ikke fra Vejviser. "
                "Gå tilbage, genindlæs siden og prøv igen.")
    return render_template("error.html", status=400, message=message, own_message=True), 400
