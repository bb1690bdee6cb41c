"""Section leaders' changes to the directory: a person's details, competences, specialities and
absences. Plain functions on a caller's session; the caller validates input and commits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_
from sqlalchemy.orm import Session

from directory.models import Absence, Competence, Speciality, Staff
from directory.queries import absences_between, staff_query


class DirectoryError(ValueError):
    """A change the directory refuses; `code` names the reason so the caller can word it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class StaffDetails:
    """Everything a section leader can edit about a person."""

    name: str
    title: str
    email: str
    phone: str
    section_id: int
    languages: str
    capacity: int
    active: bool
    competences: dict[str, str]
    specialities: tuple[str, ...]


def find_staff(session: Session, text: str = "", *, limit: int = 200) -> list[Staff]:
    """Return people whose name, title, e-mail or phone contains `text`, by name."""
    stmt = staff_query().order_by(Staff.name).limit(limit)
    if text.strip():
        pattern = f"%{text.strip()}%"
        stmt = stmt.where(or_(Staff.name.ilike(pattern), Staff.title.ilike(pattern),
                              Staff.email.ilike(pattern), Staff.phone.ilike(pattern)))
    return list(session.scalars(stmt))


def update_staff(session: Session, person: Staff, details: StaffDetails) -> list[str]:
    """Apply `details` to `person`; return what changed (field names; competences with each change)."""
    changed = [field for field in ("name", "title", "email", "phone", "section_id", "languages",
                                   "capacity", "active") if getattr(person, field) != getattr(details, field)]
    for field in changed:
        setattr(person, field, getattr(details, field))
    before = {c.topic_id: c.level for c in person.competences}
    if _set_competences(person, details.competences):
        changed.append(f"competences ({competence_changes(before, details.competences)})")
    if _set_specialities(person, details.specialities):
        changed.append("specialities")
    session.flush()
    return changed


def competence_changes(before: dict[str, str], after: dict[str, str]) -> str:
    """Describe a change of competences for the audit log: `+topic:level`, `-topic`, `topic:old->new`."""
    added = [f"+{t}:{after[t]}" for t in sorted(set(after) - set(before))]
    removed = [f"-{t}" for t in sorted(set(before) - set(after))]
    moved = [f"{t}:{before[t]}->{after[t]}" for t in sorted(set(before) & set(after)) if before[t] != after[t]]
    return " ".join(added + removed + moved)


def _set_competences(person: Staff, wanted: dict[str, str]) -> bool:
    current = {c.topic_id: c for c in person.competences}
    if {t: c.level for t, c in current.items()} == wanted:
        return False
    for topic_id in set(current) - set(wanted):
        person.competences.remove(current[topic_id])
    for topic_id, level in wanted.items():
        if topic_id in current:
            current[topic_id].level = level
        else:
            person.competences.append(Competence(topic_id=topic_id, level=level))
    return True


def _set_specialities(person: Staff, wanted: tuple[str, ...]) -> bool:
    current = {s.keyword: s for s in person.specialities}
    if set(current) == set(wanted):
        return False
    for keyword in set(current) - set(wanted):
        person.specialities.remove(current[keyword])
    for keyword in sorted(set(wanted) - set(current)):
        person.specialities.append(Speciality(keyword=keyword))
    return True


def add_absence(session: Session, person: Staff, starts: date, ends: date, deputy: Staff | None,
                reason: str = "") -> Absence:
    """Record that `person` is away from `starts` to `ends`, covered by `deputy`."""
    if starts > ends:
        raise DirectoryError("ends_before_start", "the absence ends before it starts")
    if deputy is not None and deputy.id == person.id:
        raise DirectoryError("own_deputy", "a person cannot be their own deputy")
    if deputy is not None and not deputy.active:
        raise DirectoryError("deputy_inactive", "the deputy is not an active member of staff")
    if deputy is not None and any(a.starts <= ends and a.ends >= starts for a in deputy.absences):
        raise DirectoryError("deputy_away", "the deputy is away during the same days")
    absence = Absence(starts=starts, ends=ends, deputy=deputy, reason=reason.strip()[:200])
    person.absences.append(absence)
    session.flush()
    return absence


def week_of(day: date) -> list[date]:
    """Return the Monday-to-Friday working week that contains `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(5)]


def absences_in_week(session: Session, day: date) -> list[tuple[Absence, list[bool]]]:
    """Return the absences touching `day`'s working week, each with a flag per weekday."""
    days = week_of(day)
    return [(a, [a.starts <= d <= a.ends for d in days])
            for a in absences_between(session, days[0], days[-1])]
