"""CPR numbers never leak: a citizen's CPR number pasted into an inquiry, a name or a staff note is masked
before anything is stored, so it reaches no page, e-mail, log line, export, API answer or training example."""
from __future__ import annotations

import logging
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from classifier.text import CPR_MASK, mask_cpr
from router.models import Base
from tests.hardening import BUSINESS, CASEWORKER_STAFF, place_inquiry
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

# Real dates, with and without a valid modulus-11 check digit (0101904321 passes it, 0101901234 does not),
# joined, hyphenated or spaced.
CPRS = ("010190-1234", "0101901234", "010190 1234", "010190-4321", "0101904321", "311299-9996", "290200 0003")
NOT_CPR = ("320190-1234", "011390-1234", "12345678901", "13585628", "+45 20 30 40 50")


@given(day=st.dates(date(1900, 1, 1), date(2099, 12, 31)), serial=st.integers(0, 9999),
       separator=st.sampled_from(["", "-", " "]), before=st.sampled_from(["", "CPR ", "nr.", "(", "x:"]),
       after=st.sampled_from(["", ".", ",", " tak", ")"]))
@settings(max_examples=200, deadline=None, database=None)
def test_every_cpr_shaped_number_with_a_real_date_is_masked(day, serial, separator, before, after):
    number = f"{day:%d%m%y}{separator}{serial:04d}"
    masked = mask_cpr(f"Borger {before}{number}{after} ringede")
    assert number not in masked and CPR_MASK in masked
    assert f"{day:%d%m%y}" not in masked.replace(CPR_MASK, "")


def test_numbers_that_are_not_cpr_numbers_are_kept():
    for number in NOT_CPR:
        assert mask_cpr(f"nummer {number} her") == f"nummer {number} her"


def _everything_stored(read) -> str:
    session = read()
    return repr([session.execute(select(table)).all() for table in Base.metadata.sorted_tables
                 if table.name != "model_versions"])


def _leaks(text: str) -> list[str]:
    digits = text.replace(" ", "").replace("-", "")
    return [cpr for cpr in CPRS if cpr in text or cpr.replace(" ", "").replace("-", "") in digits]


def test_cprs_typed_anywhere_are_masked_in_every_table_page_mail_export_and_log(client, login, model, read,
                                                                             database, runner, caplog):
    caplog.set_level(logging.DEBUG)
    text = "Vi vil bygge en carport. Ejerens CPR: " + ", ".join(CPRS)
    api = client.post("/api/v1/inquiries", json={"text": text, "company_name": f"Enkeltmandsfirma {CPRS[0]}",
                                                 "cvr": "13585628", "contact_name": f"Ole {CPRS[1]}",
                                                 "email": "ole@smedie.dk"}).get_json()
    client.post("/", data={"text": text, "company_name": "Thy Smedie", "cvr": "13585628",
                           "contact_name": f"Ole {CPRS[2]}", "email": "ole@smedie.dk"})
    unsure = place_inquiry(database, text=f"Hjælp med noget. CPR {CPRS[3]}")  # waits for triage
    mine = place_inquiry(database, staff=CASEWORKER_STAFF, text=f"Carport. CPR {CPRS[4]}")
    login("front_desk")
    client.post(f"/api/v1/inquiries/{unsure.reference}/triage",
                json={"topic": "building-permit", "note": f"borgerens cpr {CPRS[5]}"})
    client.post("/desk/calls", data={"text": f"Ringer om carport, cpr {CPRS[6]}", "phone": "20304050",
                                     "contact_name": f"Kaj {CPRS[0]}"})
    client.post("/logout")
    login("caseworker")
    client.post(f"/api/v1/inquiries/{mine.reference}/forward",
                json={"reason": f"vej, cpr {CPRS[1]}", "topic": "road-use"})
    client.post("/logout")
    login("admin")
    client.post(f"/api/v1/inquiries/{api['reference']}/resolve", json={"note": f"lukket, cpr {CPRS[2]}"})
    pages = [client.get(f"/api/v1/inquiries/{api['reference']}").get_data(as_text=True),
             client.get(f"/inbox/{api['reference']}").get_data(as_text=True),
             client.get(f"/inbox/{mine.reference}").get_data(as_text=True),
             client.get(f"/status/{api['status_token']}").get_data(as_text=True),
             client.get(f"/api/v1/status/{api['status_token']}").get_data(as_text=True),
             client.get("/api/v1/triage").get_data(as_text=True),
             client.get("/api/v1/audit").get_data(as_text=True),
             client.post("/directory/export").get_data(as_text=True)]
    runner.invoke(args=["send-mail"])
    stored = _everything_stored(read)
    assert stored.count(CPR_MASK) >= 10  # the numbers were there, and were masked
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    for where, content in [("database", stored), ("log", logged), *(("page", p) for p in pages)]:
        assert not _leaks(content), f"a CPR number reached the {where}"


def test_a_cpr_number_in_the_text_never_reaches_the_classifier(client, model):
    client.post("/api/v1/route", json={"text": f"carport, CPR {CPRS[0]}"})
    client.post("/api/v1/inquiries", json={**BUSINESS, "text": f"carport, CPR {CPRS[1]}"})
    assert model.calls and not any(_leaks(call) for call in model.calls)


def test_a_date_shaped_serial_in_the_future_is_masked_too():
    tomorrow = date.today() + timedelta(days=1)
    assert mask_cpr(f"{tomorrow:%d%m%y}-0001") == CPR_MASK
