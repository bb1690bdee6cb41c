"""Figures that say how good a model is: accuracy, department, review trade-off, calibration, confusion."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from classifier.calibration import Calibration, team_f1
from classifier.examples import Example

if TYPE_CHECKING:
    from classifier.model import Model

BINS = 10


@dataclass(frozen=True)
class TopicFigures:
    topic: str
    precision: float
    recall: float
    support: int


@dataclass(frozen=True)
class Report:
    """How a model did on a set of labelled inquiries (primary topic = the right answer)."""

    examples: int
    top1: float
    top3: float
    macro_f1: float
    department: float
    auto_precision: float     # right share of the inquiries routed without review
    coverage: float           # share routed without review
    ece: float                # expected calibration error of the lead score
    team_f1: float
    per_topic: tuple[TopicFigures, ...]
    confused: tuple[tuple[str, str, int], ...]     # (true topic, predicted topic, count), worst first
    reliability: tuple[tuple[float, float, int, float, float], ...]  # bin low, high, count, score, accuracy
    calibration: Mapping[str, float]

    @property
    def review(self) -> float:
        return 1.0 - self.coverage

    def as_dict(self) -> dict:
        """Return the report as plain JSON-able data."""
        data = asdict(self)
        data["calibration"] = dict(self.calibration)
        return data


def _per_topic(truth: Sequence[str], predicted: Sequence[str]) -> tuple[TopicFigures, ...]:
    figures = []
    for topic in sorted(set(truth)):
        hits = sum(t == p == topic for t, p in zip(truth, predicted))
        guessed, support = predicted.count(topic), truth.count(topic)
        figures.append(TopicFigures(topic, hits / guessed if guessed else 0.0, hits / support, support))
    return tuple(figures)


def _macro_f1(figures: Sequence[TopicFigures]) -> float:
    f1 = [2 * f.precision * f.recall / (f.precision + f.recall) if f.precision + f.recall else 0.0
          for f in figures]
    return float(np.mean(f1)) if f1 else 0.0


def _reliability(lead: np.ndarray, correct: np.ndarray) -> tuple[tuple, float]:
    edges = np.linspace(0.0, 1.0, BINS + 1)
    rows, ece = [], 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (lead >= low) & ((lead < high) | (high == 1.0))
        if inside.any():
            confidence, accuracy = float(lead[inside].mean()), float(correct[inside].mean())
            ece += inside.mean() * abs(confidence - accuracy)
            rows.append((round(low, 2), round(high, 2), int(inside.sum()), round(confidence, 4),
                         round(accuracy, 4)))
    return tuple(rows), float(ece)


def score(probabilities: np.ndarray, involvement: np.ndarray, labels: Sequence[str], examples: Sequence[Example],
          departments: Mapping[str, str], calibration: Calibration) -> Report:
    """Compute the report from ranking and involvement probabilities (rows: examples, columns: `labels`)."""
    labels = list(labels)
    order = np.argsort(-probabilities, axis=1)
    predicted = [labels[i] for i in order[:, 0]]
    truth = [ex.primary for ex in examples]
    correct = np.array([p == t for p, t in zip(predicted, truth)])
    top3 = np.array([t in {labels[i] for i in row[:3]} for t, row in zip(truth, order)])
    lead = probabilities[np.arange(len(examples)), order[:, 0]]
    routed = lead >= calibration.review_threshold
    same_department = [departments.get(p, "?") == departments.get(t, "") for p, t in zip(predicted, truth)]
    per_topic = _per_topic(truth, predicted)
    reliability, ece = _reliability(lead, correct)
    mistakes = Counter((t, p) for t, p in zip(truth, predicted) if t != p)
    return Report(
        examples=len(examples), top1=float(correct.mean()), top3=float(top3.mean()),
        macro_f1=_macro_f1(per_topic), department=float(np.mean(same_department)),
        auto_precision=float(correct[routed].mean()) if routed.any() else 0.0,
        coverage=float(routed.mean()), ece=ece,
        team_f1=team_f1(order[:, 0], involvement, labels, examples, calibration.team_threshold),
        per_topic=per_topic,
        confused=tuple((t, p, n) for (t, p), n in sorted(mistakes.items(), key=lambda kv: (-kv[1], kv[0]))[:10]),
        reliability=reliability, calibration=calibration.as_dict(),
    )


def evaluate(model: "Model", examples: Sequence[Example]) -> Report:
    """Score a trained model on labelled examples it has (preferably) never seen."""
    if not examples:
        raise ValueError("nothing to evaluate: no examples")
    probabilities, involvement = model.probabilities([ex.text for ex in examples])
    return score(probabilities, involvement, model.labels, examples, model.departments, model.calibration)
