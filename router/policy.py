"""The routing policy: ranked topics and the directory in, a lead caseworker and a team out."""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Protocol, Sequence

from sqlalchemy.orm import Session

from classifier.cleaning import prepare
from classifier.explain import guess_language as guess_prepared_language
from classifier.text import mask_cpr
from directory import clock
from directory.cache import current as directory
from router.decision import Assignment, Decision, RankedTopic
from router.ranking import Context, front_desk, make_context, rank, read_loads
from router.workdays import respond_by

log = logging.getLogger("vejviser.router")
TEAM_LIMIT = 3
TRIAGE_WORKDAYS = 2  # the front desk's own target when no topic is known


class TopicScore(Protocol):
    topic: str
    score: float


class Prediction(Protocol):
    topics: Sequence[TopicScore]
    team: Sequence[str]
    needs_review: bool
    terms: Sequence[str]
    reason: str
    model_version: int | None


class Classifier(Protocol):
    def classify(self, text: str, language: str | None = None) -> Prediction: ...


def guess_language(text: str) -> str:
    """Guess Danish or English from the text's small words (Danish when in doubt)."""
    return guess_prepared_language(prepare(text))


def classify(model: Classifier | None, text: str, language: str | None) -> Prediction | None:
    """Ask the model; None (and a log line) when there is no model or it fails, so nothing is lost."""
    if model is None:
        log.warning("no classifier model is active; the inquiry goes to triage")
        return None
    try:
        return model.classify(text, language)
    except Exception:  # noqa: BLE001 - whatever breaks in the model, the inquiry must survive
        log.exception("the classifier failed; the inquiry goes to triage")
        return None


def route(session: Session, text: str, cvr: str | None = None, language: str | None = None, *,
          model: Classifier | None, now: datetime | None = None) -> Decision:
    """Classify the text and choose the people (reads only; nothing is stored or claimed)."""
    text = mask_cpr(text)  # as for a submission: a CPR number reaches neither the model nor the answer
    return decide(session, classify(model, text, language), text, cvr=cvr, language=language, now=now)


def _ranked_topics(session: Session, prediction: Prediction | None) -> list[RankedTopic]:
    if prediction is None:
        return []
    known = directory(session).topics
    ranked = [RankedTopic.from_topic(known[s.topic], s.score) for s in prediction.topics if s.topic in known]
    return sorted(ranked, key=lambda t: -t.score)


def _team(session: Session, prediction: Prediction, ranked: list[RankedTopic], lead: Assignment,
          ctx: Context) -> tuple[Assignment, ...]:
    by_id = {t.id: t for t in ranked}
    chosen = {lead.caseworker.id} if lead.caseworker else set()
    team = []
    for topic_id in dict.fromkeys(prediction.team):
        if topic_id == lead.topic.id or topic_id not in by_id or len(team) == TEAM_LIMIT:
            continue
        topic = by_id[topic_id]
        choices = rank(session, topic, ctx, exclude=chosen)
        if not choices and lead.caseworker and topic_id in lead.caseworker.topics:
            continue  # the lead is qualified for it and nobody else is free: the lead covers it
        chosen |= {c.person.id for c in choices[:1]}
        team.append(Assignment(topic, choices, None if choices else front_desk(session, topic_id)))
    return tuple(team)


def decide(session: Session, prediction: Prediction | None, text: str, *, cvr: str | None = None,
           language: str | None = None, now: datetime | None = None) -> Decision:
    """Turn a prediction into a decision: lead, team, respond-by and reasons."""
    now = now or clock.now()
    # The model has already read the text for its language; guessing again costs a second cleaning.
    language = language or getattr(prediction, "language", "") or guess_language(text)
    ranked = _ranked_topics(session, prediction)
    base = Decision(topics=tuple(ranked), lead=None, team=(), needs_review=True, review_reason=None,
                    respond_by=respond_by(now, TRIAGE_WORKDAYS), terms=(), language=language,
                    model_version=getattr(prediction, "model_version", None),
                    classifier_reason=getattr(prediction, "reason", "") or "")
    if prediction is None:
        return replace(base, review_reason="classifier_unavailable")
    if not ranked:
        return replace(base, review_reason="no_topic")
    lead_topic = ranked[0]
    base = replace(base, respond_by=respond_by(now, lead_topic.workdays), terms=tuple(prediction.terms))
    if prediction.needs_review:
        lead = Assignment(lead_topic, (), front_desk(session, lead_topic.id))
        return replace(base, lead=lead, review_reason="low_confidence")
    ctx = make_context(text, cvr, now.astimezone(clock.COPENHAGEN).date(), language)
    read_loads(session, ctx, [lead_topic.id, *(t.id for t in ranked if t.id in prediction.team)])
    lead = Assignment(lead_topic, rank(session, lead_topic, ctx, exclude=set()), None)
    if not lead.choices:
        lead = replace(lead, fallback=front_desk(session, lead_topic.id))
        return replace(base, lead=lead, review_reason="nobody_available")
    return replace(base, lead=lead, team=_team(session, prediction, ranked, lead, ctx),
                   needs_review=False)
