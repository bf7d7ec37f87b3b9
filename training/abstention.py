"""Choosing when a prediction is flagged `uncertain`, from the held-out file.

A sentence is uncertain when its confidence is below `min_confidence`, the margin between
its top two labels is below `min_margin`, or it has fewer than `min_known_words` words the
model knows. The first two thresholds are chosen on held-out rows: the pair that flags the
fewest rows while the rows it keeps reach `target_accuracy`.
"""

from __future__ import annotations

import numpy as np

from .classify import Thresholds

__all__ = ["TARGET_ACCURACY", "choose_thresholds"]

TARGET_ACCURACY = 0.95
_CONFIDENCE_GRID = np.round(np.arange(0.34, 0.951, 0.01), 2)
_MARGIN_GRID = np.round(np.arange(0.0, 0.501, 0.02), 2)


def choose_thresholds(probabilities: np.ndarray, correct: np.ndarray, known_words: np.ndarray, *,
                      target_accuracy: float = TARGET_ACCURACY, min_known_words: int = 2) -> tuple[Thresholds, dict]:
    """The thresholds, and a summary of what they do on these rows (coverage, accuracies)."""
    p = np.sort(np.asarray(probabilities, dtype=float), axis=1)[:, ::-1]
    conf = p[:, 0]
    margin = p[:, 0] - (p[:, 1] if p.shape[1] > 1 else 0.0)
    correct = np.asarray(correct, dtype=bool)
    known_ok = np.asarray(known_words) >= min_known_words
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
        chosen, kept = Thresholds(0.0, 0.0, min_known_words), known_ok
    else:
        _, t, m, kept = best
        chosen = Thresholds(t, m, min_known_words)
    summary = {
        "target_accuracy": target_accuracy, "rows": int(len(correct)),
        "flagged": int((~kept).sum()), "coverage": float(kept.mean()) if len(kept) else 0.0,
        "kept_accuracy": float(correct[kept].mean()) if kept.any() else None,
        "flagged_accuracy": float(correct[~kept].mean()) if (~kept).any() else None,
    }
    return chosen, summary
