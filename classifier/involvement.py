"""Which further topics an inquiry also involves: one yes/no linear model per topic on the same features.

The ranking softmax makes topics compete, so a clear lead squeezes a second need ("... and we need ten
new staff") towards zero. A per-topic yes/no model, trained with every topic of a multi-topic example
as a yes, scores each topic on its own evidence; a sigmoid fitted on cross-validated margins turns the
margin into a probability.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from classifier.examples import Example

ABSENT_MARGIN = -5.0  # a topic with no examples at all is never involved


@dataclass(frozen=True)
class InvolvementHead:
    """Per-topic weights (topics x features) and intercepts, in the ranking model's label order."""

    coef: np.ndarray
    intercept: np.ndarray

    def margins(self, features) -> np.ndarray:
        """Return each topic's margin for a (sparse) feature matrix."""
        return np.asarray(features @ self.coef.T) + self.intercept


def fit_involvement(features, examples: Sequence[Example], labels: Sequence[str], c: float) -> InvolvementHead:
    """Fit one yes/no LinearSVC per topic: is the topic involved at all (primary or further)?"""
    weights = np.array([ex.weight for ex in examples])
    coef = np.zeros((len(labels), features.shape[1]), dtype=np.float32)
    intercept = np.full(len(labels), ABSENT_MARGIN)
    for k, label in enumerate(labels):
        involved = np.array([label in ex.topics for ex in examples])
        if involved.all() or not involved.any():
            continue
        svm = LinearSVC(C=c, random_state=0).fit(features, involved, sample_weight=weights)
        coef[k], intercept[k] = svm.coef_[0], svm.intercept_[0]
    return InvolvementHead(coef, intercept)


def involved_matrix(examples: Sequence[Example], labels: Sequence[str]) -> np.ndarray:
    """Return a yes/no matrix (examples x labels): does the example involve the topic?"""
    index = {label: i for i, label in enumerate(labels)}
    truth = np.zeros((len(examples), len(labels)), dtype=bool)
    for row, ex in enumerate(examples):
        truth[row, [index[t] for t in ex.topics if t in index]] = True
    return truth


def fit_sigmoid(margins: np.ndarray, involved: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(scale * margin + offset) to out-of-fold margins (Platt scaling)."""
    finite = np.isfinite(margins)
    platt = LogisticRegression(C=1e4, max_iter=500).fit(margins[finite].reshape(-1, 1), involved[finite])
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def sigmoid(margins: np.ndarray, scale: float, offset: float) -> np.ndarray:
    """Return involvement probabilities for margins."""
    return 1.0 / (1.0 + np.exp(-(scale * np.asarray(margins) + offset)))
