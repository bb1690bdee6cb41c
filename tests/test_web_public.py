"""The public pages as a business uses them: the form, its errors, the receipt and the status page."""
from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from router.models import Event, Inquiry
from tests.web_fixtures import make_app, model, read  # noqa: F401 - fixtures

VALID = {"company_name": "Havvig Stål ApS", "cvr": "10150817", "contact_name": "Mette Hansen",
         "email": "mette@havvigstaal.dk", "phone": "20 30 40 50",
         "text": "Vi vil bygge en lagerhal med tilbygning og vil vide om det kræver byggetilladelse."}


def submit(client, **changes):
    return client.post("/", data={**VALID, **changes})


def test_the_form_has_the_api_field_names_labels_and_danish_by_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="da">' in html
    for name in ("company_name", "cvr", "contact_name", "email", "phone", "text", "language"):
        assert f'name="{name}"' in html
        assert f'for="{name}"' in html, f"{name} has no label"
    assert "Kontakt kommunens erhvervsservice" in html


def test_english_at_a_click_is_kept_for_the_session(client):
    response = client.get("/sprog/en?next=/")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html and "Contact the municipality's business service" in unescape(html)
    assert 'value="en" checked' in html  # replies in English are preselected too


def test_the_language_switch_only_goes_back_to_local_pages(client):
    assert client.get("/sprog/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/sprog/xx").status_code == 404


def test_an_invalid_cvr_is_explained_next_to_the_field_and_at_the_top_with_the_text_kept(client, model):
    response = submit(client, cvr="12345678", text="Min særlige tekst om en carport")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="cvr-error"' in html and "kontrolcifferet passer ikke" in html
    field = re.search(r'<input[^>]*id="cvr"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and "cvr-error" in field
    summary = html[html.index('id="error-summary"'):html.index("</ul>", html.index('id="error-summary"'))]
    assert 'href="#cvr"' in summary and "CVR-nummer" in summary
    assert "Min særlige tekst om en carport</textarea>" in html
    assert 'value="Havvig Stål ApS"' in html
    assert model.calls == []  # nothing was routed or stored


def test_every_missing_field_is_listed_in_the_readers_language(client):
    client.get("/sprog/en")
    html = client.post("/", data={"language": "en"}).get_data(as_text=True)
    for field in ("company_name", "cvr", "contact_name", "email", "text"):
        assert f'href="#{field}"' in html
    assert "Enter the company's 8-digit CVR number." in unescape(html)
    assert "phone-error" not in html  # the phone number is optional


def test_a_business_gets_a_receipt_naming_a_qualified_caseworker(client, model, read):
    response = submit(client)
    assert response.status_code == 303 and response.headers["Location"] == "/kvittering"
    receipt = client.get("/kvittering")
    html = receipt.get_data(as_text=True)
    inquiry = read().scalars(select(Inquiry)).one()
    person = inquiry.assignee
    assert inquiry.channel == "web" and "building-permit" in person.topic_ids()
    assert inquiry.reference in html and person.name in html
    assert f'href="tel:{person.phone.replace(" ", "")}"' in html and f"mailto:{person.email}" in html
    assert "Hvorfor denne person?" in html and "I hører fra os senest" in html
    status_link = re.search(r'href="(http://localhost/status/[^"]+)"', html).group(1)
    assert receipt.headers["Cache-Control"] == "no-store" and receipt.headers["Referrer-Policy"] == "no-referrer"
    status = client.get(status_link.removeprefix("http://localhost"))
    assert status.status_code == 200 and inquiry.reference in status.get_data(as_text=True)


def test_reloading_the_receipt_does_not_submit_again(client, model, read):
    submit(client)
    client.get("/kvittering")
    client.get("/kvittering")
    assert len(read().scalars(select(Inquiry)).all()) == 1


def test_the_receipt_needs_a_submission_first(client):
    assert client.get("/kvittering").headers["Location"] == "/"


def test_an_english_inquiry_gets_an_english_receipt(client, model, read):
    client.get("/sprog/en")
    submit(client, language="en", text="We want to build an extension to our workshop; do we need a building permit?")
    html = client.get("/kvittering").get_data(as_text=True)
    inquiry = read().scalars(select(Inquiry)).one()
    assert inquiry.language == "en" and "Your caseworker" in html and inquiry.assignee.name in html


def _submitted_status(client, read):
    submit(client)
    html = client.get("/kvittering").get_data(as_text=True)
    path = re.search(r'href="http://localhost(/status/[^"]+)"', html).group(1)
    return read().scalars(select(Inquiry)).one(), path


def test_the_status_page_shows_state_and_history_but_never_internal_notes(client, model, read, database):
    inquiry, path = _submitted_status(client, read)
    with database.writer() as session:
        session.add(Event(inquiry_id=inquiry.id, kind="forwarded", note="intern bemærkning om kunden",
                          staff_id=inquiry.assignee_id, internal=True))
        session.commit()
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert "Hos sagsbehandleren" in html and "Vi modtog henvendelsen." in html
    assert "Sagen blev sendt videre til en kollega" in html
    assert "intern bemærkning" not in html and inquiry.text not in html
    assert response.headers["Referrer-Policy"] == "no-referrer" and response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("token", ["wrong-token", "x" * 43, "a" * 300])
def test_a_wrong_status_token_is_a_plain_404(client, token):
    response = client.get(f"/status/{token}")
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store" and response.headers["Referrer-Policy"] == "no-referrer"
    assert "VV-" not in response.get_data(as_text=True)


def test_the_public_form_is_rate_limited(make_app, model):
    client = make_app(VEJVISER_PUBLIC_RATE_LIMIT="2/minute").test_client()
    statuses = [client.post("/", data={"cvr": "1"}).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
    assert client.get("/").status_code == 200  # reading the form is never limited


def test_the_accessibility_statement_is_linked_from_every_page(client):
    for path in ("/", "/login", "/privatliv"):
        assert 'href="/tilgaengelighed"' in client.get(path).get_data(as_text=True)
    html = client.get("/tilgaengelighed").get_data(as_text=True)
    assert "WCAG 2.1" in html and "Digitaliseringsstyrelsen" in html
