"""Train a model: seeds, corrections and directory text in; cross-validated calibration and figures out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from joblib import Parallel, delayed
from sklearn.pipeline import Pipeline

from classifier.calibration import Calibration, calibrate, softmax
from classifier.involvement import ABSENT_MARGIN, InvolvementHead, fit_involvement, sigmoid
from classifier.cleaning import prepare
from classifier.evaluation import Report, score
from classifier.examples import Example, training_hash
from classifier.features import ModelOptions, build_pipeline, pipeline_state, restore_pipeline
from classifier.model import Model
from classifier.topics import TopicInfo, directory_examples

Progress = Callable[[str], None]
FOLDS = 5
SEED = 20261124


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold probabilities of every example, the calibration chosen from them, and the report."""

    examples: tuple[Example, ...]
    labels: tuple[str, ...]
    departments: dict[str, str]
    probabilities: np.ndarray
    involvement: np.ndarray
    calibration: Calibration
    report: Report
    final: tuple[Pipeline, InvolvementHead] | None = None  # fitted on every example, when asked for


def quiet(_message: str) -> None:
    pass


def usable(examples: Sequence[Example], topics: Sequence[TopicInfo]) -> list[Example]:
    """Keep examples whose primary topic is active, dropping further topics that are not."""
    known = {t.id for t in topics}
    kept = []
    for ex in examples:
        labels = tuple(dict.fromkeys(t for t in ex.topics if t in known))
        if ex.primary in known:
            kept.append(ex if labels == ex.topics else Example(ex.text, labels, ex.weight, ex.lang, ex.source))
    return kept


