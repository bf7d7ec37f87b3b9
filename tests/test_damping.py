"""Short-row damping of the word block (training/model/damping.py): its factors, the fast
path's agreement with scikit-learn's, and the switch in PipelineParams."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from training.model.damping import ShortRowDamping, row_damping
from training.model.families import family_of, fast_part_of
from training.model.fastpath import FastFeatures
from training.model.pipeline import PipelineParams, build_pipeline
from training.text.normalise import fold_lower
from training.text.tokenize import TOKEN_PATTERN

TEXTS = [
    "The ministry signed the contract.",
    "The ministry denied that it had signed the contract before the tender closed in May.",
    "The firm won the tender after a long and open process, the council said on Tuesday evening.",
    "Nobody here.",
]


def test_factors_grow_with_the_row_and_stop_at_one():
    indptr = np.array([0, 0, 3, 18, 58])  # rows of 0, 3, 15 and 40 values
    assert np.allclose(row_damping(indptr, 15.0), [1.0, np.sqrt(3 / 15), 1.0, 1.0])


def damped() -> ShortRowDamping:
    words = TfidfVectorizer(token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), sublinear_tf=True, preprocessor=fold_lower)
    return ShortRowDamping(words, full_at=15.0).fit(TEXTS)


def test_short_rows_are_scaled_and_long_rows_keep_unit_length():
    X = damped().transform(TEXTS)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    assert norms[0] == np.sqrt(X[0].nnz / 15.0) < 1.0  # 5 words: 4 unigrams, 4 bigrams
    assert np.allclose(norms[1:3], 1.0)  # 15 or more known n-grams: untouched


def test_the_fast_path_gives_what_scikit_learn_gives():
    d = damped()
    assert family_of(d).label == "word"
    fast = FastFeatures(FeatureUnion([("words", d)]), fast_part_of)
    assert fast.parts  # the damped vectorizer has its fast part
    new = [*TEXTS, "The contract was signed.", "", "A firm, a ministry and a tender."]
    assert abs(fast.transform(new) - d.transform(new)).max() < 1e-12


def test_pipeline_params_turn_it_on_and_off():
    words = dict(build_pipeline().named_steps["features"].transformer_list)["words"]
    assert isinstance(words, ShortRowDamping) and words.full_at == PipelineParams().short_row_ngrams
    off = dict(build_pipeline(PipelineParams(short_row_ngrams=0)).named_steps["features"].transformer_list)["words"]
    assert isinstance(off, TfidfVectorizer)
    with pytest.raises(ValueError, match="short_row_ngrams must be 0"):
        build_pipeline(PipelineParams(short_row_ngrams=-1))
