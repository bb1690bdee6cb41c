"""Staff directory import and export as CSV: validate every row, then change all or nothing."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import LEVELS, Absence, Competence, Department, Section, Speciality, Staff, Topic
from directory.phone import PhoneError, normalise_phone
from directory.queries import staff_query

COLUMNS = ("email", "name", "title", "phone", "department", "section", "languages", "capacity", "active",
           "competences", "specialities", "absent_from", "absent_to", "deputy")
_YES = {"yes", "ja", "true", "1"}
_NO = {"no", "nej", "false", "0"}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class StaffRow:
    line: int
    email: str
    name: str
    title: str
    phone: str
    department: str
    section: str
    languages: str
    capacity: int
    active: bool
    competences: dict[str, str]
    specialities: list[str]
    absence: tuple[date, date, str] | None


@dataclass
class ImportResult:
    rows: list[StaffRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def parse(session: Session, text: str) -> ImportResult:
    """Read and validate every row; report all errors with their line numbers."""
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("email", "name", "department", "section") if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(RowError(1, f"missing columns: {', '.join(missing)}"))
        return result
    topics = set(session.scalars(select(Topic.id)))
    departments = set(session.scalars(select(Department.id)))
    known_emails = set(session.scalars(select(Staff.email)))
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        email, row, problems = _parse_row(line, raw, topics, departments)
        if email and email in seen:
            problems.append(f"email {email} appears twice in the file")
        seen.add(email)
        if row and not problems:
            result.rows.append(row)
        result.errors += [RowError(line, p) for p in problems]
    for row in result.rows:
        deputy = row.absence[2] if row.absence else ""
        if deputy and deputy not in seen and deputy not in known_emails:
            result.errors.append(RowError(row.line, f"deputy {deputy} is not in the directory or the file"))
        if deputy and deputy == row.email:
            result.errors.append(RowError(row.line, "a person cannot be their own deputy"))
    result.errors.sort(key=lambda e: e.line)
    return result


def _parse_row(line: int, raw: dict[str, str | None], topics: set[str], departments: set[str]):
    value = {k: _unescape((raw.get(k) or "").strip()) for k in COLUMNS}
    problems: list[str] = []
    try:
        email = validate_email(value["email"], check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        problems.append(f"email {value['email']!r} is not valid: {exc}")
        email = ""
    if not value["name"]:
        problems.append("name is empty")
    if value["department"] not in departments:
        problems.append(f"unknown department {value['department']!r}")
    if not value["section"]:
        problems.append("section is empty")
    phone = ""
    if value["phone"]:
        try:
            phone = normalise_phone(value["phone"])
        except PhoneError as exc:
            problems.append(str(exc))
    capacity = 15
    if value["capacity"]:
        if value["capacity"].isdigit() and 0 < int(value["capacity"]) <= 500:
            capacity = int(value["capacity"])
        else:
            problems.append(f"capacity {value['capacity']!r} must be a whole number from 1 to 500")
    active = value["active"].lower() not in _NO
    if value["active"] and value["active"].lower() not in _YES | _NO:
        problems.append(f"active {value['active']!r} must be yes or no")
    competences: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in value["competences"].split(";"))):
        topic, _, level = item.partition(":")
        level = level or "primary"
        if topic not in topics:
            problems.append(f"unknown topic {topic!r}")
        elif level not in LEVELS:
            problems.append(f"level {level!r} for {topic} must be primary or secondary")
        else:
            competences[topic] = level
    specialities = sorted({s.strip() for s in value["specialities"].split(";") if s.strip()})
    absence = _parse_absence(value, problems)
    if problems:
        return email, None, problems
    return email, StaffRow(line, email, value["name"], value["title"], phone, value["department"],
                           value["section"], value["languages"].replace(" ", "") or "da", capacity, active,
                           competences, specialities, absence), problems


def _unescape(cell: str) -> str:
    """Undo `spreadsheet_safe`, so an exported file imports unchanged."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_STARTS else cell


