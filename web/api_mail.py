"""Delivering the outbox: right after a submission (best effort, in the background) and by
`flask --app wsgi send-mail`. Each message is leased, sent outside any transaction, then marked."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Mapping

from flask import Flask
from sqlalchemy import select

from directory.db import Database
from router import outbox
from router.models import OutboxMessage

log = logging.getLogger("vejviser.mail")


@dataclass(frozen=True)
class SendReport:
    sent: int
    failed: int


def smtp_settings(config: Mapping[str, Any]) -> outbox.SmtpSettings | None:
    """Return the SMTP settings from the app config, or None when no host is set."""
    if not config.get("VEJVISER_SMTP_HOST"):
        return None
    return outbox.SmtpSettings(
        host=config["VEJVISER_SMTP_HOST"], port=int(config["VEJVISER_SMTP_PORT"]),
        sender=config["VEJVISER_MAIL_FROM"], base_url=config["VEJVISER_BASE_URL"],
        user=config.get("VEJVISER_SMTP_USER", ""), password=config.get("VEJVISER_SMTP_PASSWORD", ""),
        starttls=bool(config.get("VEJVISER_SMTP_STARTTLS")))


def _send_one(db: Database, message_id: int, settings: outbox.SmtpSettings, secret_key: str) -> bool | None:
    now = datetime.now(timezone.utc)
    with db.writer() as session:
        message = outbox.lease(session, message_id, now)
        email = outbox.render(message, settings, secret_key) if message else None
        session.commit()
    if email is None:
        return None  # another sender has it
    try:
        outbox.deliver(settings, email)
        error = None
    except Exception as exc:  # noqa: BLE001 - any failure is retried later
        error = f"{type(exc).__name__}: {exc}"
    with db.writer() as session:
        message = session.get_one(OutboxMessage, message_id)
        if error is None:
            outbox.mark_sent(message, datetime.now(timezone.utc))
        else:
            outbox.mark_failed(message, datetime.now(timezone.utc), error)
            log.warning("mail %s to %s failed (attempt %s): %s", message.id, message.recipient,
                        message.attempts, error)
        session.commit()
    return error is None


def send_pending(db: Database, settings: outbox.SmtpSettings, secret_key: str, *,
                 inquiry_id: int | None = None, limit: int = 100) -> SendReport:
    """Send the due messages (of one inquiry, or all); never raises for a failed delivery."""
    with db.reader() as session:
        ids = outbox.due(session, datetime.now(timezone.utc), limit=limit, inquiry_id=inquiry_id)
    results = [_send_one(db, message_id, settings, secret_key) for message_id in ids]
    return SendReport(sent=results.count(True), failed=results.count(False))


def log_waiting(db: Database, inquiry_id: int | None = None) -> int:
    """Log the messages waiting for an SMTP host (recipient and subject only: never the body)."""
    due = (select(OutboxMessage.id, OutboxMessage.recipient, OutboxMessage.subject)
           .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= datetime.now(timezone.utc))
           .order_by(OutboxMessage.id).limit(1000))
    if inquiry_id is not None:
        due = due.where(OutboxMessage.inquiry_id == inquiry_id)
    with db.reader() as session:
        waiting = session.execute(due).all()
    for message_id, recipient, subject in waiting:
        log.info("mail %s waits in the outbox (no SMTP host set): to %s, %r", message_id, recipient, subject)
    return len(waiting)


def send_after_commit(app: Flask, inquiry_id: int) -> None:
    """Try to send a new inquiry's mail in the background; never blocks or fails the request."""
    db: Database = app.extensions["vejviser.db"]
    settings = smtp_settings(app.config)
    if settings is None:
        if log.isEnabledFor(logging.INFO) and log.hasHandlers():  # else the lines would go nowhere
            log_waiting(db, inquiry_id)
        return
    secret_key = app.config["SECRET_KEY"]

    def work() -> None:
        try:
            send_pending(db, settings, secret_key, inquiry_id=inquiry_id)
        except Exception:  # noqa: BLE001 - the outbox keeps the messages for `send-mail`
            log.exception("background send for inquiry %s failed; the outbox keeps the mail", inquiry_id)

    threading.Thread(target=work, name=f"mail-{inquiry_id}", daemon=True).start()
