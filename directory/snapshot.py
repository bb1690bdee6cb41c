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
from sqlalchemy.orm import Session

from classifier.text import fold
from directory.models import Absence, Competence, Section, Speciality, Staff, Topic

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


def _grouped(rows) -> dict[int, list[tuple]]:
    by_staff: dict[int, list[tuple]] = defaultdict(list)
    for staff_id, *rest in rows:
        by_staff[staff_id].append(tuple(rest))
    return by_staff


def _people(session: Session) -> tuple[dict[int, Member], dict[str, tuple[tuple[int, str], ...]]]:
    # Plain rows, not ORM objects: a thousand people load in a few milliseconds, and nothing lands in
    # the caller's session.
    # Topics primary first, then by id as Python orders strings (a database collation may not).
    competences = _grouped(sorted(session.execute(
        select(Competence.staff_id, Competence.level != "primary", Competence.topic_id, Competence.level))))
    specialities = _grouped(session.execute(
        select(Speciality.staff_id, Speciality.keyword).order_by(Speciality.staff_id, Speciality.keyword)))
    absences = _grouped(session.execute(
        select(Absence.staff_id, Absence.starts, Absence.ends, Absence.deputy_id)
        .order_by(Absence.staff_id, Absence.starts)))
    rows = session.execute(select(Staff.id, Staff.name, Staff.title, Staff.phone, Staff.email, Staff.section_id,
                                  Section.department_id, Staff.active).join(Section).order_by(Staff.id))
    staff: dict[int, Member] = {}
    competent: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for staff_id, name, title, phone, email, section_id, department_id, active in rows:
        held = competences.get(staff_id, [])
        staff[staff_id] = Member(
            id=staff_id, name=name, title=title, phone=phone, email=email, section_id=section_id,
            department_id=department_id, active=active, topics=tuple(topic for _, topic, _ in held),
            specialities=tuple((k, significant_words(k)) for (k,) in specialities.get(staff_id, [])),
            absences=tuple(Leave(*absence) for absence in absences.get(staff_id, [])))
        for _, topic_id, level in held if active else ():
            competent[topic_id].append((staff_id, level))
    return staff, {topic_id: tuple(people) for topic_id, people in competent.items()}


def build(session: Session, version: int) -> Snapshot:
    """Read the whole directory into a snapshot labelled with the version read before it."""
    staff, competent = _people(session)
    topics = {t.id: TopicCard(t.id, t.department_id, t.name_da, t.name_en, t.covers_da or "", t.covers_en or "",
                              t.first_response_workdays)
              for t in session.scalars(select(Topic).where(Topic.active.is_(True))
                                       .order_by(Topic.department_id, Topic.id))}
    sections = {s.id: SectionCard(s.id, s.name, s.phone, s.email) for s in session.scalars(select(Section))}
    return Snapshot(version=version, staff=MappingProxyType(staff), topics=MappingProxyType(topics),
                    sections=MappingProxyType(sections), competent=MappingProxyType(competent))
