"""The gain on the user's own text: corrections held out of training and scored.

Rows whose `source` is "feedback" (what `stance feedback export` writes) are the user's
own text. A stable fifth of them, chosen by the sentence's hash (`is_held_out`), never
trains a model: `stance train` scores them with the new model and with the model that
was active before it, and the model card keeps both (`metrics.feedback`); `stance eval`
on a file with such rows scores the same fifth, against the model the analysts
corrected. The same sentence is held out in every run, so a second round of corrections
never leaks the first round's held-out rows into training.

The corrections that do train count `weight` times a label-file row (a sample weight):
a few hundred of them among thousands of project rows would otherwise hardly move the
model (docs/BENCHMARKS.md, section `active_learning`). `stance train` chooses the weight
on the held-out fifth unless told one (weight.py); `DEFAULT_FEEDBACK_WEIGHT` is
what it takes when too few corrections are held out to choose by.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from training.feedback.export import FEEDBACK_SOURCE
from training.feedback.store import sentence_key
from training.fit.data import Example

__all__ = ["DEFAULT_FEEDBACK_WEIGHT", "feedback_gain", "is_feedback", "is_held_out", "sample_weights", "split_feedback"]

HOLD_OUT_ONE_IN = 5
DEFAULT_FEEDBACK_WEIGHT = 3.0


def is_feedback(example: Example) -> bool:
    return example.extra.get("source") == FEEDBACK_SOURCE


def is_held_out(text: str) -> bool:
    """Whether a correction of this sentence is in the held-out fifth (stable across runs)."""
    return int(sentence_key(text)[:12], 16) % HOLD_OUT_ONE_IN == 0


def split_feedback(examples: list[Example], *, hold_out: bool = True) -> tuple[list[Example], list[Example]]:
    """(rows to train on, held-out corrections). Rows that are not corrections all train."""
    if not hold_out:
        return examples, []
    train, held = [], []
    for e in examples:
        (held if is_feedback(e) and is_held_out(e.text) else train).append(e)
    return train, held


def sample_weights(examples: list[Example], weight: float) -> np.ndarray | None:
    """Each row's weight in the fit: `weight` for a correction, 1 otherwise; None when all are 1."""
    if weight == 1 or not any(is_feedback(e) for e in examples):
        return None
    return np.array([weight if is_feedback(e) else 1.0 for e in examples])


def _scores(classifier, rows: list[Example]) -> dict:
    from training.fit.evaluate import metrics_from_predictions

    known = [e for e in rows if e.label in classifier.labels]
    probs = classifier.predict_proba([e.text for e in known])
    predicted = [classifier.labels[i] for i in np.argmax(probs, axis=1)] if known else []
    m = metrics_from_predictions([e.label for e in known], predicted, list(classifier.labels))
    return {
        "macro_f1": m["macro_f1"],
        "accuracy": m["accuracy"],
        "rows": m["n"],
        "per_label_f1": {lab: v["f1"] for lab, v in m["per_label"].items()},
    }


def feedback_gain(
    classifier,
    held_out: list[Example],
    *,
    baseline=None,
    baseline_id: str | None = None,
    trained_rows: int | None = None,
) -> dict | None:
    """This model's macro-F1 and accuracy on the held-out corrections, the baseline model's
    on the same rows, and the gain; None when no correction is held out."""
    if not held_out:
        return None
    mine = _scores(classifier, held_out)
    report = {
        "held_out": len(held_out),
        "labels": dict(sorted(Counter(e.label for e in held_out).items())),
        "macro_f1": mine["macro_f1"],
        "accuracy": mine["accuracy"],
        "per_label_f1": mine["per_label_f1"],
        "baseline": None,
        "gain_macro_f1": None,
        "gain_accuracy": None,
    }
    if trained_rows is not None:
        report["trained_on"] = trained_rows
    if baseline is not None:
        theirs = _scores(baseline, held_out)
        report["baseline"] = {"model": baseline_id, "macro_f1": theirs["macro_f1"], "accuracy": theirs["accuracy"]}
        report["gain_macro_f1"] = mine["macro_f1"] - theirs["macro_f1"]
        report["gain_accuracy"] = mine["accuracy"] - theirs["accuracy"]
    return report


