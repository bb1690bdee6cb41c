"""A synthetic directory at national-service size: 1,000 staff, 100 topics, 100,000 past inquiries
with their history."""
from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import false, func, insert, literal, select
from sqlalchemy.orm import Session

from bench.corpus import valid_cvr
from directory.models import Absence, Competence, Section, Speciality, Staff, Topic
from router.models import Event, Inquiry

FIRST = "Anne Bo Carl Dorthe Emil Frida Gustav Hanne Ib Jytte Kim Lis Mads Nina Ole Pia Rune Sanne Tage Ulla".split()
LAST = "Andersen Bach Clausen Due Eriksen Fog Gram Holm Isaksen Juhl Krogh Lund Mikkelsen Nygaard Olsen".split()
WORDS = ("svineproduktion fiskeindustri lagerhaller brandsikring vindmøller campingpladser detailhandel "
         "havnearealer solceller gartnerier slagterier vognmænd biogas mejerier turisme eksport "
         "IGU lærlinge fleksjob sygefravær udbud klynger iværksættere støj lugt olietanke").split()


def add_topics(session: Session, total: int = 100) -> list[str]:
    """Add synthetic topics until there are `total`, spread over the departments."""
    existing = list(session.scalars(select(Topic)))
    departments = sorted({t.department_id for t in existing})
    for n in range(total - len(existing)):
        session.add(Topic(id=f"synthetic-{n:03d}", department_id=departments[n % len(departments)],
                          kle="00.00", name_da=f"Emne {n}", name_en=f"Topic {n}",
                          covers_da=f"{WORDS[n % len(WORDS)]} og {WORDS[(n * 7) % len(WORDS)]}",
                          covers_en="synthetic", first_response_workdays=2))
    session.flush()
    return list(session.scalars(select(Topic.id)))


def add_staff(session: Session, total: int, topic_ids: list[str], rng: random.Random) -> None:
    """Add synthetic people until there are `total`, each with 1-4 topics and 2-4 specialities, some away."""
    sections = list(session.scalars(select(Section)))
    have = session.scalar(select(func.count()).select_from(Staff))
    for n in range(total - have):
        person = Staff(name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", title="Konsulent",
                       email=f"synthetic.{n}@havvig.example", phone=f"+45 70 {n // 100:02d} {n % 100:02d} 00",
                       section=rng.choice(sections), capacity=rng.randint(10, 40))
        for topic_id in rng.sample(topic_ids, rng.randint(1, 4)):
            person.competences.append(Competence(topic_id=topic_id, level=rng.choice(("primary", "secondary"))))
        for word in rng.sample(WORDS, rng.randint(2, 4)):
            person.specialities.append(Speciality(keyword=word))
        session.add(person)
    session.flush()
    add_absences(session, rng)


def add_absences(session: Session, rng: random.Random, share: float = 0.05) -> None:
    """Send a share of the synthetic people on leave this fortnight, each with a synthetic deputy."""
    people = list(session.scalars(select(Staff).where(Staff.email.like("synthetic.%"))))
    first = date.today() - timedelta(days=3)
    for person in rng.sample(people, int(len(people) * share)):
        deputy = rng.choice(people)
        session.add(Absence(staff=person, starts=first, ends=first + timedelta(days=14),
                            deputy=None if deputy is person else deputy, reason="Ferie"))
    session.flush()


def add_inquiries(session: Session, total: int, rng: random.Random) -> None:
    """Bulk-insert `total` past (resolved) inquiries with companies and assignees."""
    staff = list(session.execute(select(Staff.id, Competence.topic_id).join(Competence)))
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    batch = []
    for n in range(total):
        staff_id, topic_id = rng.choice(staff)
        received = start + timedelta(minutes=7 * n)
        batch.append(dict(
            reference=f"VV-2025-{n + 1:06d}", status_token_hash=hashlib.sha256(f"t{n}".encode()).hexdigest(),
            received_at=received, channel="web", language="da", company_name=f"Firma {n % 20000} ApS",
            cvr=valid_cvr(rng), contact_name="Kontakt", email=f"k{n}@firma.example", phone="+45 70 00 00 00",
            text="Historisk henvendelse", state="resolved", topic_id=topic_id, assignee_id=staff_id,
            respond_by=date(2025, 1, 3), decision={}, resolved_at=received + timedelta(days=2), version=1))
        if len(batch) == 5000:
            session.execute(insert(Inquiry), batch)
            batch.clear()
    if batch:
        session.execute(insert(Inquiry), batch)
    add_history(session)


def add_history(session: Session) -> None:
    """Give every past inquiry its received, routed and resolved events, as the router would have."""
    past = select(Inquiry).where(Inquiry.reference.like("VV-2025-%")).subquery()
    columns = ["inquiry_id", "at", "kind", "staff_id", "topic_id", "note", "internal"]
    for kind, at, note in (("received", past.c.received_at, "web"), ("routed", past.c.received_at, ""),
                           ("resolved", past.c.resolved_at, "")):
        rows = select(past.c.id, at, literal(kind), past.c.assignee_id, past.c.topic_id, literal(note), false())
        session.execute(insert(Event).from_select(columns, rows))


def build(session: Session, *, staff: int = 1000, topics: int = 100, inquiries: int = 100_000,
          seed: int = 7) -> None:
    """Grow a seeded demo directory to the synthetic size (the caller commits)."""
    rng = random.Random(seed)
    topic_ids = add_topics(session, topics)
    add_staff(session, staff, topic_ids, rng)
    add_inquiries(session, inquiries, rng)
