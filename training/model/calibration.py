"""A multinomial logistic regression whose probabilities are calibrated by temperature
scaling: `predict_proba(X) = softmax(decision_function(X) / temperature_)`.

The temperature is fitted on out-of-fold decision scores (so it corrects the
over-confidence a model shows on rows it did not train on). `stance train` goes further:
it fits the final model with `calibration_folds=0` and sets `temperature_` from
leave-one-register-out scores (fit/train.py, fit/groupcv.py), since k folds of rows written by the
same hands hide the shift real text brings. Dividing every score by one
positive number never changes the predicted label, and the decision score stays a plain
linear function, so feature contributions remain exact.

With `user_scale` > 0 and `user_rows` given to `fit` (the analysts' corrections), the
corrections also learn gated weights of their own (model/adapt.py): `adapter_`, None
otherwise.
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

from training.model.adapt import UserAdapter, fit_augmented

__all__ = ["CalibratedLogisticRegression", "fit_temperature"]


def fit_temperature(scores: np.ndarray, y_index: np.ndarray) -> float:
    """The temperature that minimises the log-loss of softmax(scores / T)."""

    def nll(t: float) -> float:
        return -float(log_softmax(scores / t, axis=1)[np.arange(len(y_index)), y_index].mean())

    return float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded", options={"xatol": 1e-4}).x)


class CalibratedLogisticRegression(ClassifierMixin, BaseEstimator):
    """LogisticRegression(C, max_iter, tol) plus a temperature fitted by `calibration_folds`-fold
    cross-validation (0 or 1: no calibration, temperature 1). `user_scale`: the scale of the
    corrections' feature copies (model/adapt.py); 0 never adapts.

    `tol` is tighter than scikit-learn's 1e-4: at 1e-4 lbfgs stopped where it happened to be, and
    a change of 2e-10 in one block's weight moved the held-out macro-F1 from 0.900 to 0.905; at
    1e-6 both fits land on the same optimum (0.904), for about twice the iterations."""

    def __init__(
        self,
        C: float = 4.0,
        max_iter: int = 3000,
        tol: float = 1e-6,
        calibration_folds: int = 3,
        random_state: int = 0,
        user_scale: float = 0.0,
    ):
        self.C = C
        self.max_iter = max_iter
        self.tol = tol
        self.calibration_folds = calibration_folds
        self.random_state = random_state
        self.user_scale = user_scale

    def fit(self, X, y, sample_weight=None, user_rows=None):
        """`sample_weight`: how much each row counts (corrections count more: feedback/gain.py).
        `user_rows`: which rows are the user's corrections, for the adapter (`user_scale` > 0)."""
        # As LogisticRegression validates for lbfgs, so the regression inside sees the same array.
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=[np.float64, np.float32], order="C")
        check_classification_targets(y)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight)
        self.adapter_ = None
        if self.user_scale > 0 and user_rows is not None and np.any(user_rows):
            model, coef, intercept, adapter = fit_augmented(
                X, y, user_rows, sample_weight, C=self.C, max_iter=self.max_iter, tol=self.tol, scale=self.user_scale
            )
            self.adapter_ = _one_row_per_class(adapter)
        else:
            model = LogisticRegression(C=self.C, max_iter=self.max_iter, tol=self.tol)
            model.fit(X, y, sample_weight=sample_weight)
            coef, intercept = model.coef_, model.intercept_
        self.classes_ = model.classes_
        self.coef_, self.intercept_ = _per_class(coef, intercept)
        self.n_iter_ = model.n_iter_
        self.temperature_ = 1.0
        folds = min(self.calibration_folds, int(np.bincount(np.searchsorted(self.classes_, y)).min()))
        if folds >= 2:
            y_index = np.searchsorted(self.classes_, y)
            scores = np.zeros((X.shape[0], len(self.classes_)))
            for tr, te in StratifiedKFold(folds, shuffle=True, random_state=self.random_state).split(X, y):
                m = clone(self).set_params(calibration_folds=0)
                m.fit(
                    X[tr],
                    y[tr],
                    None if sample_weight is None else sample_weight[tr],
                    None if user_rows is None else np.asarray(user_rows)[tr],
                )
                if list(m.classes_) == list(self.classes_):
                    scores[te] = m.decision_function(X[te])
            self.temperature_ = fit_temperature(scores, y_index)
        return self

    def decision_function(self, X) -> np.ndarray:
        """One column per class, also for two classes (as `coef_` has one row per class)."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        scores = np.asarray(X @ self.coef_.T) + self.intercept_
        return scores if self.adapter_ is None else scores + self.adapter_.shift(X)

    def predict_proba(self, X) -> np.ndarray:
        return softmax(self.decision_function(X) / self.temperature_, axis=1)

    def predict(self, X) -> np.ndarray:
        scores = self.decision_function(X)  # first: unfitted, it says so
        return self.classes_[np.argmax(scores, axis=1)]

    def __setstate__(self, state: dict) -> None:
        # Models saved before the user's adapter existed: no adapter, and never one.
        state.setdefault("user_scale", 0.0)
        state.setdefault("tol", 1e-4)  # fitted before `tol` was a parameter: scikit-learn's default
        if "coef_" in state:
            state.setdefault("adapter_", None)
        super().__setstate__(state)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # what the pipeline's feature union gives it
        return tags


def _per_class(coef: np.ndarray, intercept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One row per class, also for two classes (where the regression gives one)."""
    if coef.shape[0] == 1:
        return np.vstack([-coef[0] / 2, coef[0] / 2]), np.array([-intercept[0] / 2, intercept[0] / 2])
    return coef, intercept


def _one_row_per_class(adapter: UserAdapter) -> UserAdapter:
    coef, intercept = _per_class(adapter.coef, adapter.intercept)
    return UserAdapter(coef, intercept, adapter.gate_coef, adapter.gate_intercept)
