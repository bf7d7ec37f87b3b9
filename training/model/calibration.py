"""A multinomial logistic regression whose probabilities are calibrated by temperature
scaling: `predict_proba(X) = softmax(decision_function(X) / temperature_)`.

The temperature is fitted on out-of-fold decision scores (so it corrects the
over-confidence a model shows on rows it did not train on). `stance train` goes further:
it fits the final model with `calibration_folds=0` and sets `temperature_` from
leave-one-register-out scores (fit/train.py, fit/groupcv.py), since k folds of rows written by the
same hands hide the shift real text brings. Dividing every score by one
positive number never changes the predicted label, and the decision score stays a plain
linear function, so feature contributions remain exact.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax, softmax
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

__all__ = ["CalibratedLogisticRegression", "fit_temperature"]


def fit_temperature(scores: np.ndarray, y_index: np.ndarray) -> float:
    """The temperature that minimises the log-loss of softmax(scores / T)."""

    def nll(t: float) -> float:
        return -float(log_softmax(scores / t, axis=1)[np.arange(len(y_index)), y_index].mean())

    return float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded", options={"xatol": 1e-4}).x)


class CalibratedLogisticRegression(ClassifierMixin, BaseEstimator):
    """LogisticRegression(C, max_iter) plus a temperature fitted by `calibration_folds`-fold
    cross-validation (0 or 1: no calibration, temperature 1)."""

    def __init__(self, C: float = 4.0, max_iter: int = 3000, calibration_folds: int = 3, random_state: int = 0):
        self.C = C
        self.max_iter = max_iter
        self.calibration_folds = calibration_folds
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """`sample_weight`: how much each row counts (corrections count more: feedback/gain.py)."""
        # As LogisticRegression validates for lbfgs, so the regression inside sees the same array.
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=[np.float64, np.float32], order="C")
        check_classification_targets(y)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight)
        base = LogisticRegression(C=self.C, max_iter=self.max_iter)
        model = clone(base).fit(X, y, sample_weight=sample_weight)
        self.classes_ = model.classes_
        coef, intercept = model.coef_, model.intercept_
        if len(self.classes_) == 2:  # keep one row per class, as for the multinomial case
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        self.coef_, self.intercept_ = coef, intercept
        self.n_iter_ = model.n_iter_
        self.temperature_ = 1.0
        folds = min(self.calibration_folds, int(np.bincount(np.searchsorted(self.classes_, y)).min()))
        if folds >= 2:
            y_index = np.searchsorted(self.classes_, y)
            scores = np.zeros((X.shape[0], len(self.classes_)))
            for tr, te in StratifiedKFold(folds, shuffle=True, random_state=self.random_state).split(X, y):
                m = CalibratedLogisticRegression(self.C, self.max_iter, calibration_folds=0).fit(
                    X[tr], y[tr], None if sample_weight is None else sample_weight[tr]
                )
                if list(m.classes_) == list(self.classes_):
                    scores[te] = m.decision_function(X[te])
            self.temperature_ = fit_temperature(scores, y_index)
        return self

    def decision_function(self, X) -> np.ndarray:
        """One column per class, also for two classes (as `coef_` has one row per class)."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        return softmax(self.decision_function(X) / self.temperature_, axis=1)

    def predict(self, X) -> np.ndarray:
        scores = self.decision_function(X)  # first: unfitted, it says so
        return self.classes_[np.argmax(scores, axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # what the pipeline's feature union gives it
        return tags
