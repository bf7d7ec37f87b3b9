"""How much a correction weighs, chosen on the held-out corrections (training/feedback/weight.py)."""

from __future__ import annotations

import json

import pytest

from training.cli import main
from training.errors import InputError
from training.feedback.gain import DEFAULT_FEEDBACK_WEIGHT, split_feedback
from training.feedback.weight import (
    MIN_HELD_OUT_TO_CHOOSE,
    FeedbackFit,
    _score_candidates,
    candidate_fits,
    choose_feedback_weight,
)
from training.fit.data import Example, read_examples
from training.model.pipeline import PipelineParams

from .conftest import LABELS


def _correction(text: str, label: str) -> Example:
    return Example(text=text, label=label, extra={"source": "feedback"})


def _house_style(n: int) -> list[Example]:
    """Corrections by analysts who call a reported denial an assertion (a stance-towards-rumour
    scheme would): `n` of our held-out denials, relabelled."""
    rows = [json.loads(line) for line in (LABELS / "test.jsonl").read_text(encoding="utf-8").splitlines()]
    return [_correction(r["text"], "assertion") for r in rows if r["label"] == "denial"][:n]


def test_a_house_style_unlike_ours_gets_more_than_one_row_of_the_same_weights(corpus):
    base, _ = read_examples([corpus[0]])
    examples, held = split_feedback(base[::4] + _house_style(150))
    assert len(held) >= MIN_HELD_OUT_TO_CHOOSE
    logged = []
    quick = PipelineParams(char_ngrams=None)  # the choice is under test here, not the features
    fit, choice = choose_feedback_weight(examples, held, quick, log=logged.append)
    scores = {FeedbackFit(c["weight"], c["user_scale"]): c["macro_f1"] for c in choice["candidates"]}
    assert list(scores) == candidate_fits() and choice["held_out"] == len(held)
    assert fit == (choice["chosen"], choice["user_scale"]) and scores[fit] == max(scores.values())
    # Our rows pull "X denied Y" towards denial: these analysts' own text is learnt when it has weights
    # of its own, which every candidate has; a weight alone learns it less.
    assert all(f.user_scale > 0 for f in scores)
    (plain,) = _score_candidates(examples, held, quick, [FeedbackFit(1.0)])
    assert scores[fit] > plain["macro_f1"]
    assert "training with x" in logged[-1]


def test_too_few_held_out_corrections_keep_the_default():
    rows = [Example(text=f"Row {i} of ours.", label=("assertion", "denial")[i % 2]) for i in range(20)]
    fixes = [_correction(f"The office denied claim {i}.", "assertion") for i in range(40)]
    examples, held = split_feedback(rows + fixes)
    assert 0 < len(held) < MIN_HELD_OUT_TO_CHOOSE
    fit, choice = choose_feedback_weight(examples, held, PipelineParams())
    assert fit == FeedbackFit(DEFAULT_FEEDBACK_WEIGHT) and "fewer than" in choice["reason"]
    assert fit.weight == choice["chosen"] and fit.user_scale == choice["user_scale"] == 0
    # no corrections
    assert choose_feedback_weight(rows, [], PipelineParams()) == (FeedbackFit(DEFAULT_FEEDBACK_WEIGHT), None)


def test_a_given_weight_is_kept_and_a_bad_one_refused(tmp_path):
    fixes = [_correction(f"The office denied claim {i}.", "assertion") for i in range(200)]
    examples, held = split_feedback(fixes)
    assert choose_feedback_weight(examples, held, PipelineParams(), 10) == (FeedbackFit(10.0), None)  # no adapter
    for bad in (0, -3, float("nan"), "heavy"):
        with pytest.raises(InputError, match="'auto' or a positive number"):
            choose_feedback_weight(examples, held, PipelineParams(), bad)
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--feedback-weight", "0", "--models-dir", str(tmp_path)])
    assert exit_info.value.code == 2
