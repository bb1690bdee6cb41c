"""An inquiry's life as staff live it: submitted, accepted, forwarded, resolved, reopened, triaged."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from directory.models import Staff, User
from router.errors import InvalidInquiry, NotAllowed, StaleInquiry, Unavailable, WrongState
from router.inquiries import submit_inquiry
from router.lifecycle import accept, forward, reopen, resolve, triage
from router.models import Event, Inquiry, OutboxMessage, TrainingExample
from router.permissions import Actor, load_actor
from router.tokens import token_digest
from router.validation import parse_inquiry
from router.views import inbox, replay, status_view, triage_list
from tests.fake_model import KeywordModel

SECRET = "test-secret"
FORM = {"text": "Vi vil bygge en carport ved vores værksted. Kontakt mig, CPR 010190-1234.",
        "company_name": "Thy Smedie ApS", "cvr": "13585628", "contact_name": "Ole Smed",
        "email": "ole@smedie.dk", "phone": "12 34 56 78"}


def submit(session, model=None, **changes):
    form = parse_inquiry({**FORM, **changes}, channel="web")
    return submit_inquiry(session, form, KeywordModel() if model is None else model, secret_key=SECRET)


def actor(session, username: str) -> Actor:
    return load_actor(session, session.scalars(select(User.id).where(User.username == username)).one())


def as_staff(session, person: Staff, role: str = "caseworker") -> Actor:
    return Actor(user_id=None, role=role, staff_id=person.id, section_id=person.section_id)


def test_a_submission_is_numbered_routed_masked_and_stored_with_its_decision(session):
    result = submit(session)
    inquiry = result.inquiry
    assert re.fullmatch(r"VV-\d{4}-\d{6}", inquiry.reference)
    assert inquiry.state == "routed" and inquiry.assignee.name == "Jonas Bech Nielsen"
    assert "010190-1234" not in inquiry.text and "[CPR]" in inquiry.text
    assert inquiry.phone == "+45 12 34 56 78" and inquiry.cvr == "13585628"
    assert inquiry.status_token_hash == token_digest(result.status_token)
    assert len(result.status_token) >= 22  # at least 128 bits in URL-safe base64
    assert inquiry.decision["model_version"] == 7
    assert inquiry.decision["chosen"][0]["staff_id"] == inquiry.assignee_id
    assert inquiry.assignee.open_inquiries == 1
    assert [e.kind for e in inquiry.events] == ["received", "routed"]


def test_the_status_token_is_never_stored_in_the_clear(session):
    result = submit(session)
    messages = session.scalars(select(OutboxMessage)).all()
    assert {m.kind for m in messages} == {"receipt", "notice"}
    assert all(result.status_token not in (m.body + (m.sealed_token or "")) for m in messages)
    assert status_view(session, result.status_token).reference == result.inquiry.reference
    assert status_view(session, result.status_token + "x") is None


def test_references_are_distinct_and_increasing(session):
    refs = [submit(session).inquiry.reference for _ in range(3)]
    assert len(set(refs)) == 3 and refs == sorted(refs)


def test_a_burst_of_identical_inquiries_is_spread_over_the_equals(session):
    assignees = [submit(session, text="Vi søger byggetilladelse til nyt kontor").inquiry.assignee_id
                 for _ in range(9)]
    counts = {a: assignees.count(a) for a in set(assignees)}
    assert len(counts) == 3, counts  # Jonas, Aysel and Lars take turns
    assert max(counts.values()) - min(counts.values()) <= 1


def test_a_missing_or_broken_model_still_stores_the_inquiry_for_triage(session, caplog):
    from tests.fake_model import BrokenModel

    result = submit(session, model=BrokenModel())
    assert result.inquiry.id and result.inquiry.state == "needs_review"
    assert result.inquiry.reference.startswith("VV-")
    assert "classifier failed" in caplog.text
    assert triage_list(session) == [result.inquiry]


def test_caseworker_accepts_and_resolves_and_history_replays(session):
    inquiry = submit(session).inquiry
    jonas = as_staff(session, inquiry.assignee)
    accept(session, inquiry, jonas, version=inquiry.version)
    resolve(session, inquiry, jonas, note="Ringede og aftalte møde")
    assert inquiry.state == "resolved" and inquiry.resolved_at is not None
    assert inquiry.assignee.open_inquiries == 0
    assert [e.kind for e in inquiry.events] == ["received", "routed", "accepted", "resolved"]
    played = replay(inquiry.events)
    assert (played.state, played.assignee_id, played.topic_id) == (inquiry.state, inquiry.assignee_id,
                                                                   inquiry.topic_id)


def test_only_the_assignee_their_section_leader_and_admins_may_act(session):
    inquiry = submit(session).inquiry
    aysel = session.scalars(select(Staff).where(Staff.name == "Aysel Demir")).one()
    with pytest.raises(NotAllowed):
        accept(session, inquiry, as_staff(session, aysel))
    with pytest.raises(NotAllowed):
        accept(session, inquiry, actor(session, "skranke"))
    malene = session.scalars(select(Staff).where(Staff.name == "Malene Poulsen")).one()
    with pytest.raises(NotAllowed):  # a section leader of another section
        resolve(session, inquiry, as_staff(session, malene, role="section_leader"))
    accept(session, inquiry, actor(session, "leder"))  # Henrik leads Plan og Byg
    resolve(session, inquiry, actor(session, "admin"))
    assert [e.actor_user_id is not None for e in inquiry.events[-2:]] == [True, True]


def test_acting_on_a_stale_version_is_refused(session):
    inquiry = submit(session).inquiry
    jonas = as_staff(session, inquiry.assignee)
    old = inquiry.version
    accept(session, inquiry, jonas)
    with pytest.raises(StaleInquiry):
        resolve(session, inquiry, jonas, version=old)


def test_steps_out_of_order_are_refused(session):
    inquiry = submit(session).inquiry
    jonas = as_staff(session, inquiry.assignee)
    with pytest.raises(WrongState):
        reopen(session, inquiry, jonas, reason="again")
    resolve(session, inquiry, jonas)
    with pytest.raises(WrongState):
        accept(session, inquiry, jonas)


def test_forwarding_to_a_topic_moves_the_case_and_teaches_the_model(session):
    inquiry = submit(session).inquiry
    jonas_staff = inquiry.assignee
    with pytest.raises(InvalidInquiry):
        forward(session, inquiry, as_staff(session, jonas_staff), reason=" ", topic="road-use")
    forward(session, inquiry, as_staff(session, jonas_staff), reason="Det handler om udeservering",
            topic="road-use")
    assert inquiry.topic_id == "road-use" and inquiry.state == "routed"
    assert inquiry.assignee_id != jonas_staff.id and jonas_staff.open_inquiries == 0
    assert inquiry.assignee.open_inquiries == 1
    example = session.scalars(select(TrainingExample)).one()
    assert example.topics == ["road-use"] and example.source == "correction"
    event = inquiry.events[-1]
    assert (event.kind, event.note, event.internal) == ("forwarded", "Det handler om udeservering", True)
    assert replay(inquiry.events).assignee_id == inquiry.assignee_id


def test_forwarding_to_an_absent_colleague_names_the_deputy(session):
    inquiry = submit(session).inquiry
    mette = session.scalars(select(Staff).where(Staff.name == "Mette Kjærgaard")).one()
    with pytest.raises(Unavailable, match="Jonas Bech Nielsen"):
        forward(session, inquiry, as_staff(session, inquiry.assignee), reason="Mettes sag", staff_id=mette.id)


def test_reopen_gives_the_case_back_to_its_caseworker(session):
    inquiry = submit(session).inquiry
    jonas = as_staff(session, inquiry.assignee)
    resolve(session, inquiry, jonas)
    reopen(session, inquiry, jonas, reason="Kunden har nye oplysninger")
    assert inquiry.state == "accepted" and inquiry.assignee.open_inquiries == 1
    assert replay(inquiry.events).state == "accepted"


def test_front_desk_triages_an_unsure_inquiry(session):
    inquiry = submit(session, text="Hej, vi har et spørgsmål om vores udeservering og fortov").inquiry
    inquiry_unsure = submit(session, text="Hej, hvem kan hjælpe os?").inquiry
    assert inquiry.state == "routed" and inquiry_unsure.state == "needs_review"
    with pytest.raises(NotAllowed):
        triage(session, inquiry_unsure, as_staff(session, inquiry.assignee), topic="startup")
    triage(session, inquiry_unsure, actor(session, "skranke"), topic="startup", note="Ny virksomhed")
    assert inquiry_unsure.state == "routed" and inquiry_unsure.topic_id == "startup"
    assert "startup" in inquiry_unsure.assignee.topic_ids()
    assert session.scalars(select(TrainingExample.source)).all() == ["triage"]
    assert replay(inquiry_unsure.events).state == "routed"
    assert session.scalar(select(func.count()).select_from(OutboxMessage)
                          .where(OutboxMessage.inquiry_id == inquiry_unsure.id,
                                 OutboxMessage.kind == "forward")) == 1


def test_inbox_lists_open_cases_most_urgent_first(session):
    first, second = submit(session).inquiry, submit(session, cvr="13585628").inquiry
    person = first.assignee
    items = inbox(session, person.id)
    assert first in [i.inquiry for i in items] and all(i.role == "lead" for i in items)
    resolve(session, first, as_staff(session, person))
    assert first not in [i.inquiry for i in inbox(session, person.id)]
    assert session.scalar(select(func.count()).select_from(Event)) >= 5
    assert second.id
