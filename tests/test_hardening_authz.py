"""Authorisation matrix: every route of the app × every role × an object outside that person's scope.

The policy table below is the contract. A route added without an entry fails the first test; a
decorator that drifts from its entry fails the second; the matrix then asks each route as each role,
about an inquiry on another section's desk, and checks the answer and that a refusal changed nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import pytest
from sqlalchemy import select

from directory.models import Absence
from tests.hardening import ELSEWHERE_SECTION, fingerprint, place_inquiry

ROLES = ("anonymous", "front_desk", "caseworker", "section_leader", "admin")
ANY_ROLE = "*"


@dataclass(frozen=True)
class Policy:
    """Who may use a route (admins always; None: everyone), and the exact answer a permitted role gets
    about an object outside its scope (an inquiry on another section's desk, a wrong status token)."""

    roles: tuple[str, ...] | None
    outside: Mapping[str, int] = field(default_factory=dict)


OPEN = Policy(None)
DESK = ("front_desk",)
CASEWORK = ("caseworker", "section_leader")
STAFF = ("front_desk", "caseworker", "section_leader")
LEADER = ("section_leader",)
ADMIN = ("admin",)
# The object is another section's inquiry: a caseworker may not even learn it exists (404 on pages),
# a section leader may read it but not act (a refusal shown on the inquiry's page), the front desk may
# read it and only triage.
CASE_PAGE_ACTION = Policy(CASEWORK, {"caseworker": 404, "section_leader": 302})
CASE_API_ACTION = Policy(STAFF, {"front_desk": 403, "caseworker": 403, "section_leader": 403})

POLICY: dict[tuple[str, str], Policy] = {
    ("public.inquiry_form", "GET"): OPEN,
    ("public.submit", "POST"): OPEN,
    ("public.receipt", "GET"): OPEN,
    ("public.status", "GET"): Policy(None, {ANY_ROLE: 404}),
    ("public.accessibility", "GET"): OPEN,
    ("public.privacy", "GET"): OPEN,
    ("language.switch", "GET"): OPEN,
    ("static", "GET"): OPEN,
    ("health.healthz", "GET"): OPEN,
    ("auth.login", "GET"): OPEN,
    ("auth.login", "POST"): Policy(None, {ANY_ROLE: 401}),  # someone else's account, a wrong password
    ("auth.logout", "POST"): OPEN,
    ("api.list_topics", "GET"): OPEN,
    ("openapi.openapi_json", "GET"): OPEN,
    ("api_inquiries.route", "POST"): OPEN,
    ("api_inquiries.submit", "POST"): OPEN,
    ("api_inquiries.status", "GET"): Policy(None, {ANY_ROLE: 404}),
    ("api.staff_search", "GET"): Policy(STAFF),
    ("api_staff.show", "GET"): Policy(STAFF, {"caseworker": 403}),
    ("api_staff.accept", "POST"): CASE_API_ACTION,
    ("api_staff.resolve", "POST"): CASE_API_ACTION,
    ("api_staff.reopen", "POST"): CASE_API_ACTION,
    ("api_staff.forward", "POST"): CASE_API_ACTION,
    ("api_staff.status_link", "POST"): Policy(STAFF, {"caseworker": 403, "section_leader": 403}),
    ("api_staff.triage", "POST"): Policy(DESK, {"front_desk": 409}),  # already routed: nothing to triage
    ("api_staff.my_inbox", "GET"): Policy(CASEWORK, {"admin": 403}),  # the demo admin has no desk
    ("api_staff.waiting_for_triage", "GET"): Policy(DESK),
    ("api_admin.audit_log", "GET"): Policy(LEADER),
    ("api_admin.accounts", "GET"): Policy(ADMIN),
    ("api_admin.change_account", "PATCH"): Policy(ADMIN),
    ("desk.search", "GET"): Policy(DESK),
    ("desk.log_phone_call", "POST"): Policy(DESK),
    ("triage.index", "GET"): Policy(DESK),
    ("triage.choose", "POST"): Policy(DESK, {"front_desk": 302}),  # refused with a message: not waiting
    ("inbox.index", "GET"): Policy(CASEWORK),
    ("inbox.detail", "GET"): Policy(CASEWORK, {"caseworker": 404}),
    ("inbox.take", "POST"): CASE_PAGE_ACTION,
    ("inbox.close", "POST"): CASE_PAGE_ACTION,
    ("inbox.pass_on", "POST"): CASE_PAGE_ACTION,
    ("directory_admin.staff_list", "GET"): Policy(LEADER),
    ("directory_admin.edit_staff", "GET"): Policy(LEADER),
    ("directory_admin.edit_staff", "POST"): Policy(LEADER),
    ("directory_admin.absences", "GET"): Policy(LEADER),
    ("directory_admin.record_absence", "POST"): Policy(LEADER),
    ("directory_admin.delete_absence", "POST"): Policy(LEADER),
    ("directory_csv.import_staff", "GET"): Policy(LEADER),
    ("directory_csv.preview_or_apply", "POST"): Policy(LEADER),
    ("directory_csv.export_staff", "POST"): Policy(LEADER),
    ("coverage.overview", "GET"): Policy(LEADER),
    ("audit_log.index", "GET"): Policy(LEADER),
    ("quality.overview", "GET"): Policy(LEADER),
    ("quality.compare", "GET"): Policy(LEADER),
    ("quality.training", "GET"): Policy(LEADER),
    ("quality.retrain", "POST"): Policy(LEADER),
    ("quality.activate", "POST"): Policy(LEADER),
}

# Bodies that pass every check but the permission one, so a refusal can only be the permission's.
JSON_BODIES = {
    "api_inquiries.route": {"text": "carport"},
    "api_staff.forward": {"reason": "belongs elsewhere", "topic": "building-permit"},
    "api_staff.reopen": {"reason": "the business wrote again"},
    "api_staff.triage": {"topic": "building-permit"},
    "api_admin.change_account": {"role": "caseworker"},
}
FORM_BODIES = {
    "auth.login": {"username": "leder", "password": "not-the-password"},
    "inbox.pass_on": {"reason": "belongs elsewhere", "topic": "building-permit"},
    "inbox.close": {"note": "done"},
    "triage.choose": {"topic": "building-permit"},
}


def routes(app) -> list[tuple[str, str, object]]:
    """Return (endpoint, method, rule) for every route and method of the app."""
    return sorted(((rule.endpoint, method, rule) for rule in app.url_map.iter_rules()
                   for method in rule.methods - {"HEAD", "OPTIONS"}), key=lambda r: (r[0], r[1]))


def test_every_route_has_a_policy(app):
    missing = [f"{endpoint} {method}" for endpoint, method, _ in routes(app) if (endpoint, method) not in POLICY]
    assert not missing, f"add these routes to POLICY in {__name__}: {missing}"
    stale = set(POLICY) - {(e, m) for e, m, _ in routes(app)}
    assert not stale, f"POLICY names routes that no longer exist: {stale}"


def test_each_route_checks_the_roles_its_policy_names(app):
    for endpoint, method, _ in routes(app):
        declared = getattr(app.view_functions[endpoint], "required_roles", None)
        expected = POLICY[(endpoint, method)].roles
        if expected is None:
            assert declared is None, f"{endpoint} is open in POLICY but checks roles {declared}"
        else:
            assert declared is not None and set(declared) | {"admin"} == set(expected) | {"admin"}, endpoint


@pytest.fixture
def scene(app, database, monkeypatch):
    """Another section's inquiry (outside the demo caseworker's and leader's scope) and URL values."""
    monkeypatch.setattr("web.retrain.start", lambda app, user_id: True)  # never train in this test
    monkeypatch.setattr("web.api_inquiries.active_model", lambda: None)
    outside = place_inquiry(database, section=ELSEWHERE_SECTION, text="Vi søger medarbejdere til lageret")
    with database.reader() as session:
        absence_id = session.scalars(select(Absence.id)).first()
    return {"reference": outside.reference, "token": "x" * 43, "staff_id": 40, "absence_id": absence_id,
            "version_id": 1, "code": "en", "filename": "css/vejviser.css", "username": "skranke"}


def _url(app, rule, values: dict) -> str:
    with app.test_request_context():
        from flask import url_for
        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


def _ask(client, method: str, endpoint: str, url: str):
    if url.startswith("/api/"):
        return client.open(url, method=method, json=JSON_BODIES.get(endpoint, {}) if method != "GET" else None)
    return client.open(url, method=method, data=FORM_BODIES.get(endpoint, {}) if method != "GET" else None)


def _refusal(role: str, url: str) -> tuple[int, str | None]:
    """The answer a role without permission gets: log in first, or forbidden."""
    if role == "anonymous":
        return (401, None) if url.startswith("/api/") else (302, "/login?next=")
    return 403, None


def _expects_refusal(role: str, policy: Policy) -> bool:
    permitted = policy.roles is None or role == "admin" or role in policy.roles
    return not permitted or role in policy.outside or ANY_ROLE in policy.outside


def _check(response, role: str, policy: Policy, url: str) -> str | None:
    """Return what is wrong with the answer, or None."""
    permitted = policy.roles is None or role == "admin" or role in policy.roles
    got = response.status_code
    if not permitted:
        status, location = _refusal(role, url)
        if got != status or (location and not response.headers.get("Location", "").startswith(location)):
            return f"expected refusal {status}, got {got} {response.headers.get('Location', '')}"
        return None
    expected = policy.outside.get(role, policy.outside.get(ANY_ROLE))
    if expected is not None:
        return None if got == expected else f"expected {expected} for an object outside the scope, got {got}"
    if got in (401, 403) or response.headers.get("Location", "").startswith("/login?next="):
        return f"a permitted role was refused ({got})"
    return None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("role", ROLES)
def test_the_authorisation_matrix(app, client, login, database, scene, role):
    if role != "anonymous":
        login(role)
    problems = []
    # Logging out last keeps the session for every other route.
    for endpoint, method, rule in sorted(routes(app), key=lambda r: r[0] == "auth.logout"):
        policy = POLICY[(endpoint, method)]
        url = _url(app, rule, scene)
        refusal = _expects_refusal(role, policy) and method != "GET" and endpoint != "auth.login"
        before = fingerprint(database) if refusal else None
        with _ask(client, method, endpoint, url) as response:
            problem = _check(response, role, policy, url)
        if refusal and not problem and fingerprint(database) != before:
            problem = "a refused request changed the database"
        if problem:
            problems.append(f"{role} {method} {url} ({endpoint}): {problem}")
    assert not problems, "\n".join(problems)
