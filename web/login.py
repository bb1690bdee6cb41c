"""Staff login and logout: a fresh session at login, one answer for every failure, a throttle per
account, and a logout that ends the session on the server's side too."""
from __future__ import annotations

import time
from functools import cache
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from directory.models import User
from web.auth import LoginUser
from web.database import db_session
from web.extensions import limiter
from web.forms import Form

bp = Blueprint("auth", __name__)

# Where each role starts its day, most specific first.
LANDING = (("section_leader", "directory_admin.staff_list"), ("caseworker", "inbox.index"),
           ("front_desk", "desk.search"), ("admin", "directory_admin.staff_list"))
KEPT_ACROSS_LOGIN = ("language",)


class LoginForm(Form):
    username = StringField(_l("Brugernavn"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Adgangskode"), validators=[DataRequired(), Length(max=200)])


def safe_next(target: str | None) -> str | None:
    """Return `target` only if it is a local path (no scheme, no host, no backslash tricks)."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@cache
def _dummy_hash() -> str:
    return generate_password_hash("not-anyones-password")


def authenticate(username: str, password: str) -> User | None:
    """Return the active user with this password, else None after the same amount of work."""
    user = db_session().scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active:
        check_password_hash(_dummy_hash(), password)  # an unknown name costs what a wrong password costs
        return None
    if not check_password_hash(user.password_hash, password):
        user.failed_logins += 1
        return None
    user.failed_logins = 0
    return user


def start_session(user: User) -> None:
    """Replace whatever session the browser had with a new, logged-in one."""
    kept = {key: session[key] for key in KEPT_ACROSS_LOGIN if key in session}
    session.clear()
    session.update(kept)
    login_user(LoginUser(user))
    session.permanent = True  # idle timeout: PERMANENT_SESSION_LIFETIME, renewed on every request
    session["login_at"] = time.time()  # absolute timeout: VEJVISER_SESSION_MAX_HOURS


def end_session() -> None:
    """Forget the session in the browser, keeping only the language choice."""
    kept = {key: session[key] for key in KEPT_ACROSS_LOGIN if key in session}
    logout_user()
    session.clear()
    session.update(kept)


def landing_page(role: str) -> str:
    """Return the first page for a role."""
    for landing_role, endpoint in LANDING:
        if role == landing_role and endpoint in current_app.view_functions:
            return url_for(endpoint)
    return url_for("public.inquiry_form")


def _account_key() -> str:
    return "login:" + (request.form.get("username") or "").strip().casefold()[:80]


def _login_limit() -> str:
    return current_app.config["VEJVISER_LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_account_key, methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next")) or landing_page(current_user.role))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        db_session().commit()
        if user is not None:
            start_session(user)
            return redirect(safe_next(request.args.get("next")) or landing_page(user.role))
        failed = True
    status = 401 if request.method == "POST" else 200
    return render_template("login.html", form=form, failed=failed,
                           expired=request.args.get("expired") == "1"), status


@bp.before_app_request
def end_sessions_past_their_maximum_age():
    """Log out a session older than VEJVISER_SESSION_MAX_HOURS, however active it has been."""
    if "_user_id" not in session or request.endpoint == "static":
        return None
    max_seconds = current_app.config["VEJVISER_SESSION_MAX_HOURS"] * 3600
    if time.time() - session.get("login_at", 0) <= max_seconds:
        return None
    end_session()
    if request.path.startswith("/api/"):
        from web.errors import error_response
        return error_response(401, "session_expired", "Your session has expired; log in again.")
    return redirect(url_for("auth.login", expired=1, next=request.full_path.rstrip("?")))


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        # Signed-cookie sessions live in the browser; moving the account's epoch on makes every copy
        # of this login (and the account's other sessions) invalid on the server's side as well.
        user = db_session().get(User, current_user.user_id)
        if user is not None:
            user.session_epoch += 1
            db_session().commit()
    end_session()
    flash(_("Du er logget af."), "success")
    return redirect(url_for("auth.login"))
