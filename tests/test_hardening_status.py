"""Status links: long random tokens kept only as a hash; a wrong, expired or revoked link gets the same
404; a link shows its own inquiry and nothing internal; the token never reaches a log."""
from __future__ import annotations

import base64
import logging
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from router import tokens
from router.models import Inquiry, OutboxMessage
from router.tokens import token_digest, unseal
from tests.hardening import CASEWORKER_STAFF, place_inquiry
from tests.web_fixtures import model, read  # noqa: F401 - fixtures
from web.access_log import RedactingLogger

SUBMISSION = {"text": "Vi vil bygge en carport. Hemmeligt ord: KOLIBRI. Mit CPR er 010190-1234",
              "company_name": "Thy Smedie ApS", "cvr": "13585628", "contact_name": "Ole Smed",
              "email": "ole@smedie.dk", "phone": "20304050"}


def _status_answers(client, token: str) -> list[tuple[int, str, tuple]]:
    answers = []
    for path in (f"/status/{token}", f"/api/v1/status/{token}"):
        response = client.get(path)
        headers = tuple(response.headers.get(h) for h in ("Content-Type", "Cache-Control", "Referrer-Policy"))
        # The page links back to its own address (the language switch); that is the only difference allowed.
        answers.append((response.status_code, response.get_data(as_text=True).replace(token, "TOKEN"), headers))
    return answers


def test_tokens_come_from_secrets_with_at_least_128_bits_and_only_their_hash_is_stored(client, model, read,
                                                                                        monkeypatch):
    issued = []
    real = tokens.secrets.token_urlsafe
    monkeypatch.setattr(tokens.secrets, "token_urlsafe", lambda n: issued.append(real(n)) or issued[-1])
    body = client.post("/api/v1/inquiries", json=SUBMISSION).get_json()
    token = body["status_token"]
    assert issued == [token]
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128
    assert len({tokens.new_status_token() for _ in range(1000)}) == 1000
    session = read()
    inquiry = session.scalars(select(Inquiry)).one()
    assert inquiry.status_token_hash == token_digest(token) != token
    receipt = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "receipt")).one()
    assert token not in receipt.body and token not in receipt.sealed_token
    assert unseal(receipt.sealed_token, "test-secret") == token  # only the secret key opens the seal
    dump = repr([session.execute(select(t)).all() for t in Inquiry.metadata.sorted_tables])
    assert token not in dump


def test_wrong_expired_and_revoked_links_all_get_the_same_plain_404(app, client, login, database, read, runner):
    revoked = place_inquiry(database, staff=CASEWORKER_STAFF)
    expired = place_inquiry(database, staff=CASEWORKER_STAFF)
    login("caseworker")
    assert client.post(f"/api/v1/inquiries/{revoked.reference}/status-link", json={}).status_code == 200
    client.post(f"/api/v1/inquiries/{expired.reference}/resolve", json={})
    with database.writer() as session:  # resolved three years ago: past the retention period
        session.execute(update(Inquiry).where(Inquiry.reference == expired.reference)
                        .values(resolved_at=datetime.now(timezone.utc) - timedelta(days=3 * 365)))
        session.commit()
    assert "purged 1 " in runner.invoke(args=["purge"]).output
    wrong = tokens.new_status_token()
    business = app.test_client()  # the links are the businesses', who have no staff session
    answers = [_status_answers(business, t) for t in (wrong, revoked.token, expired.token, revoked.token[:-1],
                                                     token_digest(revoked.token), "x" * 500)]
    assert answers[0][0][0] == answers[0][1][0] == 404
    assert all(a == answers[0] for a in answers), "a refused link must not say why it is refused"

    message = read().scalars(select(OutboxMessage).where(OutboxMessage.kind == "status_link")).one()
    new_token = unseal(message.sealed_token, "test-secret")
    assert new_token and revoked.reference in client.get(f"/status/{new_token}").get_data(as_text=True)


def test_a_link_shows_its_own_inquiry_and_never_another(client, database):
    first, second = (place_inquiry(database, staff=CASEWORKER_STAFF) for _ in range(2))
    for mine, other in ((first, second), (second, first)):
        page = client.get(f"/status/{mine.token}").get_data(as_text=True)
        data = client.get(f"/api/v1/status/{mine.token}").get_json()
        assert mine.reference in page and other.reference not in page
        assert data["reference"] == mine.reference and other.reference not in str(data)


def test_the_status_page_carries_no_text_cpr_contact_details_or_internal_note(client, login, model):
    token = client.post("/api/v1/inquiries", json=SUBMISSION).get_json()["status_token"]
    reference = client.get(f"/api/v1/status/{token}").get_json()["reference"]
    login("admin")
    note = "Intern note: ring ikke før mandag, CPR 020202-2222, ORANGUTANG"
    assert client.post(f"/api/v1/inquiries/{reference}/forward",
                       json={"reason": note, "topic": "road-use"}).status_code == 200
    client.post("/logout")
    for body in (client.get(f"/status/{token}").get_data(as_text=True),
                 client.get(f"/api/v1/status/{token}").get_data(as_text=True)):
        for secret in ("KOLIBRI", "ORANGUTANG", "ring ikke", "010190", "020202", "[CPR]", "ole@smedie.dk",
                       "20 30 40 50", "Ole Smed"):
            assert secret not in body


def test_the_token_never_reaches_the_log(client, login, model, caplog, runner, app_config):
    caplog.set_level(logging.DEBUG)
    token = client.post("/api/v1/inquiries", json=SUBMISSION).get_json()["status_token"]
    client.post("/", data={**SUBMISSION, "language": "da"})
    client.get("/kvittering")
    for path in (f"/status/{token}", f"/api/v1/status/{token}", f"/status/{token}x"):
        client.get(path)
    runner.invoke(args=["send-mail"])
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records and token not in logged


@pytest.mark.parametrize("path", ["/status/{t}", "/api/v1/status/{t}", "/status/{t}?x=1"])
def test_the_access_log_never_writes_a_token(path):
    token = tokens.new_status_token()
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": path.format(t=token), "PATH_INFO": path.format(t=token),
               "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_REFERER": f"https://x.example/status/{token}",
               "HTTP_COOKIE": "session=secret"}

    class Response:
        status, sent, headers = "200 OK", 10, {"Set-Cookie": "session=secret"}

    class Request:
        headers = [("COOKIE", "session=secret"), ("AUTHORIZATION", "Bearer secret")]

    atoms = RedactingLogger.atoms(RedactingLogger.__new__(RedactingLogger), Response(), Request(), environ,
                                  timedelta(seconds=0))
    assert "/status/[redacted]" in atoms["r"]
    assert token not in repr(atoms) and "secret" not in repr(atoms)
