"""Leave-one-group-out cross-validation: out-of-distribution predictions from our own labels.

Our held-out file was written by the same hands as the training rows, so a model looks
better on it than on text nobody here wrote. Holding out a whole register (or domain) at a
time gives every training row a prediction from a model that never saw its register (or
topic): a shift the project can make from its own labels. `train` uses these predictions
twice: each group's macro-F1 is reported (a large gap to the held-out score means the
model learned the register or topic, not the speech act), and the temperature and the
`uncertain` thresholds are chosen on them, so that they hold under a shift.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from joblib import Parallel, delayed
from threadpoolctl import threadpool_limits

from training.fit.data import Example
from training.fit.evaluate import metrics_from_predictions
from training.model.pipeline import PipelineParams, build_pipeline

__all__ = ["GROUP_FIELDS", "GroupPredictions", "group_report", "leave_one_group_out", "macro_f1_over_present"]

GROUP_FIELDS = ("register", "domain")
NO_GROUP = "(none)"
# Below this many rows, starting worker processes costs more than the fits it spreads.
_PARALLEL_MIN_ROWS = 2000


@dataclass(frozen=True)
class GroupPredictions:
    """For every row that was held out: its group, its gold label's index, the decision
    scores of the model trained without its group, how many of its words that model knew,
    and whether that model's label rests on words alone (Classifier.abstention_inputs)."""

    by: str
    labels: list[str]
    rows: np.ndarray  # indices into the examples
    groups: np.ndarray
    gold: np.ndarray
    scores: np.ndarray
    known_words: np.ndarray
    words_only: np.ndarray
    skipped: dict  # group -> why it was not held out

    @property
    def predicted(self) -> np.ndarray:
        return self.scores.argmax(axis=1)


def _group_of(e: Example, by: str) -> str:
    return getattr(e, by) or NO_GROUP


def _fit_and_score(params: PipelineParams, train_texts: list[str], train_labels: np.ndarray, test_texts: list[str]):
    """(labels, decision scores before any temperature, known-word counts, words-only flags) of
    the held-out texts."""
    from training.predict.classify import Classifier  # imported here: it pulls the compiled kernels into each worker

    # One BLAS/OpenMP thread per fit: on 2 cores two threads per fit only fight each other.
    with threadpool_limits(1):
        model = build_pipeline(params).fit(train_texts, train_labels)
        clf = Classifier(model)
        scores = np.asarray(model.decision_function(test_texts))
        return clf.labels, scores, *clf.abstention_inputs(test_texts)


def leave_one_group_out(
    examples: list[Example], params: PipelineParams, by: str, *, n_jobs: int | None = None, log=lambda msg: None
) -> GroupPredictions | None:
    """Fit one model per group of `by` (register or domain) on every other group and score the
    group with it. None when the rows fall into fewer than two groups. A group is not held out
    when the other groups lack one of its labels (the model could not predict it)."""
    if by not in GROUP_FIELDS:
        raise ValueError(
            f"The 'by' parameter of leave_one_group_out must be one of {GROUP_FIELDS}. Got {by!r} instead."
        )
    groups = np.array([_group_of(e, by) for e in examples], dtype=object)
    names = sorted(set(groups))
    if len(names) < 2:
        log(f"the training rows fall into fewer than two {by} groups: leave-one-{by}-out skipped")
        return None
    labels = sorted({e.label for e in examples})
    texts = np.array([e.text for e in examples], dtype=object)
    gold = np.array([e.label for e in examples])
    # Temperature never changes a predicted label: fold models skip calibrating.
    fold_params = replace(params, calibration_folds=0)
    jobs, skipped = [], {}
    for name in names:
        out = groups != name
        missing = sorted(set(labels) - set(gold[out]))
        if missing:
            skipped[name] = f"the other groups have no {', '.join(missing)} rows"
            continue
        jobs.append((name, np.flatnonzero(out), np.flatnonzero(~out)))
    if not jobs:
        return None
    n_jobs = n_jobs or (min(2, os.cpu_count() or 1) if len(examples) >= _PARALLEL_MIN_ROWS else 1)
    log(f"leave-one-{by}-out: {len(jobs)} models on {n_jobs} process(es)")
    results = Parallel(n_jobs=n_jobs)(
        delayed(_fit_and_score)(fold_params, list(texts[tr]), gold[tr], list(texts[te])) for _, tr, te in jobs
    )
    rows, scores, known, words_only = [], [], [], []
    for (_, _, te), (fold_labels, s, k, w) in zip(jobs, results, strict=True):
        assert list(fold_labels) == labels  # every label is in every fold's training rows (checked above)
        rows.append(te)
        scores.append(s)
        known.append(k)
        words_only.append(w)
    order = np.concatenate(rows)
    return GroupPredictions(
        by=by,
        labels=labels,
        rows=order,
        groups=groups[order],
        gold=np.searchsorted(labels, gold[order]),
        scores=np.vstack(scores),
        known_words=np.concatenate(known),
        words_only=np.concatenate(words_only),
        skipped=skipped,
    )


def macro_f1_over_present(gold: list[str], predicted: list[str], labels: list[str]) -> tuple[float, dict, float]:
    """(macro-F1, per-label F1, accuracy) over the labels the gold rows carry: a register
    without insinuation must not count an F1 of 0 for it."""
    m = metrics_from_predictions(gold, predicted, labels)
    f1 = {lab: v["f1"] for lab, v in m["per_label"].items() if v["support"]}
    return (float(np.mean(list(f1.values()))) if f1 else 0.0), f1, m["accuracy"]


def group_report(pred: GroupPredictions) -> dict:
    """Each held-out group's rows, macro-F1 (over the labels its rows carry), accuracy and
    per-label F1; the pooled figures over all held-out rows; and the weakest group."""
    labels = pred.labels
    gold = [labels[i] for i in pred.gold]
    predicted = [labels[i] for i in pred.predicted]
    out: dict = {}
    for name in sorted(set(pred.groups)):
        idx = np.flatnonzero(pred.groups == name)
        g, p = [gold[i] for i in idx], [predicted[i] for i in idx]
        macro, f1, accuracy = macro_f1_over_present(g, p, labels)
        out[name] = {
            "rows": len(idx),
            "macro_f1": macro,
            "accuracy": accuracy,
            "labels": dict(sorted(Counter(g).items())),
            "f1": f1,
        }
    pooled = metrics_from_predictions(gold, predicted, labels)
    f1s = [v["macro_f1"] for v in out.values()]
    return {
        "by": pred.by,
        "groups": out,
        "skipped": pred.skipped,
        "pooled_macro_f1": pooled["macro_f1"],
        "pooled_accuracy": pooled["accuracy"],
        "macro_f1_median": float(np.median(f1s)) if f1s else None,
        "macro_f1_min": min(f1s) if f1s else None,
        "weakest": min(out, key=lambda k: out[k]["macro_f1"]) if out else None,
    }
