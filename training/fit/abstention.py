"""Choosing when a prediction is flagged `uncertain`, and reading what the flag does.

A sentence is uncertain when its confidence is below `min_confidence`, the margin between
its top two labels is below `min_margin`, it has fewer than `min_known_words` words the
model knows, or it is a denial or an insinuation that no cue or speech act favours
(`words_only`: its label rests on words alone). The first two thresholds are the pair that
flags the fewest rows while the rows it keeps reach `target_accuracy`, the other two rules
flagging their rows whatever the thresholds.

`train` chooses them on out-of-distribution predictions (leave-one-register-out, see
groupcv.py) aiming at `OOD_TARGET_ACCURACY`: thresholds chosen on the held-out file, which
the same hands wrote, kept rows only 62-75% right on real text. Where no grouped
predictions exist it falls back to the held-out rows and `TARGET_ACCURACY`.
"""

from __future__ import annotations

import numpy as np

from training.predict.classify import Thresholds

__all__ = ["OOD_TARGET_ACCURACY", "TARGET_ACCURACY", "abstention_summary", "accuracy_at_coverage", "choose_thresholds"]

TARGET_ACCURACY = 0.95
# Out of distribution the trade is steeper; real text shifts further still, so aim above the
# 85% the kept rows must reach there.
OOD_TARGET_ACCURACY = 0.90
COVERAGES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
_CONFIDENCE_GRID = np.round(np.arange(0.34, 0.951, 0.01), 2)
_MARGIN_GRID = np.round(np.arange(0.0, 0.501, 0.02), 2)


def choose_thresholds(
    probabilities: np.ndarray,
    correct: np.ndarray,
    known_words: np.ndarray,
    *,
    target_accuracy: float = TARGET_ACCURACY,
    min_known_words: int = 2,
    words_only: np.ndarray | None = None,
) -> tuple[Thresholds, dict]:
    """The thresholds, and a summary of what they do on these rows (coverage, accuracies).
    `words_only`: the rows that rule flags (Classifier.abstention_inputs); None: the rule is off."""
    p = np.sort(np.asarray(probabilities, dtype=float), axis=1)[:, ::-1]
    conf = p[:, 0]
    margin = p[:, 0] - (p[:, 1] if p.shape[1] > 1 else 0.0)
    correct = np.asarray(correct, dtype=bool)
    known_ok = np.asarray(known_words) >= min_known_words
    if words_only is not None:
        known_ok &= ~np.asarray(words_only, dtype=bool)
    best = None
    for t in _CONFIDENCE_GRID:
        for m in _MARGIN_GRID:
            kept = (conf >= t) & (margin >= m) & known_ok
            if not kept.any():
                continue
            acc = correct[kept].mean()
            key = (acc >= target_accuracy, kept.mean() if acc >= target_accuracy else acc)
            if best is None or key > best[0]:
                best = (key, float(t), float(m), kept)
    if best is None:  # nothing can be kept: flag by known words alone
        chosen, kept = Thresholds(0.0, 0.0, min_known_words, words_only is not None), known_ok
    else:
        _, t, m, kept = best
        chosen = Thresholds(t, m, min_known_words, words_only is not None)
    return chosen, {"target_accuracy": target_accuracy, **abstention_summary(~kept, correct)}


def abstention_summary(uncertain: np.ndarray, correct: np.ndarray) -> dict:
    """Rows, rows flagged, coverage (the share not flagged) and the accuracy of the kept and
    of the flagged rows."""
    uncertain, correct = np.asarray(uncertain, dtype=bool), np.asarray(correct, dtype=bool)
    kept = ~uncertain
    return {
        "rows": int(len(correct)),
        "flagged": int(uncertain.sum()),
        "coverage": float(kept.mean()) if len(kept) else 0.0,
        "kept_accuracy": float(correct[kept].mean()) if kept.any() else None,
        "flagged_accuracy": float(correct[uncertain].mean()) if uncertain.any() else None,
    }


def accuracy_at_coverage(confidence: np.ndarray, correct: np.ndarray, coverages=COVERAGES) -> list[dict]:
    """The accuracy of the most confident share of rows, for each share in `coverages`: the
    best any confidence threshold could do at that coverage. When the kept rows fall short of
    a target, this tells whether the thresholds or the model's ranking are to blame."""
    order = np.argsort(-np.asarray(confidence, dtype=float), kind="stable")
    ranked = np.asarray(correct, dtype=bool)[order]
    out = []
    for c in coverages:
        n = max(1, int(round(c * len(ranked)))) if len(ranked) else 0
        out.append({"coverage": float(c), "accuracy": float(ranked[:n].mean()) if n else None})
    return out
