"""Retrain from the seeds and the corrections, judge the candidate against the active model, record it.

Reading, training and recording are separate steps so that no write transaction (on SQLite: the
database's one write lock) stays open during the half-minute of training.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from classifier import versions
from classifier.artifact import ArtifactRefused
from classifier.corrections import correction_examples
from classifier.evaluation import evaluate, score
from classifier.examples import SEED_DIR, Example, seed_examples
from classifier.features import ModelOptions
from classifier.model import Model
from classifier.store import ModelVersion
from classifier.topics import TopicInfo, topic_infos
from classifier.training import CrossValidation, Progress, quiet, cross_validate, fit
from classifier.versions import Verdict

log = logging.getLogger("vejviser.classifier")
# Fewer unseen examples than this say too little; the cross-validation figures are compared instead.
MIN_UNSEEN = 20


@dataclass
class TrainingData:
    """Everything training reads from the database and the seed files."""

    examples: list[Example]
    topics: list[TopicInfo]
    active: Model | None = None
    active_metrics: dict[str, Any] = field(default_factory=dict)


@dataclass
class Candidate:
    """A trained model, its cross-validation and the verdict against the active model."""

    model: Model
    validation: CrossValidation
    verdict: Verdict
    comparison: dict[str, Any]


def gather(session: Session, seed_dir: Path = SEED_DIR) -> TrainingData:
    """Read topics, seed examples, corrections and the active model."""
    examples = seed_examples(seed_dir) + correction_examples(session)
    data = TrainingData(examples=examples, topics=topic_infos(session))
    row = versions.active_version(session, with_artifact=True)
    if row is not None:
        data.active_metrics = dict(row.metrics or {})
        try:
            data.active = versions.load(row)
        except ArtifactRefused:
            log.exception("the active model cannot be loaded; judging the candidate on stored figures")
    return data


def _figures(report: Any) -> dict[str, float]:
    source = report.as_dict() if hasattr(report, "as_dict") else dict(report or {})
    return {k: source[k] for k in ("examples", *versions.COMPARED) if k in source}


def judge(validation: CrossValidation, data: TrainingData) -> tuple[Verdict, dict[str, Any]]:
    """Compare the candidate with the active model on the same examples, scored the same way."""
    active = data.active
    unseen = [i for i, ex in enumerate(validation.examples) if active and ex.fingerprint not in active.trained_on]
    if active is not None and len(unseen) >= MIN_UNSEEN:
        chosen = [validation.examples[i] for i in unseen]
        candidate = score(validation.probabilities[unseen], validation.involvement[unseen], validation.labels,
                          chosen, validation.departments, validation.calibration)
        basis = f"{len(unseen)} labelled examples the active model never saw (candidate: out-of-fold)"
        current = _figures(evaluate(active, chosen))
    else:
        candidate, basis = validation.report, "5-fold cross-validation on the training data"
        current = _figures(data.active_metrics.get("evaluation")) if data.active_metrics else {}
    verdict = versions.compare(_figures(candidate), current or None)
    return verdict, {"basis": basis, "candidate": _figures(candidate), "active": current, "reason": verdict.reason}


def build_candidate(data: TrainingData, *, options: ModelOptions | None = None, jobs: int = 1,
                    progress: Progress = quiet) -> Candidate:
    """Cross-validate (`jobs` folds at a time), fit the final model and judge it against the active one."""
    options = options or ModelOptions()
    validation = cross_validate(data.examples, data.topics, options, jobs=jobs, with_final=True,
                                progress=progress)
    verdict, comparison = judge(validation, data)
    sources: dict[str, int] = {}
    for ex in validation.examples:
        kind = ex.source.split(":")[0]
        sources[kind] = sources.get(kind, 0) + 1
    metrics = {"evaluation": validation.report.as_dict(), "comparison": comparison,
               "sources": sources, "options": options.as_dict()}
    model = fit(data.examples, data.topics, validation.calibration, options=options, metrics=metrics,
                fitted=validation.final, progress=progress)
    return Candidate(model, validation, verdict, comparison)


def record(session: Session, candidate: Candidate, *, force: bool = False) -> tuple[ModelVersion, bool]:
    """Store the candidate as a new version; activate it if it is not worse, or if forced."""
    version = versions.store(session, candidate.model, candidate.model.metrics)
    activated = candidate.verdict.activate or force
    if activated:
        versions.activate(session, version)
    return version, activated
