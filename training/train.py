"""Training: fit the pipeline on label files, cross-validate, evaluate on the held-out
file, save the model folder with its card, and activate it only if it is not worse."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold

from . import artifacts
from .abstention import choose_thresholds
from .classify import Classifier, Thresholds
from .data import Example, expand_paths, read_examples
from .errors import DataError
from .evaluate import evaluate, metrics_from_predictions
from .pipeline import PipelineParams, build_pipeline

__all__ = ["DEFAULT_TEST", "DEFAULT_TRAIN", "train", "compare_to_active", "cross_validate"]

DEFAULT_TRAIN = Path("labels/train")
DEFAULT_TEST = Path("labels/test.jsonl")
MAX_F1_DROP = 0.01
MAX_RECALL_DROP = 0.03


def cross_validate(examples: list[Example], params: PipelineParams, folds: int = 5, seed: int = 0) -> dict:
    """Stratified k-fold macro-F1 (mean and standard deviation over folds)."""
    y = np.array([e.label for e in examples])
    texts = np.array([e.text for e in examples], dtype=object)
    min_count = min(Counter(y).values())
    folds = min(folds, min_count)
    if folds < 2:
        return {"folds": 0, "macro_f1_mean": None, "macro_f1_std": None}
    scores = []
    # Temperature never changes a predicted label, so fold models skip calibrating.
    base = build_pipeline(replace(params, calibration_folds=0))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, y):
        model = clone(base).fit(list(texts[tr]), y[tr])
        pred = model.predict(list(texts[te]))
        scores.append(metrics_from_predictions(list(y[te]), list(pred), sorted(set(y)))["macro_f1"])
    return {"folds": folds, "macro_f1_mean": float(np.mean(scores)), "macro_f1_std": float(np.std(scores)),
            "per_fold": [float(s) for s in scores]}


def _file_info(paths: list[Path], rows: list[Example]) -> list[dict]:
    counts = Counter(e.path for e in rows)
    return [{"path": str(p), "sha256": artifacts.sha256_file(p), "rows": counts.get(str(p), 0)} for p in paths]


def _new_id(data_hash: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return f"stance-{stamp}-{data_hash[:6]}"


def compare_to_active(new: dict, old: dict | None) -> tuple[bool, str]:
    """Whether held-out metrics `new` are not worse than `old` (see README, "Safe retraining")."""
    if old is None:
        return True, "no active model to compare with"
    drop = old["macro_f1"] - new["macro_f1"]
    if drop > MAX_F1_DROP:
        return False, (f"held-out macro-F1 {new['macro_f1']:.4f} is {drop:.4f} below the active model's "
                       f"{old['macro_f1']:.4f} (allowed drop {MAX_F1_DROP})")
    for lab, m in old.get("per_label", {}).items():
        if lab in new.get("per_label", {}):
            rdrop = m["recall"] - new["per_label"][lab]["recall"]
            if rdrop > MAX_RECALL_DROP:
                return False, (f"recall of '{lab}' {new['per_label'][lab]['recall']:.4f} is {rdrop:.4f} below the "
                               f"active model's {m['recall']:.4f} (allowed drop {MAX_RECALL_DROP})")
    return True, "not worse than the active model on the held-out file"


def train(data: list[str | Path] | None = None, test: str | Path | None = DEFAULT_TEST, *,
          models_dir: str | Path | None = None, params: PipelineParams | None = None, cv_folds: int = 5,
          activate: bool = True, force: bool = False, thresholds: Thresholds | None = None,
          log=lambda msg: None) -> dict:
    """Train, evaluate, save and (if not worse, or `force`) activate a model. Returns the card
    plus `activated` and `decision`."""
    models_dir = Path(models_dir or artifacts.default_models_dir())
    params = params or PipelineParams()
    data_paths = expand_paths(data or [DEFAULT_TRAIN])
    test_path = Path(test) if test else None
    if test_path is not None and test_path.resolve() in {p.resolve() for p in data_paths}:
        raise DataError("expected the held-out test file to be apart from the training files, found it among them",
                        path=str(test_path))
    examples, _ = read_examples(data_paths)
    labels = sorted({e.label for e in examples})
    if len(labels) < 2:
        raise DataError(f"expected at least two labels in the training data, found {labels}")
    t0 = time.perf_counter()
    log(f"training on {len(examples)} rows from {len(data_paths)} file(s), labels {labels}")
    cv = cross_validate(examples, params, cv_folds) if cv_folds else {"folds": 0}
    if cv.get("macro_f1_mean") is not None:
        log(f"{cv['folds']}-fold cross-validation macro-F1 {cv['macro_f1_mean']:.4f} ± {cv['macro_f1_std']:.4f}")
    pipeline = build_pipeline(params).fit([e.text for e in examples], [e.label for e in examples])
    clf = Classifier(pipeline, thresholds=thresholds)
    heldout = None
    test_info = None
    abstention = None
    if test_path is not None:
        test_rows, _ = read_examples([test_path], labels=set(labels))
        heldout = evaluate(clf, test_rows)
        predictions = heldout.pop("predictions")
        heldout.pop("model")
        test_info = _file_info([test_path], test_rows)[0]
        log(f"held-out macro-F1 {heldout['macro_f1']:.4f} on {heldout['n']} rows of {test_path}")
        if thresholds is None:  # choose when to say "uncertain" from the same held-out rows
            probs = np.array([[p["probabilities"][lab] for lab in clf.labels] for p in predictions])
            correct = np.array([p["predicted"] == p["label"] for p in predictions])
            thresholds, abstention = choose_thresholds(probs, correct, clf.known_word_counts([e.text for e in test_rows]))
            clf.thresholds = thresholds
            log(f"uncertain below confidence {thresholds.min_confidence} or margin {thresholds.min_margin}: "
                f"{abstention['flagged']} of {abstention['rows']} held-out rows flagged, kept rows "
                f"{abstention['kept_accuracy']:.3f} accurate")
    data_files = _file_info(data_paths, examples)
    data_hash = hashlib.sha256("".join(f["sha256"] for f in data_files).encode()).hexdigest()
    card = {
        "id": _new_id(data_hash),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": artifacts.library_versions()["stancewatch"],
        "labels": labels,
        "label_counts": dict(sorted(Counter(e.label for e in examples).items())),
        "rows": len(examples),
        "data_files": data_files,
        "test_file": test_info,
        "params": params.to_dict(),
        "thresholds": (thresholds or Thresholds()).__dict__,
        "abstention": abstention,
        "versions": artifacts.library_versions(),
        "metrics": {"cv": cv, "heldout": heldout},
        "train_seconds": round(time.perf_counter() - t0, 3),
    }
    # Decide before writing anything: if comparing fails (the active model cannot be
    # re-measured, say), the registry stays as it was.
    ok, why = True, "activation not requested"
    if activate:
        old = _active_heldout(models_dir, test_info)
        ok, why = compare_to_active(heldout, old) if heldout is not None else (True, "no held-out file to compare on")
    folder = artifacts.save_model(pipeline, card, models_dir)
    card = artifacts.read_card(models_dir, card["id"])
    log(f"wrote {folder}")
    if test_path is not None:
        _write_heldout_report(folder, clf, test_rows, card, test_path, log)
    if activate and (ok or force):
        artifacts.activate(models_dir, card["id"])
        why = why if ok else f"forced despite: {why}"
    return {**card, "activated": bool(activate and (ok or force)), "decision": why, "folder": str(folder)}


def _write_heldout_report(folder: Path, clf: Classifier, rows: list[Example], card: dict, test_path: Path, log) -> None:
    """report.html beside the artifact. The report is a convenience: a failure here is
    logged and never fails (or undoes) the training that already succeeded."""
    from .report import write_report

    try:
        write_report(folder / "report.html", evaluate(clf, rows), [e.text for e in rows], card=card,
                     data_name=str(test_path))
        log(f"wrote {folder / 'report.html'}")
    except Exception as e:  # noqa: BLE001 - see docstring
        log(f"could not write the held-out report ({type(e).__name__}: {e}); the model is saved")


def _active_heldout(models_dir: Path, test_info: dict | None) -> dict | None:
    """The active model's metrics on the same held-out file, re-measured when the card's are
    for another file (so the comparison is on the same rows)."""
    current = artifacts.active_id(models_dir)
    if current is None or test_info is None:
        return None
    card = artifacts.read_card(models_dir, current)
    same = (card.get("test_file") or {}).get("sha256") == test_info["sha256"]
    if same and card.get("metrics", {}).get("heldout"):
        return card["metrics"]["heldout"]
    model = artifacts.load_model(models_dir, current)
    rows, _ = read_examples([test_info["path"]], labels=set(model.classifier.labels))
    return evaluate(model.classifier, rows)
