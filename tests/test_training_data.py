"""The seed examples are many, varied and distinct: no template with words swapped, every topic covered."""
from __future__ import annotations

import csv
from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from classifier.examples import seed_examples
from classifier.text import fold
from seeds.demo import TOPICS_CSV

MAX_JACCARD = 0.5


def _topic_ids() -> set[str]:
    with TOPICS_CSV.open(encoding="utf-8") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


def test_no_two_examples_are_near_duplicates():
    examples = seed_examples()
    trigrams = CountVectorizer(ngram_range=(3, 3), binary=True, preprocessor=fold, dtype=np.int32)
    matrix = trigrams.fit_transform([ex.text for ex in examples])
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    shared = (matrix @ matrix.T).tocoo()
    upper = shared.row < shared.col
    rows, cols, common = shared.row[upper], shared.col[upper], shared.data[upper]
    jaccard = common / (sizes[rows] + sizes[cols] - common)
    close = [(examples[r].text[:70], examples[c].text[:70], round(float(j), 2))
             for r, c, j in zip(rows, cols, jaccard) if j > MAX_JACCARD]
    assert not close, f"{len(close)} near-duplicate pairs, e.g. {close[:3]}"


def test_every_topic_has_enough_examples_in_both_languages():
    examples = seed_examples()
    primary = Counter(ex.primary for ex in examples)
    english = Counter(ex.primary for ex in examples if ex.lang == "en")
    topics = _topic_ids()
    assert {t for t in topics if primary[t] < 60} == set(), primary
    assert {t for t in topics if english[t] < 15} == set(), english


def test_multi_topic_examples_are_plenty_and_use_known_topics():
    examples = seed_examples()
    topics = _topic_ids()
    multi = [ex for ex in examples if len(ex.topics) > 1]
    assert len(multi) >= 150
    assert all(set(ex.topics) <= topics and len(set(ex.topics)) == len(ex.topics) for ex in examples)
    assert all(ex.text.strip() and ex.lang in ("da", "en") for ex in examples)
