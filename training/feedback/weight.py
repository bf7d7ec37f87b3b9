"""How corrections train: their weight, and whether they get weights of their own, chosen
on the user's own held-out corrections.

A correction is a sentence of the user's text: a few hundred of them among thousands of
project rows hardly move the model unless each counts as several rows (a sample weight)
and learns weights of its own: the user's adapter (model/adapt.py), whose own weights,
gated by how much a sentence looks like the corrected ones, are fitted beside ours with
feature copies scaled by one of `ADAPTER_SCALES`. How much of each suits depends on the
user's corpus (how far it is from our sentences, how many corrections there are), so no
constant suits everyone: `stance train` tries each scale with each of `ADAPTER_WEIGHTS`,
scores each candidate by macro-F1 on the held-out fifth of the corrections (gain.py),
and fits the model with the best one. A weight without the adapter is not a candidate:
the adapter's model contains it (its own weights at zero), and choosing among more
candidates on a few dozen held-out sentences only adds to the noise of the choice
(docs/BENCHMARKS.md, section `feedback_choice`: on our own registers, each playing a
user's corpus, the adapter's candidates alone end nearer the best one than all of them
with the plain weights). The candidates share one fitted feature union and differ only
in the classifier, fitted without the temperature (which never changes a predicted
label): the search fits the classifier once per candidate, six times, and the features once.

With fewer than `MIN_HELD_OUT_TO_CHOOSE` held-out corrections, macro-F1 on them is too
noisy to choose by, and the weight is `DEFAULT_FEEDBACK_WEIGHT`, without the adapter; a
weight given (`--feedback-weight`) also trains without it. The choice and every candidate's
score go to the train log and the model card (`metrics.feedback.weight_choice`). Since the
held-out corrections chose the weight, the gain reported on them is a little optimistic;
`stance eval` on corrections made later measures it afresh.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from training.errors import InputError
from training.feedback.gain import DEFAULT_FEEDBACK_WEIGHT, fit_params, is_feedback
from training.fit.data import Example
from training.model.pipeline import PipelineParams, build_pipeline

__all__ = [
    "ADAPTER_SCALES",
    "ADAPTER_WEIGHTS",
    "AUTO",
    "MIN_HELD_OUT_TO_CHOOSE",
    "FeedbackFit",
    "best_candidate",
    "choose_feedback_weight",
    "feedback_weight_arg",
    "fit_candidates",
    "score_on",
]

AUTO = "auto"
ADAPTER_WEIGHTS = (1.0, 3.0, 10.0)  # the corrections' sample weights
ADAPTER_SCALES = (1.0, 3.0)  # the feature copies' scale: 3 lets the user's weights grow larger
MIN_HELD_OUT_TO_CHOOSE = 20


class FeedbackFit(NamedTuple):
    """How the corrections train: `weight` rows each, and with the user's adapter when
    `user_scale` > 0 (model/adapt.py)."""

    weight: float
    user_scale: float = 0.0


def candidate_fits() -> list[FeedbackFit]:
    return [FeedbackFit(w, s) for s in ADAPTER_SCALES for w in ADAPTER_WEIGHTS]


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
    log=lambda msg: None,
) -> tuple[FeedbackFit, dict | None]:
    """(how the corrections train, how that was chosen or None when the weight was given or no
    row is a correction). `examples` are the training rows, `held_out` the held-out corrections."""
    weight = check_feedback_weight(weight)
    if weight != AUTO:
        return FeedbackFit(float(weight)), None
    if not any(is_feedback(e) for e in examples):
        return FeedbackFit(DEFAULT_FEEDBACK_WEIGHT), None
    labels = {e.label for e in examples}
    held = [e for e in held_out if e.label in labels]
    if len(held) < MIN_HELD_OUT_TO_CHOOSE:
        reason = (
            f"{len(held)} held-out corrections, fewer than the {MIN_HELD_OUT_TO_CHOOSE} needed to choose the "
            f"weight: the default {DEFAULT_FEEDBACK_WEIGHT:g}"
        )
        log(f"feedback weight: {reason}")
        return FeedbackFit(DEFAULT_FEEDBACK_WEIGHT), {
            "chosen": DEFAULT_FEEDBACK_WEIGHT,
            "user_scale": 0.0,
            "reason": reason,
            "held_out": len(held),
        }
    candidates = _score_candidates(examples, held, params, candidate_fits())
    best = best_candidate(candidates)
    log(
        "feedback weight: macro-F1 on "
        + f"{len(held)} held-out corrections "
        + ", ".join(f"{c['macro_f1']:.4f} ({_name(c)})" for c in candidates)
        + f": training with {_name(best)}"
    )
    return FeedbackFit(best["weight"], best["user_scale"]), {
        "chosen": best["weight"],
        "user_scale": best["user_scale"],
        "by": "macro-F1 on the held-out corrections (ties: log-loss)",
        "held_out": len(held),
        "candidates": candidates,
    }


def best_candidate(candidates: list[dict]) -> dict:
    """The candidate with the best macro-F1 on the held-out corrections. Ties go to the better
    log-loss, then to the smaller departure from our rows: smaller copies, a lighter weight."""
    return max(candidates, key=lambda c: (c["macro_f1"], -c["log_loss"], -c["user_scale"], -c["weight"]))


def _name(candidate: dict) -> str:
    adapter = f", adapter x{candidate['user_scale']:g}" if candidate["user_scale"] else ""
    return f"x{candidate['weight']:g}{adapter}"


def _score_candidates(
    examples: list[Example], held: list[Example], params: PipelineParams, fits: list[FeedbackFit]
) -> list[dict]:
    """Each candidate's macro-F1, accuracy and log-loss on `held`, the model trained on `examples`."""
    features, classifiers = fit_candidates(examples, params, fits)
    with threadpool_limits(1):
        X_held = features.transform([e.text for e in held])
        scores = [score_on(clf, X_held, [e.label for e in held]) for clf in classifiers]
    return [
        {"weight": float(f.weight), "user_scale": float(f.user_scale), **s} for f, s in zip(fits, scores, strict=True)
    ]


