"""The audit log: assignments, forwards, role and competence changes, exports and refused requests each
leave a record of who, when and what, and section leaders (only) can read it."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.hardening import BUSINESS, CASEWORKER_STAFF, ELSEWHERE_SECTION, place_inquiry
from tests.web_fixtures import model, read  # noqa: F401 - fixtures


def _records(client, action: str = "") -> list[dict]:
    response = client.get("/api/v1/audit", query_string={"action": action, "limit": 500})
    assert response.status_code == 200
    return response.get_json()["records"]


def _recent(record: dict) -> bool:
    at = datetime.fromisoformat(record["at"])
    return abs(datetime.now(timezone.utc) - at) < timedelta(minutes=5)


def test_every_sensitive_step_leaves_a_record_of_who_when_and_what(app, client, login, database, model):
    unsure = place_inquiry(database, text="Noget helt andet")
    mine = place_inquiry(database, staff=CASEWORKER_STAFF)
    client.post("/api/v1/inquiries", json={**BUSINESS, "text": "Vi vil bygge en carport"})
    desk = login("front_desk", app.test_client())
    desk.post(f"/api/v1/inquiries/{unsure.reference}/triage", json={"topic": "road-use"})
    caseworker = login("caseworker", app.test_client())
    caseworker.post(f"/api/v1/inquiries/{mine.reference}/forward", json={"reason": "vej", "topic": "road-use"})
    caseworker.get("/directory")  # refused: not a section leader
    leader = login("section_leader", app.test_client())
    leader.post("/directory/staff/2", data={
        "name": "Mette Kjærgaard", "title": "Byggesagsbehandler", "email": "mette.kjaergaard@havvig.example",
        "phone": "+45 96 60 10 12", "section_id": "1", "languages": "da", "capacity": "26", "active": "y",
        "competence-building-permit": "primary", "competence-local-planning": "secondary"})
    leader.post("/directory/export")
    admin = login("admin", app.test_client())
    admin.patch("/api/v1/users/skranke", json={"role": "caseworker"})

    records = _records(leader)
    by_action = {}
    for record in records:
        by_action.setdefault(record["action"], []).append(record)
        assert _recent(record)
    assign = by_action["inquiry.assign"]
    assert any(r["user"] is None and "(routing)" in r["detail"] for r in assign)  # the public form's inquiry
    assert any(r["user"] == "skranke" and r["target"] == unsure.reference and "road-use" in r["detail"]
               for r in assign)
    assert [r["user"] for r in by_action["inquiry.forward"] if r["target"] == mine.reference] == ["sagsbehandler"]
    assert by_action["user.role"][0]["user"] == "admin"
    assert by_action["user.role"][0]["detail"] == "front_desk -> caseworker"
    assert by_action["user.role"][0]["target"] == "user:skranke"
    update = next(r for r in by_action["staff.update"] if r["target"] == "staff:2")
    assert update["user"] == "leder" and "+local-planning:secondary" in update["detail"]
    assert "-signs-facades" in update["detail"]
    assert by_action["staff.export"][0]["user"] == "leder"
    denied = [r for r in by_action["authz.denied"] if r["user"] == "sagsbehandler"]
    assert denied and denied[0]["target"] == "GET /directory"


def test_an_object_level_refusal_in_the_api_is_recorded_too(app, login, database):
    elsewhere = place_inquiry(database, section=ELSEWHERE_SECTION, text="Vi søger medarbejdere")
    caseworker = login("caseworker", app.test_client())
    assert caseworker.post(f"/api/v1/inquiries/{elsewhere.reference}/resolve", json={}).status_code == 403
    leader = login("section_leader", app.test_client())
    denied = _records(leader, "authz.")
    assert [r["target"] for r in denied] == [f"POST /api/v1/inquiries/{elsewhere.reference}/resolve"]


def test_only_section_leaders_and_admins_read_the_log_and_asking_is_itself_recorded(app, login):
    for role, status in (("front_desk", 403), ("caseworker", 403), ("section_leader", 200), ("admin", 200)):
        assert login(role, app.test_client()).get("/api/v1/audit").status_code == status
    assert app.test_client().get("/api/v1/audit").status_code == 401
    records = _records(login("admin", app.test_client()), "authz.denied")
    assert sorted(r["user"] for r in records) == ["sagsbehandler", "skranke"]


def test_the_log_pages_backwards_and_filters_by_action(app, login, database):
    for _ in range(3):
        place_inquiry(database, staff=CASEWORKER_STAFF)
    leader = login("section_leader", app.test_client())
    first = leader.get("/api/v1/audit", query_string={"limit": 2}).get_json()["records"]
    older = leader.get("/api/v1/audit", query_string={"limit": 2, "before": first[-1]["id"]}).get_json()["records"]
    assert len(first) == 2 and older and older[0]["id"] < first[-1]["id"]
    assert all(r["action"].startswith("inquiry.") for r in _records(leader, "inquiry."))


def test_section_leaders_read_the_log_as_a_page_too(app, login, database):
    place_inquiry(database, staff=CASEWORKER_STAFF)
    login("caseworker", app.test_client()).get("/quality")  # refused, so recorded
    leader = login("section_leader", app.test_client())
    page = leader.get("/directory/audit").get_data(as_text=True)
    assert "Revisionslog" in page and "inquiry.assign" in page and "authz.denied" in page
    assert "sagsbehandler" in page and "GET /quality" in page
    refused_only = leader.get("/directory/audit", query_string={"action": "authz."}).get_data(as_text=True)
    assert "authz.denied" in refused_only and "inquiry.assign" not in refused_only
    assert leader.get("/directory/audit", query_string={"action": "nonsense", "before": "-5"}).status_code == 200
    assert 'href="/directory/audit"' in leader.get("/directory").get_data(as_text=True)  # in the menu


def test_a_page_refusal_answered_as_not_found_is_recorded_too(app, login, database):
    elsewhere = place_inquiry(database, section=ELSEWHERE_SECTION, text="Vi søger medarbejdere")
    caseworker = login("caseworker", app.test_client())
    assert caseworker.get(f"/inbox/{elsewhere.reference}").status_code == 404
    assert caseworker.get("/inbox/VV-1999-000001").status_code == 404  # really not there: nothing to record
    denied = _records(login("section_leader", app.test_client()), "authz.")
    assert [(r["user"], r["target"]) for r in denied] == [("sagsbehandler", f"GET /inbox/{elsewhere.reference}")]
    assert "answered 404" in denied[0]["detail"]
