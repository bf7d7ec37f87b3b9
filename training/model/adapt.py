"""Weights of the user's own: a gated adapter fitted on analysts' corrections.

A few hundred corrections among thousands of project rows teach a single set of weights
little, and weighting them up drags the weights every text shares towards one corpus
(docs/BENCHMARKS.md, `active_learning`). Feature augmentation (Daumé III, "Frustratingly
easy domain adaptation", 2007) lets the corrections learn weights of their own instead:
each correction gets a second copy of its features (times `scale`), so one logistic
regression fits the shared weights `W` and the user's `V` together, with the usual
regularisation pulling `V` towards zero unless the corrections need it.

Added to every text, `V` helps the user's text and costs ours (the held-out file fell
from 0.90 to 0.78-0.88 in trials), so it is gated: a second logistic regression on the
same features says how much a sentence looks like the corrected ones (`gate`, 0 to 1),
and the user's weights count that much:

    score(x) = x @ W.T + b + gate(x) * (x @ V.T + c),   gate(x) = sigmoid(x @ u + u0)

A feature's contribution to a sentence's score is still exact, `x_j * (W_kj + gate(x) V_kj)`:
its weight just depends on the sentence (predict/linear.py uses it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

__all__ = ["GATE_C", "UserAdapter", "fit_augmented"]

# The gate's regularisation: a plain default. It is not tuned on any external file.
GATE_C = 1.0


@dataclass(frozen=True)
class UserAdapter:
    """The user's weights `coef` (labels x features) and `intercept`, counted `gate(x)` times."""

    coef: np.ndarray
    intercept: np.ndarray
    gate_coef: np.ndarray  # (features,)
    gate_intercept: float

    def gate(self, X) -> np.ndarray:
        """How much each row looks like the corrected sentences, 0 to 1."""
        return expit(np.asarray(X @ self.gate_coef).ravel() + self.gate_intercept)

    def shift(self, X) -> np.ndarray:
        """What the adapter adds to each row's decision scores."""
        return self.gate(X)[:, None] * (np.asarray(X @ self.coef.T) + self.intercept)


def fit_augmented(
    X, y, user_rows: np.ndarray, sample_weight, *, C: float, max_iter: int, tol: float, scale: float
) -> tuple[LogisticRegression, np.ndarray, np.ndarray, UserAdapter]:
    """(the fitted regression, shared coef, shared intercept, the adapter), coefficients one
    row per class as the regression gives them. `user_rows`: a boolean mask of the
    corrections among the rows of `X`."""
    user = np.asarray(user_rows, dtype=bool)
    copy = sp.diags(user * scale) @ sp.csr_matrix(X)
    augmented = sp.hstack([X, copy, sp.csr_matrix(user[:, None] * scale)], format="csr")
    model = LogisticRegression(C=C, max_iter=max_iter, tol=tol).fit(augmented, y, sample_weight=sample_weight)
    width = X.shape[1]
    own = model.coef_[:, width : 2 * width] * scale
    own_intercept = model.coef_[:, 2 * width] * scale
    gate = LogisticRegression(C=GATE_C, max_iter=max_iter, tol=tol, class_weight="balanced").fit(X, user)
    adapter = UserAdapter(own, own_intercept, gate.coef_[0].copy(), float(gate.intercept_[0]))
    return model, model.coef_[:, :width], model.intercept_, adapter
