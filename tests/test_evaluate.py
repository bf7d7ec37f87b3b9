"""`evaluate` and `stance eval` say what abstention does: coverage (the share of rows not
flagged `uncertain`), the accuracy on those rows, and per row its confidence and flag."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from training.cli import main
from training.fit.data import read_examples
from training.fit.evaluate import evaluate

from .conftest import read_jsonl


@pytest.fixture
def rows(corpus):
    return read_examples([corpus[1]])[0]


def test_coverage_and_kept_accuracy_follow_the_thresholds(model, rows):
    clf = model.classifier
    saved = clf.thresholds
    try:
        clf.thresholds = replace(saved, min_confidence=0.0, min_margin=0.0, min_known_words=0, words_only=False)
        everything = evaluate(clf, rows)
        clf.thresholds = replace(saved, min_confidence=0.8, min_margin=0.0, min_known_words=0, words_only=False)
        strict = evaluate(clf, rows)
    finally:
        clf.thresholds = saved
    assert everything["coverage"] == 1.0 and everything["kept_accuracy"] == pytest.approx(everything["accuracy"])
    confident = [p for p in strict["predictions"] if p["confidence"] >= 0.8]
    assert strict["coverage"] == pytest.approx(len(confident) / len(rows)) and strict["coverage"] < 1.0
    assert strict["kept_accuracy"] == pytest.approx(
        sum(p["predicted"] == p["label"] for p in confident) / len(confident)
    )
    assert strict["abstention"]["flagged"] == len(rows) - len(confident)
    assert strict["abstention"]["flagged_by_reason"] == {"low_confidence": len(rows) - len(confident)}
    for p in strict["predictions"]:
        assert p["confidence"] == pytest.approx(max(p["probabilities"].values()))
        assert p["uncertain"] == (p["confidence"] < 0.8) == (p["uncertain_reasons"] == ["low_confidence"])
    curve = strict["abstention"]["accuracy_at_coverage"]
    assert curve[-1] == {"coverage": 1.0, "accuracy": pytest.approx(strict["accuracy"])}


def test_eval_json_text_and_predictions_carry_abstention(capsys, models_dir, corpus, tmp_path):
    preds = tmp_path / "p.jsonl"
    assert (
        main(["eval", "--data", str(corpus[1]), "--json", "--predictions", str(preds), "--models-dir", str(models_dir)])
        == 0
    )
    m = json.loads(capsys.readouterr().out)
    assert 0 < m["coverage"] <= 1 and 0 <= m["kept_accuracy"] <= 1
    rows = read_jsonl(preds)
    assert sum(not r["uncertain"] for r in rows) == round(m["coverage"] * m["n"])
    assert all({"confidence", "uncertain", "uncertain_reasons"} <= set(r) for r in rows)
    assert main(["eval", "--data", str(corpus[1]), "--models-dir", str(models_dir)]) == 0
    out = capsys.readouterr().out
    assert f"coverage {m['coverage']:.4f}" in out and f"accuracy on them {m['kept_accuracy']:.4f}" in out
