import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from training.cues import CUE_KINDS, CueFeaturizer, find_cues

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
