"""The public API contract (DESIGN.md) as a business's website or an outside tester calls it."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from router.models import Inquiry
from tests.fake_model import BrokenModel, KeywordModel

BODY = {"text": "Vi vil bygge en carport og en tilbygning ved vores værksted",
        "company_name": "Thy Smedie ApS", "cvr": "13585628", "contact_name": "Ole Smed",
        "email": "ole@smedie.dk", "phone": "+45 12345678"}
DECISION_KEYS = {"topics", "department", "needs_review", "caseworker", "team", "respond_by", "explanation"}


@pytest.fixture
def model(monkeypatch):
    fake = KeywordModel()
    monkeypatch.setattr("web.api_inquiries.active_model", lambda: fake)
    return fake


def check_decision(decision: dict) -> None:
    assert DECISION_KEYS <= set(decision)
    assert len(decision["topics"]) in range(1, 6)
    assert all(set(t) == {"id", "department", "score"} for t in decision["topics"])
    scores = [t["score"] for t in decision["topics"]]
    assert scores == sorted(scores, reverse=True)
    card = decision["caseworker"]
    assert set(card) == {"id", "name", "title", "department", "phone", "email", "topics"}
    assert decision["topics"][0]["id"] in card["topics"]
    assert decision["department"] == card["department"] == decision["topics"][0]["department"]
    assert set(decision["explanation"]) >= {"terms", "text"} and decision["explanation"]["text"]


@pytest.mark.parametrize("text,language,words", [
    ("Vi vil bygge en carport og en tilbygning til vores lagerhal", "da", "Genkendt som"),
    ("We want to build an extension to our workshop and need a building permit", "en", "Recognised as"),
])
def test_route_answers_the_contract_in_danish_and_english(client, model, text, language, words):
    response = client.post("/api/v1/route", json={"text": text})
    assert response.status_code == 200
    decision = response.get_json()
    check_decision(decision)
    assert decision["needs_review"] is False and decision["department"] == "technical-services"
    assert decision["explanation"]["text"].startswith(words)


def test_route_is_a_dry_run(client, app, model):
    for _ in range(3):
        assert client.post("/api/v1/route", json={"text": BODY["text"], "cvr": "13585628"}).status_code == 200
    with app.extensions["vejviser.db"].reader() as session:
        assert session.scalars(select(Inquiry)).all() == []


def test_submit_returns_reference_token_status_url_and_decision(client, model):
    response = client.post("/api/v1/inquiries", json=BODY)
    assert response.status_code == 201
    body = response.get_json()
    assert body["reference"].startswith("VV-") and body["status_url"] == f"/status/{body['status_token']}"
    check_decision(body["decision"])
    status = client.get(f"/api/v1/status/{body['status_token']}")
    assert status.status_code == 200
    view = status.get_json()
    assert view["reference"] == body["reference"] and view["state"] == "routed"
    assert view["caseworker"]["name"] == body["decision"]["caseworker"]["name"]
    assert [step["event"] for step in view["history"]] == ["received", "routed"]


def test_a_wrong_status_token_is_a_plain_404(client, model):
    client.post("/api/v1/inquiries", json=BODY)
    for token in ("nope", "x" * 43, "x" * 500):
        response = client.get(f"/api/v1/status/{token}")
        assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_public_view_shows_no_internal_notes_text_or_cpr(client, login, model):
    body = client.post("/api/v1/inquiries", json={**BODY, "text": BODY["text"] + " CPR 010190-1234"}).get_json()
    login("admin")
    forwarded = client.post(f"/api/v1/inquiries/{body['reference']}/forward",
                            json={"reason": "Intern note: kunden er sur", "topic": "road-use"})
    assert forwarded.status_code == 200
    raw = client.get(f"/api/v1/status/{body['status_token']}").get_data(as_text=True)
    assert "kunden er sur" not in raw and "010190" not in raw and "carport" not in raw
    assert "ole@smedie.dk" not in raw and "13585628" not in raw
    staff_view = client.get(f"/api/v1/inquiries/{body['reference']}").get_json()
    assert "[CPR]" in staff_view["text"] and staff_view["history"][-1]["note"] == "Intern note: kunden er sur"


@pytest.mark.parametrize("model_factory", [lambda: None, BrokenModel])
def test_a_missing_or_broken_classifier_still_acknowledges_with_201(client, app, monkeypatch, model_factory):
    monkeypatch.setattr("web.api_inquiries.active_model", model_factory)
    response = client.post("/api/v1/inquiries", json=BODY)
    assert response.status_code == 201
    body = response.get_json()
    assert body["decision"]["needs_review"] is True and body["decision"]["caseworker"] is None
    with app.extensions["vejviser.db"].reader() as session:
        stored = session.scalars(select(Inquiry)).one()
        assert (stored.reference, stored.state) == (body["reference"], "needs_review")


@pytest.mark.parametrize("change,status,code", [
    ({"text": 42}, 400, "invalid_type"),
    ({"cvr": 13585628}, 400, "invalid_type"),
    ({"surprise": "field"}, 400, "unknown_field"),
    ({"text": ""}, 422, "empty_text"),
    ({"text": "   "}, 422, "empty_text"),
    ({"text": "byg " * 5000}, 400, "too_long"),
    ({"cvr": "13585627"}, 422, "invalid_cvr"),
    ({"cvr": "1234"}, 422, "invalid_cvr"),
    ({"email": "ole@@smedie"}, 422, "invalid_email"),
    ({"phone": "call me"}, 422, "invalid_phone"),
    ({"language": "de"}, 400, "invalid_language"),
    ({"company_name": None}, 400, "missing_field"),
])
def test_bad_submissions_get_a_specific_4xx(client, model, change, status, code):
    response = client.post("/api/v1/inquiries", json={**BODY, **change})
    assert response.status_code == status, response.get_json()
    assert response.get_json()["error"]["code"] == code


def test_a_wrong_check_digit_is_named_in_the_message(client, model):
    message = client.post("/api/v1/inquiries", json={**BODY, "cvr": "13585627"}).get_json()["error"]["message"]
    assert "mod-11" in message and "13585627" in message


@pytest.mark.parametrize("kwargs", [
    {"data": "text=hej", "content_type": "application/x-www-form-urlencoded"},
    {"data": "{not json", "content_type": "application/json"},
    {"data": "[1, 2]", "content_type": "application/json"},
])
def test_wrong_bodies_are_refused_without_a_500(client, model, kwargs):
    for path in ("/api/v1/route", "/api/v1/inquiries"):
        response = client.post(path, **kwargs)
        assert response.status_code in (400, 415) and response.is_json


def test_public_posts_are_rate_limited_per_client_with_retry_after(app_config, model):
    from web import create_app

    app_config["VEJVISER_PUBLIC_RATE_LIMIT"] = "2/minute"
    limited_app = create_app(app_config)
    client = limited_app.test_client()
    try:
        statuses = [client.post("/api/v1/route", json={"text": "byggetilladelse"}).status_code
                    for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = client.post("/api/v1/inquiries", json=BODY)
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
        assert limited.get_json()["error"]["code"] == "too_many_requests"
    finally:
        limited_app.extensions["vejviser.db"].engine.dispose()
