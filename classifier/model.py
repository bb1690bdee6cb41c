"""A trained classifier: ranked topics with calibrated scores, the team, review flag and explanation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from sklearn.pipeline import Pipeline

from classifier.calibration import Calibration, softmax
from classifier.cleaning import fold_substance, prepare, strip_noise
from classifier.explain import TopicNames, explain_terms, guess_language, reason
from classifier.features import ModelOptions
from classifier.involvement import InvolvementHead, sigmoid
from classifier.scoring import FastScorer

RANKED = 5


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float            # calibrated probability


@dataclass(frozen=True)
class Prediction:
    topics: tuple[TopicScore, ...]   # ranked, best first (at least the top 5)
    team: tuple[str, ...]            # further topics (not the lead) whose score passes the team threshold
    needs_review: bool               # lead score below the review threshold
    terms: tuple[str, ...]           # whole words of the input that pushed the lead topic most
    reason: str                      # one readable sentence, Danish or English per `language`
    model_version: int | None = None
    language: str = ""               # the language of `reason`: as asked, else guessed from the text

    @property
    def lead(self) -> str:
        return self.topics[0].topic


@dataclass
class Model:
    """A fitted pipeline with its topics, calibration and the figures it was trained and tested on."""

    pipeline: Pipeline
    involvement: InvolvementHead
    departments: dict[str, str]
    names: TopicNames
    calibration: Calibration = field(default_factory=Calibration)
    options: ModelOptions = field(default_factory=ModelOptions)
    metrics: dict[str, Any] = field(default_factory=dict)
    training_hash: str = ""
    trained_on: frozenset[str] = frozenset()
    version: int | None = None

    def __post_init__(self) -> None:
        self.labels: tuple[str, ...] = tuple(str(c) for c in self.pipeline.classes_)
        self._scorer = FastScorer(self.pipeline, self.involvement)
        # Keep one copy of the weights (a fifth of a worker's memory): the pipeline and the involvement
        # head read views of the scorer's matrix.
        shared, count = self._scorer.weights_by_feature, len(self.labels)
        self.pipeline.named_steps["model"].coef_ = shared[:, :count].T
        self.involvement = InvolvementHead(shared[:, count:].T, self.involvement.intercept)

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return ranking and involvement probabilities for many texts (rows) over `labels` (columns)."""
        features = self.pipeline.named_steps["features"].transform([prepare(t) for t in texts])
        logits = self.pipeline.named_steps["model"].decision_function(features)
        calibration = self.calibration
        return (softmax(np.atleast_2d(logits), calibration.temperature),
                sigmoid(self.involvement.margins(features), calibration.involvement_scale,
                        calibration.involvement_offset))

    def classify(self, text: str, language: str | None = None) -> Prediction:
        """Rank the topics of one inquiry, pick the team, flag doubt and explain the lead."""
        substance = strip_noise(text)
        prepared = fold_substance(substance)
        vector = self._scorer.vectorize(prepared)
        logits, margins = self._scorer.logits(vector)
        calibration = self.calibration
        probs = softmax(logits, calibration.temperature)
        involved = sigmoid(margins, calibration.involvement_scale, calibration.involvement_offset)
        order = np.argsort(-probs)
        ranked = tuple(TopicScore(self.labels[i], round(float(probs[i]), 4)) for i in order[:RANKED])
        lead = int(order[0])
        team = tuple(self.labels[i] for i in order[1:] if involved[i] >= calibration.team_threshold)
        needs_review = bool(probs[lead] < calibration.review_threshold)
        terms = explain_terms(substance, vector, self._scorer.pushes(vector, lead))
        language = language or guess_language(prepared)
        sentence = reason(ranked, terms, needs_review, self.names, language)
        return Prediction(topics=ranked, team=team, needs_review=needs_review, terms=terms,
                          reason=sentence, model_version=self.version, language=language)

    def department_of(self, topic: str) -> str:
        """Return the department a topic belongs to ('' if unknown)."""
        return self.departments.get(topic, "")
