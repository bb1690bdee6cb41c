"""Field-level control: what a role may not change, it cannot change by any door, and a refused
request leaves the whole database as it was."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from directory.models import Competence, Staff, User
from router.models import Inquiry
from tests.hardening import CASEWORKER_STAFF, fingerprint, place_inquiry
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

MAIN_COLLEAGUE = "Mette Kjærgaard"  # the caseworker's colleague in Plan og Byg


@pytest.fixture
def people(database):
    with database.reader() as session:
        ids = dict(session.execute(select(Staff.name, Staff.id)).all())
    return {"own": ids[CASEWORKER_STAFF], "colleague": ids[MAIN_COLLEAGUE]}


def _staff_form(person_id: int, **changes) -> dict:
    """A complete staff form that would make the colleague a primary in wage subsidies."""
    form = {"name": "Mette Kjærgaard", "title": "Byggesagsbehandler", "email": "mette.kjaergaard@havvig.example",
            "phone": "+45 96 60 10 12", "section_id": "1", "languages": "da", "capacity": "26", "active": "y",
            "specialities": "", "competence-building-permit": "primary", "competence-wage-subsidy": "primary"}
    return {**form, **changes}


REFUSED = [
    # (role, method, path, body kind, body, status)
    ("caseworker", "PATCH", "/api/v1/users/sagsbehandler", "json", {"role": "admin"}, 403),
    ("caseworker", "PATCH", "/api/v1/users/leder", "json", {"active": False}, 403),
    ("section_leader", "PATCH", "/api/v1/users/sagsbehandler", "json", {"role": "section_leader"}, 403),
    ("front_desk", "PATCH", "/api/v1/users/skranke", "json", {"role": "admin"}, 403),
    ("caseworker", "POST", "/directory/staff/{colleague}", "form", "colleague", 403),
    ("caseworker", "POST", "/directory/staff/{own}", "form", "own", 403),
    ("caseworker", "POST", "/directory/import", "form", {"action": "apply", "csv_text": "email,name\n"}, 403),
    ("caseworker", "POST", "/directory/absences", "form", {"staff_id": "{colleague}", "starts": "2030-01-01",
                                                          "ends": "2030-01-02"}, 403),
    ("caseworker", "POST", "/quality/retrain", "form", {}, 403),
    ("caseworker", "POST", "/quality/models/1/activate", "form", {}, 403),
    ("front_desk", "POST", "/directory/staff/{colleague}", "form", "colleague", 403),
    ("front_desk", "POST", "/api/v1/inquiries/{reference}/resolve", "json", {"note": "done"}, 403),
    ("front_desk", "POST", "/inbox/{reference}/resolve", "form", {"note": "done"}, 403),
    ("front_desk", "POST", "/api/v1/inquiries/{reference}/forward", "json",
     {"reason": "x", "topic": "wage-subsidy"}, 403),
    ("front_desk", "POST", "/api/v1/inquiries/{reference}/accept", "json", {}, 403),
]


@pytest.mark.parametrize("role,method,path,kind,body,status", REFUSED,
                         ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in REFUSED])
def test_a_refused_change_leaves_everything_as_it_was(client, login, database, people, role, method, path, kind,
                                                      body, status):
    placed = place_inquiry(database, staff=CASEWORKER_STAFF)
    values = {**people, "reference": placed.reference}
    if isinstance(body, str):
        body = _staff_form(values[body])
    elif kind == "form":
        body = {k: v.format(**values) for k, v in body.items()}
    login(role)
    before = fingerprint(database)
    options = {"json": body} if kind == "json" else {"data": body}
    response = client.open(path.format(**values), method=method, **options)
    assert response.status_code == status
    assert fingerprint(database) == before


def test_the_caseworker_can_resolve_what_the_front_desk_cannot(client, login, database, read):
    placed = place_inquiry(database, staff=CASEWORKER_STAFF)
    login("caseworker")
    assert client.post(f"/api/v1/inquiries/{placed.reference}/resolve", json={}).status_code == 200
    assert read().scalar(select(Inquiry.state).where(Inquiry.reference == placed.reference)) == "resolved"


def test_a_section_leader_edits_competences_but_cannot_smuggle_a_role_or_a_load(client, login, database, people,
                                                                                read):
    login("section_leader")
    form = _staff_form(people["colleague"], role="admin", open_inquiries="0", user_id="1", id="1")
    response = client.post(f"/directory/staff/{people['colleague']}", data=form)
    assert response.status_code == 302
    session = read()
    levels = dict(session.execute(select(Competence.topic_id, Competence.level)
                                  .where(Competence.staff_id == people["colleague"])).all())
    assert levels == {"building-permit": "primary", "wage-subsidy": "primary"}
    assert session.scalar(select(User.role).where(User.username == "leder")) == "section_leader"
    assert session.get(Staff, 1).name == "Henrik Søndergaard"  # `id=1` did not retarget the edit


@pytest.mark.parametrize("path,body", [
    ("/api/v1/inquiries", {"text": "carport", "company_name": "A", "cvr": "13585628", "contact_name": "B",
                           "email": "b@a.dk", "state": "resolved"}),
    ("/api/v1/inquiries", {"text": "carport", "company_name": "A", "cvr": "13585628", "contact_name": "B",
                           "email": "b@a.dk", "assignee_id": 3}),
    ("/api/v1/inquiries/{reference}/forward", {"reason": "x", "topic": "wage-subsidy", "state": "resolved"}),
    ("/api/v1/inquiries/{reference}/resolve", {"assignee_id": 1}),
    ("/api/v1/users/skranke", {"role": "front_desk", "password_hash": "x"}),
])
def test_fields_outside_the_documented_body_are_refused_not_ignored(client, login, database, path, body):
    placed = place_inquiry(database, staff=CASEWORKER_STAFF)
    login("admin")
    before = fingerprint(database)
    response = client.open(path.format(reference=placed.reference),
                           method="PATCH" if "/users/" in path else "POST", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_field"
    assert fingerprint(database) == before


def test_the_public_form_ignores_fields_that_are_not_on_it(client, read, model):
    response = client.post("/", data={"company_name": "Thy Smedie ApS", "cvr": "13585628", "contact_name": "Ole",
                                      "email": "ole@smedie.dk", "text": "Vi vil bygge en carport",
                                      "state": "resolved", "assignee_id": "1", "channel": "phone",
                                      "reference": "VV-2000-000001"})
    assert response.status_code == 303
    inquiry = read().scalars(select(Inquiry)).one()
    assert (inquiry.state, inquiry.channel) == ("routed", "web")
    assert inquiry.assignee_id != 1 and inquiry.reference != "VV-2000-000001"
