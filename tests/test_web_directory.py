"""Directory administration as a section leader does it: staff, absences, CSV, coverage."""
from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from directory.clock import today
from directory.models import Absence, Staff
from router.models import AuditRecord
from tests.web_fixtures import read  # noqa: F401 - fixture


@pytest.fixture
def leader(client, login):
    return login("section_leader")


def person(read, name: str) -> Staff:
    return read().scalar(select(Staff).where(Staff.name == name))


def form_of(read, name: str) -> dict:
    """The edit form's current values, as the browser would post them back."""
    p = person(read, name)
    data = {"name": p.name, "title": p.title, "email": p.email, "phone": p.phone, "section_id": p.section_id,
            "languages": p.languages, "capacity": p.capacity, "specialities": "\n".join(s.keyword for s in p.specialities)}
    if p.active:
        data["active"] = "y"
    data.update({f"competence-{c.topic_id}": c.level for c in p.competences})
    return data


def test_the_staff_list_searches_and_shows_who_is_away(leader):
    html = leader.get("/directory", query_string={"q": "kjærgaard"}).get_data(as_text=True)
    assert "Mette Kjærgaard" in html and "Jonas Bech Nielsen" in html  # Jonas is her deputy
    assert "1 medarbejder" in html and "Fraværende i dag" in html
    assert "Aysel Demir" not in leader.get("/directory", query_string={"q": "Mette"}).get_data(as_text=True)


def test_a_leader_edits_contact_details_capacity_competences_and_specialities(leader, read):
    jonas = person(read, "Jonas Bech Nielsen")
    data = form_of(read, "Jonas Bech Nielsen")
    data.update({"phone": "96601099", "capacity": "12", "specialities": "BR18\nlagerhaller\n",
                 "competence-road-use": "", "competence-excavation": "secondary"})
    response = leader.post(f"/directory/staff/{jonas.id}", data=data)
    assert response.status_code == 302
    after = person(read, "Jonas Bech Nielsen")
    assert after.phone == "+45 96 60 10 99" and after.capacity == 12
    assert {c.topic_id: c.level for c in after.competences} == {
        "building-permit": "primary", "signs-facades": "primary", "excavation": "secondary"}
    assert sorted(s.keyword for s in after.specialities) == ["BR18", "lagerhaller"]
    audit = read().scalars(select(AuditRecord).where(AuditRecord.action == "staff.update")).one()
    assert "phone" in audit.detail and "competences" in audit.detail


def test_a_changed_speciality_is_found_by_the_front_desk_at_once(client, leader, login, read):
    jonas = person(read, "Jonas Bech Nielsen")
    data = form_of(read, "Jonas Bech Nielsen") | {"specialities": "solcelleanlæg"}
    leader.post(f"/directory/staff/{jonas.id}", data=data)
    client.post("/logout")
    login("front_desk")
    results = client.get("/api/v1/staff/search", query_string={"q": "solcelleanlæg"}).get_json()["results"]
    assert results[0]["name"] == "Jonas Bech Nielsen"


