import json
import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from training.cues import CUE_KINDS, CueFeaturizer, find_cues, kind_counts

TEXTS = ["The ministry denied the report.", "Where did the money go?", "Officials declined to comment.", "The shortage is not new."]


def test_find_cues_spans_and_entries():
    text = 'Funny how the "audit" vanished, a source said. Nobody denied it.'
    cues = find_cues(text)
    kinds = {c.kind for c in cues}
    assert {"insinuation_phrase", "direct_quote", "anonymous_source", "attribution_verb", "negation", "denial_verb"} <= kinds
    for c in cues:
        assert text[c.start:c.end] == c.text
        assert c.entry in CUE_KINDS[c.kind].entries


def test_find_cues_offset():
    cues = find_cues("They denied it.", offset=10)
    assert [(c.kind, c.start, c.end) for c in cues] == [("denial_verb", 15, 21)]


def test_no_match_inside_words():
    assert not [c for c in find_cues("The notebook is nothingness") if c.kind == "negation"]


def test_estimator_contract():
    est = CueFeaturizer(kinds=("negation", "denial_verb"), scale=2.0)
    assert est.get_params() == {"kinds": ("negation", "denial_verb"), "scale": 2.0}
    assert clone(est).get_params() == est.get_params()
    assert est.fit(TEXTS) is est
    X = est.transform(TEXTS)
    assert X.shape == (4, 2)
    assert list(est.get_feature_names_out()) == ["cue:negation", "cue:denial_verb"]
    assert X[0, 1] == pytest.approx(2.0 * np.log1p(1))
    assert X[3, 0] > 0


def test_pickle_round_trip():
    est = CueFeaturizer().fit(TEXTS)
    again = pickle.loads(pickle.dumps(est))
    assert (again.transform(TEXTS) != est.transform(TEXTS)).nnz == 0
    assert len(again.get_feature_names_out()) == again.transform(TEXTS).shape[1] == len(CUE_KINDS)


def test_bad_parameters_name_the_parameter():
    with pytest.raises(ValueError, match="'kinds' parameter of CueFeaturizer"):
        CueFeaturizer(kinds=("nope",)).fit(TEXTS)
    with pytest.raises(ValueError, match="'scale' parameter"):
        CueFeaturizer(scale=0).fit(TEXTS)
    with pytest.raises(NotFittedError):
        CueFeaturizer().transform(TEXTS)


def test_kind_counts_are_the_counts_of_find_cues():
    """The batch counter (the model's features) and find_cues (the explanation's spans)
    are two implementations of one lexicon: they must agree on every text."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "labels"
    texts = [json.loads(line)["text"] for f in sorted(root.rglob("*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["", "Why?\nWhy not \"this\" one?", "“Quoted” and ‘quoted here’ İstanbul NO", "no no no evidence",
              "\n\nNo way?", "Don't say it's not, it's just a test, isn't it", "a\x00source said\x00no",
              "NOPE. Not true at all, we have never paid them"]
    kinds = tuple(CUE_KINDS)
    rows, cols, counts = kind_counts(texts, kinds)
    got = {(int(r), kinds[c]): int(n) for r, c, n in zip(rows, cols, counts)}
    want: dict = {}
    for i, text in enumerate(texts):
        for cue in find_cues(text):
            want[(i, cue.kind)] = want.get((i, cue.kind), 0) + 1
    assert got == want
