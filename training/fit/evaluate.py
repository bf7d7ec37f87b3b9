"""Metrics for a model on labelled rows, each row scored as one unit (no splitting)."""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from training.fit.abstention import abstention_summary, accuracy_at_coverage
from training.fit.data import Example
from training.predict.classify import Classifier

__all__ = ["evaluate", "metrics_from_predictions", "calibration"]


def calibration(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> dict:
    """Expected calibration error of the top label, and the reliability table behind it."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    table, ece, n = [], 0.0, len(confidence)
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (confidence > lo) & (confidence <= hi) if lo > 0 else (confidence >= lo) & (confidence <= hi)
        count = int(mask.sum())
        if count:
            acc, conf = float(correct[mask].mean()), float(confidence[mask].mean())
            ece += count / n * abs(acc - conf)
        else:
            acc = conf = None
        table.append(
            {"bin": [round(float(lo), 2), round(float(hi), 2)], "count": count, "accuracy": acc, "confidence": conf}
        )
    return {"ece": float(ece) if n else None, "reliability": table}


def metrics_from_predictions(
    gold: list[str], predicted: list[str], labels: list[str], probabilities: np.ndarray | None = None
) -> dict:
    """Accuracy, macro-F1, per-label precision/recall/F1/support and the confusion matrix."""
    n = len(gold)
    p, r, f, s = precision_recall_fscore_support(gold, predicted, labels=labels, zero_division=0)
    out = {
        "n": n,
        "accuracy": float(np.mean([g == q for g, q in zip(gold, predicted, strict=True)])) if n else 0.0,
        "macro_f1": float(np.mean(f)) if n else 0.0,
        "per_label": {
            lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(labels)
        },
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(gold, predicted, labels=labels).tolist() if n else [],
        },
    }
    if probabilities is not None and n:
        conf = probabilities.max(axis=1)
        out.update(calibration(conf, np.array([g == q for g, q in zip(gold, predicted, strict=True)])))
    return out


def evaluate(classifier: Classifier, examples: list[Example]) -> dict:
    """Score every example; rows whose label the model does not know are reported apart.

    Besides the metrics: `coverage` (the share of rows not flagged `uncertain`) and
    `kept_accuracy` (the accuracy on those rows), with the details under `abstention`, and
    per row its `confidence`, `uncertain` and `uncertain_reasons`."""
    labels = classifier.labels
    texts = [e.text for e in examples]
    known = [e for e in examples if e.label in labels]
    unknown = Counter(e.label for e in examples if e.label not in labels)
    # The same verdicts (label, confidence, uncertain reasons) as `classify` gives a sentence.
    verdicts = classifier.verdicts(texts)
    probs = np.array([v[2] for v in verdicts]) if verdicts else np.zeros((0, len(labels)))
    predicted = [v[0] for v in verdicts]
    keep = [i for i, e in enumerate(examples) if e.label in labels]
    result = metrics_from_predictions(
        [known_e.label for known_e in known], [predicted[i] for i in keep], labels, probs[keep] if keep else None
    )
    result.update(_abstention(classifier, [verdicts[i] for i in keep], [e.label for e in known]))
    result["unknown_labels"] = dict(unknown)
    result["model"] = classifier.model_info()
    result["predictions"] = [
        {
            **({"id": e.id} if e.id is not None else {}),
            "label": e.label,
            "predicted": label,
            "confidence": confidence,
            "uncertain": bool(reasons),
            "uncertain_reasons": list(reasons),
            "probabilities": {lab: float(v) for lab, v in zip(labels, p, strict=True)},
        }
        for e, (label, confidence, p, _, reasons) in zip(examples, verdicts, strict=True)
    ]
    return result


def _abstention(classifier: Classifier, verdicts: list[tuple], gold: list[str]) -> dict:
    """`coverage` and `kept_accuracy` at the model's thresholds, and under `abstention` the
    thresholds, the flagged rows by reason and the accuracy at fixed coverages."""
    uncertain = np.array([bool(v[4]) for v in verdicts], dtype=bool)
    correct = np.array([v[0] == g for v, g in zip(verdicts, gold, strict=True)], dtype=bool)
    summary = abstention_summary(uncertain, correct)
    reasons = Counter(r for v in verdicts for r in v[4])
    return {
        "coverage": summary["coverage"] if verdicts else None,
        "kept_accuracy": summary["kept_accuracy"],
        "abstention": {
            "thresholds": dict(classifier.thresholds.__dict__),
            "rows": summary["rows"],
            "flagged": summary["flagged"],
            "flagged_accuracy": summary["flagged_accuracy"],
            "flagged_by_reason": dict(sorted(reasons.items())),
            "accuracy_at_coverage": accuracy_at_coverage(np.array([v[1] for v in verdicts]), correct),
        },
    }
