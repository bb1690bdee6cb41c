"""Mail through a real local SMTP server: the receipt and the caseworker's notice arrive, in the
business's language; a failed send is retried; without a host the mail waits (and no token is logged)."""
from __future__ import annotations

import time
from datetime import datetime, timezone
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from bench.server import free_port
from router.models import OutboxMessage
from tests.fake_model import KeywordModel
from tests.test_api_inquiries import BODY


class Inbox:
    """An aiosmtpd handler that keeps what arrives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wait_for(self, count: int, seconds: float = 10.0) -> list:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_server(smtp_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def mail_app(app_config, smtp_port, monkeypatch):
    from web import create_app

    monkeypatch.setattr("web.api_inquiries.active_model", KeywordModel)
    app_config.update(VEJVISER_SMTP_HOST="127.0.0.1", VEJVISER_SMTP_PORT=smtp_port,
                      VEJVISER_BASE_URL="https://vejviser.havvig.example")
    app = create_app(app_config)
    yield app
    app.extensions["vejviser.db"].engine.dispose()


def outbox(app) -> list[OutboxMessage]:
    with app.extensions["vejviser.db"].reader() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def wait_until_sent(app, seconds: float = 10.0) -> list[OutboxMessage]:
    deadline = time.monotonic() + seconds
    while any(m.sent_at is None for m in outbox(app)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return outbox(app)


def test_the_receipt_and_the_notice_arrive_right_after_submission(mail_app, smtp_server):
    body = mail_app.test_client().post("/api/v1/inquiries", json=BODY).get_json()
    mails = smtp_server.wait_for(2)
    receipt = next(m for m in mails if m["To"] == "ole@smedie.dk")
    notice = next(m for m in mails if m["To"] == "jonas.nielsen@havvig.example")
    text = receipt.get_content()
    assert body["reference"] in receipt["Subject"] and receipt["Subject"].startswith("Kvittering")
    assert "Jonas Bech Nielsen" in text and "+45 96 60 10 14" in text and "jonas.nielsen@havvig.example" in text
    assert body["decision"]["respond_by"] in text
    assert f"https://vejviser.havvig.example/status/{body['status_token']}" in text
    assert "Thy Smedie ApS" in notice.get_content() and "carport" in notice.get_content()
    stored = wait_until_sent(mail_app)
    assert all(m.sent_at is not None and m.sealed_token is None for m in stored)
    assert all(body["status_token"] not in m.body for m in stored)


def test_an_english_business_gets_an_english_receipt(mail_app, smtp_server):
    english = {**BODY, "text": "We need a building permit for a carport", "language": "en"}
    mail_app.test_client().post("/api/v1/inquiries", json=english)
    receipt = next(m for m in smtp_server.wait_for(2) if m["To"] == "ole@smedie.dk")
    assert receipt["Subject"].startswith("Receipt for your inquiry")
    assert "Your caseworker is Jonas Bech Nielsen" in receipt.get_content()
    assert all(m.sent_at for m in wait_until_sent(mail_app))


def test_a_failed_send_never_blocks_the_submission_and_is_retried(mail_app, smtp_port):
    client = mail_app.test_client()
    started = time.monotonic()
    assert client.post("/api/v1/inquiries", json=BODY).status_code == 201  # nobody listens on the port
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 10
    while not all(m.attempts for m in outbox(mail_app)) and time.monotonic() < deadline:
        time.sleep(0.05)
    failed = outbox(mail_app)
    assert all(m.attempts == 1 and m.sent_at is None and m.last_error for m in failed)
    assert all(m.next_attempt_at.replace(tzinfo=None) > datetime.now(timezone.utc).replace(tzinfo=None)
               for m in failed)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        with mail_app.extensions["vejviser.db"].writer() as session:  # the backoff has passed
            long_ago = datetime(2000, 1, 1, tzinfo=timezone.utc)
            session.execute(update(OutboxMessage).values(next_attempt_at=long_ago))
            session.commit()
        result = mail_app.test_cli_runner().invoke(args=["send-mail"])
        assert "sent 2, failed 0" in result.output
        assert len(inbox.wait_for(2)) == 2
    finally:
        controller.stop()


def test_without_a_host_mail_waits_in_the_outbox_and_the_log_has_no_token(client, caplog, monkeypatch):
    monkeypatch.setattr("web.api_inquiries.active_model", KeywordModel)
    caplog.set_level("INFO", logger="vejviser")
    body = client.post("/api/v1/inquiries", json=BODY).get_json()
    assert "waits in the outbox" in caplog.text and "ole@smedie.dk" in caplog.text
    assert body["status_token"] not in caplog.text
    assert [m.sent_at for m in outbox(client.application)] == [None, None]
