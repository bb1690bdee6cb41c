"""Named numbers handed out by the database, never by a process: reference numbers, the directory's version."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Connection, Insert, Integer, Select, String, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from directory.db import Base


class Counter(Base):
    """A named number handed out atomically (reference numbers per year, the directory's version)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


@cache
def _increment(dialect: str) -> Insert:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (insert(Counter).values(name=bindparam("name"), value=1)
            .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
            .returning(Counter.value))


def increment(session: Session | Connection, name: str) -> int:
    """Add one to a counter (creating it at 1) in one atomic upsert, and return the new value.

    The row stays locked until the transaction ends (on SQLite the whole database does).
    """
    # A plain statement on a connection: the ORM adds nothing here but time.
    connection = session.connection() if isinstance(session, Session) else session
    return connection.execute(_increment(connection.dialect.name), {"name": name}).scalar_one()


@cache
def _value() -> Select:
    return select(Counter.value).where(Counter.name == bindparam("name"))  # built once: asked per inquiry


def current(session: Session, name: str) -> int:
    """Return a counter's value (0 when it was never incremented)."""
    return session.connection().scalar(_value(), {"name": name}) or 0
