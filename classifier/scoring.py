"""Score one prepared text fast: the fitted pipeline's arithmetic without scikit-learn's per-call overhead.

`Pipeline.decision_function` spends about a millisecond validating and building sparse matrices for a
single text; an inquiry needs a few hundred dictionary look-ups and one small matrix product. A test
checks that both give the same numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.pipeline import Pipeline

from classifier.involvement import InvolvementHead

_NO_WORD = -1
_MEMO_TOKENS = 20_000  # distinct tokens remembered per model (a few MB)


@dataclass(frozen=True)
class Vector:
    """A text's sparse feature vector, and which whole word produced each feature occurrence."""

    indices: np.ndarray       # distinct feature columns
    values: np.ndarray        # their TF-IDF values
    words: tuple[str, ...]    # the text's distinct (folded) words
    occurrence_feature: np.ndarray  # per feature occurrence: position in `indices`
    occurrence_word: np.ndarray     # per occurrence: position in `words`
    occurrence_share: np.ndarray    # per occurrence: its share of the feature's weight

    def word_pushes(self, feature_push: np.ndarray) -> dict[str, float]:
        """Spread each feature's push over the words that produced it; return the sum per word."""
        per_occurrence = feature_push[self.occurrence_feature] * self.occurrence_share
        totals = np.bincount(self.occurrence_word, weights=per_occurrence, minlength=len(self.words))
        return dict(zip(self.words, totals.tolist()))


@dataclass(frozen=True)
class _Block:
    indices: np.ndarray
    values: np.ndarray
    owners: np.ndarray
    shares: np.ndarray
    inverse: np.ndarray


def char_wb_ngrams(token: str, ngram_range: tuple[int, int]) -> list[str]:
    """Return a token's space-padded character n-grams exactly as TfidfVectorizer(analyzer="char_wb") does."""
    padded = f" {token} "
    size = len(padded)
    low, high = ngram_range
    if size < low:
        return [padded]  # scikit-learn counts a word shorter than every n once, whole
    return [padded[i:i + n] for n in range(low, min(high, size) + 1) for i in range(size - n + 1)]


