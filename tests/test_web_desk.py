"""The front desk: finding the right person, putting a call through, and triage."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from directory.models import Staff
from router.models import Event, Inquiry, TrainingExample
from tests.web_fixtures import model, read  # noqa: F401 - fixtures


@pytest.fixture
def desk(client, login):
    return login("front_desk")


def staff_id(read, name: str) -> int:
    return read().scalar(select(Staff.id).where(Staff.name == name))


def test_the_desk_finds_the_right_people_without_javascript(desk):
    html = desk.get("/desk", query_string={"q": "lærling smed"}).get_data(as_text=True)
    assert 'class="desk-card"' in html and "Voksenlærlinge og opkvalificering" in html
    assert 'href="tel:+4596' in html and "Til stede i dag" in html


def test_an_absent_person_is_shown_with_their_deputy_every_time(desk):
    for _ in range(2):  # the index is cached between requests; the second look-up must work too
        response = desk.get("/desk", query_string={"q": "Mette Kjærgaard"})
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Fraværende i dag" in html and "Jonas Bech Nielsen" in html
        assert "Stil om til stedfortræder" in html


def test_a_call_put_through_is_logged_and_lands_in_that_caseworkers_inbox(desk, client, login, read, model):
    jonas = staff_id(read, "Jonas Bech Nielsen")
    response = desk.post("/desk/calls", data={"text": "Ringer om en carport ved værkstedet", "phone": "20304050",
                                              "contact_name": "Per Holm", "staff_id": jonas, "language": "da"})
    assert response.status_code == 302
    flash = desk.get("/desk").get_data(as_text=True)
    inquiry = read().scalars(select(Inquiry)).one()
    assert inquiry.channel == "phone" and inquiry.assignee_id == jonas and inquiry.phone == "+45 20 30 40 50"
    assert f"Opkaldet er registreret som {inquiry.reference}" in flash and "Jonas Bech Nielsen" in flash
    client.post("/logout")
    login("caseworker")
    assert inquiry.reference in client.get("/inbox").get_data(as_text=True)


def test_the_desk_can_overrule_the_router_which_is_recorded_as_a_correction(desk, read, model):
    ida = staff_id(read, "Ida Marie Lauridsen")  # environment staff: not building permits
    desk.post("/desk/calls", data={"text": "Spørgsmål om en carport", "phone": "20304050", "staff_id": ida})
    inquiry = read().scalars(select(Inquiry)).one()
    db = read()
    person = db.get(Staff, ida)
    assert inquiry.assignee_id == ida and inquiry.topic_id in person.topic_ids()
    corrected = db.scalars(select(Event).where(Event.inquiry_id == inquiry.id, Event.kind == "forwarded")).one()
    assert corrected.internal and "front desk" in corrected.note
    example = db.scalars(select(TrainingExample)).one()
    assert example.source == "correction" and example.topics == [inquiry.topic_id]


def test_a_call_to_an_absent_person_is_refused_with_a_hint(desk, read, model):
    mette = staff_id(read, "Mette Kjærgaard")
    response = desk.post("/desk/calls", data={"text": "carport", "phone": "20304050", "staff_id": mette})
    assert response.status_code == 409
    assert "fraværende i dag" in response.get_data(as_text=True)
    assert read().scalars(select(Inquiry)).all() == []


def test_a_call_needs_a_way_to_reach_the_caller(desk, model):
    response = desk.post("/desk/calls", data={"text": "carport", "q": "carport"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="phone-error"' in html and 'href="#phone"' in html


def test_an_unsure_inquiry_is_triaged_with_one_click(desk, client, read, model):
    client.post("/", data={"company_name": "Fisk A/S", "cvr": "10150817", "contact_name": "Ib",
                           "email": "ib@fisk.dk", "text": "Noget helt andet om fisk og både"})
    inquiry = read().scalars(select(Inquiry)).one()
    assert inquiry.state == "needs_review"
    html = desk.get("/desk/triage").get_data(as_text=True)
    assert inquiry.reference in html and "Noget helt andet om fisk" in html
    assert 'name="topic" value="' in html  # the model's guesses as buttons
    response = desk.post(f"/desk/triage/{inquiry.reference}", data={"topic": "wage-subsidy",
                                                                    "version": inquiry.version})
    assert response.status_code == 302
    db = read()
    inquiry = db.get(Inquiry, inquiry.id)
    assert inquiry.state == "routed" and inquiry.topic_id == "wage-subsidy"
    assert "wage-subsidy" in inquiry.assignee.topic_ids()
    assert db.scalars(select(TrainingExample.source)).all() == ["triage"]
    after = desk.get("/desk/triage").get_data(as_text=True)
    assert f"{inquiry.reference} er sendt til {inquiry.assignee.name}" in after
    assert f'id="triage-{inquiry.reference}"' not in after


def test_a_stale_triage_choice_is_refused(desk, client, read, model):
    client.post("/", data={"company_name": "Fisk A/S", "cvr": "10150817", "contact_name": "Ib",
                           "email": "ib@fisk.dk", "text": "Noget om fisk"})
    inquiry = read().scalars(select(Inquiry)).one()
    desk.post(f"/desk/triage/{inquiry.reference}", data={"topic": "wage-subsidy", "version": inquiry.version + 5})
    assert "ændret henvendelsen imens" in desk.get("/desk/triage").get_data(as_text=True)