def corrected_model_id(held_out: list[Example]) -> str | None:
    """The model most of these corrections corrected (their `model_id`), if they name one."""
    ids = Counter(e.extra.get("model_id") for e in held_out if e.extra.get("model_id"))
    return ids.most_common(1)[0][0] if ids else None


def format_gain(report: dict) -> str:
    """One line for the terminal."""
    line = (
        f"on your own text ({report['held_out']} corrections held out of training): macro-F1 "
        f"{report['macro_f1']:.4f}, accuracy {report['accuracy']:.4f}"
    )
    base = report.get("baseline")
    if base:
        line += (
            f"; {base['model']}: macro-F1 {base['macro_f1']:.4f}, accuracy {base['accuracy']:.4f}; gain "
            f"{report['gain_macro_f1']:+.4f} macro-F1, {report['gain_accuracy']:+.4f} accuracy"
        )
    if report.get("weight") is not None:
        adapter = (
            " and the corrections had weights of their own (the user's adapter)" if report.get("user_scale") else ""
        )
        line += f"; a correction weighed {report['weight']:g} rows{adapter}" + (
            ", as chosen on these corrections" if (report.get("weight_choice") or {}).get("candidates") else ""
        )
    return line


def fit_params(examples: list[Example], weight: float) -> dict:
    """The pipeline's fit parameters for these rows: the corrections' sample weights, and which
    rows they are (for the user's adapter, model/adapt.py), when there are any."""
    weights = sample_weights(examples, weight)
    params = {} if weights is None else {"clf__sample_weight": weights}
    user_rows = np.array([is_feedback(e) for e in examples])
    return {**params, "clf__user_rows": user_rows} if user_rows.any() else params


def gain_over_active(
    classifier,
    held_out: list[Example],
    models_dir,
    *,
    trained: list[Example],
    fit,
    choice: dict | None = None,
    log=lambda msg: None,
) -> dict | None:
    """`feedback_gain` against the model active in `models_dir` before this one (the model
    the analysts were correcting, as a rule), for the model card. `fit`: how the corrections
    trained (weight.py's `FeedbackFit`)."""
    if not held_out:
        return None
    from training import registry
    from training.errors import StanceError

    baseline = baseline_id = None
    try:
        if registry.active_id(models_dir) is not None:
            loaded = registry.load_model(models_dir)
            baseline, baseline_id = loaded.classifier, loaded.id
    except StanceError as e:  # the gain is a report: without a baseline, the new model's figures still stand
        log(f"could not load the active model to compare on your corrections ({e})")
    report = feedback_gain(
        classifier,
        held_out,
        baseline=baseline,
        baseline_id=baseline_id,
        trained_rows=sum(1 for e in trained if is_feedback(e)),
    )
    report["weight"] = fit.weight
    report["user_scale"] = fit.user_scale  # > 0: the corrections' own gated weights (model/adapt.py)
    if choice is not None:  # how `fit` was chosen (weight.py)
        report["weight_choice"] = choice
    log(format_gain(report))
    return report


def gain_in_eval(loaded, examples: list[Example], models_dir, baseline_id: str | None = None) -> dict | None:
    """For `stance eval`: the evaluated model on the held-out corrections in `examples`,
    against `baseline_id` or else the model the corrections corrected (when that is
    another model still in the registry)."""
    held = [e for e in examples if is_feedback(e) and is_held_out(e.text)]
    if not held:
        return None
    from training import registry
    from training.errors import StanceError

    wanted = baseline_id or corrected_model_id(held)
    baseline, note = None, None
    if wanted and wanted != loaded.id:
        try:
            baseline = registry.load_model(models_dir, wanted).classifier
        except StanceError as e:
            if baseline_id:  # asked for by name: say so, as for --model
                raise
            note = f"the corrected model {wanted} cannot be loaded ({e}): no gain to report"
    report = feedback_gain(loaded.classifier, held, baseline=baseline, baseline_id=wanted if baseline else None)
    report["model"] = loaded.id
    if note:
        report["note"] = note
    return report
