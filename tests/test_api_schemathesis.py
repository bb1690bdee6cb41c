"""Property-based run over the OpenAPI document: no 5xx, and every answer matches the document."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)
from sqlalchemy import update

from directory.models import User
from router.tokens import token_digest
from tests.fake_model import KeywordModel

ADMIN_TOKEN = "schemathesis-admin-token"


def not_a_server_error(ctx, response, case):
    """Fail on any 5xx answer."""
    assert response.status_code < 500, f"{case.method} {case.formatted_path} answered {response.status_code}"


def test_the_openapi_document_is_valid_and_lists_the_contract(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    assert document["openapi"].startswith("3.1")
    for path in ("/api/v1/route", "/api/v1/inquiries", "/api/v1/status/{token}",
                 "/api/v1/inquiries/{reference}",
                 "/api/v1/topics", "/api/v1/staff/search", "/healthz"):
        assert path in document["paths"], path


def test_every_api_route_of_the_app_is_documented(app, client):
    documented = set(client.get("/api/v1/openapi.json").get_json()["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/") and rule.rule != "/api/v1/openapi.json":
            assert rule.rule.replace("<", "{").replace(">", "}") in documented, rule.rule


@pytest.fixture
def api_schema(app, database, monkeypatch):
    monkeypatch.setattr("web.api_inquiries.active_model", KeywordModel)
    with database.writer() as session:  # an admin API token, so staff endpoints are exercised too
        session.execute(update(User).where(User.username == "admin")
                        .values(api_token_hash=token_digest(ADMIN_TOKEN)))
        session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_the_api_never_fails_and_answers_as_documented(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)
        def exercise(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, checks=CHECKS)

        exercise()
