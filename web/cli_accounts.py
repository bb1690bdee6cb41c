"""Logins for operators: `flask --app wsgi create-user NAME --role admin` and `api-token NAME`."""
from __future__ import annotations

import secrets

import click
from flask import Flask
from flask.cli import with_appcontext

from directory.accounts import AccountError, create_user, find_user
from directory.models import ROLES
from router.audit import record
from router.tokens import token_digest
from web.database import database


@click.command("create-user")
@with_appcontext
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--staff-email", default=None, help="Tie the login to this member of staff (caseworkers, leaders).")
@click.password_option(help="Asked for when left out (at least 12 characters).")
def create_user_command(username: str, role: str, staff_email: str | None, password: str) -> None:
    """Create a staff login (the first administrator of a production installation, for one)."""
    with database().writer() as session:
        try:
            user = create_user(session, username, password, role, staff_email)
        except AccountError as error:
            raise click.ClickException(str(error)) from None
        record(session, None, "user.create", f"user:{username}", f"role {role} (command line)")
        session.commit()
    click.echo(f"created {user.username} ({user.role})")


@click.command("api-token")
@with_appcontext
@click.argument("username")
def api_token_command(username: str) -> None:
    """Issue a new API token for a login (shown once; the old one stops working)."""
    token = secrets.token_urlsafe(32)
    with database().writer() as session:
        user = find_user(session, username)
        if user is None:
            raise click.ClickException(f"There is no login {username!r}.")
        user.api_token_hash = token_digest(token)
        record(session, None, "user.api_token", f"user:{username}", "new API token (command line)")
        session.commit()
    click.echo(token)


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(create_user_command)
    app.cli.add_command(api_token_command)
