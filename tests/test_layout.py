"""Models saved before training/ was split into subpackages still load and answer as they did.

tests/data/pre_layout_model/ holds a small real model (300 rows of labels/train, 190 KB) that
the flat layout saved (`saved_by_commit` in expected.json), with the labels it gave six
sentences then. Its pickle names its classes and function by their old paths
(`training.cues.CueFeaturizer`, ...); the one-line modules left at those paths make them
resolve to the moved code.
"""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest
import sklearn

from training import load_model

DATA = Path(__file__).resolve().parent / "data" / "pre_layout_model"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
FAMILIES = {"word", "char", "cue", "act"}


def test_every_old_path_the_pickle_names_is_the_moved_code():
    assert EXPECTED["globals"], "expected.json lists the globals the pickle names"
    for dotted in EXPECTED["globals"]:
        module, name = dotted.rsplit(".", 1)
        found = getattr(importlib.import_module(module), name)
        assert found.__module__ != module, f"{dotted} should be a re-export of the moved code"
        assert getattr(importlib.import_module(found.__module__), name) is found


def test_a_model_saved_before_the_move_gives_the_labels_it_gave(tmp_path):
    card = json.loads(next((DATA / "models").glob("*/card.json")).read_text(encoding="utf-8"))
    if card["versions"]["scikit-learn"] != sklearn.__version__:
        pytest.skip(
            f"the fixture was pickled by scikit-learn {card['versions']['scikit-learn']}, this is "
            f"{sklearn.__version__}: load_model refuses it (the old-path test above still runs)"
        )
    models = shutil.copytree(DATA / "models", tmp_path / "models")
    classifier = load_model(models, EXPECTED["model_id"]).classifier
    texts = [s["text"] for s in EXPECTED["sentences"]]
    expected = [s["label"] for s in EXPECTED["sentences"]]
    proba = classifier.predict_proba(texts)
    assert [classifier.labels[i] for i in proba.argmax(axis=1)] == expected
    families = set()
    for text, label in zip(texts, expected, strict=True):
        (sentence,) = classifier.classify(text)["sentences"]
        assert sentence["label"] == label
        assert sentence["known_words"] > 0  # the word family was recognised in the old pickle
        features = sentence["explanation"]["features"]
        families |= {f["family"] for side in ("towards", "against") for f in features[side]}
    assert families == FAMILIES  # each part of the old feature union found its family
