"""The held-out file's part of training (train.py): scoring the new model on it, choosing the
`uncertain` thresholds there when no grouped predictions chose them, the active model's
metrics on the same rows for the comparison, and the report beside the saved model.

Separate from train.py so that module keeps to the order of the steps; everything here is
about the one file of rows that training never fits on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training import registry
from training.fit.abstention import choose_thresholds
from training.fit.data import Example, read_examples
from training.fit.evaluate import evaluate
from training.predict.classify import Classifier

__all__ = ["HeldOut", "abstention_at_thresholds", "active_heldout", "file_info", "fmt_score", "write_heldout_report"]


def file_info(paths: list[Path], rows: list[Example]) -> list[dict]:
    """The card's entry for each label file: its path, SHA-256 and how many of `rows` it gave."""
    counts = Counter(e.path for e in rows)
    return [{"path": str(p), "sha256": registry.sha256_file(p), "rows": counts.get(str(p), 0)} for p in paths]


def fmt_score(value) -> str:
    """A score for the log: three decimals, or "-" when there is none."""
    return "-" if value is None else f"{value:.3f}"


@dataclass
class HeldOut:
    """The held-out file's rows, the model's metrics on them, the file's card entry, and the
    abstention summary when the `uncertain` thresholds were chosen on these rows."""

    path: Path
    rows: list[Example]
    metrics: dict
    info: dict
    abstention: dict | None = None

    @classmethod
    def measure(
        cls, clf: Classifier, test_path: Path | None, labels: list[str], *, pick_thresholds: bool, log
    ) -> HeldOut | None:
        if test_path is None:
            return None
        rows, _ = read_examples([test_path], labels=set(labels))
        metrics = evaluate(clf, rows)
        predictions = metrics.pop("predictions")
        metrics.pop("model")
        held = cls(test_path, rows, metrics, file_info([test_path], rows)[0])
        log(f"held-out macro-F1 {metrics['macro_f1']:.4f} on {metrics['n']} rows of {test_path}")
        if pick_thresholds:  # no grouped predictions: choose from the held-out rows
            held._choose_thresholds(clf, predictions, log)
        else:
            log(
                f"held-out coverage {metrics['coverage']:.3f}, kept rows {fmt_score(metrics['kept_accuracy'])} accurate"
            )
        return held

    def _choose_thresholds(self, clf: Classifier, predictions: list[dict], log) -> None:
        probs = np.array([[p["probabilities"][lab] for lab in clf.labels] for p in predictions])
        correct = np.array([p["predicted"] == p["label"] for p in predictions])
        known, words_only = clf.abstention_inputs([e.text for e in self.rows])
        thresholds, abstention = choose_thresholds(probs, correct, known, words_only=words_only)
        abstention["source"] = f"held-out file {self.path}"
        clf.thresholds = thresholds
        self.metrics.update(abstention_at_thresholds(clf, self.rows))
        self.abstention = abstention
        kept = abstention["kept_accuracy"]  # None when every row is flagged (a model that knows no words)
        log(
            f"uncertain below confidence {thresholds.min_confidence} or margin {thresholds.min_margin}: "
            f"{abstention['flagged']} of {abstention['rows']} held-out rows flagged"
            + (f", kept rows {kept:.3f} accurate" if kept is not None else "")
        )


def abstention_at_thresholds(clf: Classifier, rows: list[Example]) -> dict:
    """`coverage`, `kept_accuracy` and `abstention` of `clf` on `rows` at its current thresholds."""
    m = evaluate(clf, rows)
    return {k: m[k] for k in ("coverage", "kept_accuracy", "abstention")}


def write_heldout_report(folder: Path, clf: Classifier, rows: list[Example], card: dict, test_path: Path, log) -> None:
    """report.html beside the artifact. The report is a convenience: a failure here is
    logged and never fails (or undoes) the training that already succeeded."""
    from training.fit.report import write_report

    try:
        write_report(
            folder / "report.html", evaluate(clf, rows), [e.text for e in rows], card=card, data_name=str(test_path)
        )
        log(f"wrote {folder / 'report.html'}")
    except Exception as e:  # noqa: BLE001 - see docstring
        log(f"could not write the held-out report ({type(e).__name__}: {e}); the model is saved")


def active_heldout(models_dir: Path, test_info: dict | None) -> dict | None:
    """The active model's metrics on the same held-out file, re-measured when the card's are
    for another file (so the comparison is on the same rows)."""
    current = registry.active_id(models_dir)
    if current is None or test_info is None:
        return None
    card = registry.read_card(models_dir, current)
    same = (card.get("test_file") or {}).get("sha256") == test_info["sha256"]
    if same and card.get("metrics", {}).get("heldout"):
        return card["metrics"]["heldout"]
    model = registry.load_model(models_dir, current)
    rows, _ = read_examples([test_info["path"]], labels=set(model.classifier.labels))
    return evaluate(model.classifier, rows)
