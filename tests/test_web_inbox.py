"""The caseworker's inbox: what is mine and urgent, and accepting, resolving and forwarding it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from directory.clock import today
from directory.models import Staff
from router.models import Inquiry, TrainingExample
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

CARPORT = {"company_name": "Havvig Stål ApS", "cvr": "10150817", "contact_name": "Mette Hansen",
           "email": "mette@havvigstaal.dk", "text": "Vi vil bygge en carport ved værkstedet."}


@pytest.fixture
def jonas_has(client, database, model):
    """Submit inquiries through the form and give them all to Jonas (the demo caseworker)."""

    def _give(count: int = 1, **overdue_days) -> list[str]:
        public = client.application.test_client()
        for n in range(count):
            public.post("/", data={**CARPORT, "company_name": f"Firma {n}"})
        with database.writer() as session:
            jonas = session.scalar(select(Staff.id).where(Staff.name == "Jonas Bech Nielsen"))
            session.execute(update(Inquiry).values(assignee_id=jonas))
            for reference, days in overdue_days.items():
                session.execute(update(Inquiry).where(Inquiry.company_name == reference)
                                .values(respond_by=today() - timedelta(days=days)))
            session.commit()
            return list(session.scalars(select(Inquiry.reference).order_by(Inquiry.id)))

    return _give


def test_my_inquiries_come_most_urgent_first_with_overdue_ones_marked(client, login, jonas_has):
    references = jonas_has(3, **{"Firma 2": 3})
    login("caseworker")
    html = client.get("/inbox").get_data(as_text=True)
    positions = [html.index(r) for r in references]
    assert positions[2] < positions[0]  # the overdue one is at the top
    assert 'class="overdue"' in html and "1 er over svarfristen" in html


def test_the_detail_explains_the_routing_and_shows_the_history(client, login, jonas_has):
    reference = jonas_has()[0]
    login("caseworker")
    html = client.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "Vi vil bygge en carport ved værkstedet." in html
    assert "Hvorfor den er sendt hertil" in html and "Genkendt som" in html
    assert "Modtaget" in html and "Sendt til sagsbehandler" in html
    assert 'id="accept"' in html and 'id="forward"' in html and 'id="resolve"' in html


def test_accept_then_resolve(client, login, jonas_has, read):
    reference = jonas_has()[0]
    login("caseworker")
    client.post(f"/inbox/{reference}/accept")
    assert read().scalar(select(Inquiry.state).where(Inquiry.reference == reference)) == "accepted"
    response = client.post(f"/inbox/{reference}/resolve", data={"note": "Svaret pr. telefon"})
    assert response.headers["Location"] == "/inbox"
    assert read().scalar(select(Inquiry.state).where(Inquiry.reference == reference)) == "resolved"
    assert f'href="/inbox/{reference}"' not in client.get("/inbox").get_data(as_text=True)


def test_forwarding_needs_a_reason(client, login, jonas_has, read):
    reference = jonas_has()[0]
    login("caseworker")
    client.post(f"/inbox/{reference}/forward", data={"topic": "road-use", "reason": "  "})
    html = client.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "Skriv en begrundelse" in html
    assert read().scalar(select(Inquiry.topic_id).where(Inquiry.reference == reference)) == "building-permit"


def test_forwarding_to_another_topic_moves_it_and_teaches_the_model(client, login, jonas_has, read):
    reference = jonas_has()[0]
    login("caseworker")
    response = client.post(f"/inbox/{reference}/forward",
                           data={"topic": "road-use", "reason": "Det handler om en container på fortovet"})
    assert response.headers["Location"] == "/inbox"
    db = read()
    inquiry = db.scalar(select(Inquiry).where(Inquiry.reference == reference))
    assert inquiry.topic_id == "road-use" and "road-use" in inquiry.assignee.topic_ids()
    example = db.scalars(select(TrainingExample)).one()
    assert example.source == "correction" and example.topics == ["road-use"]
    assert f'href="/inbox/{reference}"' not in client.get("/inbox").get_data(as_text=True)


def test_forwarding_to_an_absent_colleague_is_refused(client, login, jonas_has, read):
    reference = jonas_has()[0]
    login("caseworker")
    mette = read().scalar(select(Staff.id).where(Staff.name == "Mette Kjærgaard"))
    client.post(f"/inbox/{reference}/forward", data={"staff_id": mette, "reason": "Hun kender sagen"})
    assert "fraværende i dag" in client.get(f"/inbox/{reference}").get_data(as_text=True)


def test_someone_elses_inquiry_is_not_found(client, login, model, read):
    client.post("/", data={**CARPORT, "text": "Vi mangler medarbejdere til sæsonen"})
    reference = read().scalar(select(Inquiry.reference))
    assignee = read().scalar(select(Staff.name).join(Inquiry, Inquiry.assignee_id == Staff.id))
    assert assignee != "Jonas Bech Nielsen"
    login("caseworker")
    assert client.get(f"/inbox/{reference}").status_code == 404
    assert client.post(f"/inbox/{reference}/accept").status_code == 404
