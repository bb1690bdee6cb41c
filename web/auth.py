"""Who is asking: session logins for people, bearer tokens for API clients, role checks."""
from __future__ import annotations

import hashlib
from functools import wraps
from typing import Callable

from flask import Flask, redirect, request, url_for
from flask_login import UserMixin, current_user
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from directory.models import User
from web.database import db_session
from web.errors import error_response, wants_json
from web.extensions import login_manager


class LoginUser(UserMixin):
    """The logged-in person as Flask-Login sees them (a detached snapshot of the row)."""

    def __init__(self, user: User):
        self.user_id = user.id
        self.username = user.username
        self.role = user.role
        self.staff_id = user.staff_id
        self.epoch = user.session_epoch

    def get_id(self) -> str:
        # The epoch makes a session die when the account is deactivated or logs out everywhere.
        return f"{self.user_id}:{self.epoch}"

    def has_role(self, *roles: str) -> bool:
        return self.role == "admin" or self.role in roles


def token_digest(token: str) -> str:
    """Hash an API or status token for storage and look-up."""
    return hashlib.sha256(token.encode()).hexdigest()


@login_manager.user_loader
def _load_user(user_key: str) -> LoginUser | None:
    user_id, _, epoch = user_key.partition(":")
    if not user_id.isdigit():
        return None
    user = db_session().get(User, int(user_id))
    if user is None or not user.active or str(user.session_epoch) != epoch:
        return None
    return LoginUser(user)


@login_manager.request_loader
def _load_from_token(req) -> LoginUser | None:
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    digest = token_digest(header.removeprefix("Bearer ").strip())
    user = db_session().scalar(select(User).where(User.api_token_hash == digest))
    return LoginUser(user) if user is not None and user.active else None


@login_manager.unauthorized_handler
def _unauthorized():
    if wants_json():
        return error_response(401, "unauthorized", "Log in or send an API token to use this endpoint.")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def roles_required(*roles: str) -> Callable:
    """Let through logged-in users with one of `roles` (admins always): 401/login, else 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(*roles):
                if wants_json():
                    return error_response(403, "forbidden", "Your role may not do this.")
                raise Forbidden()
            return view(*args, **kwargs)

        wrapped.required_roles = roles  # read by the authorisation-matrix test
        return wrapped

    return decorator


STAFF_ROLES = ("front_desk", "caseworker", "section_leader")


def init_app(app: Flask) -> None:
    """Attach Flask-Login."""
    login_manager.init_app(app)
