"""What the router decided, as frozen values that serialise to the API's JSON."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from directory.models import Section, Staff, Topic
from directory.snapshot import Member, SectionCard, TopicCard
from router.explain import explain

MAX_TOPICS = 5


@dataclass(frozen=True)
class Person:
    """A caseworker as a business may see them: name, title, direct contact, topics."""

    id: int
    name: str
    title: str
    department: str
    phone: str
    email: str
    topics: tuple[str, ...]

    @classmethod
    def from_staff(cls, staff: Staff | Member) -> "Person":
        return cls(id=staff.id, name=staff.name, title=staff.title, department=staff.department_id,
                   phone=staff.phone, email=staff.email, topics=tuple(staff.topic_ids()))

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "title": self.title, "department": self.department,
                "phone": self.phone, "email": self.email, "topics": list(self.topics)}


@dataclass(frozen=True)
class Contact:
    """A section's shared front-desk line, for when no named person can take the case."""

    section: str
    phone: str | None
    email: str | None

    @classmethod
    def from_section(cls, section: Section | SectionCard) -> "Contact":
        return cls(section=section.name, phone=section.phone, email=section.email)

    def as_json(self) -> dict[str, Any]:
        return {"section": self.section, "phone": self.phone, "email": self.email}


@dataclass(frozen=True)
class RankedTopic:
    """A topic the classifier proposed, with its score and names."""

    id: str
    department: str
    score: float
    name_da: str
    name_en: str
    workdays: int

    @classmethod
    def from_topic(cls, topic: Topic | TopicCard, score: float) -> "RankedTopic":
        return cls(id=topic.id, department=topic.department_id, score=round(float(score), 4),
                   name_da=topic.name_da, name_en=topic.name_en, workdays=topic.first_response_workdays)

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_da

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "department": self.department, "score": self.score}


@dataclass(frozen=True)
class Choice:
    """One person who could take a topic, with the reason in a sentence."""

    person: Person
    score: float
    why: str


@dataclass(frozen=True)
class Assignment:
    """A topic and the people who could take it, best first; empty when nobody is available."""

    topic: RankedTopic
    choices: tuple[Choice, ...]
    fallback: Contact | None

    @property
    def caseworker(self) -> Person | None:
        return self.choices[0].person if self.choices else None

    def without(self, staff_id: int) -> "Assignment":
        """Drop a person who turned out to have no room (their capacity claim failed)."""
        return replace(self, choices=tuple(c for c in self.choices if c.person.id != staff_id))


@dataclass(frozen=True)
class Decision:
    """Ranked topics, the lead caseworker and the team, the respond-by date and why."""

    topics: tuple[RankedTopic, ...]
    lead: Assignment | None
    team: tuple[Assignment, ...]
    needs_review: bool
    review_reason: str | None
    respond_by: date
    terms: tuple[str, ...]
    language: str
    model_version: int | None = None
    classifier_reason: str = ""

    @property
    def department(self) -> str | None:
        return self.topics[0].department if self.topics else None

    @property
    def caseworker(self) -> Person | None:
        return self.lead.caseworker if self.lead else None

    @property
    def fallback(self) -> Contact | None:
        return self.lead.fallback if self.lead else None

    @property
    def explanation(self) -> str:
        return explain(self)

    def as_json(self) -> dict[str, Any]:
        """Return the decision in the API's shape (DESIGN.md), which a business may see."""
        caseworker = self.caseworker
        return {
            "topics": [t.as_json() for t in self.topics[:MAX_TOPICS]],
            "department": self.department,
            "needs_review": self.needs_review,
            "review_reason": self.review_reason,
            "caseworker": caseworker.as_json() if caseworker else None,
            "team": [{"topic": a.topic.id, "department": a.topic.department,
                      "caseworker": a.caseworker.as_json() if a.caseworker else None}
                     for a in self.team],
            "respond_by": self.respond_by.isoformat(),
            "fallback_contact": self.fallback.as_json() if self.fallback else None,
            "explanation": {"terms": list(self.terms), "text": self.explanation},
        }

    def record(self) -> dict[str, Any]:
        """Return what is stored with the inquiry for audit and replay: the API shape and more."""
        chosen = [a for a in (self.lead, *self.team) if a is not None]
        return {
            **self.as_json(),
            "model_version": self.model_version,
            "classifier_reason": self.classifier_reason,
            "language": self.language,
            "chosen": [{"topic": a.topic.id, "staff_id": a.caseworker.id if a.caseworker else None,
                        "score": a.choices[0].score if a.choices else None,
                        "why": a.choices[0].why if a.choices else None} for a in chosen],
        }