class FastScorer:
    """Turn a prepared text into logits with the weights of a fitted word + char_wb TF-IDF pipeline."""

    def __init__(self, pipeline: Pipeline, involvement: InvolvementHead):
        union = pipeline.named_steps["features"]
        words, chars = union.named_transformers["words"], union.named_transformers["chars"]
        weights = union.transformer_weights or {}
        self.word_vocabulary: dict[str, int] = words.vocabulary_
        self.char_vocabulary: dict[str, int] = chars.vocabulary_
        self.token_pattern = re.compile(words.token_pattern)
        self.word_range: tuple[int, int] = words.ngram_range
        self.char_range: tuple[int, int] = chars.ngram_range
        self.word_idf = words.idf_ * 1.0
        self.char_idf = chars.idf_ * 1.0
        self.word_weight, self.char_weight = weights.get("words", 1.0), weights.get("chars", 1.0)
        self.char_offset = len(words.idf_)
        estimator = pipeline.named_steps["model"]
        self.labels = len(estimator.classes_)
        # Rows per feature, ranking weights then involvement weights, so one fancy-index and one
        # product give both heads' values for a text.
        # float32, as the artifact stores them: a freshly trained model answers exactly as its saved copy.
        self.weights_by_feature = np.ascontiguousarray(np.hstack([estimator.coef_.T, involvement.coef.T]),
                                                       dtype=np.float32)
        self.intercept = np.concatenate([estimator.intercept_, involvement.intercept]).astype(float)
        self._char_memo: dict[str, list[int]] = {}

    def vectorize(self, prepared: str) -> Vector:
        """Return the TF-IDF vector of an already prepared (cleaned and folded) text."""
        tokens = self.token_pattern.findall(prepared)
        word_ids: dict[str, int] = {}
        words = self._word_block(tokens, word_ids)
        chars = self._char_block(prepared, word_ids)
        size = len(words.indices)
        return Vector(
            indices=np.concatenate([words.indices, chars.indices + self.char_offset]),
            values=np.concatenate([words.values, chars.values]),
            words=tuple(word_ids),
            occurrence_feature=np.concatenate([words.inverse, chars.inverse + size]),
            occurrence_word=np.concatenate([words.owners, chars.owners]),
            occurrence_share=np.concatenate([words.shares, chars.shares]),
        )

    def _word_block(self, tokens: list[str], word_ids: dict[str, int]) -> _Block:
        ids = [word_ids.setdefault(t, len(word_ids)) for t in tokens]
        grams, owners, shares = [], [], []
        low, high = self.word_range
        for n in range(low, high + 1):
            for i in range(len(tokens) - n + 1):
                grams.append(" ".join(tokens[i:i + n]))
                owners.append(ids[i:i + n])
                shares.append(n)
        lookup = self.word_vocabulary.get
        found = [(lookup(g, _NO_WORD), o, s) for g, o, s in zip(grams, owners, shares)]
        found = [f for f in found if f[0] != _NO_WORD]
        # An n-gram occurrence belongs to each of its n words in equal parts.
        columns = [f[0] for f in found for _ in f[1]]
        word_owners = [owner for f in found for owner in f[1]]
        word_shares = [1.0 / f[2] for f in found for _ in f[1]]
        counts_from = [f[0] for f in found]
        return _block(columns, word_owners, word_shares, counts_from, self.word_idf, self.word_weight)

    def _char_block(self, prepared: str, word_ids: dict[str, int]) -> _Block:
        columns: list[int] = []
        owners: list[int] = []
        for token in prepared.split():
            word = self.token_pattern.search(token)
            owner = word_ids.get(word.group(0), _NO_WORD) if word else _NO_WORD
            found = self._char_columns(token)
            columns.extend(found)
            owners.extend([owner] * len(found))
        return _block(columns, owners, [1.0] * len(columns), columns, self.char_idf, self.char_weight)

    def _char_columns(self, token: str) -> list[int]:
        # Inquiries share most of their words, and a word's character n-grams are the bulk of the work:
        # remember each token's columns (a bounded memo; the model never changes under it).
        found = self._char_memo.get(token)
        if found is None:
            lookup = self.char_vocabulary.get
            found = [c for c in (lookup(g, _NO_WORD) for g in char_wb_ngrams(token, self.char_range))
                     if c != _NO_WORD]
            if len(self._char_memo) >= _MEMO_TOKENS:
                self._char_memo.clear()
            self._char_memo[token] = found
        return found

    def logits(self, vector: Vector) -> tuple[np.ndarray, np.ndarray]:
        """Return the ranking model's decision values and the involvement margins for a vector."""
        values = self.intercept.copy()
        if len(vector.indices):
            values += vector.values @ self.weights_by_feature[vector.indices]
        return values[:self.labels], values[self.labels:]

    def pushes(self, vector: Vector, label: int) -> np.ndarray:
        """Return how much each of the vector's features pushed `label` above the average topic."""
        rows = self.weights_by_feature[vector.indices, :self.labels]
        return vector.values * (rows[:, label] - rows.mean(axis=1))


def _block(columns: list[int], owners: list[int], shares: list[float], counted: list[int],
           idf: np.ndarray, weight: float) -> _Block:
    """Count, apply sublinear TF, IDF, L2 norm and the block weight, as TfidfVectorizer + FeatureUnion do."""
    unique, counts = np.unique(np.asarray(counted, dtype=np.intp), return_counts=True)
    values = (1.0 + np.log(counts)) * idf[unique]
    norm = float(np.sqrt(values @ values))
    values = values * (weight / norm if norm else weight)
    inverse = np.searchsorted(unique, np.asarray(columns, dtype=np.intp))
    owner_array = np.asarray(owners, dtype=np.intp)
    # Each occurrence carries its share of the feature divided by how often the feature occurs.
    share_array = np.asarray(shares, dtype=float) / (counts[inverse] if len(inverse) else 1.0)
    keep = owner_array != _NO_WORD
    return _Block(unique, values, owner_array[keep], share_array[keep], inverse[keep])