def assign_folds(examples: Sequence[Example], folds: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """Deal each topic's examples round the folds in a seeded random order (stratified, any class size)."""
    rng = np.random.default_rng(seed)
    assignment = np.zeros(len(examples), dtype=int)
    dealt = 0
    for topic in sorted({ex.primary for ex in examples}):
        members = [i for i, ex in enumerate(examples) if ex.primary == topic]
        for i in rng.permutation(members):
            assignment[i] = dealt % folds
            dealt += 1
    return assignment


def fit_heads(prepared: Sequence[str], examples: Sequence[Example],
              options: ModelOptions) -> tuple[Pipeline, InvolvementHead]:
    """Fit the ranking pipeline, then the per-topic involvement head on the same features.

    A multi-topic example is a row for each of its topics (further topics count more lightly) in the
    ranking model; the involvement head sees each example once, through its first row's features.
    """
    rows, labels, weights = [], [], []
    for i, ex in enumerate(examples):
        for position, topic in enumerate(ex.topics):
            rows.append(i)
            labels.append(topic)
            weights.append(ex.weight * (1.0 if position == 0 else options.secondary_weight))
    pipeline = build_pipeline(options)
    expanded = pipeline.named_steps["features"].fit_transform([prepared[i] for i in rows])
    pipeline.named_steps["model"].fit(expanded, labels, sample_weight=np.asarray(weights))
    features = expanded[np.unique(rows, return_index=True)[1]]
    return pipeline, fit_involvement(features, examples, [str(c) for c in pipeline.classes_], options.c / 20.0)


def _predict_fold(pipeline: Pipeline, head: InvolvementHead, texts: Sequence[str],
                  labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    # A fold may lack a rare topic altogether; it then gets no probability and no involvement.
    logits = np.full((len(texts), len(labels)), -np.inf)
    margins = np.full((len(texts), len(labels)), ABSENT_MARGIN)
    columns = [labels.index(str(c)) for c in pipeline.classes_]
    features = pipeline.named_steps["features"].transform(list(texts))
    logits[:, columns] = pipeline.named_steps["model"].decision_function(features)
    margins[:, columns] = head.margins(features)
    return logits, margins


def _fold(fold: int | None, train_texts: list[str], train_examples: list[Example], test_texts: list[str],
          labels: Sequence[str], options: ModelOptions) -> tuple[int | None, tuple]:
    """Fit on the training part; return the fold's out-of-fold logits and margins, or (fold None: the
    final model, nothing held out) the fitted heads."""
    pipeline, head = fit_heads(train_texts, train_examples, options)
    if fold is None:
        return None, (pipeline, head)
    return fold, _predict_fold(pipeline, head, test_texts, labels)


def cross_validate(examples: Sequence[Example], topics: Sequence[TopicInfo], options: ModelOptions,
                   *, folds: int = FOLDS, jobs: int = 1, with_final: bool = False,
                   progress: Progress = quiet) -> CrossValidation:
    """Train on all folds but one, predict that one, for each fold; calibrate on the pooled predictions.

    `jobs` folds are trained at a time, each in a process of its own. `with_final` also fits the final
    model's heads on every example alongside the folds (it needs no calibration), ready for `fit`.
    """
    examples = usable(examples, topics)
    pseudo = directory_examples(topics, examples, lexicon_weight=options.lexicon_weight)
    prepared = [prepare(ex.text) for ex in examples]
    pseudo_prepared = [prepare(ex.text) for ex in pseudo]
    labels = sorted({t for ex in [*examples, *pseudo] for t in ex.topics})
    assignment = assign_folds(examples, folds)
    logits = np.zeros((len(examples), len(labels)))
    margins = np.zeros((len(examples), len(labels)))
    tests = [np.nonzero(assignment == fold)[0] for fold in range(folds)]
    trains = [np.nonzero(assignment != fold)[0] for fold in range(folds)]
    tasks = [delayed(_fold)(fold, [prepared[i] for i in trains[fold]] + pseudo_prepared,
                            [examples[i] for i in trains[fold]] + pseudo,
                            [prepared[i] for i in tests[fold]], labels, options)
             for fold in range(folds)]
    if with_final:  # the largest job first, so that it does not run alone at the end
        tasks.insert(0, delayed(_fold)(None, prepared + pseudo_prepared, [*examples, *pseudo], [], labels, options))
    jobs = max(1, min(jobs, len(tasks)))
    progress(f"cross-validation: {folds} folds of about {len(examples) // folds} examples"
             f"{' and the final model' if with_final else ''}, {jobs} at a time")
    final = None
    for fold, answer in Parallel(n_jobs=jobs, return_as="generator_unordered")(tasks):
        if fold is None:
            final = answer
            continue
        logits[tests[fold]], margins[tests[fold]] = answer
        progress(f"cross-validation fold {fold + 1}/{folds} done: tested on {len(tests[fold])}")
    calibration = calibrate(logits, margins, labels, examples)
    probabilities = softmax(logits, calibration.temperature)
    involvement = sigmoid(margins, calibration.involvement_scale, calibration.involvement_offset)
    departments = {t.id: t.department for t in topics}
    report = score(probabilities, involvement, labels, examples, departments, calibration)
    return CrossValidation(tuple(examples), tuple(labels), departments, probabilities, involvement,
                           calibration, report, final)


def fit(examples: Sequence[Example], topics: Sequence[TopicInfo], calibration: Calibration, *,
        options: ModelOptions | None = None, metrics: dict | None = None,
        fitted: tuple[Pipeline, InvolvementHead] | None = None, progress: Progress = quiet) -> Model:
    """Fit the final model on every example plus the directory's text, with a given calibration (or take
    the heads `cross_validate(..., with_final=True)` already fitted on the same examples and options)."""
    options = options or ModelOptions()
    if len(topics) < 3:
        raise ValueError("training needs at least three topics")
    examples = usable(examples, topics)
    if fitted is None:
        progress(f"training the final model on {len(examples)} examples")
        everything = [*examples, *directory_examples(topics, examples, lexicon_weight=options.lexicon_weight)]
        fitted = fit_heads([prepare(ex.text) for ex in everything], everything, options)
    trained, head = fitted
    # Keep exactly what will be stored (float32 weights), so a saved model answers as the trained one.
    pipeline = restore_pipeline(options, pipeline_state(trained))
    return Model(
        pipeline=pipeline, involvement=head,
        departments={t.id: t.department for t in topics},
        names={t.id: (t.name_da or t.id, t.name_en or t.id) for t in topics},
        calibration=calibration, options=options, metrics=dict(metrics or {}),
        training_hash=training_hash(examples),
        trained_on=frozenset(ex.fingerprint for ex in examples),
    )


def train(examples: Sequence[Example], topics: Sequence[TopicInfo], *, options: ModelOptions | None = None,
          calibration: Calibration | None = None, progress: Progress = quiet) -> Model:
    """Train a model; without a given calibration, cross-validate to choose it and keep the report."""
    options = options or ModelOptions()
    if calibration is not None:
        return fit(examples, topics, calibration, options=options, progress=progress)
    validation = cross_validate(examples, topics, options, with_final=True, progress=progress)
    return fit(examples, topics, validation.calibration, options=options,
               metrics={"evaluation": validation.report.as_dict()}, fitted=validation.final, progress=progress)
