"""The routing policy as a section leader would check it: the right person, present and not overloaded."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select, update

from directory.clock import COPENHAGEN, today
from directory.models import Absence, Staff
from router import route
from router.models import Inquiry
from tests.fake_model import BrokenModel, KeywordModel

BUILDING = "Vi vil gerne have en byggetilladelse til vores nye kontor"
MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=COPENHAGEN)


def staff(session, email_start: str) -> Staff:
    return session.scalars(select(Staff).where(Staff.email.startswith(email_start))).one()


def fill_up(session, *people: Staff) -> None:
    for person in people:
        session.execute(update(Staff).where(Staff.id == person.id).values(open_inquiries=person.capacity))
    session.expire_all()


def test_a_building_question_goes_to_a_present_primary_caseworker_with_reasons(session):
    decision = route(session, BUILDING, model=KeywordModel())
    assert not decision.needs_review
    lead = decision.caseworker
    assert "building-permit" in lead.topics
    assert lead.name in ("Jonas Bech Nielsen", "Aysel Demir", "Lars Thygesen")
    body = decision.as_json()
    assert "building-permit" in body["caseworker"]["topics"]
    assert body["department"] == "technical-services"
    assert lead.name in body["explanation"]["text"] and "primær kompetence" in body["explanation"]["text"]
    assert body["explanation"]["terms"] == ["byggetilladelse"]


def test_an_absent_specialist_is_covered_by_her_deputy_and_never_chosen(session):
    mette = staff(session, "mette.")
    assert mette.absence_on(today()) is not None
    decision = route(session, "Vi skal bygge to nye lagerhaller og søger byggetilladelse", model=KeywordModel())
    assert decision.caseworker.name == "Jonas Bech Nielsen"  # Mette's deputy, covering her speciality
    assert "dækker for Mette Kjærgaard" in decision.explanation
    assert all(c.person.id != mette.id for c in decision.lead.choices)


def test_an_inactive_person_is_never_chosen(session):
    erik = staff(session, "erik.lindholm")
    assert not erik.active
    for _ in range(3):
        decision = route(session, "Byggetilladelse til erhvervsbyggeri med nyt tag", model=KeywordModel())
        assert erik.id not in {c.person.id for c in decision.lead.choices}


def test_people_at_capacity_are_skipped(session):
    jonas, aysel = staff(session, "jonas."), staff(session, "aysel.")
    fill_up(session, jonas, aysel)
    decision = route(session, BUILDING, model=KeywordModel())
    assert decision.caseworker.name == "Lars Thygesen"


def test_nobody_available_falls_back_to_the_section_front_desk_instead_of_guessing(session):
    qualified = session.scalars(select(Staff).where(Staff.competences.any(topic_id="building-permit"))).all()
    fill_up(session, *qualified)
    decision = route(session, BUILDING, model=KeywordModel())
    assert decision.needs_review and decision.review_reason == "nobody_available"
    assert decision.caseworker is None
    body = decision.as_json()
    assert body["caseworker"] is None
    assert body["fallback_contact"] == {"section": "Plan og Byg", "phone": "+45 96 60 10 10",
                                        "email": "planogbyg@havvig.example"}
    assert "Plan og Byg" in body["explanation"]["text"]


def _earlier_inquiry(session, cvr: str, person: Staff) -> None:
    session.add(Inquiry(reference="VV-2025-000001", status_token_hash="x" * 64, text="tidligere sag",
                        cvr=cvr, assignee_id=person.id, topic_id="building-permit", state="resolved",
                        received_at=datetime.now(timezone.utc) - timedelta(days=30)))
    session.flush()


def test_continuity_prefers_who_helped_the_company_before(session):
    lars = staff(session, "lars.")
    _earlier_inquiry(session, "13585628", lars)
    assert route(session, BUILDING, model=KeywordModel()).caseworker.name != "Lars Thygesen"
    decision = route(session, BUILDING, cvr="13585628", model=KeywordModel())
    assert decision.caseworker.name == "Lars Thygesen"
    assert "har hjulpet virksomheden før" in decision.explanation


def test_continuity_counts_only_when_that_person_is_present(session):
    lars = staff(session, "lars.")
    _earlier_inquiry(session, "13585628", lars)
    session.add(Absence(staff_id=lars.id, starts=today(), ends=today() + timedelta(days=3), reason="kursus"))
    session.flush()
    session.expire_all()
    decision = route(session, BUILDING, cvr="13585628", model=KeywordModel())
    assert decision.caseworker.name != "Lars Thygesen"
    assert lars.id not in {c.person.id for c in decision.lead.choices}


def test_continuity_counts_only_when_that_person_has_room(session):
    lars = staff(session, "lars.")
    _earlier_inquiry(session, "13585628", lars)
    fill_up(session, lars)
    assert route(session, BUILDING, cvr="13585628", model=KeywordModel()).caseworker.name != "Lars Thygesen"


def test_a_case_spanning_departments_gets_a_lead_and_a_team(session):
    text = "Vi bygger en ny lagerhal med carport og skal have nye medarbejdere og rekruttering til lageret"
    decision = route(session, text, model=KeywordModel())
    assert decision.lead.topic.id == "building-permit" and decision.department == "technical-services"
    team = decision.as_json()["team"]
    assert [m["topic"] for m in team] == ["recruitment"]
    assert team[0]["caseworker"]["department"] == "job-centre"
    assert "recruitment" in team[0]["caseworker"]["topics"]
    assert team[0]["caseworker"]["id"] != decision.caseworker.id
    assert "Med på sagen" in decision.explanation


def test_an_unsure_classifier_sends_the_inquiry_to_triage_with_a_contact(session):
    decision = route(session, "Hej, jeg har et spørgsmål", model=KeywordModel())
    assert decision.needs_review and decision.review_reason == "low_confidence"
    assert decision.caseworker is None and decision.fallback is not None


def test_a_missing_or_broken_model_still_gives_an_answer(session):
    for model in (None, BrokenModel()):
        decision = route(session, BUILDING, model=model)
        assert decision.needs_review and decision.review_reason == "classifier_unavailable"
        assert decision.respond_by > today()


def test_english_text_gets_an_english_explanation(session):
    decision = route(session, "We would like a building permit for an extension to our warehouse",
                     model=KeywordModel())
    assert decision.language == "en"
    assert decision.explanation.startswith("Recognised as Building permits")
    assert "primary competence in building permits" in decision.explanation


def test_respond_by_counts_danish_working_days_from_receipt_in_copenhagen(session):
    decision = route(session, BUILDING, model=KeywordModel(), now=MONDAY)
    assert decision.respond_by == date(2026, 11, 25)
    # Easter 2026: Maundy Thursday, Good Friday and Easter Monday are holidays.
    easter = datetime(2026, 4, 1, 12, 0, tzinfo=COPENHAGEN)
    assert route(session, BUILDING, model=KeywordModel(), now=easter).respond_by == date(2026, 4, 8)
    # 23:30 UTC on a Friday is already Saturday in Copenhagen: counting starts after the weekend.
    late_friday = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)
    assert route(session, BUILDING, model=KeywordModel(), now=late_friday).respond_by == date(2026, 12, 1)


def test_the_ranking_is_deterministic(session):
    first = route(session, BUILDING, model=KeywordModel())
    second = route(session, BUILDING, model=KeywordModel())
    assert [c.person.id for c in first.lead.choices] == [c.person.id for c in second.lead.choices]
