"""Engine and session set-up shared by every domain package (no Flask here)."""
from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, create_engine, event, insert, inspect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


def utc_now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


_WRITE_LOCK = "vejviser.write_lock"


class Base(DeclarativeBase):
    """Declarative base of every Vejviser table."""


def _configure_sqlite(engine: Engine) -> None:
    """Give SQLite WAL, a busy timeout, foreign keys, and IMMEDIATE write transactions that queue.

    A deferred transaction that reads and then writes fails at once with "database is locked" when
    another process wrote in between, whatever the busy timeout; starting write transactions with
    BEGIN IMMEDIATE avoids that. SQLite's busy handler then makes a waiting writer sleep (1, 2, 5,
    10 ms …) and look again, leaving the lock idle in between, so writers of a file database first
    queue on an exclusive lock of a file beside it, which the kernel hands to the next the moment the
    last one returns its connection; the busy timeout remains for anyone writing without it.
    """
    lock_path = _write_lock_path(engine)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        if lock_path:
            # One open file per connection: its lock excludes every other connection, in this process too.
            record.info[_WRITE_LOCK] = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        lock = connection.connection.info.get(_WRITE_LOCK)
        if immediate and lock is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held until the connection goes back to the pool
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    if lock_path:
        @event.listens_for(engine, "checkin")
        def _on_checkin(_dbapi_connection, record):
            lock = record.info.get(_WRITE_LOCK)
            if lock is not None:
                fcntl.flock(lock, fcntl.LOCK_UN)

        @event.listens_for(engine, "close")
        def _on_close(_dbapi_connection, record):
            lock = record.info.pop(_WRITE_LOCK, None)
            if lock is not None:
                os.close(lock)  # closing the file also releases its lock


def _write_lock_path(engine: Engine) -> str | None:
    """Return the lock file beside a file database, or None for an in-memory one."""
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return f"{database}.write-lock"


def make_engine(url: str, **kwargs) -> Engine:
    """Create the engine for a database URL, with the dialect's concurrency settings."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


@dataclass(frozen=True)
class Database:
    """An engine with one session factory for reading and one for writing, sharing one directory snapshot."""

    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]

    @classmethod
    def connect(cls, url: str, **kwargs) -> "Database":
        """Open the database at `url` (nothing is created)."""
        from directory.cache import SnapshotCache  # the cache reads the directory's models, which need Base

        engine = make_engine(url, **kwargs)
        write_engine = engine.execution_options(sqlite_immediate=True)
        database = cls(
            engine=engine,
            reader=sessionmaker(engine, expire_on_commit=False),
            writer=sessionmaker(write_engine, expire_on_commit=False),
        )
        cache = SnapshotCache()
        cache.track(database.reader)
        cache.track(database.writer)
        return database

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def _column_values(obj: Base) -> dict:
    state = inspect(obj)  # only the attributes that were set: column defaults fill the rest
    return {prop.columns[0].key: state.dict[prop.key] for prop in state.mapper.column_attrs
            if prop.key in state.dict}


def insert_one(session: Session, obj: Base) -> int:
    """Insert one new, unattached model object with a plain INSERT; set and return the id it got.

    For the hot path of taking in an inquiry, where the unit-of-work flush of half a dozen new rows
    cost more than routing them. The object stays outside the session: load it to change it.
    """
    table = obj.__table__
    obj.id = session.connection().execute(insert(table).returning(table.c.id), _column_values(obj)).scalar_one()
    return obj.id


def insert_new(session: Session, *objects: Base) -> None:
    """Insert new, unattached model objects with plain INSERTs, one per table and set of columns."""
    groups: dict[tuple, list[dict]] = {}
    for obj in objects:
        values = _column_values(obj)
        groups.setdefault((obj.__table__, tuple(values)), []).append(values)
    connection = session.connection()
    for (table, _columns), rows in groups.items():
        connection.execute(insert(table), rows)