def test_invalid_details_are_shown_next_to_their_fields(leader, read):
    jonas = person(read, "Jonas Bech Nielsen")
    data = form_of(read, "Jonas Bech Nielsen") | {"email": "not-an-address", "capacity": "0", "phone": "12"}
    response = leader.post(f"/directory/staff/{jonas.id}", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for field in ("email", "capacity", "phone"):
        assert f'id="{field}-error"' in html and f'href="#{field}"' in html
    assert person(read, "Jonas Bech Nielsen").email == jonas.email


def test_an_email_in_use_by_someone_else_is_refused(leader, read):
    jonas = person(read, "Jonas Bech Nielsen")
    data = form_of(read, "Jonas Bech Nielsen") | {"email": "aysel.demir@havvig.example"}
    html = leader.post(f"/directory/staff/{jonas.id}", data=data).get_data(as_text=True)
    assert "bruges allerede" in html


def test_an_absence_with_a_deputy_shows_in_the_week_and_at_the_desk(client, leader, login, read):
    anders, julie = person(read, "Anders Skovgaard"), person(read, "Julie Thomsen")
    starts = today() + timedelta(days=max(0, 7 - today().weekday()) if today().weekday() >= 5 else 0)
    response = leader.post("/directory/absences", data={
        "staff_id": anders.id, "starts": starts.isoformat(), "ends": (starts + timedelta(days=3)).isoformat(),
        "deputy_id": julie.id, "reason": "Kursus"})
    assert response.status_code == 302
    week = leader.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fraværet for Anders Skovgaard er registreret." in week
    row = week[week.index(f'href="/directory/staff/{anders.id}">Anders Skovgaard'):]
    row = row[:row.index("</tr>")]
    assert "Julie Thomsen" in row and 'class="day away"' in row
    if starts == today():
        client.post("/logout")
        login("front_desk")
        hit = client.get("/api/v1/staff/search", query_string={"q": "Anders Skovgaard"}).get_json()["results"][0]
        assert hit["present"] is False and hit["deputy"]["name"] == "Julie Thomsen"


def test_an_absence_is_refused_when_the_deputy_is_away_too(leader, read):
    mette, jens = person(read, "Mette Kjærgaard"), person(read, "Jens Christian Bundgaard")
    leader.post("/directory/absences", data={"staff_id": jens.id, "starts": today().isoformat(),
                                             "ends": today().isoformat(), "deputy_id": mette.id})
    html = leader.get("/directory/absences").get_data(as_text=True)
    assert "Stedfortræderen er selv væk" in html


def test_an_absence_can_be_deleted(leader, read):
    mette = person(read, "Mette Kjærgaard")
    absence_id = mette.absences[0].id
    leader.post(f"/directory/absences/{absence_id}/delete", data={"back": "person"})
    assert read().get(Absence, absence_id) is None


def test_a_csv_with_errors_is_previewed_line_by_line_and_changes_nothing(leader, read):
    csv = ("email,name,department,section,competences\n"
           "ny@havvig.example,Ny Person,technical-services,Plan og Byg,building-permit:primary\n"
           "forkert,Uden Mail,technical-services,Plan og Byg,\n"
           "tredje@havvig.example,Tredje,no-such-department,X,unknown-topic\n")
    response = leader.post("/directory/import", data={"file": (io.BytesIO(csv.encode()), "staff.csv"),
                                                      "action": "preview"}, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Intet er importeret" in html
    lines = re.findall(r'<td class="numeric">(\d+)</td>', html)
    assert set(lines) == {"3", "4"} and "unknown-topic" in html
    assert person(read, "Ny Person") is None


def test_a_valid_csv_is_previewed_then_applied(leader, read):
    csv = ("email,name,department,section,competences,capacity\n"
           "ny@havvig.example,Ny Person,technical-services,Plan og Byg,building-permit:primary,8\n")
    preview = leader.post("/directory/import", data={"file": (io.BytesIO(csv.encode()), "staff.csv"),
                                                     "action": "preview"}, content_type="multipart/form-data")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "1 nye, 0 ændrede" in html and 'value="apply"' in html
    assert person(read, "Ny Person") is None  # a preview changes nothing
    hidden = re.search(r'name="csv_text" value="([^"]*)"', html).group(1)
    applied = leader.post("/directory/import", data={"csv_text": hidden.replace("&#34;", '"'), "action": "apply"})
    assert applied.headers["Location"] == "/directory"
    assert person(read, "Ny Person").capacity == 8


def test_export_is_a_spreadsheet_safe_utf8_csv(leader, read):
    response = leader.post("/directory/export")
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert body.startswith("\ufeffemail,name,") and "Mette Kjærgaard" in body
    assert read().scalars(select(AuditRecord.action)).all() == ["staff.export"]


def test_coverage_flags_a_topic_once_too_few_qualified_people_are_in(leader, read):
    html = leader.get("/directory/coverage", query_string={"department": "technical-services"}).get_data(as_text=True)
    assert "Natur og vandløb" in html and "0 emner med risiko" in html
    anders = person(read, "Anders Skovgaard")
    leader.post("/directory/absences", data={"staff_id": anders.id, "starts": today().isoformat(),
                                             "ends": (today() + timedelta(days=2)).isoformat()})
    html = leader.get("/directory/coverage", query_string={"department": "technical-services"}).get_data(as_text=True)
    risks = html[html.index('class="risk-list"'):html.index('id="matrix-heading"')]
    assert "1 emne med risiko" in risks and "Natur og vandløb" in risks and "1 kvalificeret på arbejde i dag" in risks
    assert 'class="risk-today"' in html


def test_coverage_looks_ahead_fourteen_days(leader, read):
    julie = person(read, "Julie Thomsen")
    start = today() + timedelta(days=7)
    leader.post("/directory/absences", data={"staff_id": julie.id, "starts": start.isoformat(),
                                             "ends": (start + timedelta(days=2)).isoformat()})
    html = leader.get("/directory/coverage").get_data(as_text=True)
    risks = html[html.index('class="risk-list"'):html.index('id="matrix-heading"')]
    assert "Natur og vandløb" in risks and "Kommende dage" in risks and "For få på arbejde" in risks


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "2026-02-30", "next", ""])
def test_any_week_in_the_address_shows_a_week(leader, week):
    assert leader.get("/directory/absences", query_string={"week": week}).status_code == 200
