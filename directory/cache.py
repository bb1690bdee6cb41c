"""Each worker's directory snapshot, rebuilt only when the directory's version in the database moves.

Every flush that adds, changes or deletes directory rows also increments the `directory` counter in
the same transaction, so any worker on any server sees the change on its next inquiry (one primary-key
read) and nothing is rebuilt while the directory stands still. A session that changed the directory
builds its own snapshot until it commits: others must not see what it may still roll back.
"""
from __future__ import annotations

import threading

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from directory import counters, snapshot
from directory.models import Absence, Competence, Department, Section, Speciality, Staff, Topic

VERSION = "directory"
CACHE_KEY = "vejviser.directory_cache"
_CHANGED = "vejviser.directory_changed"
_CURRENT = "vejviser.directory_snapshot"
_DIRECTORY = (Department, Section, Topic, Staff, Competence, Speciality, Absence)
_LIVE_COLUMNS = frozenset({"open_inquiries", "capacity"})  # read fresh for every inquiry anyway


class SnapshotCache:
    """One worker's latest snapshot, shared by the sessions of one database."""

    def __init__(self) -> None:
        self._latest: snapshot.Snapshot | None = None
        self._lock = threading.Lock()

    def get(self, session: Session, version: int) -> snapshot.Snapshot:
        """Return the snapshot of `version`, building it in `session` if this worker has not yet."""
        latest = self._latest
        if latest is not None and latest.version == version:
            return latest
        with self._lock:  # one build per change, however many threads ask at once
            latest = self._latest
            if latest is not None and latest.version == version:
                return latest
            built = snapshot.build(session, version)
            if latest is None or built.version > latest.version:
                self._latest = built
            return built

    def track(self, factory: sessionmaker) -> None:
        """Give `factory`'s sessions this cache, and bump the version whenever they change the directory."""
        factory.configure(info={**factory.kw.get("info", {}), CACHE_KEY: self})
        event.listen(factory, "before_flush", _bump_on_directory_change)
        event.listen(factory, "after_transaction_end", _forget)


def current(session: Session) -> snapshot.Snapshot:
    """Return the directory snapshot for this session's transaction (from the worker's cache if it has one)."""
    if session.autoflush:
        session.flush()  # a pending directory change bumps the version (and drops the memo) first
    memo = session.info.get(_CURRENT)
    if memo is not None:
        return memo
    version = counters.current(session, VERSION)
    cache = session.info.get(CACHE_KEY)
    if cache is None or session.info.get(_CHANGED):
        found = snapshot.build(session, version)
    else:
        found = cache.get(session, version)
    session.info[_CURRENT] = found
    return found


def _changes_directory(session: Session) -> bool:
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, _DIRECTORY):
            return True
    for obj in session.dirty:
        if isinstance(obj, _DIRECTORY) and session.is_modified(obj):
            changed = {a.key for a in inspect(obj).attrs if a.history.has_changes()}
            if not (isinstance(obj, Staff) and changed <= _LIVE_COLUMNS):
                return True
    return False


def _bump_on_directory_change(session: Session, _context, _instances) -> None:
    if _changes_directory(session):
        counters.increment(session, VERSION)
        session.info[_CHANGED] = True
        session.info.pop(_CURRENT, None)


def _forget(session: Session, transaction) -> None:
    if transaction.parent is None:  # the whole transaction ended, not a savepoint
        session.info.pop(_CHANGED, None)
        session.info.pop(_CURRENT, None)
