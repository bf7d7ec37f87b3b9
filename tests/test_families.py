"""Feature families (training/model/families.py): a family added from outside the package gets
the fast path, explanations and spans without touching the package, and the prediction
path no longer depends on what the union's parts are called."""

from __future__ import annotations

import json
import re

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from training.model.families import FAMILIES, FeatureFamily, register
from training.model.fastpath import Block
from training.model.pipeline import PipelineParams, build_pipeline
from training.predict.classify import Classifier

_SHOUT = re.compile(r"\b[A-Z]{3,}\b")  # a word in capitals: shouting


class ShoutFeaturizer(TransformerMixin, BaseEstimator):
    """A toy family: how many words are shouted, and how many exclamation marks."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        rows = [(len(_SHOUT.findall(t)), t.count("!")) for t in X]
        return sp.csr_matrix(np.log1p(np.asarray(rows, dtype=np.float64).reshape(-1, 2)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray(["shout:capitals", "shout:exclamations"], dtype=object)


class ShoutPart:
    """Its fast batch path: here simply the transformer's own matrix, as a block."""

    preprocess = None
    width = 2

    def __init__(self, t: ShoutFeaturizer):
        self.t = t

    def transform(self, lows, texts, cue_scan=None) -> Block:
        X = self.t.transform(texts).tocsr()
        return Block(X.data, X.indices.astype(np.int64), X.indptr.astype(np.int64), self.width)


def _shout_spans(spans, name: str) -> list[list[int]]:
    s = spans.s
    pattern = _SHOUT if name == "shout:capitals" else re.compile("!")
    return [[s.start + m.start(), s.start + m.end()] for m in pattern.finditer(s.text)]


def _texts(corpus) -> tuple[list[str], list[str]]:
    rows = [json.loads(line) for line in corpus[0].read_text(encoding="utf-8").splitlines()][:600]  # quick to fit
    return [r["text"] for r in rows], [r["label"] for r in rows]


def test_a_family_from_outside_gets_the_fast_path_explanations_and_spans(corpus):
    family = register(
        FeatureFamily(
            label="shout", owns=lambda t: isinstance(t, ShoutFeaturizer), fast_part=ShoutPart, find=_shout_spans
        )
    )
    try:
        pipeline = build_pipeline(PipelineParams(char_ngrams=None, calibration_folds=0))  # quicker to fit
        pipeline.named_steps["features"].transformer_list.append(("shout", ShoutFeaturizer()))
        texts, labels = _texts(corpus)
        # Shouting marks denials in this toy corpus, so the family earns a weight.
        texts = texts + [f"NO! The {w} report is WRONG!" for w in ("ferry", "bridge", "audit", "grant")]
        pipeline.fit(texts, labels + ["denial"] * 4)
        clf = Classifier(pipeline)

        assert clf._fast.parts, "every part, the toy one included, takes the fast path"
        batch = texts[:50] + ["NOT TRUE! They never met!", "plain words here"]
        assert abs(clf.transform(batch) - clf.features.transform(batch)).max() < 1e-12
        assert np.allclose(clf.predict_proba(batch), pipeline.predict_proba(batch), atol=1e-12)

        text = "That is a LIE! The minister never met them."
        item = clf.classify(text, top_k=40)["sentences"][0]
        shout = [
            f
            for side in ("towards", "against")
            for f in item["explanation"]["features"][side]
            if f["family"] == "shout"
        ]
        assert shout, "the toy family's features are explained under its own label"
        for f in shout:
            assert f["spans"] and all(text[a:b] in ("LIE", "!") for a, b in f["spans"])
    finally:
        FAMILIES.remove(family)


def test_renaming_a_part_keeps_known_words_spans_and_cue_weights(model):
    """The families are found by their transformers: parts called anything still count
    known words, explain with spans and weigh their cues."""
    pipeline = model.classifier.pipeline
    union = pipeline.named_steps["features"]
    weights = union.transformer_weights or {}
    names = [name for name, _ in union.transformer_list]
    renamed = type(pipeline)(
        [
            (
                "features",
                type(union)(
                    [(f"part{i}", t) for i, (_, t) in enumerate(union.transformer_list)],
                    transformer_weights={f"part{i}": weights[n] for i, n in enumerate(names) if n in weights} or None,
                ),
            ),
            ("clf", pipeline.named_steps["clf"]),
        ]
    )
    before, after = model.classifier, Classifier(renamed)
    text = "The ministry denied the report that the vote was rigged."
    assert after.known_word_counts([text]).tolist() == before.known_word_counts([text]).tolist() != [0]
    a, b = before.classify(text)["sentences"][0], after.classify(text)["sentences"][0]
    assert a["label"] == b["label"] and a["uncertain"] == b["uncertain"]
    assert a["explanation"]["features"] == b["explanation"]["features"]
    assert [c["weight"] for c in a["explanation"]["cues"]] == [c["weight"] for c in b["explanation"]["cues"]]
