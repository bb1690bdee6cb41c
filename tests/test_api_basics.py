"""The API's foundations: health, topics, designed JSON errors and the front-desk look-up."""
from __future__ import annotations

import pytest


def test_healthz_answers_without_the_database(app_config, tmp_path):
    from web import create_app

    app_config["DATABASE_URL"] = f"sqlite:///{tmp_path}/missing/dir/never.db"
    response = create_app(app_config).test_client().get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_topics_list_every_taxonomy_topic_with_qualified_staff(client):
    topics = client.get("/api/v1/topics").get_json()["topics"]
    assert len(topics) == 28
    building = next(t for t in topics if t["id"] == "building-permit")
    assert building["department"] == "technical-services" and building["kle"] == "02.34.02"
    assert building["first_response_workdays"] == 2 and building["decision_days"] == 50
    assert all(t["qualified_staff"] >= 2 for t in topics)


@pytest.mark.parametrize("method,path,status,code", [
    ("get", "/api/v1/no-such-thing", 404, "not_found"),
    ("delete", "/api/v1/topics", 405, "method_not_allowed"),
    ("get", "/api/v1/staff/search?q=byg", 401, "unauthorized"),
])
def test_api_errors_are_json_never_html(client, method, path, status, code):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.is_json and response.get_json()["error"]["code"] == code


def test_html_paths_get_html_errors(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and response.mimetype == "text/html"


@pytest.mark.parametrize("query,expected", [
    ("bygetiladelse", "building-permit"),
    ("lønntilskud", "wage-subsidy"),
    ("loentilskud", "wage-subsidy"),
    ("Henrik Soendergaard", "Henrik Søndergaard"),
    ("Rikke Nørgard", "Rikke Nørgaard"),
    ("olieudskiller", "wastewater"),
])
def test_front_desk_finds_the_right_people_despite_typos(client, login, query, expected):
    login("front_desk")
    results = client.get("/api/v1/staff/search", query_string={"q": query}).get_json()["results"]
    assert results, query
    top = results[0]
    assert expected in (top["name"], *top["topics"]), (query, top)


def test_front_desk_sees_presence_and_deputy_of_an_absent_person(client, login):
    login("front_desk")
    results = client.get("/api/v1/staff/search", query_string={"q": "Mette Kjærgaard"}).get_json()["results"]
    mette = results[0]
    assert mette["name"] == "Mette Kjærgaard" and mette["present"] is False
    assert mette["deputy"]["name"] == "Jonas Bech Nielsen"
