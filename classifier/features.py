"""The scikit-learn pipeline: word and within-word character TF-IDF into one linear model."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

# Words only (no digits: numbers such as CVR, phone and CPR never become features).
WORD_TOKENS = r"(?u)\b[^\W\d_]{2,}\b"


@dataclass(frozen=True)
class ModelOptions:
    """The model variant: feature ranges and weights, the estimator and its regularisation."""

    estimator: str = "svm"             # "svm", "logreg" or "sgd"
    c: float = 10.0
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)
    char_weight: float = 1.4
    min_df: int = 2
    secondary_weight: float = 0.15     # how much a multi-topic example also counts for its other topics
    # (lightly: "... and we need ten new staff" adds recruitment to the team but must not take the lead)
    lexicon_weight: float = 0.3        # weight of each curated situation word as a pseudo-example

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "ModelOptions":
        known = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()
                 if k in cls.__dataclass_fields__}
        return cls(**known)


def _vectorizers(options: ModelOptions) -> FeatureUnion:
    # The text arrives already folded and cleaned (classifier.cleaning.prepare), so no lower-casing here.
    word = TfidfVectorizer(lowercase=False, token_pattern=WORD_TOKENS, ngram_range=options.word_ngrams,
                           min_df=options.min_df, sublinear_tf=True, dtype=np.float64)
    # Character n-grams inside word boundaries carry Danish compounds ("tilbygning", "lagerhal") and typos.
    chars = TfidfVectorizer(lowercase=False, analyzer="char_wb", ngram_range=options.char_ngrams,
                            min_df=options.min_df, sublinear_tf=True, dtype=np.float64)
    return FeatureUnion([("words", word), ("chars", chars)],
                        transformer_weights={"words": 1.0, "chars": options.char_weight})


def _estimator(options: ModelOptions):
    if options.estimator == "logreg":
        return LogisticRegression(C=options.c, max_iter=300, tol=1e-3)
    if options.estimator == "sgd":
        return SGDClassifier(loss="log_loss", alpha=1.0 / (options.c * 1000), max_iter=50, tol=1e-4,
                             random_state=0)
    if options.estimator == "svm":
        return LinearSVC(C=options.c / 20.0, random_state=0)  # liblinear shuffles: the same data, the same model
    raise ValueError(f"unknown estimator {options.estimator!r}")


def build_pipeline(options: ModelOptions) -> Pipeline:
    """Return an unfitted pipeline for `options`."""
    return Pipeline([("features", _vectorizers(options)), ("model", _estimator(options))])


def pipeline_state(pipeline: Pipeline) -> dict:
    """Return a fitted pipeline's learnt state as strings and arrays (compact, and safe to store)."""
    union = pipeline.named_steps["features"]
    estimator = pipeline.named_steps["model"]
    state = {"classes": [str(c) for c in estimator.classes_],
             "coef": np.asarray(estimator.coef_, dtype=np.float32),
             "intercept": np.asarray(estimator.intercept_, dtype=np.float64)}
    for name in ("words", "chars"):
        vectorizer = union.named_transformers[name]
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        # Prepared text never holds a newline, so one joined string keeps the vocabulary in order.
        state[f"{name}_terms"] = "\n".join(terms)
        state[f"{name}_idf"] = np.asarray(vectorizer.idf_, dtype=np.float64)
    return state


def restore_pipeline(options: ModelOptions, state: dict) -> Pipeline:
    """Rebuild a fitted pipeline from `pipeline_state` output."""
    pipeline = build_pipeline(options)
    union = pipeline.named_steps["features"]
    for name in ("words", "chars"):
        vectorizer = union.named_transformers[name]
        terms = state[f"{name}_terms"].split("\n") if state[f"{name}_terms"] else []
        vectorizer.vocabulary_ = {term: i for i, term in enumerate(terms)}
        vectorizer.idf_ = np.asarray(state[f"{name}_idf"], dtype=np.float64)
    estimator = pipeline.named_steps["model"]
    estimator.classes_ = np.asarray(state["classes"], dtype=object)
    estimator.coef_ = np.asarray(state["coef"], dtype=np.float32)
    estimator.intercept_ = np.asarray(state["intercept"], dtype=np.float64)
    estimator.n_features_in_ = estimator.coef_.shape[1]
    return pipeline
