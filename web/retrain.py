"""Retraining started from the routing-quality page: it runs in the background (about a minute, on one core
so the others keep serving), stores the new model as an inactive version, and leaves activating it to a
section leader."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from classifier import retraining, versions
from classifier.examples import SEED_DIR
from classifier.store import ModelVersion
from router.models import AuditRecord

log = logging.getLogger("vejviser.retrain")
LOCK = "vejviser.retrain.lock"
THREAD = "vejviser.retrain.thread"


def newest_version_id(session) -> int:
    """Return the highest model version id (0 when there is none)."""
    return session.scalar(select(func.max(ModelVersion.id))) or 0


def start(app: Flask, user_id: int | None) -> bool:
    """Start training in this worker unless it is already training; tell whether it started."""
    lock: threading.Lock = app.extensions.setdefault(LOCK, threading.Lock())
    if not lock.acquire(blocking=False):
        return False
    thread = threading.Thread(target=_train, args=(app, user_id, lock), name="retrain", daemon=True)
    app.extensions[THREAD] = thread  # lets a test wait for it
    thread.start()
    return True


def _train(app: Flask, user_id: int | None, lock: threading.Lock) -> None:
    try:
        db = app.extensions["vejviser.db"]
        seeds = Path(app.config.get("VEJVISER_TRAINING_DIR") or SEED_DIR)
        with db.reader() as session:  # no write lock is held while the model trains
            data = retraining.gather(session, seeds)
        candidate = retraining.build_candidate(data)
        with db.writer() as session:
            version = versions.store(session, candidate.model, candidate.model.metrics)
            session.add(AuditRecord(user_id=user_id, action="model.train", target=f"model:{version.id}",
                                    detail=candidate.verdict.reason))
            session.commit()
        log.info("trained model version %s (%s)", version.id, candidate.verdict.reason)
    except Exception:  # noqa: BLE001 - a failed training must not take the worker down; the page says so
        log.exception("retraining from the routing-quality page failed")
    finally:
        lock.release()
