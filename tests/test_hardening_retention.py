"""Retention: `flask --app wsgi purge --older-than 24m` strips contact details and text from inquiries
resolved before the period, keeps the anonymous statistics, kills their status links, and does nothing
the second time. Measured against a frozen clock."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from directory.clock import COPENHAGEN
from router.models import AuditRecord, Event, Inquiry, OutboxMessage, TeamMember, TrainingExample
from router.retention import cutoff, months_before, parse_period
from tests.hardening import CASEWORKER_STAFF, fingerprint, place_inquiry

NOW = datetime(2028, 6, 15, 10, 0, tzinfo=COPENHAGEN)


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr("directory.clock.now", lambda: NOW)
    return NOW


def _resolved(client, database, months_ago: float, *, note: str = "ringede Ole tilbage") -> tuple[str, str]:
    placed = place_inquiry(database, staff=CASEWORKER_STAFF, text=f"Carport hos Ole Smed, {months_ago} mdr.")
    client.post(f"/api/v1/inquiries/{placed.reference}/forward", json={"reason": note, "topic": "road-use"})
    client.post(f"/api/v1/inquiries/{placed.reference}/resolve", json={"note": note})
    with database.writer() as session:
        session.execute(update(Inquiry).where(Inquiry.reference == placed.reference).values(
            resolved_at=(NOW - timedelta(days=30.44 * months_ago)).astimezone(timezone.utc)))
        session.commit()
    return placed.reference, placed.token


def _statistics(session, inquiry: Inquiry) -> dict:
    """What the routing-quality figures are made of: no person and no words in it."""
    team = session.scalars(select(TeamMember.topic_id).where(TeamMember.inquiry_id == inquiry.id)).all()
    return {"topic": inquiry.topic_id, "state": inquiry.state, "assignee": inquiry.assignee_id,
            "received": inquiry.received_at, "resolved": inquiry.resolved_at, "channel": inquiry.channel,
            "events": [(e.kind, e.at, e.staff_id, e.topic_id) for e in inquiry.events], "team": team}


def test_purge_removes_details_keeps_statistics_and_is_idempotent(app, client, login, database, runner, frozen):
    login("admin")
    old_ref, old_token = _resolved(client, database, 25)
    recent_ref, recent_token = _resolved(client, database, 23)
    still_open = place_inquiry(database, staff=CASEWORKER_STAFF, text="Carport, stadig åben")
    with database.reader() as session:
        kept = _statistics(session, session.scalar(select(Inquiry).where(Inquiry.reference == old_ref)))

    result = runner.invoke(args=["purge", "--older-than", "24m"])
    assert result.exit_code == 0 and "purged 1 inquiries resolved before 2026-06-15" in result.output

    with database.reader() as session:
        purged = session.scalar(select(Inquiry).where(Inquiry.reference == old_ref))
        assert (purged.company_name, purged.contact_name, purged.email, purged.phone, purged.text, purged.cvr) == (
            "", "", "", "", "", None)
        assert purged.purged_at is not None and not {"explanation", "chosen"} & set(purged.decision)
        assert {"topics", "department", "model_version"} <= set(purged.decision)
        assert _statistics(session, purged) == kept
        assert all(e.note == "" for e in purged.events)
        for table in (OutboxMessage, TrainingExample):
            left = select(func.count()).select_from(table).where(table.inquiry_id == purged.id)
            assert session.scalar(left) == 0
        for reference in (recent_ref, still_open.reference):
            other = session.scalar(select(Inquiry).where(Inquiry.reference == reference))
            assert other.purged_at is None and other.contact_name == "Ole Smed" and "Carport" in other.text
        notes = session.scalars(select(Event.note).join(Inquiry).where(Inquiry.reference == recent_ref)).all()
        assert "ringede Ole tilbage" in notes
        audit = session.scalars(select(AuditRecord).where(AuditRecord.action == "retention.purge")).one()
        assert audit.detail.startswith("1 resolved before")
    assert client.get(f"/status/{old_token}").status_code == 404
    assert client.get(f"/status/{recent_token}").status_code == 200
    assert client.get(f"/api/v1/inquiries/{old_ref}").get_json()["text"] == ""

    again = fingerprint(database, skip=())
    second = runner.invoke(args=["purge", "--older-than", "24m"])
    assert "purged 0 inquiries" in second.output and fingerprint(database, skip=()) == again


def test_the_default_period_is_the_configured_one(app_config, database, frozen):
    from web import create_app

    app = create_app({**app_config, "VEJVISER_RETENTION_MONTHS": 22})
    client, runner = app.test_client(), app.test_cli_runner()
    client.post("/login", data={"username": "admin", "password": "admin-demo"})
    reference, _ = _resolved(client, database, 23)
    assert "purged 1 inquiries resolved before 2026-08-15" in runner.invoke(args=["purge"]).output
    assert "purged 0" in runner.invoke(args=["purge", "--older-than", "2y"]).output
    with database.reader() as session:
        assert session.scalar(select(Inquiry.text).where(Inquiry.reference == reference)) == ""
    app.extensions["vejviser.db"].engine.dispose()


@pytest.mark.parametrize("period", ["24", "m24", "-3m", "24 months", "1w", ""])
def test_a_period_that_is_not_one_is_refused(runner, period):
    result = runner.invoke(args=["purge", "--older-than", period])
    assert result.exit_code == 2 and "--older-than" in result.output


def test_periods_are_counted_in_calendar_months():
    assert [parse_period(p) for p in ("24m", " 2Y ", "730d")] == [(24, "m"), (2, "y"), (730, "d")]
    leap = datetime(2028, 2, 29, 12, tzinfo=COPENHAGEN)
    assert months_before(leap, 12) == datetime(2027, 2, 28, 12, tzinfo=COPENHAGEN)
    assert months_before(datetime(2028, 3, 31, tzinfo=COPENHAGEN), 1) == datetime(2028, 2, 29, tzinfo=COPENHAGEN)
    assert cutoff(NOW, 2, "y") == cutoff(NOW, 24, "m") == datetime(2026, 6, 15, 10, tzinfo=COPENHAGEN)
    assert cutoff(NOW, 10, "d") == NOW - timedelta(days=10)