def fit_candidates(examples: list[Example], params: PipelineParams, fits: list[FeedbackFit]) -> tuple[Any, list]:
    """(the fitted feature union, a classifier fitted on its features for each of `fits`): the
    model train() fits, without its temperature, the features fitted once."""
    from sklearn.base import clone

    pipeline = build_pipeline(replace(params, calibration_folds=0))
    features = pipeline.named_steps["features"]
    y = np.array([e.label for e in examples])
    classifiers = []
    with threadpool_limits(1):  # as fit/train.py: a second BLAS thread halves the speed on 2 cores
        X = features.fit_transform([e.text for e in examples], y)
        for fit in fits:
            clf = clone(pipeline.named_steps["clf"]).set_params(user_scale=fit.user_scale)
            clf.fit(X, y, **{k.removeprefix("clf__"): v for k, v in fit_params(examples, fit.weight).items()})
            classifiers.append(clf)
    return features, classifiers


def score_on(classifier, X, gold: list[str]) -> dict:
    """macro-F1, accuracy and log-loss of `classifier` on features `X` with labels `gold`."""
    from training.fit.evaluate import metrics_from_predictions

    probs = classifier.predict_proba(X)
    labels = list(classifier.classes_)
    m = metrics_from_predictions(gold, [labels[i] for i in np.argmax(probs, axis=1)], labels)
    p_gold = probs[np.arange(len(gold)), [labels.index(g) for g in gold]]
    log_loss = float(-np.mean(np.log(np.clip(p_gold, 1e-12, 1.0))))
    return {"macro_f1": m["macro_f1"], "accuracy": m["accuracy"], "log_loss": log_loss}
