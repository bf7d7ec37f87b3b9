"""How much a correction weighs in training, chosen on the user's own held-out corrections.

A correction is a sentence of the user's text: a few hundred of them among thousands of
project rows hardly move the model unless each counts as several rows (a sample weight).
How many depends on the user's corpus (how far it is from our sentences, how many
corrections there are), so no constant suits everyone. `stance train` therefore tries
each weight of `FEEDBACK_WEIGHT_GRID` on the rows it trains on, scores each candidate by
macro-F1 on the held-out fifth of the corrections (gain.py), and fits the model
with the best one. The candidates share one fitted feature union and differ only in the
classifier, fitted without the temperature (which never changes a predicted label): the
search costs about one more fit with calibration (10 to 20 s on the project's rows).

With fewer than `MIN_HELD_OUT_TO_CHOOSE` held-out corrections, macro-F1 on them is too
noisy to choose by, and the weight is `DEFAULT_FEEDBACK_WEIGHT`. The choice and every
candidate's score go to the train log and the model card (`metrics.feedback.weight_choice`).
Since the held-out corrections chose the weight, the gain reported on them is a little
optimistic; `stance eval` on corrections made later measures it afresh.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import numpy as np
from threadpoolctl import threadpool_limits

from training.errors import InputError
from training.feedback.gain import DEFAULT_FEEDBACK_WEIGHT, is_feedback, sample_weights
from training.fit.data import Example
from training.model.pipeline import PipelineParams, build_pipeline

__all__ = ["AUTO", "FEEDBACK_WEIGHT_GRID", "MIN_HELD_OUT_TO_CHOOSE", "choose_feedback_weight", "feedback_weight_arg"]

AUTO = "auto"
FEEDBACK_WEIGHT_GRID = (1.0, 3.0, 10.0, 30.0)
MIN_HELD_OUT_TO_CHOOSE = 20


def feedback_weight_arg(text: str) -> float | str:
    """`--feedback-weight`: "auto" or a positive number (argparse `type`)."""
    try:
        return check_feedback_weight(text if text == AUTO else float(text))
    except (ValueError, InputError):
        raise argparse.ArgumentTypeError(f"expected 'auto' or a positive number, found {text!r}") from None


def check_feedback_weight(weight: float | str) -> float | str:
    if weight == AUTO:
        return AUTO
    if isinstance(weight, str) or not float(weight) > 0 or not np.isfinite(float(weight)):
        raise InputError(f"expected the feedback weight to be 'auto' or a positive number, found {weight!r}")
    return float(weight)


def choose_feedback_weight(
    examples: list[Example],
    held_out: list[Example],
    params: PipelineParams,
    weight: float | str = AUTO,
    *,
    grid: tuple[float, ...] = FEEDBACK_WEIGHT_GRID,
    log=lambda msg: None,
) -> tuple[float, dict | None]:
    """(the weight to train with, how it was chosen or None when it was given or no row is a
    correction). `examples` are the training rows, `held_out` the held-out corrections."""
    weight = check_feedback_weight(weight)
    if weight != AUTO:
        return weight, None
    if not any(is_feedback(e) for e in examples):
        return DEFAULT_FEEDBACK_WEIGHT, None
    labels = {e.label for e in examples}
    held = [e for e in held_out if e.label in labels]
    if len(held) < MIN_HELD_OUT_TO_CHOOSE:
        reason = (
            f"{len(held)} held-out corrections, fewer than the {MIN_HELD_OUT_TO_CHOOSE} needed to choose the "
            f"weight: the default {DEFAULT_FEEDBACK_WEIGHT:g}"
        )
        log(f"feedback weight: {reason}")
        return DEFAULT_FEEDBACK_WEIGHT, {"chosen": DEFAULT_FEEDBACK_WEIGHT, "reason": reason, "held_out": len(held)}
    candidates = _score_candidates(examples, held, params, sorted(grid))
    # Ties go to the better log-loss, then to the lighter weight (the smaller departure from our rows).
    best = max(candidates, key=lambda c: (c["macro_f1"], -c["log_loss"], -c["weight"]))
    log(
        "feedback weight: macro-F1 on "
        + f"{len(held)} held-out corrections "
        + ", ".join(f"{c['macro_f1']:.4f} (x{c['weight']:g})" for c in candidates)
        + f": training with x{best['weight']:g}"
    )
    return best["weight"], {
        "chosen": best["weight"],
        "by": "macro-F1 on the held-out corrections (ties: log-loss)",
        "held_out": len(held),
        "candidates": candidates,
    }


def _score_candidates(
    examples: list[Example], held: list[Example], params: PipelineParams, grid: list[float]
) -> list[dict]:
    """Each weight's macro-F1, accuracy and log-loss on `held`, the model trained on `examples`."""
    from sklearn.base import clone

    from training.fit.evaluate import metrics_from_predictions

    pipeline = build_pipeline(replace(params, calibration_folds=0))  # the model train() fits, but its temperature
    features = pipeline.named_steps["features"]
    y = np.array([e.label for e in examples])
    gold = [e.label for e in held]
    out = []
    with threadpool_limits(1):  # as fit/train.py: a second BLAS thread halves the speed on 2 cores
        X = features.fit_transform([e.text for e in examples], y)
        X_held = features.transform([e.text for e in held])
        for w in grid:
            clf = clone(pipeline.named_steps["clf"]).fit(X, y, sample_weight=sample_weights(examples, w))
            probs = clf.predict_proba(X_held)
            labels = list(clf.classes_)
            predicted = [labels[i] for i in np.argmax(probs, axis=1)]
            m = metrics_from_predictions(gold, predicted, labels)
            p_gold = probs[np.arange(len(gold)), [labels.index(g) for g in gold]]
            out.append(
                {
                    "weight": float(w),
                    "macro_f1": m["macro_f1"],
                    "accuracy": m["accuracy"],
                    "log_loss": float(-np.mean(np.log(np.clip(p_gold, 1e-12, 1.0)))),
                }
            )
    return out
