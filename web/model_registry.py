"""The classifier each worker uses: the database's active model version, reloaded when another is activated."""
from __future__ import annotations

import ctypes
import logging
import threading
import time
from typing import Callable

from flask import Flask, current_app

from classifier import versions
from classifier.artifact import ArtifactRefused
from classifier.model import Model
from classifier.store import ModelVersion
from directory.db import Database

log = logging.getLogger("vejviser.classifier")
EXTENSION = "vejviser.classifier"
# glibc keeps the heap that loading a model frees (about 40 MB of parsing leftovers) unless asked to
# return it; other C libraries have no such call and need none.
_MALLOC_TRIM = getattr(ctypes.CDLL(None), "malloc_trim", None)


def release_freed_memory() -> None:
    """Hand memory that Python has freed back to the system, so a worker's resident size stays its real size."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


class ModelRegistry:
    """Ask the database at most every `poll_seconds` which version is active; load it when it changes."""

    def __init__(self, database: Database, poll_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.database = database
        self.poll_seconds = poll_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._checked_at: float | None = None
        self._version_id: int | None = None
        self._model: Model | None = None

    def current(self) -> Model | None:
        """Return the active model, or None (no active version, or it cannot be loaded: see the log)."""
        now = self.clock()
        if self._checked_at is not None and now - self._checked_at < self.poll_seconds:
            return self._model
        with self._lock:
            if self._checked_at is None or now - self._checked_at >= self.poll_seconds:
                if self._refresh():
                    release_freed_memory()
                self._checked_at = self.clock()
        return self._model

    def _refresh(self) -> bool:
        """Follow the active version; return whether the model changed (loaded, refused or dropped)."""
        try:
            with self.database.reader() as session:
                active_id = versions.active_version_id(session)
                if active_id == self._version_id:
                    return False
                row = session.get(ModelVersion, active_id) if active_id is not None else None
        except Exception:  # noqa: BLE001 - a database hiccup keeps the model we have
            log.exception("could not ask the database for the active classifier model")
            return False
        self._version_id, self._model = active_id, None
        if row is None:
            log.warning("no classifier model is active; inquiries go to review")
            return True
        try:
            self._model = versions.load(row)
            log.info("loaded classifier model version %s", active_id)
        except ArtifactRefused as exc:
            log.error("classifier model refused: %s", exc)
        except Exception:  # noqa: BLE001 - a worker keeps serving (inquiries to review) whatever went wrong
            log.exception("could not load classifier model version %s", active_id)
        return True


def init_app(app: Flask) -> None:
    """Attach a registry for the app's database (nothing is loaded until the first inquiry)."""
    app.extensions[EXTENSION] = ModelRegistry(app.extensions["vejviser.db"],
                                              float(app.config["VEJVISER_MODEL_POLL_SECONDS"]))


def current_model() -> Model | None:
    """Return this worker's active classifier model, or None when there is none or it cannot be loaded."""
    return current_app.extensions[EXTENSION].current()
