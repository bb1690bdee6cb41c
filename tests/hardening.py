"""What the hardening tests share: inquiries placed on a chosen desk, a fingerprint of the whole
database, and a gunicorn server on a free port."""
from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.server import free_port, wait_until_up
from directory.clock import today
from directory.db import Base, Database
from directory.models import Staff, User
from directory.queries import is_present
from router.calls import log_call
from router.inquiries import submit_inquiry
from router.permissions import load_actor
from router.validation import parse_inquiry
from tests.fake_model import KeywordModel

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CASEWORKER_STAFF = "Jonas Bech Nielsen"  # the demo caseworker, section Plan og Byg
ELSEWHERE_SECTION = "Jobcenter Virksomhedsservice"  # a section neither demo caseworker nor leader is in
BUSINESS = {"company_name": "Thy Smedie ApS", "cvr": "13585628", "contact_name": "Ole Smed",
            "email": "ole@smedie.dk", "phone": "+45 20 30 40 50"}


@dataclass(frozen=True)
class Placed:
    """An inquiry made for a test: its reference and the status token the business got."""

    reference: str
    token: str


def place_inquiry(database: Database, *, staff: str | None = None, section: str | None = None,
                  text: str = "Vi vil bygge en carport ved lageret", **fields: str) -> Placed:
    """Store an inquiry routed by the keyword model, then (optionally) put through to a named person or to
    the first person at work in a named section, as the front desk would."""
    with database.writer() as session:
        form = parse_inquiry({**BUSINESS, **fields, "text": text}, channel="web")
        admin = session.scalar(select(User).where(User.username == "admin"))
        person = _pick(session, staff, section)
        if person is None:
            made = submit_inquiry(session, form, KeywordModel(), secret_key="test-secret")
        else:
            made = log_call(session, form, KeywordModel(), load_actor(session, admin.id), secret_key="test-secret",
                            staff_id=person.id)
        session.commit()
        return Placed(made.inquiry.reference, made.status_token)


def _pick(session, staff: str | None, section: str | None) -> Staff | None:
    if staff:
        return session.scalar(select(Staff).where(Staff.name == staff))
    if section:
        people = session.scalars(select(Staff).join(Staff.section).where(Staff.active.is_(True))
                                 .order_by(Staff.id)).all()
        return next(p for p in people if p.section.name == section and p.competences and is_present(p, today()))
    return None


def fingerprint(database: Database, *, skip: tuple[str, ...] = ("audit_log",)) -> dict[str, str]:
    """Hash every table's rows (by primary key order), so any change anywhere shows."""
    digests = {}
    with database.reader() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digests[table.name] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    return digests


class Gunicorn:
    """A gunicorn master with its workers, serving an app factory from this test suite."""

    def __init__(self, factory: str, env: dict[str, str], workers: int = 2, log: Path | None = None,
                 extra: tuple[str, ...] = ()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        out = log.open("ab") if log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
             "--timeout", "60", "--graceful-timeout", "3", "--log-level", "warning", "--preload", *extra, factory],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env}, stdout=out, stderr=subprocess.STDOUT)
        if log:
            out.close()
        wait_until_up(f"{self.base}/healthz", self.process, timeout=30)

    def workers(self) -> list[int]:
        """Return the worker processes' ids (children of the master)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)  # quick shutdown: the test has what it needs
        self.process.wait(timeout=15)


def post_json(url: str, body: dict, headers: dict[str, str] | None = None,
              timeout: float = 60) -> tuple[int, dict, dict[str, str]]:
    """POST a JSON body; return status, JSON answer and headers (a connection that drops, even halfway
    through the answer, gives status 0)."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read()), dict(response.headers)
        except urllib.error.HTTPError as error:
            payload = error.read()
            return error.code, json.loads(payload) if payload else {}, dict(error.headers)
    except (OSError, http.client.HTTPException):  # IncompleteRead is not an OSError
        return 0, {}, {}
