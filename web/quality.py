"""Routing quality for section leaders: charts and figures, model versions, and retraining that shows
the new model's evaluation beside the active one and asks before activating it."""
from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import load_only

from classifier import versions
from classifier.store import ModelVersion
from directory.clock import today
from router.quality import Quality, routing_quality
from web import retrain as retraining_job
from web.audit import audit
from web.auth import roles_required
from web.database import db_session
from web.layout import localized
from web.public import topic_by_id
from web.retrain import newest_version_id

bp = Blueprint("quality", __name__, url_prefix="/quality")

WEEKS = 8
CHART_TOPICS = 6  # the busiest topics get a colour each; the rest are summed as "other"
REFRESH_SECONDS = 5
GIVE_UP_SECONDS = 600
METRICS = ("examples", "top1", "top3", "macro_f1", "department", "auto_precision", "coverage", "ece")


def metric_names() -> dict[str, str]:
    """Name the evaluation figures in plain words."""
    return {"examples": _("Eksempler"), "top1": _("Rigtigt emne"), "top3": _("Rigtigt emne blandt tre bud"),
            "macro_f1": _("Makro-F1 (alle emner lige vægtet)"), "department": _("Rigtig afdeling"),
            "auto_precision": _("Rigtige blandt dem, der routes uden visitering"),
            "coverage": _("Andel routet uden visitering"), "ece": _("Kalibreringsfejl (ECE)")}


def model_versions(limit: int = 10) -> list[ModelVersion]:
    """Return the newest model versions, without their (large) artifacts."""
    columns = load_only(ModelVersion.id, ModelVersion.created_at, ModelVersion.metrics, ModelVersion.active,
                        ModelVersion.activated_at, ModelVersion.training_hash)
    stmt = select(ModelVersion).options(columns).order_by(ModelVersion.id.desc()).limit(limit)
    return list(db_session().scalars(stmt))


def headline(metrics: dict[str, Any]) -> dict[str, float]:
    """Pick the comparable figures from a version's metrics (top level, or its evaluation block)."""
    source = metrics.get("evaluation") if isinstance(metrics.get("evaluation"), dict) else metrics
    return {k: source[k] for k in METRICS if isinstance(source.get(k), (int, float))}


def chart_data(quality: Quality) -> dict[str, Any]:
    """Shape the figures for the charts: weekly volume of the busiest topics, forward rate per topic."""
    names = {t_id: localized(t) for t_id, t in topic_by_id().items()} | {"needs_review": _("Til visitering")}
    totals = sorted(quality.per_topic_week, key=lambda t: -sum(quality.per_topic_week[t].values()))
    shown, rest = totals[:CHART_TOPICS], totals[CHART_TOPICS:]
    series = [{"label": names.get(t, t), "data": [quality.per_topic_week[t].get(w, 0) for w in quality.weeks]}
              for t in shown]
    if rest:
        series.append({"label": _("Øvrige emner"), "data": [sum(quality.per_topic_week[t].get(w, 0) for t in rest)
                                                  for w in quality.weeks]})
    return {
        "weeks": [f"{w.isocalendar()[1]}" for w in quality.weeks],
        "volume": series,
        "forward": {"labels": [names.get(r.topic, r.topic) for r in quality.forward_rates],
                    "data": [round(100 * r.rate, 1) for r in quality.forward_rates]},
    }


@bp.get("")
@roles_required("section_leader")
def overview():
    quality = routing_quality(db_session(), today(), weeks=WEEKS)
    versions = model_versions()
    return render_template("quality/overview.html", quality=quality, charts=chart_data(quality),
                           topics=topic_by_id(), versions=versions, headline=headline, metrics=METRICS,
                           metric_names=metric_names())



def _version(version_id: int) -> ModelVersion:
    return db_session().get(ModelVersion, version_id) or abort(404)


def comparison(candidate: ModelVersion, active: ModelVersion | None) -> dict[str, Any]:
    """Return both models' figures on the same examples (as training measured them) and the verdict."""
    stored = (candidate.metrics or {}).get("comparison")
    if isinstance(stored, dict) and stored.get("candidate"):
        return {"new": stored["candidate"], "current": stored.get("active") or {},
                "basis": stored.get("basis", ""), "reason": stored.get("reason", "")}
    return {"new": headline(candidate.metrics or {}), "current": headline(active.metrics or {}) if active else {},
            "basis": "", "reason": ""}


@bp.get("/models/<int:version_id>")
@roles_required("section_leader")
def compare(version_id: int):
    """Show a model version's evaluation beside the active one's, and offer to activate it."""
    candidate, active = _version(version_id), versions.active_version(db_session())
    return render_template("quality/compare.html", candidate=candidate, active=active, metrics=METRICS,
                           metric_names=metric_names(), figures=comparison(candidate, active))


@bp.post("/retrain")
@roles_required("section_leader")
def retrain():
    """Start training a new model in the background; the waiting page follows it."""
    session["retrain_after"] = newest_version_id(db_session())
    session["retrain_started"] = time.time()
    if not retraining_job.start(current_app._get_current_object(), current_user.user_id):
        flash(_("En ny model er allerede ved at blive trænet."), "info")
    return redirect(url_for(".training"))


@bp.get("/retrain")
@roles_required("section_leader")
def training():
    """Wait for the new model, then show it beside the active one."""
    if "retrain_after" not in session:
        return redirect(url_for(".overview"))
    newest = newest_version_id(db_session())
    if newest > session["retrain_after"]:
        session.pop("retrain_after")
        return redirect(url_for(".compare", version_id=newest))
    # Training takes about a minute; much longer means it failed (the server's log says why).
    given_up = time.time() - session.get("retrain_started", 0) > GIVE_UP_SECONDS
    if given_up:
        session.pop("retrain_after")
    return render_template("quality/training.html", refresh_seconds=REFRESH_SECONDS, given_up=given_up)


@bp.post("/models/<int:version_id>/activate")
@roles_required("section_leader")
def activate(version_id: int):
    """Put a model version to use; every worker switches to it within a few seconds."""
    db, version = db_session(), _version(version_id)
    versions.activate(db, version)
    audit(db, "model.activate", f"model:{version.id}")
    db.commit()
    flash(_("Model %(id)s er taget i brug. Alle servere skifter til den inden for få sekunder.", id=version.id),
          "success")
    return redirect(url_for(".overview") + "#models")
