"""The production gunicorn settings: the master loads the model before forking, lets no database
connection cross the fork, and keeps what it loaded out of the workers' garbage collections."""
from __future__ import annotations

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

from web.model_registry import EXTENSION

CONFIG = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_the_master_loads_the_model_and_freezes_it_before_the_workers_fork(app, monkeypatch):
    settings = runpy.run_path(str(CONFIG))
    assert settings["preload_app"] is True and settings["logger_class"] == "web.access_log.RedactingLogger"
    registry = app.extensions[EXTENSION]
    asked = []
    monkeypatch.setattr(registry, "current", lambda: asked.append(True))
    engine = app.extensions["vejviser.db"].engine
    with engine.connect():
        pass  # the pool now holds an open connection, as after a real model load
    assert engine.pool.checkedin() == 1
    try:
        settings["when_ready"](SimpleNamespace(app=SimpleNamespace(wsgi=lambda: app)))
        assert asked == [True]
        assert engine.pool.checkedin() == 0  # disposed: no connection is shared by forked workers
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
