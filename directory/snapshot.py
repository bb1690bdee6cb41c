"""The directory as plain values: who works on what, where, and when they are away.

Routing reads the same directory for every inquiry, while section leaders change it a few times a
day; so each worker keeps one snapshot and rebuilds it only when the directory's version moves
(`directory.cache`). What changes with every inquiry, a person's open cases, is not in it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from classifier.text import fold
from directory.models import Section, Staff, Topic

_WORD = re.compile(r"[\w§]+")
_STOP = frozenset({"og", "paa", "i", "til", "for", "med", "af", "the", "and", "of", "on", "in", "to", "a"})


def significant_words(phrase: str) -> tuple[str, ...]:
    """Return a phrase's folded words without the small ones that say nothing."""
    return tuple(w for w in _WORD.findall(fold(phrase)) if w not in _STOP)


@dataclass(frozen=True)
class Leave:
    """One absence: first and last day away, and who stands in."""

    starts: date
    ends: date
    deputy_id: int | None


@dataclass(frozen=True)
class Member:
    """A person as routing sees them, with their topics (primary first) and specialities."""

    id: int
    name: str
    title: str
    phone: str
    email: str
    section_id: int
    department_id: str
    active: bool
    topics: tuple[str, ...]
    specialities: tuple[tuple[str, tuple[str, ...]], ...]  # (keyword, its significant words)
    absences: tuple[Leave, ...]

    def topic_ids(self) -> list[str]:
        """Return the person's topics, primary ones first."""
        return list(self.topics)

    def absence_on(self, day: date) -> Leave | None:
        """Return the absence covering `day`, if any."""
        if not self.absences:  # most people, most days: skip building the search
            return None
        return next((a for a in self.absences if a.starts <= day <= a.ends), None)


@dataclass(frozen=True)
class TopicCard:
    """An active topic's names, department and first-response target."""

    id: str
    department_id: str
    name_da: str
    name_en: str
    covers_da: str
    covers_en: str
    first_response_workdays: int


@dataclass(frozen=True)
class SectionCard:
    """A section's shared phone and e-mail."""

    id: int
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class Snapshot:
    """Every person, active topic and section, and who is competent in each topic."""

    version: int
    staff: Mapping[int, Member]
    topics: Mapping[str, TopicCard]
    sections: Mapping[int, SectionCard]
    competent: Mapping[str, tuple[tuple[int, str], ...]]  # topic -> (active person's id, level), by id

    def is_present(self, member: Member, day: date) -> bool:
        """Tell whether an active person is at work on `day`."""
        return member.active and member.absence_on(day) is None

    def deputy_for(self, member: Member, day: date) -> Member | None:
        """Follow the deputy chain from an absent person to the first one present (None if it loops)."""
        seen = {member.id}
        current = member
        while (absence := current.absence_on(day)) is not None or not current.active:
            deputy = self.staff.get(absence.deputy_id) if absence and absence.deputy_id else None
            if deputy is None or deputy.id in seen:
                return None
            seen.add(deputy.id)
            current = deputy
        return current if current is not member else None


def _member(person: Staff) -> Member:
    ranked = sorted(person.competences, key=lambda c: (c.level != "primary", c.topic_id))
    return Member(
        id=person.id, name=person.name, title=person.title, phone=person.phone, email=person.email,
        section_id=person.section_id, department_id=person.section.department_id, active=person.active,
        topics=tuple(c.topic_id for c in ranked),
        specialities=tuple((s.keyword, significant_words(s.keyword)) for s in person.specialities),
        absences=tuple(Leave(a.starts, a.ends, a.deputy_id) for a in person.absences),
    )


def build(session: Session, version: int) -> Snapshot:
    """Read the whole directory into a snapshot labelled with the version read before it."""
    people = session.scalars(select(Staff).order_by(Staff.id).options(
        selectinload(Staff.competences), selectinload(Staff.specialities), selectinload(Staff.absences),
        selectinload(Staff.section)))
    staff: dict[int, Member] = {}
    competent: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for person in people:
        staff[person.id] = _member(person)
        if person.active:
            for competence in person.competences:
                competent[competence.topic_id].append((person.id, competence.level))
    topics = {t.id: TopicCard(t.id, t.department_id, t.name_da, t.name_en, t.covers_da or "", t.covers_en or "",
                              t.first_response_workdays)
              for t in session.scalars(select(Topic).where(Topic.active.is_(True))
                                       .order_by(Topic.department_id, Topic.id))}
    sections = {s.id: SectionCard(s.id, s.name, s.phone, s.email) for s in session.scalars(select(Section))}
    return Snapshot(version=version, staff=MappingProxyType(staff), topics=MappingProxyType(topics),
                    sections=MappingProxyType(sections),
                    competent=MappingProxyType({t: tuple(people) for t, people in competent.items()}))
