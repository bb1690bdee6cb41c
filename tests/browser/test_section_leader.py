"""A section leader in a real browser: records absences, sees routing pick the deputy, sees the
coverage view flag the key-person risk, and reads the routing-quality page.

Runs after the other browser tests (file order), since the absences change who is at work.
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from directory.clock import today
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SPECIALITY_TEXT = "Vi skal bygge en tilbygning og en carport ved vores værksted. Hvad kræver det?"


def record_absence(tab, person: str, deputy: str) -> None:
    """Find the person in the staff list and record an absence from today with a deputy."""
    tab.goto("/directory")
    tab.fill("#q", person.split()[0])
    tab.click("form[role=search] button")
    tab.click(f"a:has-text('{person}')")
    tab.fill("#absence-ends", (today() + timedelta(days=2)).isoformat())
    tab.select_option("#absence-deputy", label=deputy)
    tab.fill("#absence-reason", "Kursus")
    tab.click("form.absence-form button[type=submit]")
    assert tab.is_visible(f"text=Fraværet for {person} er registreret.")


def test_an_absence_sends_routing_to_the_deputy_and_coverage_flags_the_risk(new_page, shot):
    leader = new_page()
    log_in(leader, "section_leader")
    shot(leader, "directory")
    record_absence(leader, "Jonas Bech Nielsen", "Aysel Demir")
    shot(leader, "edit-staff")
    record_absence(leader, "Anders Skovgaard", "Julie Thomsen")
    leader.goto("/directory/absences")
    assert leader.locator("tr", has_text="Anders Skovgaard").locator("text=Julie Thomsen").is_visible()
    shot(leader, "absences")

    business = new_page()
    business.goto("/")
    business.fill("#company_name", "Værkstedet ApS")
    business.fill("#cvr", "10150817")
    business.fill("#contact_name", "Ole Smed")
    business.fill("#email", "ole@vaerkstedet.dk")
    business.fill("#text", SPECIALITY_TEXT)
    business.click("text=Send henvendelsen")
    business.wait_for_url("**/kvittering")
    assert business.text_content(".contact-card .contact-name").strip() == "Aysel Demir"
    assert "dækker for Jonas Bech Nielsen" in business.text_content(".why")

    leader.goto("/directory/coverage?department=technical-services")
    risks = leader.locator(".risk-list")
    assert risks.locator(".risk-today", has_text="Natur og vandløb").is_visible()
    assert leader.locator("tr.risk-today", has_text="Natur og vandløb").is_visible()
    shot(leader, "coverage", readme=True)


def test_the_routing_quality_page_draws_its_charts(new_page, shot):
    leader = new_page()
    log_in(leader, "section_leader")
    leader.goto("/quality")
    leader.wait_for_function("() => window.Chart && Chart.getChart('volume-chart') !== undefined")
    assert leader.locator(".models-table .active-model").count() == 1
    shot(leader, "quality", readme=True)
