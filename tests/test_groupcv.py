"""Leave-one-group-out: every row is predicted by a model that never saw its group, and
each group's macro-F1 is reported."""

from __future__ import annotations

import numpy as np
import pytest

from training.fit.data import Example, read_examples
from training.fit.groupcv import group_report, leave_one_group_out
from training.model.pipeline import PipelineParams

from .conftest import small_corpus

FAST = PipelineParams(word_ngrams=(1, 1), char_ngrams=None, calibration_folds=0)


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    train_file, _ = small_corpus(tmp_path_factory.mktemp("groupcv"), every=20)
    return read_examples([train_file])[0]


def test_each_register_is_scored_by_a_model_trained_without_it(rows):
    pred = leave_one_group_out(rows, FAST, "register")
    assert pred is not None and pred.by == "register"
    assert sorted(pred.rows.tolist()) == list(range(len(rows)))  # every row held out exactly once
    assert [rows[i].register for i in pred.rows] == list(pred.groups)
    assert pred.scores.shape == (len(rows), 3) and pred.known_words.shape == (len(rows),)
    # A model that saw the rows scores them better than the models that did not.
    from training.model.pipeline import build_pipeline

    seen = build_pipeline(FAST).fit([e.text for e in rows], [e.label for e in rows])
    seen_acc = np.mean(seen.predict([rows[i].text for i in pred.rows]) == np.array(pred.labels)[pred.gold])
    assert seen_acc > np.mean(pred.predicted == pred.gold) > 0.4

    report = group_report(pred)
    assert set(report["groups"]) == {e.register for e in rows}
    for name, g in report["groups"].items():
        assert g["rows"] == sum(e.register == name for e in rows)
        assert 0.0 <= g["macro_f1"] <= 1.0 and set(g["f1"]) == set(g["labels"])
    assert report["weakest"] == min(report["groups"], key=lambda k: report["groups"][k]["macro_f1"])
    assert report["macro_f1_min"] <= report["macro_f1_median"]


def test_groups_that_cannot_be_held_out_are_named(rows):
    few = [
        Example(text=e.text, label=e.label, register="only_denials" if e.label == "denial" else "ab"[i % 2])
        for i, e in enumerate(rows[:200])
    ]
    pred = leave_one_group_out(few, FAST, "register")
    assert "only_denials" in pred.skipped and "no denial rows" in pred.skipped["only_denials"]
    assert set(pred.groups) == {"a", "b"}


def test_one_group_or_an_unknown_field_gives_nothing(rows):
    same = [Example(text=e.text, label=e.label) for e in rows[:50]]
    logged = []
    assert leave_one_group_out(same, FAST, "domain", log=logged.append) is None
    assert "fewer than two domain groups" in logged[0]
    with pytest.raises(ValueError, match="'by' parameter"):
        leave_one_group_out(rows, FAST, "speaker")
