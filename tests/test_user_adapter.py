"""The user's adapter (training/model/adapt.py): the corrections' own weights, counted as much
as a sentence looks like them, scored and explained exactly by the fast path."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import numpy as np
import pytest
from scipy.special import expit

from training.fit.data import read_examples
from training.model.pipeline import build_pipeline
from training.predict.classify import Classifier

from .conftest import LABELS, cue_columns, tiny_params, words_only_reference


def _house_style(n: int) -> list[str]:
    """Sentences analysts would call assertions where our rows say denial: reported denials."""
    rows = [json.loads(line) for line in (LABELS / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows if r["label"] == "denial"][:n]


@pytest.fixture(scope="module")
def adapted(tiny_corpus):
    """A tiny pipeline whose last 60 rows are corrections in a house style unlike ours."""
    ours, _ = read_examples([tiny_corpus[0]])
    theirs = _house_style(60)
    texts = [e.text for e in ours] + theirs
    labels = [e.label for e in ours] + ["assertion"] * len(theirs)
    user_rows = np.array([False] * len(ours) + [True] * len(theirs))
    pipeline = build_pipeline(tiny_params()).set_params(clf__user_scale=3.0)
    pipeline.fit(texts, labels, clf__sample_weight=np.where(user_rows, 3.0, 1.0), clf__user_rows=user_rows)
    return pipeline, texts, user_rows


def test_the_score_is_the_shared_one_plus_the_gated_own_one(adapted):
    pipeline, texts, user_rows = adapted
    clf = pipeline.named_steps["clf"]
    a = clf.adapter_
    assert a is not None and a.coef.shape == clf.coef_.shape
    X = pipeline.named_steps["features"].transform(texts)
    gate = expit(X @ a.gate_coef + a.gate_intercept)
    want = X @ clf.coef_.T + clf.intercept_ + gate[:, None] * (X @ a.coef.T + a.intercept)
    np.testing.assert_allclose(clf.decision_function(X), want, rtol=1e-12, atol=1e-12)
    # The gate tells the corrected sentences from ours.
    assert gate[user_rows].mean() > 0.5 > gate[~user_rows].mean()


def test_the_corrections_generalise_and_our_rows_keep_their_labels(adapted, tiny_corpus):
    pipeline, texts, user_rows = adapted
    ours, _ = read_examples([tiny_corpus[0]])
    labels = [e.label for e in ours] + ["assertion"] * int(user_rows.sum())
    # The same rows and weights, without the adapter.
    plain = build_pipeline(tiny_params()).fit(texts, labels, clf__sample_weight=np.where(user_rows, 3.0, 1.0))
    unseen_theirs = _house_style(120)[60:]
    assert np.mean(pipeline.predict(unseen_theirs) == "assertion") > np.mean(
        plain.predict(unseen_theirs) == "assertion"
    )
    rows = [json.loads(line) for line in (LABELS / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    unseen_ours = [r["text"] for r in rows if r["label"] != "denial"][:300]
    assert np.mean(pipeline.predict(unseen_ours) == plain.predict(unseen_ours)) > 0.85


def test_the_fast_path_scores_and_explains_it_exactly(adapted):
    pipeline, texts, user_rows = adapted
    classifier = Classifier(pipeline)
    sample = texts[::40] + [t for t, u in zip(texts, user_rows, strict=True) if u][:20]
    np.testing.assert_allclose(classifier.predict_proba(sample), pipeline.predict_proba(sample), atol=1e-12)
    for doc in classifier.classify_many(sample, explain=True, top_k=3):
        for s in doc["sentences"]:
            if s["skipped"]:
                continue
            e = s["explanation"]
            assert e["intercept"] + e["contributions_sum"] == pytest.approx(e["score"], abs=1e-9)
            assert 0 < e["adapter_gate"] < 1


def test_explanations_equal_by_the_kernel_and_by_numpy(adapted, monkeypatch):
    import training.predict.contributions as contributions

    pipeline, texts, _ = adapted
    classifier = Classifier(pipeline)
    paragraphs = [" ".join(texts[i : i + 5]) for i in range(len(texts) - 60, len(texts), 5)]
    fast = classifier.classify_many(paragraphs, explain=True, top_k=4)
    monkeypatch.setattr(contributions, "_top_contributions", None)
    assert classifier.classify_many(paragraphs, explain=True, top_k=4) == fast


def test_no_user_rows_or_no_scale_means_no_adapter(tiny_corpus):
    ours, _ = read_examples([tiny_corpus[0]])
    texts, labels = [e.text for e in ours], [e.label for e in ours]
    none_marked = build_pipeline(tiny_params()).set_params(clf__user_scale=3.0)
    none_marked.fit(texts, labels, clf__user_rows=np.zeros(len(texts), dtype=bool))
    assert none_marked.named_steps["clf"].adapter_ is None
    unscaled = build_pipeline(tiny_params()).fit(texts, labels, clf__user_rows=np.ones(len(texts), dtype=bool))
    assert unscaled.named_steps["clf"].adapter_ is None
    explained = Classifier(unscaled).classify("The ministry denied the report.")["sentences"][0]["explanation"]
    assert explained["adapter_gate"] is None


def test_an_adapted_model_survives_pickling(adapted):
    """Saved models are joblib pickles, and Dask ships the classifier to its workers."""
    import io

    import joblib

    pipeline, texts, _ = adapted
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer)
    buffer.seek(0)
    paragraph = " ".join(texts[-5:])
    assert Classifier(joblib.load(buffer)).classify(paragraph) == Classifier(pipeline).classify(paragraph)


def test_words_only_weighs_the_cues_as_the_score_does(adapted):
    """The `words_only` reason reads the cue and speech-act columns' part of each label's score
    as the adapted score has it: the shared weights plus the user's own times the gate. The
    user's weights are made ten times larger here, so that leaving them out changes flags."""
    pipeline, texts, _ = adapted
    pipeline = copy.deepcopy(pipeline)
    clf, union = pipeline.named_steps["clf"], pipeline.named_steps["features"]
    a = clf.adapter_ = replace(clf.adapter_, coef=clf.adapter_.coef * 10)
    is_cue = cue_columns(union)
    X = union.transform(texts)
    gate = expit(X @ a.gate_coef + a.gate_intercept)
    top, assertion = clf.decision_function(X).argmax(axis=1), list(clf.classes_).index("assertion")
    shared = X[:, is_cue] @ clf.coef_[:, is_cue].T
    want = words_only_reference(shared + gate[:, None] * (X[:, is_cue] @ a.coef[:, is_cue].T), top, assertion)
    _, words_only = Classifier(pipeline).abstention_inputs(texts)
    assert (words_only == want).all() and want.any()
    assert (want != words_only_reference(shared, top, assertion)).any()  # the shared weights alone would flag otherwise
