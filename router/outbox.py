"""The outbox's sending side: lease a due message, deliver it over SMTP, mark it sent or back off."""
from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from router.models import OutboxMessage
from router.notify import STATUS_LINK
from router.tokens import unseal

# Minutes to wait after the n-th failure; the last step repeats, so a message is never given up on.
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 720)
LEASE = timedelta(minutes=2)  # long enough to send one message; a crashed sender's lease runs out


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send mail."""

    host: str
    port: int
    sender: str
    base_url: str
    user: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 10.0


def due(session: Session, now: datetime, *, limit: int = 100, inquiry_id: int | None = None) -> list[int]:
    """Return the ids of unsent messages whose next attempt is due, oldest first."""
    stmt = (select(OutboxMessage.id)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.id).limit(limit))
    if inquiry_id is not None:
        stmt = stmt.where(OutboxMessage.inquiry_id == inquiry_id)
    return list(session.scalars(stmt))


def lease(session: Session, message_id: int, now: datetime) -> OutboxMessage | None:
    """Claim a due message for this sender only (None if another sender has it or it went)."""
    claimed = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None),
               OutboxMessage.next_attempt_at <= now)
        .values(next_attempt_at=now + LEASE)
        .returning(OutboxMessage.id)
    ).first()
    return session.get(OutboxMessage, message_id) if claimed else None


def render(message: OutboxMessage, settings: SmtpSettings, secret_key: str) -> EmailMessage:
    """Build the e-mail, putting the status link back into a receipt."""
    body = message.body
    if STATUS_LINK in body:
        token = unseal(message.sealed_token, secret_key) if message.sealed_token else None
        link = f"{settings.base_url.rstrip('/')}/status/{token}" if token else settings.base_url
        body = body.replace(STATUS_LINK, link)
    email = EmailMessage()
    email["From"] = settings.sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(body)
    return email


def deliver(settings: SmtpSettings, email: EmailMessage) -> None:
    """Hand one e-mail to the SMTP server (raises on any failure)."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(email)


def mark_sent(message: OutboxMessage, now: datetime) -> None:
    """Record delivery and erase the sealed token: it is no longer needed anywhere."""
    message.sent_at = now
    message.sealed_token = None
    message.last_error = ""


def mark_failed(message: OutboxMessage, now: datetime, error: str) -> None:
    """Record a failed attempt and schedule the next one further out."""
    message.attempts += 1
    step = BACKOFF_MINUTES[min(message.attempts, len(BACKOFF_MINUTES)) - 1]
    message.next_attempt_at = now + timedelta(minutes=step)
    message.last_error = error[:500]
