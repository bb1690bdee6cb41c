"""Routing and mail commands: `flask --app wsgi route "text" [--cvr N]` and `flask --app wsgi send-mail`."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from router.decision import Decision
from router.policy import route as route_text
from router.validation import check_cvr
from router.errors import InvalidInquiry
from web.api_inquiries import active_model
from web.api_mail import log_waiting, send_pending, smtp_settings
from web.database import database


def _person_line(label: str, decision_part) -> str:
    person = decision_part.caseworker
    if person is None:
        return f"{label}: nobody available"
    return f"{label}: {person.name}, {person.title} — {person.phone}, {person.email}"


def describe(decision: Decision) -> str:
    """Write a decision the way a person reads it."""
    ranked = ", ".join(f"{t.id} {round(t.score * 100)}%" for t in decision.topics)
    lines = [f"Topics: {ranked or 'none'}"]
    if decision.needs_review:
        lines.append(f"Needs review ({decision.review_reason}): the front desk triages it.")
        if decision.fallback:
            f = decision.fallback
            lines.append(f"Front desk contact: {f.section}, {f.phone}, {f.email}")
    if decision.lead is not None and decision.lead.caseworker:
        lines.append(_person_line(f"Lead ({decision.lead.topic.id})", decision.lead))
    lines += [_person_line(f"Team ({a.topic.id})", a) for a in decision.team]
    lines.append(f"Respond by: {decision.respond_by.isoformat()}")
    if decision.terms:
        lines.append("Words: " + ", ".join(decision.terms))
    lines.append("Why: " + decision.explanation)
    return "\n".join(lines)


@click.command("route")
@with_appcontext
@click.argument("text")
@click.option("--cvr", default=None, help="The company's CVR number (for continuity).")
@click.option("--language", type=click.Choice(["da", "en"]), default=None)
def route_command(text: str, cvr: str | None, language: str | None) -> None:
    """Route a text as a dry run and print who would get it, and why."""
    try:
        cvr = check_cvr(cvr) if cvr else None
    except InvalidInquiry as exc:
        raise click.BadParameter(exc.message, param_hint="--cvr") from None
    with database().reader() as session:
        decision = route_text(session, text, cvr, language, model=active_model())
        click.echo(describe(decision))


@click.command("send-mail")
@with_appcontext
def send_mail() -> None:
    """Send the outbox's due messages (failed ones are retried later with backoff)."""
    settings = smtp_settings(current_app.config)
    if settings is None:
        waiting = log_waiting(database())
        click.echo(f"no SMTP host set (VEJVISER_SMTP_HOST); {waiting} message(s) wait in the outbox")
        return
    report = send_pending(database(), settings, current_app.config["SECRET_KEY"], limit=10_000)
    click.echo(f"sent {report.sent}, failed {report.failed} (retried later)")


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(route_command)
    app.cli.add_command(send_mail)
