"""A business in a real browser: the form in Danish and English, the receipt, the status page, errors,
keyboard use, no JavaScript, and an axe-core scan of every public page."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from directory.models import Staff
from router.models import Inquiry
from tests.browser.helpers import fill_form, serious_violations, submit_inquiry

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CANOPY_DA = ("Vi vil bygge en overdækning på ca. 200 m² ved vores lagerhal på Havnevej 12. "
             "Kræver det en byggetilladelse, og hvor lang tid tager sagsbehandlingen?")
EXTENSION_EN = ("We would like to build an extension to our workshop on Industrivej 4 for a new production "
                "line. Do we need a building permit, and how long does it take?")


def caseworker_is_qualified(server_db, reference: str, name: str) -> None:
    with server_db.reader() as session:
        inquiry = session.scalar(select(Inquiry).where(Inquiry.reference == reference))
        person = session.scalar(select(Staff).where(Staff.name == name))
        assert inquiry.assignee_id == person.id and inquiry.topic_id in person.topic_ids()


def test_a_business_submits_in_danish_and_follows_its_status_link(page, shot, axe_source, server_db):
    page.goto("/")
    assert page.get_attribute("html", "lang") == "da"
    assert serious_violations(page, axe_source) == []
    fill_form(page, CANOPY_DA)
    shot(page, "form", readme=True)
    page.click("text=Send henvendelsen")
    page.wait_for_url("**/kvittering")
    reference = page.text_content(".reference")
    name = page.text_content(".contact-card .contact-name").strip()
    assert re.fullmatch(r"VV-\d{4}-\d{6}", reference)
    assert page.is_visible("text=Hvorfor denne person?") and page.is_visible(".respond-by")
    caseworker_is_qualified(server_db, reference, name)
    assert serious_violations(page, axe_source) == []
    shot(page, "receipt", readme=True)

    page.click("#status-link")
    page.wait_for_url("**/status/**")
    assert reference in page.text_content("h1") and name in page.text_content("main")
    assert page.is_visible("text=Vi modtog henvendelsen.")
    assert serious_violations(page, axe_source) == []
    shot(page, "status")

    response = page.goto("/status/" + "x" * 43)
    assert response.status == 404 and reference not in page.content()
    shot(page, "status-wrong-token")


def test_a_business_submits_in_english(page, shot, server_db):
    page.goto("/")
    page.click("a[hreflang=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert page.is_checked("#language-en")
    fill_form(page, EXTENSION_EN)
    page.click("text=Send the inquiry")
    page.wait_for_url("**/kvittering")
    assert page.is_visible("text=Your caseworker")
    reference = page.text_content(".reference")
    caseworker_is_qualified(server_db, reference, page.text_content(".contact-card .contact-name").strip())
    shot(page, "receipt-en")


def test_an_invalid_cvr_is_explained_next_to_the_field_with_the_text_kept(page, shot, axe_source):
    page.goto("/")
    fill_form(page, "Vi vil sætte et skilt op på facaden.", cvr="1234")
    assert page.text_content("#cvr-live") == "4 af 8 cifre"  # the live hint, before submitting
    page.fill("#cvr", "12345678")
    assert "kontrolcifferet" in page.text_content("#cvr-live")
    page.click("text=Send henvendelsen")
    page.wait_for_selector("#cvr-error")  # the page after submitting
    assert "kontrolcifferet passer ikke" in page.text_content("#cvr-error")
    assert "cvr-error" in page.get_attribute("#cvr", "aria-describedby")
    assert page.get_attribute("#cvr", "aria-invalid") == "true"
    assert page.input_value("#text") == "Vi vil sætte et skilt op på facaden."
    page.wait_for_function("() => document.activeElement.id === 'error-summary'")  # read out first
    page.click("#error-summary a[href='#cvr']")
    assert serious_violations(page, axe_source) == []
    shot(page, "form-errors")


def test_the_form_can_be_used_with_the_keyboard_alone(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skipnav"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    order = []
    for _ in range(12):
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
        page.keyboard.press("Tab")
    assert order[:6] == ["company_name", "cvr", "contact_name", "email", "phone", "text"]
    assert "language" in order


def test_the_form_works_without_javascript(new_page, server_db):
    tab = new_page(java_script_enabled=False)
    reference = submit_inquiry(tab, "Vi vil gerne bygge en carport og en tilbygning til vores butik.")
    assert re.fullmatch(r"VV-\d{4}-\d{6}", reference)


@pytest.mark.parametrize("path,name", [("/tilgaengelighed", "accessibility"), ("/privatliv", "privacy"),
                                       ("/login", "login")])
def test_the_other_public_pages_pass_the_accessibility_scan(page, shot, axe_source, path, name):
    page.goto(path)
    assert serious_violations(page, axe_source) == []
    shot(page, name)
