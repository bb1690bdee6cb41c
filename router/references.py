"""Reference numbers like VV-2026-000123, handed out by the database, never by a process."""
from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from router.models import Counter


def next_reference(session: Session, year: int) -> str:
    """Take the next reference number of `year` with one atomic upsert (gaps allowed, duplicates never).

    On PostgreSQL the counter row stays locked until the caller commits, which also orders the
    capacity claims that follow, so two submissions can never deadlock on each other's caseworkers.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(Counter)
        .values(name=f"reference-{year}", value=1)
        .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
        .returning(Counter.value)
    )
    number = session.execute(stmt).scalar_one()
    return f"VV-{year}-{number:06d}"
