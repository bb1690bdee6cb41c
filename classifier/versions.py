"""Model versions in the database: store, compare, activate, load. The caller commits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, load_only

from classifier import artifact
from classifier.model import Model
from classifier.store import ModelVersion
from directory.db import utc_now

# A candidate may trail the active model by this much (noise between folds) and still count as not worse.
TOLERANCE = 0.005
COMPARED = ("top1", "department", "auto_precision")


@dataclass(frozen=True)
class Verdict:
    """Whether a candidate may replace the active model, and why."""

    activate: bool
    reason: str


def active_version(session: Session, *, with_artifact: bool = False) -> ModelVersion | None:
    """Return the active model version, if any (without the artifact unless asked)."""
    stmt = select(ModelVersion).where(ModelVersion.active.is_(True)).order_by(ModelVersion.id.desc())
    if not with_artifact:
        stmt = stmt.options(load_only(ModelVersion.id, ModelVersion.metrics, ModelVersion.training_hash,
                                      ModelVersion.activated_at, ModelVersion.active))
    return session.scalars(stmt.limit(1)).first()


def active_version_id(session: Session) -> int | None:
    """Return the id of the active version: the cheap question every worker asks every few seconds."""
    return session.scalar(select(ModelVersion.id).where(ModelVersion.active.is_(True))
                          .order_by(ModelVersion.id.desc()).limit(1))


def store(session: Session, model: Model, metrics: dict[str, Any]) -> ModelVersion:
    """Add a new, inactive version holding the model's artifact and figures."""
    data = artifact.dump(model)
    version = ModelVersion(artifact=data, sha256=artifact.sha256(data), training_hash=model.training_hash,
                           metrics=metrics, library_versions=artifact.library_versions(), active=False)
    session.add(version)
    session.flush()
    return version


def activate(session: Session, version: ModelVersion) -> None:
    """Make `version` the only active one."""
    session.execute(update(ModelVersion).where(ModelVersion.id != version.id, ModelVersion.active.is_(True))
                    .values(active=False))
    version.active = True
    version.activated_at = utc_now()
    session.flush()


def load(version: ModelVersion) -> Model:
    """Load a stored version's model, refusing altered artifacts (artifact.ArtifactRefused)."""
    return artifact.load(version.artifact, version.sha256, version_id=version.id)


def compare(candidate: dict[str, Any], active: dict[str, Any] | None) -> Verdict:
    """Decide from two evaluations made the same way whether the candidate is not worse than the active."""
    if not active:
        return Verdict(True, "no model is active")
    worse = [f"{key} {candidate.get(key, 0.0):.3f} < {active[key]:.3f}" for key in COMPARED
             if key in active and candidate.get(key, 0.0) < active[key] - TOLERANCE]
    if worse:
        return Verdict(False, "worse than the active model: " + ", ".join(worse))
    return Verdict(True, "not worse than the active model on " + ", ".join(COMPARED))
