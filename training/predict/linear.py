"""The linear model's decision scores, block by block, and the weights that explain them.

For label k a sentence's score is `x @ coef[k] + intercept[k]`; a model trained with the
user's adapter (model/adapt.py) adds `gate(x) * (x @ own[k] + own_intercept[k])`. Either
way each feature's contribution is exact: `x_j` times its weight for that sentence,
`coef[k, j] + gate(x) * own[k, j]`, and with the sentence's intercept they add up to its score.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from training.model.fastpath import Block

__all__ = ["LinearScores"]


class LinearScores:
    """A fitted `CalibratedLogisticRegression`'s coefficients, laid out for the blocks."""

    def __init__(self, clf):
        self.coef = np.asarray(clf.coef_, dtype=float)
        self.intercept = np.asarray(clf.intercept_, dtype=float)
        self.n_labels = self.coef.shape[0]
        coef_t = np.ascontiguousarray(self.coef.T)
        self.coef_by_column = coef_t.ravel()  # a view: column j, label k at j * n_labels + k
        self.coef_flat = self.coef.ravel()  # row-major: (label k, column j) at k * width + j
        self.adapter = adapter = clf.adapter_
        if adapter is None:  # scoring reads the array the kernel then reads: its cache lines are still warm
            self._stacked_t = coef_t
            self._start = self.intercept
            return
        self.own = own = np.asarray(adapter.coef, dtype=float)
        self.own_by_column = np.ascontiguousarray(own.T).ravel()
        self.own_flat = own.ravel()
        self.own_intercept = np.asarray(adapter.intercept, dtype=float)
        # One product gives all three: the shared scores, the user's, and the gate's logit.
        self._stacked_t = np.ascontiguousarray(np.hstack([self.coef.T, own.T, np.asarray(adapter.gate_coef)[:, None]]))
        self._start = np.concatenate([self.intercept, self.own_intercept, [adapter.gate_intercept]])

    def scores(self, blocks: list[Block]) -> tuple[np.ndarray, np.ndarray | None]:
        """(each row's decision scores, each row's gate or None without an adapter): each block
        against its own coefficient slice, since stacking the blocks costs more than the
        linear model for a one-paragraph request."""
        out = np.tile(self._start, (blocks[0].n_rows, 1))
        for b in blocks:
            b.add_product(self._stacked_t[b.offset : b.offset + b.width], out)
        if self.adapter is None:
            return out, None
        k = self.n_labels
        gate = expit(out[:, 2 * k])
        return out[:, :k] + gate[:, None] * out[:, k : 2 * k], gate

    def intercept_of(self, label: int, gate: float | None) -> float:
        """A sentence's intercept for `label`: the shared one, plus the user's times its gate."""
        if gate is None:
            return float(self.intercept[label])
        return float(self.intercept[label] + gate * self.own_intercept[label])
