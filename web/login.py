"""Staff login and logout."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.security import check_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from directory.models import User
from web.auth import LoginUser
from web.database import db_session

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField("Brugernavn", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Adgangskode", validators=[DataRequired(), Length(max=200)])


def safe_next(target: str | None) -> str | None:
    """Return `target` only if it is a local path (no scheme, no host, no backslash tricks)."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = db_session().scalar(select(User).where(User.username == form.username.data))
        if user and user.active and check_password_hash(user.password_hash, form.password.data):
            session.clear()  # a fresh session at login: no fixation
            login_user(LoginUser(user))
            session.permanent = True
            return redirect(safe_next(request.args.get("next")) or url_for("api.list_topics"))
        flash(_("Forkert brugernavn eller adgangskode."), "error")
    return render_template("login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
