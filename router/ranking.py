"""Who should take a topic: competence, specialities, continuity, presence and load, in one score.

The directory comes from the worker's snapshot (`directory.cache`); only what changes with every
inquiry, people's open cases, capacity and last assignment, is read per inquiry, in one query.
"""
from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import Iterable, NamedTuple

from sqlalchemy.orm import Session

from directory.cache import current as directory
from directory.clock import COPENHAGEN
from directory.snapshot import Member, Snapshot
from router import loads
from router.decision import Choice, Contact, Person, RankedTopic
from router.explain import why
from router.loads import Load
from router.specialities import InquiryWords

# Points, so that the order reads: primary before secondary, a matching speciality or a known company
# can lift a person one step, and a fuller desk pushes a person down so a burst spreads out.
LEVEL_POINTS = {"primary": 3.0, "secondary": 1.5}
SPECIALITY_POINTS = 1.0
MAX_SPECIALITY_POINTS = 2.0
CONTINUITY_POINTS = 1.5
COVERING_PENALTY = 0.5
LOAD_POINTS = 3.0


@dataclass(frozen=True)
class Context:
    """What the ranking needs to know about the inquiry and the day, and the loads read so far."""

    day: date
    words: InquiryWords
    language: str
    cvr: str | None = None
    loads: dict[int, Load] = field(default_factory=dict)
    takers: dict[str, list[tuple[Member, str, Member | None]]] = field(default_factory=dict)

    @property
    def start_of_day(self) -> datetime:
        return datetime.combine(self.day, time(0), COPENHAGEN).astimezone(timezone.utc)


def make_context(text: str, cvr: str | None, day: date, language: str) -> Context:
    """Gather what ranking asks of the inquiry: its words, the company and the day."""
    return Context(day=day, words=InquiryWords(text), language=language, cvr=cvr)


def _takers(snapshot: Snapshot, topic_id: str, ctx: Context) -> list[tuple[Member, str, Member | None]]:
    """Return who could take the topic today: each competent person present, or their deputy covering."""
    found = ctx.takers.get(topic_id)
    if found is None:
        found = ctx.takers[topic_id] = []
        for staff_id, level in snapshot.competent.get(topic_id, ()):
            person = snapshot.staff[staff_id]
            if snapshot.is_present(person, ctx.day):
                found.append((person, level, None))
            elif (deputy := snapshot.deputy_for(person, ctx.day)) is not None:
                found.append((deputy, level, person))
    return found


def read_loads(session: Session, ctx: Context, topic_ids: Iterable[str]) -> None:
    """Read the loads of everybody who could take these topics today, in one query.

    Continuity counts only earlier days: a burst of inquiries from one company today is spread like
    any other burst, while a company that comes back another day meets its caseworker again.
    """
    snapshot = directory(session)
    wanted = {taker.id for topic_id in topic_ids for taker, _, _ in _takers(snapshot, topic_id, ctx)}
    ctx.loads.update(loads.read(session, wanted - ctx.loads.keys(), ctx.cvr, ctx.start_of_day))


class Scored(NamedTuple):
    """A person's score for a topic and what made it (a tuple: one is made per candidate per inquiry)."""

    staff: Member
    load: Load
    score: float
    level: str
    specialities: tuple[str, ...]
    continuity: bool
    covering_for: Member | None


def score(staff: Member, level: str, ctx: Context, load: Load, covering_for: Member | None = None) -> Scored:
    """Score a present person for a topic; a deputy covering an absent colleague inherits their fit."""
    matches = tuple(ctx.words.specialities(covering_for or staff))
    continuity = covering_for is None and load.knows_company
    points = (LEVEL_POINTS[level]
              + min(len(matches) * SPECIALITY_POINTS, MAX_SPECIALITY_POINTS)
              + (CONTINUITY_POINTS if continuity else 0.0)
              - (COVERING_PENALTY if covering_for is not None else 0.0)
              - LOAD_POINTS * load.open / max(load.capacity, 1))
    return Scored(staff, load, round(points, 6), level, matches, continuity, covering_for)


def _candidates(session: Session, topic_id: str, ctx: Context, exclude: set[int]) -> list[Scored]:
    read_loads(session, ctx, (topic_id,))
    best: dict[int, Scored] = {}
    for taker, level, covering_for in _takers(directory(session), topic_id, ctx):
        load = ctx.loads.get(taker.id)
        if taker.id in exclude or load is None or not load.has_room:
            continue
        scored = score(taker, level, ctx, load, covering_for)
        if taker.id not in best or scored.score > best[taker.id].score:
            best[taker.id] = scored
    return list(best.values())


def _order(s: Scored):
    when = s.load.last_assigned
    free = s.load.capacity - s.load.open
    return (-s.score, when is not None, when.replace(tzinfo=None) if when else None, -free, s.staff.id)


def rank(session: Session, topic: RankedTopic, ctx: Context, exclude: set[int],
         limit: int = 5) -> tuple[Choice, ...]:
    """Return the best people for a topic, best first: highest score, then longest since last given
    an inquiry, then most free slots, then lowest id, so equals take turns and the order is stable."""
    ranked = sorted(_candidates(session, topic.id, ctx, exclude), key=_order)[:limit]
    return tuple(Choice(Person.from_staff(s.staff), s.score, why(s, topic, ctx)) for s in ranked)


def front_desk(session: Session, topic_id: str) -> Contact | None:
    """Return the shared contact of the section where most of the topic's qualified people sit."""
    snapshot = directory(session)
    sections = Tally(snapshot.staff[staff_id].section_id for staff_id, _ in snapshot.competent.get(topic_id, ()))
    if not sections:
        return None
    section_id = min(sections, key=lambda s: (-sections[s], s))
    return Contact.from_section(snapshot.sections[section_id])
