"""Reference numbers like VV-2026-000123, handed out by the database, never by a process."""
from __future__ import annotations

from functools import cache

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
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
    try:
        number = _take(_numbering_engine(bind), name)
    except DBAPIError as error:
        if not error.connection_invalidated:
            raise
        number = _take(_numbering_engine(bind), name)  # the server restarted since: once more, anew
    return f"VV-{year}-{number:06d}"


def _take(engine: Engine, name: str) -> int:
    with engine.connect() as connection:
        return increment(connection, name)  # committed by itself (autocommit), not waiting for the disk


@cache
def _numbering_engine(bind: Engine) -> Engine:
    # Its own small pool of autocommit connections with synchronous_commit off from the start: one
    # round trip per number, and the main pool's connections keep waiting for the disk on commit. No
    # ping before each use: a connection the server dropped fails, and the number is simply taken
    # again (a number lost that way is a gap, which references may have).
    engine = create_engine(bind.url, isolation_level="AUTOCOMMIT", pool_size=2, max_overflow=8,
                           pool_pre_ping=False, connect_args={"options": "-c synchronous_commit=off"})
    event.listen(bind, "engine_disposed", lambda _bind: engine.dispose())  # closes with the main pool
    return engine
