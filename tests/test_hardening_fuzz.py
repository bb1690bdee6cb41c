"""Input fuzzing: whatever arrives in a form, a JSON body, a search box, a query string or a path — wrong
CVR numbers, odd e-mail addresses and phones, 20,000 characters, RTL marks, zero-width spaces, NUL — the
answer is a designed one, never a 500. (schemathesis covers the whole OpenAPI document in
test_api_schemathesis.py, including the endpoints added for hardening.)"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from router.models import Inquiry
from tests.hardening import BUSINESS
from tests.web_fixtures import model, read  # noqa: F401 - fixtures

ODD = ["\u202e", "\u202d", "\u200f", "\u200b", "\u2060", "\ufeff", "\x00", "\r\n", "\t", "\u0301", "🏗️", "ÆØÅ",
       "'; DROP TABLE inquiries; --", "%", "_", "\\", "' OR '1'='1", "\ud7ff", "𝒞𝒱ℛ"]
odd_text = st.lists(st.sampled_from(ODD) | st.text(max_size=6), max_size=12).map("".join)
cvr = st.sampled_from(["13585628", "1358562", "13585629", "13 58 56 28", "DK13585628", ""]) | st.text(
    alphabet="0123456789 -+DKx\x00\u200b", max_size=14)
email = st.emails() | st.sampled_from(["ole@", "@smedie.dk", "ole@smedie", "a@b.dk\x00", "ole@xn--smdie-vua.dk",
                                       "ølé@smedie.dk", "a" * 300 + "@b.dk"]) | odd_text
phone = st.sampled_from(["20304050", "+45 20 30 40 50", "+46 70 123 45 67", "123", "+", "0" * 40, ""]) | odd_text
text = (odd_text | st.just("carport " * 2500) | st.just("ø" * 20_000) | st.just("\u200b" * 9_999 + "x")
        | st.just("\x00" * 50) | st.text(min_size=1, max_size=300))
FUZZ = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def submission(**overrides):
    return st.fixed_dictionaries({"text": text, "company_name": odd_text, "cvr": cvr, "contact_name": odd_text,
                                  "email": email, "phone": phone, **overrides})


def test_api_submissions_get_a_designed_answer(client, model):
    @given(body=submission())
    @FUZZ
    def never_500(body):
        response = client.post("/api/v1/inquiries", json=body)
        assert response.status_code in (201, 400, 422), (response.status_code, body)
        if response.status_code == 201:
            assert "\x00" not in client.get(response.get_json()["status_url"]).get_data(as_text=True)

    never_500()


def test_form_submissions_get_a_designed_answer(client, model):
    @given(body=submission(language=st.sampled_from(["", "da", "en", "fr", "\x00"])))
    @FUZZ
    def never_500(body):
        response = client.post("/", data=body)
        assert response.status_code in (303, 400, 422), (response.status_code, body)

    never_500()


def test_the_dry_run_takes_any_text(client, model):
    @given(body=st.fixed_dictionaries({"text": text}, optional={"cvr": cvr, "language": st.text(max_size=3)}))
    @FUZZ
    def never_500(body):
        assert client.post("/api/v1/route", json=body).status_code in (200, 400, 422)

    never_500()


def test_a_long_unicode_inquiry_is_stored_exactly_once_and_nul_never_reaches_the_database(client, model, read):
    body = {**BUSINESS, "text": "Vi vil bygge en carport \u202eredro\u202c\u200b" + "æ" * 9_900 + "\x00"}
    assert client.post("/api/v1/inquiries", json=body).status_code == 201
    assert client.post("/api/v1/inquiries", json={**body, "text": "x" * 20_000}).status_code == 400
    assert client.post("/", data={**body, "text": "x" * 20_000}).status_code == 422
    stored = read().scalars(select(Inquiry.text)).all()
    assert len(stored) == 1 and "\x00" not in stored[0] and stored[0].startswith("Vi vil bygge en carport \u202e")
    assert read().scalar(select(func.count()).select_from(Inquiry)) == 1


SEARCHES = [
    ("front_desk", "/desk", "q"), ("front_desk", "/api/v1/staff/search", "q"),
    ("section_leader", "/directory", "q"), ("section_leader", "/directory/absences", "week"),
    ("section_leader", "/directory/coverage", "department"), ("section_leader", "/api/v1/audit", "action"),
    ("section_leader", "/api/v1/audit", "before"), ("section_leader", "/api/v1/audit", "limit"),
    ("caseworker", "/inbox", "sort"), ("section_leader", "/quality", "order"),
]
query = odd_text | st.sampled_from(["-1", "0", "99999999999999999999", "2026-02-30", "9999-12-31", "%", "_%",
                                    "' OR 1=1 --", "a" * 5000, "\x00", "NaN", "1e400"])


@pytest.mark.parametrize("role,path,param", SEARCHES, ids=[f"{p}?{q}" for _, p, q in SEARCHES])
def test_search_and_sort_parameters_never_break_a_page(client, login, role, path, param):
    login(role)

    @given(value=query)
    @settings(FUZZ, max_examples=25)
    def never_500(value):
        assert client.get(path, query_string={param: value}).status_code in (200, 400, 404)

    never_500()


@pytest.mark.parametrize("path", ["/inbox/{}", "/status/{}", "/api/v1/status/{}", "/api/v1/inquiries/{}",
                                  "/directory/staff/{}", "/quality/models/{}", "/desk/triage/{}",
                                  "/api/v1/users/{}"])
def test_odd_path_values_are_not_found_not_a_crash(client, login, path):
    login("admin")
    for value in ("VV-2026-000001%00", "..%2F..%2Fetc%2Fpasswd", "99999999999999999999", "-1", "%E2%80%AE",
                  "a" * 2000, "%27%20OR%201%3D1", "0"):
        for method in ("GET", "POST", "PATCH"):
            response = client.open(path.format(value), method=method, json={})
            assert response.status_code < 500, (method, path.format(value), response.status_code)


def test_a_nul_character_anywhere_in_a_page_request_is_a_plain_400(client, login):
    login("section_leader")
    for response in (client.get("/directory?q=a&q=%00"), client.get("/inbox/VV%00"),
                     client.post("/login", data={"username": "leder\x00", "password": "x"}),
                     client.post("/directory/absences", data={"staff_id": "3", "reason": ["ok", "\x00"]})):
        assert response.status_code == 400 and "Traceback" not in response.get_data(as_text=True)
