"""Reference numbers like VV-2026-000123, handed out by the database, never by a process."""
from __future__ import annotations

from sqlalchemy.orm import Session

from directory.counters import increment


def next_reference(session: Session, year: int) -> str:
    """Take the next reference number of `year` with one atomic upsert (gaps allowed, duplicates never).

    On SQLite the number is taken in the caller's transaction, which already holds the one write lock.
    On PostgreSQL it is taken in a short transaction of its own: a counter row locked until the
    inquiry's commit would queue every submission behind the disk flush of the one before. That
    transaction commits without waiting for the disk, which is safe: the inquiry's own commit comes
    later in the write-ahead log and waits for it, so an inquiry that survives a crash has its number
    too, and a number lost in a crash was never handed to a stored inquiry.
    """
    name = f"reference-{year}"
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return f"VV-{year}-{increment(session, name):06d}"
    with bind.connect() as connection:
        connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        number = increment(connection, name)
        connection.commit()
    return f"VV-{year}-{number:06d}"
