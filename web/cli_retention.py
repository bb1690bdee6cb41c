"""`flask --app wsgi purge [--older-than 24m]`: remove contact details and text of old resolved inquiries."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from directory import clock
from router.retention import cutoff, parse_period, purge
from web.database import database


def _period(value: str | None) -> tuple[int, str]:
    if value is None:
        return int(current_app.config["VEJVISER_RETENTION_MONTHS"]), "m"
    try:
        return parse_period(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--older-than") from None


@click.command("purge")
@with_appcontext
@click.option("--older-than", "period", metavar="PERIOD",
              help="Resolved longer ago than this: 24m, 2y or 730d (default VEJVISER_RETENTION_MONTHS).")
def purge_command(period: str | None) -> None:
    """Anonymise resolved inquiries past the retention period, keeping anonymous statistics."""
    amount, unit = _period(period)
    now = clock.now()
    with database().writer() as session:
        report = purge(session, now, cutoff(now, amount, unit))
        session.commit()
    click.echo(f"purged {report.inquiries} inquiries resolved before {report.cutoff:%Y-%m-%d %H:%M} UTC")


def init_app(app: Flask) -> None:
    """Register the command."""
    app.cli.add_command(purge_command)
