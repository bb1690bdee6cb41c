"""Who should take a topic: competence, specialities, continuity, presence and load, in one score."""
from __future__ import annotations

import re
from collections import Counter as Tally
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifier.text import fold
from directory.clock import COPENHAGEN
from directory.models import Competence, Section, Staff
from directory.queries import deputy_for, is_present, staff_query
from router.decision import Choice, Contact, Person, RankedTopic
from router.explain import why
from router.models import Event, Inquiry

# Points, so that the order reads: primary before secondary, a matching speciality or a known company
# can lift a person one step, and a fuller desk pushes a person down so a burst spreads out.
LEVEL_POINTS = {"primary": 3.0, "secondary": 1.5}
SPECIALITY_POINTS = 1.0
MAX_SPECIALITY_POINTS = 2.0
CONTINUITY_POINTS = 1.5
COVERING_PENALTY = 0.5
LOAD_POINTS = 3.0
ASSIGNING_EVENTS = ("routed", "forwarded", "triaged")
_WORD = re.compile(r"[\w§]+")
_STOP = {"og", "paa", "i", "til", "for", "med", "af", "the", "and", "of", "on", "in", "to", "a"}


@dataclass(frozen=True)
class Context:
    """What the ranking needs to know about the inquiry and the day."""

    day: date
    words: frozenset[str]
    language: str
    continuity: frozenset[int]
    last_assigned: Mapping[int, datetime]


def make_context(session: Session, text: str, cvr: str | None, day: date, language: str) -> Context:
    """Gather the text's words and who handled this company on an earlier day.

    Only earlier days count: a burst of inquiries from one company today is spread like any other
    burst, while a company that comes back another day meets its caseworker again.
    """
    previous: frozenset[int] = frozenset()
    if cvr:
        start_of_day = datetime.combine(day, time(0), COPENHAGEN).astimezone(timezone.utc)
        previous = frozenset(session.scalars(
            select(Inquiry.assignee_id)
            .where(Inquiry.cvr == cvr, Inquiry.assignee_id.is_not(None), Inquiry.received_at < start_of_day)
            .distinct()))
    return Context(day=day, words=frozenset(_WORD.findall(fold(text))), language=language,
                   continuity=previous, last_assigned={})


def _word_matches(keyword_word: str, words: frozenset[str]) -> bool:
    # Danish bends and compounds words: "lagerhaller" should meet "lagerhal" and "tagoverdækning"
    # should meet "overdækning", so compare a stem and allow it inside a longer word.
    # A short stem must not swallow a different compound ("lokaler" is not "lokalplanen").
    stem = keyword_word[: max(4, len(keyword_word) - 3)] if len(keyword_word) > 4 else keyword_word
    return any((w.startswith(stem) and len(w) <= len(keyword_word) + 3) or (len(stem) >= 6 and stem in w)
               for w in words)


def matching_specialities(staff: Staff, words: frozenset[str]) -> list[str]:
    """Return the person's specialities whose significant words all occur in the text."""
    found = []
    for speciality in staff.specialities:
        parts = [w for w in _WORD.findall(fold(speciality.keyword)) if w not in _STOP]
        if parts and all(_word_matches(p, words) for p in parts):
            found.append(speciality.keyword)
    return found


def competent_staff(session: Session, topic_id: str) -> list[tuple[Staff, str]]:
    """Return every active person with a competence in the topic, present or not, with the level."""
    stmt = (staff_query().join(Competence, Competence.staff_id == Staff.id)
            .where(Competence.topic_id == topic_id, Staff.active.is_(True))
            .add_columns(Competence.level).order_by(Staff.id))
    return [(person, level) for person, level in session.execute(stmt)]


def last_assigned(session: Session, staff_ids: set[int]) -> dict[int, datetime]:
    """Return when each person was last given an inquiry."""
    if not staff_ids:
        return {}
    stmt = (select(Event.staff_id, func.max(Event.at))
            .where(Event.staff_id.in_(staff_ids), Event.kind.in_(ASSIGNING_EVENTS))
            .group_by(Event.staff_id))
    return dict(session.execute(stmt).all())


@dataclass(frozen=True)
class Scored:
    """A person's score for a topic and what made it."""

    staff: Staff
    score: float
    level: str
    specialities: tuple[str, ...]
    continuity: bool
    covering_for: Staff | None


def score(staff: Staff, level: str, ctx: Context, covering_for: Staff | None = None) -> Scored:
    """Score a present person for a topic; a deputy covering an absent colleague inherits their fit."""
    matches = tuple(matching_specialities(covering_for or staff, ctx.words))
    continuity = covering_for is None and staff.id in ctx.continuity
    points = (LEVEL_POINTS[level]
              + min(len(matches) * SPECIALITY_POINTS, MAX_SPECIALITY_POINTS)
              + (CONTINUITY_POINTS if continuity else 0.0)
              - (COVERING_PENALTY if covering_for is not None else 0.0)
              - LOAD_POINTS * staff.open_inquiries / max(staff.capacity, 1))
    return Scored(staff, round(points, 6), level, matches, continuity, covering_for)


def _candidates(session: Session, topic_id: str, ctx: Context, exclude: set[int]) -> list[Scored]:
    best: dict[int, Scored] = {}
    for person, level in competent_staff(session, topic_id):
        if is_present(person, ctx.day):
            scored = score(person, level, ctx)
        elif (deputy := deputy_for(person, ctx.day)) is not None:
            scored = score(deputy, level, ctx, covering_for=person)
        else:
            continue
        taker = scored.staff
        if taker.id in exclude or taker.open_inquiries >= taker.capacity:
            continue
        if taker.id not in best or scored.score > best[taker.id].score:
            best[taker.id] = scored
    return list(best.values())


def rank(session: Session, topic: RankedTopic, ctx: Context, exclude: set[int],
         limit: int = 5) -> tuple[Choice, ...]:
    """Return the best people for a topic, best first: highest score, then longest since last given
    an inquiry, then most free slots, then lowest id, so equals take turns and the order is stable."""
    scored = _candidates(session, topic.id, ctx, exclude)
    last = {**last_assigned(session, {s.staff.id for s in scored}), **ctx.last_assigned}

    def order(s: Scored):
        when = last.get(s.staff.id)
        free = s.staff.capacity - s.staff.open_inquiries
        return (-s.score, when is not None, when.replace(tzinfo=None) if when else None, -free, s.staff.id)

    ranked = sorted(scored, key=order)[:limit]
    return tuple(Choice(Person.from_staff(s.staff), s.score, why(s, topic, ctx)) for s in ranked)


def front_desk(session: Session, topic_id: str) -> Contact | None:
    """Return the shared contact of the section where most of the topic's qualified people sit."""
    sections = Tally(person.section_id for person, _ in competent_staff(session, topic_id))
    if not sections:
        return None
    section_id = min(sections, key=lambda s: (-sections[s], s))
    return Contact.from_section(session.get(Section, section_id))
