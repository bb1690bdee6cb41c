"""Staff endpoints: role checks, object checks, stale versions, triage, inbox."""
from __future__ import annotations

import pytest

from tests.fake_model import KeywordModel
from tests.test_api_inquiries import BODY


@pytest.fixture
def submitted(client, monkeypatch):
    monkeypatch.setattr("web.api_inquiries.active_model", KeywordModel)

    def _submit(**changes) -> dict:
        response = client.post("/api/v1/inquiries", json={**BODY, **changes})
        assert response.status_code == 201
        return response.get_json()

    return _submit


def test_staff_endpoints_need_a_login(client, submitted):
    reference = submitted()["reference"]
    assert client.get(f"/api/v1/inquiries/{reference}").status_code == 401
    assert client.post(f"/api/v1/inquiries/{reference}/accept", json={}).status_code == 401


def test_the_caseworker_accepts_and_resolves_their_inquiry(client, login, submitted):
    body = submitted()
    assert body["decision"]["caseworker"]["name"] == "Jonas Bech Nielsen"  # the demo caseworker
    login("caseworker")
    ref = body["reference"]
    inquiry = client.get(f"/api/v1/inquiries/{ref}").get_json()
    accepted = client.post(f"/api/v1/inquiries/{ref}/accept", json={"version": inquiry["version"]})
    assert accepted.status_code == 200 and accepted.get_json()["state"] == "accepted"
    stale = client.post(f"/api/v1/inquiries/{ref}/resolve", json={"version": inquiry["version"]})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "stale_version"
    again = client.post(f"/api/v1/inquiries/{ref}/accept", json={})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "wrong_state"
    resolved = client.post(f"/api/v1/inquiries/{ref}/resolve", json={"note": "Svaret pr. telefon"})
    assert resolved.status_code == 200 and resolved.get_json()["state"] == "resolved"
    events = [e["event"] for e in resolved.get_json()["history"]]
    assert events == ["received", "routed", "accepted", "resolved"]


def test_the_front_desk_may_not_act_on_a_routed_case_but_may_triage(client, login, submitted):
    routed = submitted()["reference"]
    unsure = submitted(text="Hej, hvem kan hjælpe os med noget?")
    assert unsure["decision"]["needs_review"] is True
    login("front_desk")
    refused = client.post(f"/api/v1/inquiries/{routed}/accept", json={})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "forbidden"
    waiting = client.get("/api/v1/triage").get_json()["inquiries"]
    assert [i["reference"] for i in waiting] == [unsure["reference"]]
    triaged = client.post(f"/api/v1/inquiries/{unsure['reference']}/triage", json={"topic": "startup"})
    assert triaged.status_code == 200
    assert triaged.get_json()["state"] == "routed" and "startup" in triaged.get_json()["caseworker"]["topics"]
    assert client.get("/api/v1/triage").get_json()["inquiries"] == []


def test_triage_is_front_desk_work(client, login, submitted):
    unsure = submitted(text="Hej, hvem kan hjælpe os med noget?")["reference"]
    login("caseworker")
    assert client.post(f"/api/v1/inquiries/{unsure}/triage", json={"topic": "startup"}).status_code == 403


def test_a_caseworker_cannot_read_or_act_on_someone_elses_inquiry(client, login, submitted):
    other = submitted(text="Vi søger løntilskud til en ny medarbejder")
    assert other["decision"]["caseworker"]["name"] != "Jonas Bech Nielsen"
    login("caseworker")
    assert client.get(f"/api/v1/inquiries/{other['reference']}").status_code == 403
    assert client.post(f"/api/v1/inquiries/{other['reference']}/resolve", json={}).status_code == 403


def test_the_section_leader_may_forward_a_case_in_the_section(client, login, submitted):
    ref = submitted()["reference"]
    login("section_leader")
    missing = client.post(f"/api/v1/inquiries/{ref}/forward", json={"topic": "road-use"})
    assert missing.status_code == 400 and missing.get_json()["error"]["code"] == "missing_field"
    moved = client.post(f"/api/v1/inquiries/{ref}/forward",
                        json={"reason": "Det er udeservering, ikke byggeri", "topic": "road-use"})
    assert moved.status_code == 200 and moved.get_json()["topic"] == "road-use"
    unknown = client.post(f"/api/v1/inquiries/{ref}/forward", json={"reason": "x", "topic": "no-such-topic"})
    assert unknown.status_code in (403, 409)


def test_the_inbox_lists_the_caseworkers_open_cases(client, login, submitted):
    ref = submitted()["reference"]
    login("caseworker")
    items = client.get("/api/v1/inbox").get_json()["inquiries"]
    assert [i["reference"] for i in items] == [ref] and items[0]["role"] == "lead"
    assert client.get("/api/v1/inquiries/VV-1999-000001").status_code == 404
