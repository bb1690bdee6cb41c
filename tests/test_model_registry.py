"""Every worker uses the active model version and picks up a newly activated one without a restart."""
from __future__ import annotations

import logging

from classifier import versions
from classifier.store import ModelVersion
from web.model_registry import EXTENSION, ModelRegistry, current_model


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _store(database, model, *, activate: bool) -> int:
    with database.writer() as session:
        version = versions.store(session, model, {"evaluation": {"top1": 0.8}})
        if activate:
            versions.activate(session, version)
        session.commit()
        return version.id


def test_with_no_active_model_the_worker_has_none(database):
    assert ModelRegistry(database, poll_seconds=5).current() is None


def test_a_newly_activated_version_is_used_after_the_next_poll(database, trained_model):
    clock = Clock()
    registry = ModelRegistry(database, poll_seconds=5, clock=clock)
    first = _store(database, trained_model, activate=True)
    assert registry.current().version == first

    second = _store(database, trained_model, activate=True)
    clock.now += 2
    assert registry.current().version == first  # not asked again yet
    clock.now += 5
    model = registry.current()
    assert model.version == second
    assert model.classify("Vi skal bruge en ny medarbejder til lageret").model_version == second


def test_a_worker_gives_the_memory_a_load_freed_back_after_each_load_only(database, trained_model, monkeypatch):
    released: list[int | None] = []
    monkeypatch.setattr("web.model_registry.release_freed_memory", lambda: released.append(registry._version_id))
    clock = Clock()
    registry = ModelRegistry(database, poll_seconds=5, clock=clock)
    first = _store(database, trained_model, activate=True)
    registry.current()
    clock.now += 10
    registry.current()  # asked again, nothing new: nothing to give back
    second = _store(database, trained_model, activate=True)
    clock.now += 10
    registry.current()
    assert released == [first, second]


def test_a_stored_but_inactive_version_is_not_used(database, trained_model):
    clock = Clock()
    registry = ModelRegistry(database, poll_seconds=1, clock=clock)
    active = _store(database, trained_model, activate=True)
    _store(database, trained_model, activate=False)
    clock.now += 10
    assert registry.current().version == active


def test_an_altered_active_version_gives_no_model_and_a_log_line(database, trained_model, caplog):
    version_id = _store(database, trained_model, activate=True)
    with database.writer() as session:
        session.get(ModelVersion, version_id).sha256 = "0" * 64
        session.commit()
    with caplog.at_level(logging.ERROR, logger="vejviser.classifier"):
        assert ModelRegistry(database, poll_seconds=5).current() is None
    assert "SHA-256 does not match" in caplog.text


def test_the_app_serves_the_active_model_to_its_requests(app, trained_model):
    version_id = _store(app.extensions["vejviser.db"], trained_model, activate=True)
    assert isinstance(app.extensions[EXTENSION], ModelRegistry)
    with app.app_context():
        assert current_model().version == version_id
