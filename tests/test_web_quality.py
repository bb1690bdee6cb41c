"""Routing quality as a section leader reads it, and retraining that asks before it activates."""
from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from classifier.store import ModelVersion
from directory.clock import today
from directory.models import Staff
from router.models import AuditRecord, Inquiry
from tests.web_fixtures import make_app, model, read  # noqa: F401 - fixtures

FORM = {"company_name": "Havvig Stål ApS", "cvr": "10150817", "contact_name": "Mette Hansen",
        "email": "mette@havvigstaal.dk"}


@pytest.fixture
def leader(client, login):
    return login("section_leader")


def test_the_figures_count_volume_forwards_confusions_and_overdue(client, app, login, database, model, read):
    public = app.test_client()
    for text in ("Vi vil bygge en carport", "En tilbygning til lageret", "Vi mangler medarbejdere"):
        public.post("/", data={**FORM, "text": text})
    with database.writer() as session:
        jonas = session.scalar(select(Staff.id).where(Staff.name == "Jonas Bech Nielsen"))
        first = session.scalar(select(Inquiry).order_by(Inquiry.id))
        first.assignee_id = jonas
        session.execute(update(Inquiry).where(Inquiry.id != first.id).values(respond_by=today() - timedelta(days=2)))
        session.commit()
        reference = first.reference
    login("caseworker")
    client.post(f"/inbox/{reference}/forward", data={"topic": "road-use", "reason": "Container på vejen"})
    client.post("/logout")
    login("section_leader")
    html = client.get("/quality").get_data(as_text=True)
    assert '<p class="figure-value">3</p>' in html  # inquiries in the period
    assert 'id="overdue-count">2<' in html
    confused = html[html.index('class="table table--compact confused-table"'):]
    confused = confused[:confused.index("</table>")]
    assert "Byggetilladelse og byggesager" in confused and "Råden over vejareal" in confused
    data = json.loads(html.split('id="quality-data">')[1].split("</script>")[0])
    assert data["forward"]["labels"][0] == "Byggetilladelse og byggesager" and data["forward"]["data"][0] == 50.0
    assert sum(sum(series["data"]) for series in data["volume"]) == 3


def test_the_charts_are_drawn_from_vendored_scripts_with_tables_beside_them(leader):
    html = leader.get("/quality").get_data(as_text=True)
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "/static/js/quality-charts.js" in html
    assert html.count("Se tallene som tabel") == 2
    assert "Der er endnu ingen trænet model" in html


def test_retraining_shows_the_new_model_and_activates_it_only_when_asked(make_app, small_seeds, login, read):
    app = make_app(VEJVISER_TRAINING_DIR=str(small_seeds))
    client = app.test_client()
    login("section_leader", client)
    assert client.post("/quality/retrain").headers["Location"] == "/quality/retrain"
    app.extensions["vejviser.retrain.thread"].join(timeout=300)
    version = read().scalars(select(ModelVersion)).one()
    assert not version.active  # trained and stored, but not in use yet
    response = client.get("/quality/retrain")
    assert response.headers["Location"] == f"/quality/models/{version.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ingen aktiv model" in html and "Rigtigt emne" in html and 'id="activate"' in html
    client.post(f"/quality/models/{version.id}/activate")
    db = read()
    assert db.get(ModelVersion, version.id).active
    assert db.scalars(select(AuditRecord.action)).all() == ["model.train", "model.activate"]
    assert f"<strong>{version.id}</strong>" in client.get("/quality").get_data(as_text=True)


def test_the_waiting_page_follows_the_training(leader):
    with leader.session_transaction() as session:
        session["retrain_after"], session["retrain_started"] = 0, time.time()
    html = leader.get("/quality/retrain").get_data(as_text=True)
    assert "Træner en ny model" in html and 'id="reload"' in html


def test_the_waiting_page_gives_up_after_ten_minutes(leader):
    with leader.session_transaction() as session:
        session["retrain_after"], session["retrain_started"] = 0, 0.0
    html = leader.get("/quality/retrain").get_data(as_text=True)
    assert "Træningen blev ikke færdig" in html and 'id="reload"' not in html
    assert leader.get("/quality/retrain").headers["Location"] == "/quality"
