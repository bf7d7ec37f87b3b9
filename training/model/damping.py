"""Short rows are read less by their words: the word n-gram block of a row that has few
known n-grams is scaled down.

The n-gram blocks are TF-IDF rows of length one, the cue and speech-act counts are not: in
a five-word sentence each n-gram carries a large value, and a topic word the training rows
happen to tie to one label outweighs everything else ("The ministry signed the contract."
was an insinuation at 0.81 on "the ministry" alone). `ShortRowDamping` wraps the word
vectorizer and multiplies each row by min(1, sqrt(n / full_at)), n being the row's distinct
known n-grams, so the block's weight grows with the evidence it holds; rows with `full_at`
or more are untouched (with the default 10, a sentence of about six words or more).
Against the same model without it (docs/BENCHMARKS.md, "quality": its ablation row), the news files and RumourEval
scored against labels made from our guidelines gain; the held-out file stays above 0.90.

`damp_rows` is the one definition: the fast path (ngrams.py) applies it too.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

__all__ = ["ShortRowDamping", "damp_rows", "row_damping"]


def row_damping(indptr: np.ndarray, full_at: float) -> np.ndarray:
    """Each CSR row's factor: min(1, sqrt(stored values / full_at)); 1 for an empty row."""
    n = np.diff(indptr)
    return np.where(n > 0, np.minimum(1.0, np.sqrt(n / full_at)), 1.0)


def damp_rows(data: np.ndarray, indptr: np.ndarray, full_at: float) -> None:
    """Multiply each CSR row's values by its `row_damping` factor, in place."""
    data *= np.repeat(row_damping(indptr, full_at), np.diff(indptr))


class ShortRowDamping(BaseEstimator, TransformerMixin):
    """A fitted vectorizer's rows, each times `row_damping` (see the module docstring)."""

    def __init__(self, vectorizer=None, full_at: float = 10.0):
        self.vectorizer = vectorizer
        self.full_at = full_at

    def fit(self, X, y=None):
        self.vectorizer.fit(X)
        return self

    def fit_transform(self, X, y=None):
        return self._damped(self.vectorizer.fit_transform(X))

    def transform(self, X):
        return self._damped(self.vectorizer.transform(X))

    def get_feature_names_out(self, input_features=None):
        return self.vectorizer.get_feature_names_out()

    def _damped(self, X) -> sp.csr_matrix:
        X = sp.csr_matrix(X)
        damp_rows(X.data, X.indptr, self.full_at)
        return X
