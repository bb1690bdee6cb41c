"""Stored and reflected XSS: hostile text from a business (or typed into the directory) is shown as text
on every page that shows it, stays plain text in e-mails, and cannot become a formula in the CSV export.
(The same payloads run in a real browser in tests/browser/test_hardening_xss.py.)"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from directory.models import Absence, Staff
from router.models import OutboxMessage
from router.outbox import SmtpSettings, render
from tests.hardening import CASEWORKER_STAFF, place_inquiry
from tests.payloads import PAYLOADS, assert_inert, inspect
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

WEB = Path(__file__).resolve().parent.parent / "web"
@pytest.fixture
def hostile(database):
    """Write every payload where staff and businesses can type: inquiries, names, titles, specialities,
    an absence reason."""
    placed = [place_inquiry(database, staff=CASEWORKER_STAFF, text=f"carport {p}", company_name=p[:200],
                            contact_name=p[:200]) for p in PAYLOADS]
    triage = place_inquiry(database, text=" ".join(PAYLOADS))  # no keyword: waits for the front desk
    with database.writer() as session:
        person = session.scalar(select(Staff).where(Staff.name == CASEWORKER_STAFF))
        person.title = PAYLOADS[2]
        session.execute(update(Absence).values(reason=PAYLOADS[0]))
        session.commit()
    return placed, triage


def test_every_payload_is_inert_on_every_staff_page(client, login, hostile):
    placed, triage = hostile
    login("caseworker")
    assert_inert(client.get("/inbox").get_data(as_text=True), *(p[:200] for p in PAYLOADS))
    for inquiry, payload in zip(placed, PAYLOADS):
        assert_inert(client.get(f"/inbox/{inquiry.reference}").get_data(as_text=True), payload)
    client.post("/logout")
    login("front_desk")
    assert_inert(client.get("/desk/triage").get_data(as_text=True), PAYLOADS[0])
    for payload in PAYLOADS:
        assert_inert(client.get("/desk", query_string={"q": payload}).get_data(as_text=True))
    client.post("/logout")
    login("section_leader")
    for path in ("/directory", "/directory/absences", "/directory/coverage", "/quality", "/directory/staff/3",
                 "/directory/audit"):
        assert_inert(client.get(path).get_data(as_text=True))
    assert_inert(client.get("/directory", query_string={"q": PAYLOADS[1]}).get_data(as_text=True))


def test_the_public_pages_and_form_errors_keep_payloads_inert(client, hostile, model):
    placed, _ = hostile
    for inquiry in placed[:3]:
        assert_inert(client.get(f"/status/{inquiry.token}").get_data(as_text=True))
    for payload in PAYLOADS:  # an error sends the entered values back into the form
        page = client.post("/", data={"company_name": payload, "cvr": "1234", "contact_name": payload,
                                      "email": payload, "phone": payload, "text": payload})
        assert page.status_code == 422
        assert_inert(page.get_data(as_text=True))
        login_page = client.post("/login", data={"username": payload[:80], "password": "x"})
        assert_inert(login_page.get_data(as_text=True))
    client.post("/", data={"company_name": PAYLOADS[0], "cvr": "13585628", "contact_name": PAYLOADS[2],
                           "email": "a@b.dk", "text": "Vi vil bygge en carport " + PAYLOADS[3]})
    assert_inert(client.get("/kvittering").get_data(as_text=True))


def test_payloads_through_the_api_are_stored_verbatim_and_answered_as_json(client, login, model):
    for payload in PAYLOADS[:6]:
        response = client.post("/api/v1/inquiries", json={
            "text": "carport " + payload, "company_name": payload, "cvr": "13585628", "contact_name": payload,
            "email": "a@b.dk"})
        assert response.status_code == 201 and response.mimetype == "application/json"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        login("admin")
        shown = client.get(f"/api/v1/inquiries/{response.get_json()['reference']}")
        assert shown.mimetype == "application/json" and shown.get_json()["company_name"] == payload
        assert_inert(client.get(f"/inbox/{response.get_json()['reference']}").get_data(as_text=True), payload)
        client.post("/logout")


def test_e_mails_are_plain_text_whatever_the_business_wrote(read, hostile):
    settings = SmtpSettings(host="localhost", port=25, sender="vejviser@havvig.example", base_url="https://x")
    messages = read().scalars(select(OutboxMessage)).all()
    assert len(messages) >= len(PAYLOADS)
    for message in messages:
        email = render(message, settings, "test-secret")
        assert email.get_content_type() == "text/plain" and not email.is_multipart()
        assert "\n" not in email["Subject"] and "<" not in email["Subject"]


def test_the_csv_export_turns_formulas_and_markup_into_plain_cells(client, login, database):
    formulas = ("=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A9)",
                "\t=1+1", "\r=1+1")
    with database.writer() as session:
        people = session.scalars(select(Staff).order_by(Staff.id).limit(len(formulas) + 1)).all()
        for person, formula in zip(people, formulas):
            person.title = formula
        people[-1].name = PAYLOADS[0]
        session.commit()
    login("section_leader")
    response = client.post("/directory/export")
    assert response.mimetype == "text/csv" and response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    titles = {row["title"] for row in rows}
    for formula in formulas:
        assert formula not in titles and f"'{formula}" in titles
    assert PAYLOADS[0] in {row["name"] for row in rows}  # plain text in a CSV cell: kept as written


FRAGMENTS = st.sampled_from(["<", ">", "\"", "'", "&", "/", "=", "script", "img", "svg", " onerror=", " onload=",
                             "javascript:", "alert(1)", "</textarea>", "<!--", "-->", "{{", "}}", "\u202e",
                             "\u200b", "\x00", "\n", "æøå"])
HOSTILE_TEXT = st.lists(FRAGMENTS | st.text(max_size=4), min_size=1, max_size=30).map("".join)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_generated_hostile_text_is_always_shown_as_text(client, login, database):
    with database.writer() as session:  # room for every generated example on one desk
        session.execute(update(Staff).where(Staff.name == CASEWORKER_STAFF).values(capacity=500))
        session.commit()
    login("caseworker")

    @given(text=HOSTILE_TEXT)
    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    def shown_inert(text):
        if not text.replace("\x00", "").strip():
            return
        placed = place_inquiry(database, staff=CASEWORKER_STAFF, text="carport " + text, contact_name=text[:200])
        problems, _ = inspect(client.get(f"/inbox/{placed.reference}").get_data(as_text=True))
        assert not problems

    shown_inert()


def _sources(pattern: str) -> list[Path]:
    return sorted(p for p in WEB.rglob(pattern) if p.is_file() and not {"vendor", "node_modules"} & set(p.parts))


# Deliberate exceptions, each with why it is safe. Anything else marked safe fails the test below.
SAFE_MARKUP = {
    ("quality/overview.html", "{{ charts | tojson }}"): "tojson escapes <, > and & inside a JSON data block",
    ("desk/search.html", "{{ names | tojson }}"): "tojson escapes <, > and & inside a JSON data block",
}
UNSAFE = re.compile(r"\|\s*safe\b|autoescape\s+false|Markup\s*\(|render_template_string|\|\s*tojson|"
                    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function")


def test_no_template_or_code_marks_user_data_as_safe_markup():
    found = []
    for path in _sources("*.html") + _sources("*.py") + _sources("*.js"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if UNSAFE.search(line):
                name = str(path.relative_to(WEB / "templates")) if "templates" in path.parts else str(path)
                key = next((k for k in SAFE_MARKUP if k[0] == name and k[1] in line), None)
                if key is None:
                    found.append(f"{name}: {line.strip()}")
    assert not found, found
