"""The classifier commands: train (with the activation rule), evaluate, classify, ensure-model."""
from __future__ import annotations

import json

from sqlalchemy import select

from classifier.store import ModelVersion


def _versions(app) -> list[ModelVersion]:
    with app.extensions["vejviser.db"].reader() as session:
        return list(session.scalars(select(ModelVersion).order_by(ModelVersion.id)))


def _train(runner, small_seeds, *extra: str):
    result = runner.invoke(args=["train", "--seeds", str(small_seeds), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_train_reports_cross_validation_and_activates_the_first_version(app, runner, small_seeds):
    output = _train(runner, small_seeds)
    for line in ("cross-validation fold 5/5 done", "topic top-1", "topic top-3", "macro-F1", "department",
                 "auto-routed precision", "coverage (auto-routed)", "reliability", "per topic",
                 "most confused", "model version 1 activated"):
        assert line in output
    (version,) = _versions(app)
    assert version.active and version.activated_at is not None
    assert version.metrics["evaluation"]["examples"] == 280
    assert set(version.library_versions) >= {"scikit-learn", "skops", "numpy"}


def test_a_worse_model_is_stored_but_not_activated_unless_forced(app, runner, small_seeds):
    _train(runner, small_seeds)
    with app.extensions["vejviser.db"].writer() as session:
        active = session.get(ModelVersion, 1)
        active.metrics = {**active.metrics, "evaluation": {**active.metrics["evaluation"], "top1": 0.999}}
        session.commit()
    assert "model version 2 stored but NOT activated" in _train(runner, small_seeds)
    assert [v.active for v in _versions(app)] == [True, False]
    assert "model version 3 activated" in _train(runner, small_seeds, "--force")
    assert [v.active for v in _versions(app)] == [False, False, True]


def test_evaluate_classify_and_ensure_model(app, runner, small_seeds, tmp_path):
    _train(runner, small_seeds)
    assert "model version 1 is active" in runner.invoke(args=["ensure-model"]).output
    assert len(_versions(app)) == 1
    file = tmp_path / "cases.jsonl"
    file.write_text(json.dumps({"text": "Vi skal bruge en ny medarbejder til lageret", "topics": ["recruitment"]})
                    + "\n", encoding="utf-8")
    evaluated = runner.invoke(args=["evaluate", str(file)])
    assert evaluated.exit_code == 0 and "cases.jsonl: 1 inquiries" in evaluated.output
    classified = runner.invoke(args=["classify", "Vi skal bruge en ny medarbejder til lageret"])
    assert classified.exit_code == 0
    assert classified.output.startswith("1. ") and "needs review:" in classified.output


def test_commands_refuse_an_altered_model_clearly(app, runner, small_seeds):
    _train(runner, small_seeds)
    with app.extensions["vejviser.db"].writer() as session:
        session.get(ModelVersion, 1).artifact += b"x"
        session.commit()
    result = runner.invoke(args=["classify", "Vi skal have en ny carport"])
    assert result.exit_code != 0 and "SHA-256 does not match" in result.output
