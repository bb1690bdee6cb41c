"""The benchmark's inputs are what the issue asks for, and the API takes them as a business's requests."""
from __future__ import annotations

import json

from sqlalchemy import func, select
from stdnum.dk import cvr

from bench import corpus, synthetic
from directory.models import Staff, Topic
from router import route
from router.models import Event, Inquiry
from tests.fake_model import KeywordModel


def test_the_inquiries_are_many_varied_short_notes_and_long_emails():
    items = corpus.inquiries(2400)
    assert len({i.text for i in items}) >= 2000
    kinds = [i.kind for i in items]
    assert 0.4 < kinds.count("short") / len(items) < 0.6
    assert max(len(i.text) for i in items if i.kind == "short") <= 200
    assert sorted(len(i.text) for i in items if i.kind == "long")[len(items) // 4] > 400
    assert all(cvr.is_valid(i.cvr) for i in items)


def test_every_benchmark_body_is_a_valid_request(client, monkeypatch):
    monkeypatch.setattr("web.api_inquiries.active_model", KeywordModel)
    items = corpus.inquiries(40)
    for body in corpus.request_bodies(items, submit=False):
        assert client.post("/api/v1/route", json=json.loads(body)).status_code == 200
    for body in corpus.request_bodies(items[:10], submit=True):
        assert client.post("/api/v1/inquiries", json=json.loads(body)).status_code == 201


def test_the_synthetic_directory_grows_to_size_and_still_routes(session):
    synthetic.build(session, staff=120, topics=40, inquiries=300)
    assert session.scalar(select(func.count()).select_from(Staff)) == 120
    assert session.scalar(select(func.count()).select_from(Topic)) == 40
    assert session.scalar(select(func.count()).select_from(Inquiry)) == 300
    assert session.scalar(select(func.count()).select_from(Event)) == 900
    decision = route(session, "Vi vil gerne have en byggetilladelse til en tilbygning", model=KeywordModel())
    assert decision.caseworker is not None and "building-permit" in decision.caseworker.topics
