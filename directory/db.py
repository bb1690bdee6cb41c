"""Engine and session set-up shared by every domain package (no Flask here)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker


def utc_now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """Declarative base of every Vejviser table."""


def _configure_sqlite(engine: Engine) -> None:
    """Give SQLite WAL, a busy timeout, foreign keys, and IMMEDIATE write transactions.

    A deferred transaction that reads and then writes fails at once with "database is locked" when
    another process wrote in between, whatever the busy timeout; starting write transactions with
    BEGIN IMMEDIATE makes writers queue on the busy timeout instead.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


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
