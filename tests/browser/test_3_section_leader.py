"""A section leader in a real browser: records absences, sees routing pick the deputy, sees the
coverage view flag the key-person risk, and reads the routing-quality page.

The absences are deleted again at the end, so the browser tests that follow meet everyone at work.
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from sqlalchemy import delete, select

from directory.clock import today
from directory.models import Absence
from tests.browser.helpers import log_in, submit_inquiry

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REASON = "Kursus (browsertest)"
SPECIALITY_TEXT = "Vi skal bygge en tilbygning og en carport ved vores værksted. Hvad kræver det?"


def record_absence(tab, person: str, deputy: str) -> None:
    """Find the person in the staff list and record an absence from today with a deputy."""
    tab.goto("/directory")
    tab.fill("#q", person.split()[0])
    tab.click("form[role=search] button")
    tab.click(f"a:has-text('{person}')")
    tab.fill("#absence-ends", (today() + timedelta(days=2)).isoformat())
    tab.select_option("#absence-deputy", label=deputy)
    tab.fill("#absence-reason", REASON)
    tab.click("form.absence-form button[type=submit]")
    tab.wait_for_selector(f"text=Fraværet for {person} er registreret.")


@pytest.fixture
def absences_removed_afterwards(server_db):
    """Leave the directory as the test found it, so later browser tests meet everyone at work."""
    yield
    with server_db.writer() as session:
        session.execute(delete(Absence).where(Absence.reason == REASON))
        session.commit()


def delete_absences(tab, server_db) -> None:
    """Delete the test's absences through the week view's buttons."""
    with server_db.reader() as session:
        ids = session.scalars(select(Absence.id).where(Absence.reason == REASON)).all()
    tab.goto("/directory/absences")
    for absence_id in ids:
        form = f"form[action='/directory/absences/{absence_id}/delete']"
        tab.click(f"{form} button")
        tab.wait_for_selector(form, state="detached")  # the week view came back without it


@pytest.mark.usefixtures("absences_removed_afterwards")
def test_an_absence_sends_routing_to_the_deputy_and_coverage_flags_the_risk(new_page, shot, server_db):
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
    submit_inquiry(business, SPECIALITY_TEXT, company="Værkstedet ApS", contact="Ole Smed", email="ole@vaerkstedet.dk")
    assert business.text_content(".contact-card .contact-name").strip() == "Aysel Demir"
    assert "dækker for Jonas Bech Nielsen" in business.text_content(".why")

    leader.goto("/directory/coverage?department=technical-services")
    risks = leader.locator(".risk-list")
    assert risks.locator(".risk-today", has_text="Natur og vandløb").is_visible()
    assert leader.locator("tr.risk-today", has_text="Natur og vandløb").is_visible()
    shot(leader, "coverage", readme=True)
    delete_absences(leader, server_db)
    leader.goto("/directory/coverage?department=technical-services")
    assert leader.locator("tr.risk-today", has_text="Natur og vandløb").count() == 0


def test_the_routing_quality_page_draws_its_charts(new_page, shot):
    leader = new_page()
    log_in(leader, "section_leader")
    leader.goto("/quality")
    leader.wait_for_function("() => window.Chart && Chart.getChart('volume-chart') !== undefined")
    assert leader.locator(".models-table .active-model").count() == 1
    shot(leader, "quality", readme=True)
    leader.goto("/directory/import")
    shot(leader, "import")
    leader.click("a[hreflang=en]")
    leader.wait_for_selector("text=Import staff from CSV")
    shot(leader, "import-en")
