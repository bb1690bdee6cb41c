"""Turn decision values into probabilities that mean something, and choose the two thresholds."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np
from scipy.optimize import minimize_scalar

from classifier.examples import Example
from classifier.involvement import fit_sigmoid, involved_matrix, sigmoid

TARGET_PRECISION = 0.95  # automatically routed inquiries must be right this often
MAX_REVIEW = 0.10        # and at most this share may go to a person for review


@dataclass(frozen=True)
class Calibration:
    """The softmax temperature and the thresholds chosen from cross-validation."""

    temperature: float = 1.0
    review_threshold: float = 0.5
    team_threshold: float = 0.5
    involvement_scale: float = 1.0
    involvement_offset: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Return row-wise probabilities of logits divided by the temperature."""
    scaled = np.asarray(logits, dtype=float) / temperature
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    return exp / exp.sum(axis=-1, keepdims=True)


def fit_temperature(logits: np.ndarray, truth: np.ndarray) -> float:
    """Return the temperature that minimises the negative log-likelihood of the true topics."""
    rows = np.arange(len(truth))

    def nll(log_t: float) -> float:
        probs = softmax(logits, float(np.exp(log_t)))
        return float(-np.log(np.clip(probs[rows, truth], 1e-12, None)).mean())

    best = minimize_scalar(nll, bounds=(-4.0, 4.0), method="bounded", options={"xatol": 1e-4})
    return float(np.exp(best.x))


def choose_review_threshold(lead: np.ndarray, correct: np.ndarray) -> float:
    """Return the lowest lead score whose auto-routed share is right TARGET_PRECISION of the time.

    When that would send more than MAX_REVIEW to review, review is capped there instead: a person
    reading every fifth inquiry defeats the point of routing.
    """
    order = np.argsort(-lead)
    hits = np.cumsum(correct[order]) / np.arange(1, len(lead) + 1)
    min_routed = int(np.ceil((1 - MAX_REVIEW) * len(lead)))
    precise = np.nonzero(hits >= TARGET_PRECISION)[0]
    routed = max(precise[-1] + 1 if len(precise) else 0, min_routed)
    routed = min(routed, len(lead))
    return float(lead[order][routed - 1]) if routed else 1.0


def team_f1(lead: np.ndarray, involvement: np.ndarray, labels: Sequence[str], examples: Sequence[Example],
            threshold: float) -> float:
    """Score how well 'further topics involved above `threshold`' finds the examples' other topics (F1)."""
    found = wanted = right = 0
    for best, row, ex in zip(lead, involvement, examples):
        team = {labels[i] for i in np.nonzero(row >= threshold)[0] if i != best}
        truth = set(ex.topics) - {labels[best]}
        found, wanted, right = found + len(team), wanted + len(truth), right + len(team & truth)
    return 2 * right / (found + wanted) if found + wanted else 0.0


def choose_team_threshold(lead: np.ndarray, involvement: np.ndarray, labels: Sequence[str],
                          examples: Sequence[Example]) -> float:
    """Return the team threshold with the best F1 on the examples' further topics (ties: the higher)."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    scores = [team_f1(lead, involvement, labels, examples, t) for t in grid]
    best = max(range(len(grid)), key=lambda i: (round(scores[i], 4), grid[i]))
    return float(grid[best])


def calibrate(logits: np.ndarray, margins: np.ndarray, labels: Sequence[str],
              examples: Sequence[Example]) -> Calibration:
    """Fit the temperature and the involvement sigmoid, and choose both thresholds, from out-of-fold values."""
    index = {label: i for i, label in enumerate(labels)}
    truth = np.array([index[ex.primary] for ex in examples])
    temperature = fit_temperature(logits, truth)
    probs = softmax(logits, temperature)
    lead = probs.argmax(axis=1)
    scale, offset = fit_sigmoid(margins, involved_matrix(examples, labels))
    involvement = sigmoid(margins, scale, offset)
    return Calibration(
        temperature=round(temperature, 6),
        # Rounded down, so the inquiries chosen to be routed still pass the stored threshold.
        review_threshold=math.floor(choose_review_threshold(probs.max(axis=1), lead == truth) * 1e6) / 1e6,
        team_threshold=choose_team_threshold(lead, involvement, labels, examples),
        involvement_scale=round(scale, 6), involvement_offset=round(offset, 6),
    )
