"""Seed the fictional Havvig Kommune: departments, taxonomy, staff, sections, demo logins."""
from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from directory import migrate, staff_csv
from directory.clock import today
from directory.db import Database
from directory.models import Department, Section, Staff, Topic, User

HERE = Path(__file__).resolve().parent
TOPICS_CSV = HERE / "topics.csv"
STAFF_CSV = HERE / "demo_staff.csv"

DEPARTMENTS = {
    "technical-services": ("Teknik og Miljø", "Technical Services"),
    "business-development": ("Erhverv og Turisme", "Business Development"),
    "job-centre": ("Jobcenter – Virksomhedsservice", "Job Centre employer services"),
}
SECTION_CONTACTS = {
    "Plan og Byg": ("+45 96 60 10 10", "planogbyg@havvig.example"),
    "Natur, Miljø og Landbrug": ("+45 96 60 11 10", "miljoe@havvig.example"),
    "Vej og Trafik": ("+45 96 60 12 10", "vejogtrafik@havvig.example"),
    "Vand og Spildevand": ("+45 96 60 13 10", "vand@havvig.example"),
    "Erhverv og Turisme": ("+45 96 60 20 10", "erhverv@havvig.example"),
    "Jobcenter Virksomhedsservice": ("+45 96 60 30 10", "virksomhedsservice@havvig.example"),
}
# Local demo logins only (README); never seeded when VEJVISER_ENV=production.
DEMO_USERS = (
    ("skranke", "skranke-demo", "front_desk", None),
    ("sagsbehandler", "sagsbehandler-demo", "caseworker", "jonas.nielsen@havvig.example"),
    ("leder", "leder-demo", "section_leader", "henrik.soendergaard@havvig.example"),
    ("admin", "admin-demo", "admin", None),
)
_RELATIVE_DAY = re.compile(r"TODAY([+-]\d+)?")


def is_seeded(session: Session) -> bool:
    """Tell whether the directory already has staff."""
    return bool(session.scalar(select(func.count()).select_from(Staff)))


def seed_taxonomy(session: Session) -> None:
    """Create the three departments and every reference topic (idempotent)."""
    for dept_id, (name_da, name_en) in DEPARTMENTS.items():
        session.merge(Department(id=dept_id, name_da=name_da, name_en=name_en))
    with TOPICS_CSV.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            session.merge(Topic(
                id=row["id"], department_id=row["department"], kle=row["kle"],
                name_da=row["name_da"], name_en=row["name_en"],
                covers_da=row["covers_da"], covers_en=row["covers_en"],
                first_response_workdays=int(row["first_response_workdays"]),
                decision_days=int(row["decision_days"]) if row["decision_days"] else None,
            ))
    session.flush()


def demo_staff_csv(today: date) -> str:
    """Return the demo staff file with its relative absence dates made absolute."""
    def absolute(match: re.Match) -> str:
        return (today + timedelta(days=int(match.group(1) or 0))).isoformat()

    return _RELATIVE_DAY.sub(absolute, STAFF_CSV.read_text(encoding="utf-8"))


def seed_demo(session: Session, today: date, *, with_logins: bool = True) -> None:
    """Seed the whole demo municipality into an empty directory; the caller commits."""
    seed_taxonomy(session)
    result = staff_csv.parse(session, demo_staff_csv(today))
    if result.errors:
        raise ValueError("demo staff file is invalid: " + "; ".join(map(str, result.errors)))
    staff_csv.apply(session, result)
    for section in session.scalars(select(Section)):
        section.phone, section.email = SECTION_CONTACTS.get(section.name, (None, None))
    if with_logins:
        seed_logins(session)
    session.flush()


def seed_database(url: str) -> None:
    """Migrate an empty database at `url` to head and seed the demo municipality into it."""
    migrate.upgrade(url)
    db = Database.connect(url)
    with db.writer() as session:
        seed_demo(session, today())
        session.commit()
    db.engine.dispose()


def seed_logins(session: Session) -> None:
    """Create the demo logins, one per role."""
    for username, password, role, staff_email in DEMO_USERS:
        if session.scalar(select(User).where(User.username == username)):
            continue
        staff = session.scalar(select(Staff).where(Staff.email == staff_email)) if staff_email else None
        session.add(User(username=username, password_hash=generate_password_hash(password),
                         role=role, staff=staff))