def _parse_absence(value: dict[str, str], problems: list[str]) -> tuple[date, date, str] | None:
    if not (value["absent_from"] or value["absent_to"]):
        if value["deputy"]:
            problems.append("deputy given without absent_from and absent_to")
        return None
    try:
        starts, ends = date.fromisoformat(value["absent_from"]), date.fromisoformat(value["absent_to"])
    except ValueError:
        problems.append("absent_from and absent_to must both be dates like 2026-12-01")
        return None
    if starts > ends:
        problems.append("absent_from is after absent_to")
    return starts, ends, value["deputy"].lower()


def apply(session: Session, result: ImportResult) -> ImportResult:
    """Write validated rows to the directory (refuses when there are errors); caller commits."""
    if result.errors:
        raise ValueError("refusing to import a file with errors")
    people = {s.email: s for s in session.scalars(staff_query())}
    for row in result.rows:
        person = people.get(row.email)
        before = _snapshot(person) if person else None
        section = _section(session, row.department, row.section)
        if person is None:
            person = Staff(email=row.email, section=section)
            session.add(person)
            people[row.email] = person
        _fill(person, row, section)
        session.flush()
        if before is None:
            result.created += 1
        elif before == _snapshot(person):
            result.unchanged += 1
        else:
            result.updated += 1
    for row in result.rows:
        _set_absence(session, people[row.email], row.absence, people)
    return result


def _fill(person: Staff, row: StaffRow, section: Section) -> None:
    person.name, person.title, person.phone = row.name, row.title, row.phone
    person.languages, person.capacity, person.active = row.languages, row.capacity, row.active
    person.section = section
    current = {c.topic_id: c for c in person.competences}
    for topic_id in set(current) - set(row.competences):
        person.competences.remove(current[topic_id])
    for topic_id, level in row.competences.items():
        if topic_id in current:
            current[topic_id].level = level
        else:
            person.competences.append(Competence(topic_id=topic_id, level=level))
    keywords = {s.keyword: s for s in person.specialities}
    for keyword in set(keywords) - set(row.specialities):
        person.specialities.remove(keywords[keyword])
    for keyword in sorted(set(row.specialities) - set(keywords)):
        person.specialities.append(Speciality(keyword=keyword))


def _set_absence(session: Session, person: Staff, absence, people: dict[str, Staff]) -> None:
    if absence is None:
        return
    starts, ends, deputy_email = absence
    deputy = people.get(deputy_email) if deputy_email else None
    if any(a.starts == starts and a.ends == ends for a in person.absences):
        return
    person.absences.append(Absence(starts=starts, ends=ends, deputy=deputy))
    session.flush()


def _section(session: Session, department_id: str, name: str) -> Section:
    section = session.scalar(select(Section).where(Section.department_id == department_id,
                                                   Section.name == name))
    if section is None:
        section = Section(department_id=department_id, name=name)
        session.add(section)
        session.flush()
    return section


def _snapshot(person: Staff) -> tuple:
    return (person.name, person.title, person.phone, person.languages, person.capacity, person.active,
            person.section_id, sorted((c.topic_id, c.level) for c in person.competences),
            sorted(s.keyword for s in person.specialities))


def export(session: Session) -> str:
    """Write the directory as CSV, with cells a spreadsheet would execute neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for person in session.scalars(staff_query().order_by(Staff.email)):
        competences = ";".join(f"{c.topic_id}:{c.level}" for c in sorted(person.competences,
                                                                          key=lambda c: c.topic_id))
        absence = next(iter(sorted(person.absences, key=lambda a: a.ends, reverse=True)), None)
        cells = [person.email, person.name, person.title, person.phone, person.section.department_id,
                 person.section.name, person.languages, person.capacity, "yes" if person.active else "no",
                 competences, ";".join(s.keyword for s in person.specialities),
                 absence.starts.isoformat() if absence else "", absence.ends.isoformat() if absence else "",
                 absence.deputy.email if absence and absence.deputy else ""]
        writer.writerow([spreadsheet_safe(str(c)) for c in cells])
    return out.getvalue()


def spreadsheet_safe(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + value if value[:1] in _FORMULA_STARTS else value
