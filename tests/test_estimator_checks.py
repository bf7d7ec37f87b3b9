"""scikit-learn's `check_estimator` on the public estimators a model is made of: the two
text featurizers and the classifier. Each check expected to fail is listed with its reason;
it still runs, and a listed check that passes fails the test (its entry is stale). (One
check_estimator call per estimator rather than `parametrize_with_checks`: pytest spent
ten seconds drawing the tracebacks of the expected failures.)

The featurizers read an iterable of texts, as CountVectorizer does; most checks feed them
numeric arrays. Each such check has a twin on text below."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import make_classification
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils.estimator_checks import check_estimator, check_sample_weight_equivalence_on_dense_data
from threadpoolctl import threadpool_limits

from training.model.calibration import CalibratedLogisticRegression
from training.model.speechacts import SpeechActFeaturizer
from training.text.cues import CueFeaturizer

NUMERIC = "feeds a numeric array; the featurizer reads texts (see the text twins in this file)"
FIT_IGNORES_X = (
    "fit learns nothing from X (the lexicon is fixed) and checks only the parameters, so it accepts "
    "what this check wants refused; transform refuses what is not text"
)
NO_COLUMNS = "n_features_in_ counts the columns of a 2-D input; a list of texts has none (nor has CountVectorizer's)"
TEXT_FEATURIZER_FAILURES = {
    "check_fit_score_takes_y": NUMERIC,
    "check_estimators_dtypes": NUMERIC,
    "check_dtype_object": NUMERIC,
    "check_pipeline_consistency": NUMERIC,
    "check_estimators_pickle": NUMERIC,
    "check_f_contiguous_array_estimator": NUMERIC,
    "check_transformer_data_not_an_array": NUMERIC,
    "check_transformer_general": NUMERIC,
    "check_transformer_preserve_dtypes": NUMERIC,
    "check_methods_sample_order_invariance": NUMERIC,
    "check_methods_subset_invariance": NUMERIC,
    "check_dict_unchanged": NUMERIC,
    "check_fit_idempotent": NUMERIC,
    "check_fit2d_predict1d": NUMERIC,
    "check_complex_data": FIT_IGNORES_X,
    "check_estimators_empty_data_messages": FIT_IGNORES_X,
    "check_estimators_nan_inf": FIT_IGNORES_X,
    "check_estimator_sparse_tag": FIT_IGNORES_X,
    "check_fit1d": FIT_IGNORES_X,
    "check_n_features_in_after_fitting": NO_COLUMNS,
    "check_n_features_in": NO_COLUMNS,
}
ONE_COLUMN_PER_CLASS = (
    "with two classes decision_function has one column per class, not scikit-learn's one "
    "column: coef_ keeps a row per class so contributions stay exact per label, and training/fit/groupcv.py "
    "fits the temperature on those columns"
)
WEIGHTS_ARE_NOT_ROWS = (
    "the temperature is fitted on stratified folds of the rows: repeating a row changes the folds, "
    "weighting it does not, so the temperatures differ (with calibration_folds=0 the check passes, "
    "see below)"
)
ESTIMATORS = [
    CueFeaturizer(),
    SpeechActFeaturizer(),
    CalibratedLogisticRegression(),
    CalibratedLogisticRegression(calibration_folds=0),  # as `stance train` fits the final model
]


@pytest.fixture(autouse=True, scope="module")
def _one_blas_thread():
    """The checks fit hundreds of tiny regressions: with a BLAS thread per core, each waits on
    the others (ten times slower on two busy cores)."""
    with threadpool_limits(1):
        yield


def expected_failures(estimator) -> dict[str, str]:
    if not isinstance(estimator, CalibratedLogisticRegression):
        return TEXT_FEATURIZER_FAILURES
    failures = {"check_classifiers_classes": ONE_COLUMN_PER_CLASS, "check_classifiers_train": ONE_COLUMN_PER_CLASS}
    if estimator.calibration_folds >= 2:
        failures |= {
            "check_sample_weight_equivalence_on_dense_data": WEIGHTS_ARE_NOT_ROWS,
            "check_sample_weight_equivalence_on_sparse_data": WEIGHTS_ARE_NOT_ROWS,
        }
    return failures


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=repr)
def test_scikit_learn_estimator_checks(estimator):
    expected = expected_failures(estimator)
    results = check_estimator(estimator, expected_failed_checks=expected, on_fail=None, on_skip=None)
    failed = [
        f"{r['check_name']}: {type(r['exception']).__name__}: {str(r['exception'])[:300]}"
        for r in results
        if r["status"] == "failed"
    ]
    assert not failed, "\n".join(failed)
    stale = set(expected) - {r["check_name"] for r in results if r["status"] == "xfail"}
    assert not stale, f"listed as failing, but passed or did not run: {sorted(stale)}"
    assert sum(r["status"] == "passed" for r in results) >= 20  # most checks ran, and passed


def test_weights_equal_repeated_rows_without_calibration():
    check_sample_weight_equivalence_on_dense_data(
        "CalibratedLogisticRegression", CalibratedLogisticRegression(calibration_folds=0)
    )


def test_an_unfitted_classifier_says_so():
    for method in ("decision_function", "predict_proba", "predict"):
        with pytest.raises(NotFittedError):
            getattr(CalibratedLogisticRegression(), method)(np.zeros((1, 3)))


def test_the_fitted_attributes_are_those_saved_models_have():
    """Saved models are pickles: a fitted attribute renamed or added here would not be in them."""
    X, y = make_classification(60, 5, n_informative=3, n_classes=3, random_state=0)
    fitted = CalibratedLogisticRegression().fit(X, y)
    assert {k for k in vars(fitted) if k.endswith("_")} == {
        "adapter_",  # None: no rows were the user's (model/adapt.py)
        "classes_",
        "coef_",
        "intercept_",
        "n_iter_",
        "n_features_in_",
        "temperature_",
    }
    assert fitted.predict_proba(X).shape == (60, 3) and fitted.temperature_ != 1.0
    assert fitted.adapter_ is None


def test_a_model_pickled_before_the_adapter_loads_without_one():
    """A pickle from before `user_scale`, `adapter_` and `tol` existed scores as it did, and
    clones with the tolerance it was fitted with (scikit-learn's default then)."""
    X, y = make_classification(60, 5, n_informative=3, n_classes=3, random_state=0)
    fitted = CalibratedLogisticRegression().fit(X, y)
    state = {k: v for k, v in fitted.__getstate__().items() if k not in ("user_scale", "adapter_", "tol")}
    old = CalibratedLogisticRegression.__new__(CalibratedLogisticRegression)
    old.__setstate__(state)
    loaded = pickle.loads(pickle.dumps(old))
    assert loaded.adapter_ is None and loaded.get_params()["user_scale"] == 0.0
    assert loaded.get_params()["tol"] == 1e-4 and fitted.get_params()["tol"] == 1e-6
    assert np.array_equal(loaded.predict_proba(X), fitted.predict_proba(X))
    assert clone(loaded).get_params() == {**fitted.get_params(), "tol": 1e-4}


# -- the featurizers' twins, on text -------------------------------------------------------

TEXTS = [
    "The ministry denied the report.",
    "Where did the money go?",
    "Officials declined to comment.",
    "“Who paid?” she asked.",
    "The shortage is not new, a source said.",
    "",
    "It is not clear.",
]


def _dense(X) -> np.ndarray:
    return X.toarray() if hasattr(X, "toarray") else np.asarray(X)


@pytest.fixture(params=[CueFeaturizer, SpeechActFeaturizer], ids=lambda c: c.__name__)
def featurizer(request):
    return request.param(scale=1.5)


def test_a_featurizer_on_text_meets_the_transformer_contract(featurizer):
    est = clone(featurizer)
    assert est.fit(TEXTS, ["a"] * len(TEXTS)) is est  # fit takes y, and returns the estimator
    X = _dense(est.transform(TEXTS))
    assert X.shape == (len(TEXTS), len(est.get_feature_names_out())) and X.dtype == np.float64 and X.any()
    assert np.array_equal(_dense(clone(featurizer).fit_transform(TEXTS)), X)  # fit_transform = fit, transform
    params = dict(vars(est))
    assert np.array_equal(_dense(est.fit(TEXTS[:2]).transform(TEXTS)), X)  # fitting again changes nothing
    est.transform(TEXTS)
    assert vars(est) == params  # transform leaves the estimator as it was
    again = pickle.loads(pickle.dumps(est))
    assert np.array_equal(_dense(again.transform(TEXTS)), X)


def test_a_featurizer_scores_each_text_alone(featurizer):
    est = clone(featurizer).fit(TEXTS)
    X = _dense(est.transform(TEXTS))
    order = np.random.default_rng(0).permutation(len(TEXTS))
    assert np.array_equal(_dense(est.transform([TEXTS[i] for i in order])), X[order])  # row order
    assert np.array_equal(np.vstack([_dense(est.transform(TEXTS[:3])), _dense(est.transform(TEXTS[3:]))]), X)
    for other in (tuple(TEXTS), np.array(TEXTS), iter(TEXTS)):  # any iterable of texts, as CountVectorizer takes
        assert np.array_equal(_dense(est.transform(other)), X)
    assert _dense(est.transform([])).shape == (0, X.shape[1])


def test_a_featurizer_refuses_what_is_not_a_list_of_texts(featurizer):
    est = clone(featurizer).fit(TEXTS)
    with pytest.raises(ValueError, match="iterable of strings"):
        est.transform("One text, not a list of texts.")


def test_a_featurizer_works_inside_a_pipeline(featurizer):
    def lower(texts):
        return [t.lower() for t in texts]

    pipe = make_pipeline(FunctionTransformer(lower), clone(featurizer)).fit(TEXTS)
    alone = clone(featurizer).fit(lower(TEXTS))
    assert np.array_equal(_dense(pipe.transform(TEXTS)), _dense(alone.transform(lower(TEXTS))))
    assert list(pipe[-1].get_feature_names_out()) == list(alone.get_feature_names_out())
