"""Directory and database commands: `flask --app wsgi init-db | seed | import-staff | export-staff`."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from directory import migrate, staff_csv
from directory.clock import today
from seeds.demo import is_seeded, seed_demo
from web.database import database


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the schema to the newest migration."""
    url = database().engine.url.render_as_string(hide_password=False)
    Path(database().engine.url.database or ".").parent.mkdir(parents=True, exist_ok=True) \
        if database().is_sqlite else None
    migrate.upgrade(url)
    click.echo("database is at the newest migration")


@click.command("seed")
@with_appcontext
@click.option("--no-logins", is_flag=True, help="Do not create the demo logins.")
def seed(no_logins: bool) -> None:
    """Seed the demo municipality if the directory is empty."""
    from flask import current_app
    with database().writer() as session:
        if is_seeded(session):
            click.echo("directory already has staff; nothing seeded")
            return
        production = current_app.config["VEJVISER_ENV"] == "production"
        seed_demo(session, today(), with_logins=not (no_logins or production))
        session.commit()
    click.echo("seeded the demo municipality (Havvig Kommune)")


@click.command("import-staff")
@with_appcontext
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
def import_staff(file) -> None:
    """Import staff from CSV: every row checked, nothing changed if any row fails."""
    with database().writer() as session:
        result = staff_csv.parse(session, file.read())
        if result.errors:
            for error in result.errors:
                click.echo(str(error), err=True)
            click.echo(f"{len(result.errors)} error(s); nothing was imported", err=True)
            sys.exit(1)
        staff_csv.apply(session, result)
        session.commit()
    click.echo(f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}")


@click.command("export-staff")
@with_appcontext
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
def export_staff(file) -> None:
    """Export the staff directory as CSV (to a file or standard output)."""
    with database().reader() as session:
        file.write(staff_csv.export(session))


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (init_db, seed, import_staff, export_staff):
        app.cli.add_command(command)
