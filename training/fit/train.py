"""Training: fit the pipeline on label files, cross-validate (k-fold, and leave one register
or domain out), calibrate on the out-of-group predictions, evaluate on the held-out file,
save the model folder with its card, and activate it only if it is not worse."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.special import softmax
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from training import registry
from training.errors import DataError, InputError
from training.feedback.gain import fit_params, gain_over_active, split_feedback
from training.feedback.weight import AUTO, FeedbackFit, choose_feedback_weight
from training.fit.abstention import OOD_TARGET_ACCURACY, choose_thresholds
from training.fit.data import Example, expand_paths, read_examples
from training.fit.evaluate import metrics_from_predictions
from training.fit.groupcv import GROUP_FIELDS, GroupPredictions, group_report, leave_one_group_out
from training.fit.heldout import HeldOut, active_heldout, file_info, fmt_score, write_heldout_report
from training.model.calibration import fit_temperature
from training.model.pipeline import PipelineParams, build_pipeline
from training.predict.classify import Classifier, Thresholds
from training.text.language import model_languages

__all__ = [
    "DEFAULT_CV_BY",
    "DEFAULT_TEST",
    "DEFAULT_TRAIN",
    "compare_to_active",
    "cross_validate",
    "ensure_default_model",
    "train",
]

DEFAULT_TRAIN = Path("labels/train")
DEFAULT_TEST = Path("labels/test.jsonl")
MAX_F1_DROP = 0.01
MAX_RECALL_DROP = 0.03
# Leave one register out by default: a change of register (social post, wire report,
# encyclopedia) is the larger shift real text brings; domains are held out on request.
DEFAULT_CV_BY = "register"


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
    return {
        "folds": folds,
        "macro_f1_mean": float(np.mean(scores)),
        "macro_f1_std": float(np.std(scores)),
        "per_fold": [float(s) for s in scores],
    }


def _new_id(data_hash: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return f"stance-{stamp}-{data_hash[:6]}"


def compare_to_active(new: dict, old: dict | None) -> tuple[bool, str]:
    """Whether held-out metrics `new` are not worse than `old` (see README, "Safe retraining")."""
    if old is None:
        return True, "no active model to compare with"
    drop = old["macro_f1"] - new["macro_f1"]
    if drop > MAX_F1_DROP:
        return False, (
            f"held-out macro-F1 {new['macro_f1']:.4f} is {drop:.4f} below the active model's "
            f"{old['macro_f1']:.4f} (allowed drop {MAX_F1_DROP})"
        )
    for lab, m in old.get("per_label", {}).items():
        if lab in new.get("per_label", {}):
            rdrop = m["recall"] - new["per_label"][lab]["recall"]
            if rdrop > MAX_RECALL_DROP:
                return False, (
                    f"recall of '{lab}' {new['per_label'][lab]['recall']:.4f} is {rdrop:.4f} below the "
                    f"active model's {m['recall']:.4f} (allowed drop {MAX_RECALL_DROP})"
                )
    return True, "not worse than the active model on the held-out file"


def train(
    data: list[str | Path] | None = None,
    test: str | Path | None = DEFAULT_TEST,
    *,
    models_dir: str | Path | None = None,
    params: PipelineParams | None = None,
    cv_folds: int = 5,
    cv_by: str | None = "auto",
    activate: bool = True,
    force: bool = False,
    thresholds: Thresholds | None = None,
    feedback_hold_out: bool = True,
    feedback_weight: float | str = AUTO,
    log=lambda msg: None,
) -> dict:
    """Train, evaluate, save and (if not worse, or `force`) activate a model. Returns the card
    plus `activated` and `decision`.

    Rows with `source: feedback` (analysts' corrections) count `feedback_weight` times, and
    a stable fifth of them is held out and scored against the active model: the card's
    `metrics.feedback` (feedback/gain.py; `feedback_hold_out=False` trains on them all).
    "auto" chooses the weight on that fifth, and whether the corrections learn weights of
    their own (feedback/weight.py, model/adapt.py).

    `cv_by` ("register", "domain" or None) holds out one group at a time; the predictions so
    made report each group's macro-F1 and choose the temperature and the `uncertain`
    thresholds (see groupcv.py). "auto" means DEFAULT_CV_BY, or None when `cv_folds` is 0:
    the quick fit that tests use. Without grouped predictions the
    temperature comes from k-fold predictions and the thresholds from the held-out file."""
    models_dir = Path(models_dir or registry.default_models_dir())
    params = params or PipelineParams()
    cv_by = _resolve_cv_by(cv_by, cv_folds)
    data_paths, test_path = _input_paths(data, test)
    examples, feedback_held = split_feedback(read_examples(data_paths)[0], hold_out=feedback_hold_out)
    labels = sorted({e.label for e in examples})
    languages = model_languages(examples)  # the rows' `lang`, English by default: what the model labels
    if len(labels) < 2:
        raise DataError(f"expected at least two labels in the training data, found {labels}")
    t0 = time.perf_counter()
    log(f"training on {len(examples)} rows from {len(data_paths)} file(s), labels {labels}")
    fit, fit_choice = choose_feedback_weight(examples, feedback_held, params, feedback_weight, log=log)
    cv, ood, group_cv = _validate(examples, params, cv_folds, cv_by, log)
    if ood is not None:  # the temperature comes from the grouped predictions, not from k folds
        params = replace(params, calibration_folds=0)
    pipeline = _fit_pipeline(examples, params, fit)
    calibration = _calibrate(pipeline, ood, log)
    clf = Classifier(pipeline, thresholds=thresholds, languages=languages)
    thresholds, abstention, held = _thresholds_and_held_out(clf, ood, test_path, labels, thresholds, log)
    feedback = gain_over_active(clf, feedback_held, models_dir, trained=examples, fit=fit, choice=fit_choice, log=log)
    metrics = {"cv": cv, "group_cv": group_cv, "heldout": held.metrics if held else None, "feedback": feedback}
    measured = {
        "calibration": calibration,
        "thresholds": (thresholds or Thresholds()).__dict__,
        "abstention": abstention,
        "metrics": metrics,
        "train_seconds": round(time.perf_counter() - t0, 3),
    }
    card = _card(examples, data_paths, params, languages, held, measured)
    return _save_and_activate(pipeline, card, models_dir, clf, held, activate=activate, force=force, log=log)


def _fit_pipeline(examples: list[Example], params: PipelineParams, feedback: FeedbackFit):
    """The pipeline fitted on every training row, corrections counting `feedback.weight` times
    (and with the user's adapter when `feedback.user_scale` > 0)."""
    pipeline = build_pipeline(params).set_params(clf__user_scale=feedback.user_scale)
    with threadpool_limits(1):  # on 2 cores a second BLAS thread halves the fitting speed
        return pipeline.fit(
            [e.text for e in examples], [e.label for e in examples], **fit_params(examples, feedback.weight)
        )


def _thresholds_and_held_out(
    clf: Classifier,
    ood: GroupPredictions | None,
    test_path: Path | None,
    labels: list[str],
    thresholds: Thresholds | None,
    log,
) -> tuple[Thresholds | None, dict | None, HeldOut | None]:
    """The `uncertain` thresholds (given, else from the out-of-group predictions, else from the
    held-out rows), their abstention summary, and the held-out measurement. Sets them on `clf`."""
    abstention = None
    if thresholds is None and ood is not None:
        thresholds, abstention = _thresholds_out_of_group(ood, clf.temperature, log)
        clf.thresholds = thresholds
    held = HeldOut.measure(clf, test_path, labels, pick_thresholds=thresholds is None, log=log)
    if held is not None and held.abstention is not None:
        thresholds, abstention = clf.thresholds, held.abstention
    return thresholds, abstention, held


def _resolve_cv_by(cv_by: str | None, cv_folds: int) -> str | None:
    cv_by = (DEFAULT_CV_BY if cv_folds else None) if cv_by == "auto" else cv_by
    if cv_by is not None and cv_by not in GROUP_FIELDS:
        raise InputError(f"expected cv_by to be one of {', '.join(GROUP_FIELDS)} or None, found {cv_by!r}")
    return cv_by


def _input_paths(data: list[str | Path] | None, test: str | Path | None) -> tuple[list[Path], Path | None]:
    """The training files (DEFAULT_TRAIN when none are given) and the held-out file, kept apart."""
    data_paths = expand_paths(data or [DEFAULT_TRAIN])
    test_path = Path(test) if test else None
    if test_path is not None and test_path.resolve() in {p.resolve() for p in data_paths}:
        raise DataError(
            "expected the held-out test file to be apart from the training files, found it among them",
            path=str(test_path),
        )
    return data_paths, test_path


def _validate(
    examples: list[Example], params: PipelineParams, cv_folds: int, cv_by: str | None, log
) -> tuple[dict, GroupPredictions | None, dict | None]:
    """k-fold cross-validation, and the leave-one-group-out predictions and their report when
    `cv_by` names a group."""
    with threadpool_limits(1):  # on 2 cores a second BLAS thread halves the fitting speed
        cv = cross_validate(examples, params, cv_folds) if cv_folds else {"folds": 0}
    if cv.get("macro_f1_mean") is not None:
        log(f"{cv['folds']}-fold cross-validation macro-F1 {cv['macro_f1_mean']:.4f} ± {cv['macro_f1_std']:.4f}")
    ood = leave_one_group_out(examples, params, cv_by, log=log) if cv_by else None
    group_cv = group_report(ood) if ood is not None else None
    if group_cv:
        _log_groups(group_cv, log)
    return cv, ood, group_cv


def _card(
    examples: list[Example],
    data_paths: list[Path],
    params: PipelineParams,
    languages: list[str],
    held: HeldOut | None,
    measured: dict,
) -> dict:
    """The model card: the data, the parameters, and what was `measured` (calibration,
    thresholds, abstention, metrics, train_seconds)."""
    data_files = file_info(data_paths, examples)
    data_hash = hashlib.sha256("".join(f["sha256"] for f in data_files).encode()).hexdigest()
    labels = sorted({e.label for e in examples})
    return {
        "id": _new_id(data_hash),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "version": registry.library_versions()["stancewatch"],
        "labels": labels,
        "languages": languages,
        "label_counts": dict(sorted(Counter(e.label for e in examples).items())),
        "rows": len(examples),
        "data_files": data_files,
        "test_file": held.info if held else None,
        "params": params.to_dict(),
        "calibration": measured["calibration"],
        "thresholds": measured["thresholds"],
        "abstention": measured["abstention"],
        "versions": registry.library_versions(),
        "metrics": measured["metrics"],
        "train_seconds": measured["train_seconds"],
    }


def _save_and_activate(
    pipeline, card: dict, models_dir: Path, clf: Classifier, held: HeldOut | None, *, activate: bool, force: bool, log
) -> dict:
    # Decide before writing anything: if comparing fails (the active model cannot be
    # re-measured, say), the registry stays as it was.
    ok, why = True, "activation not requested"
    if activate:
        old = active_heldout(models_dir, held.info if held else None)
        ok, why = compare_to_active(held.metrics, old) if held is not None else (True, "no held-out file to compare on")
    folder = registry.save_model(pipeline, card, models_dir)
    card = registry.read_card(models_dir, card["id"])
    log(f"wrote {folder}")
    if held is not None:
        write_heldout_report(folder, clf, held.rows, card, held.path, log)
    if activate and (ok or force):
        registry.activate(models_dir, card["id"])
        why = why if ok else f"forced despite: {why}"
    return {**card, "activated": bool(activate and (ok or force)), "decision": why, "folder": str(folder)}


def ensure_default_model(models_dir: Path, *, log=lambda msg: None) -> None:
    """Train the default model from labels/ when the models folder has no model at all. Models
    without a pointer (a deleted active.json) are refused: a new default model would quietly
    replace the one served, with an empty history."""
    if registry.active_id(models_dir) is not None:
        return
    models = registry.list_models(models_dir)
    if models:
        count = f"{len(models)} model{'s' if len(models) > 1 else ''}"
        raise InputError(
            f"expected {models_dir / 'active.json'} naming the model to serve, found no active.json "
            f"beside {count}; activate one with 'stance models activate {models[-1]['id']}' (the "
            "newest) or another ID from 'stance models list'"
        )
    if not DEFAULT_TRAIN.exists():
        raise InputError(
            f"expected a trained model in {models_dir} or labels in {DEFAULT_TRAIN} to train one, found neither"
        )
    log(
        f"no model in {models_dir} yet: training the default model from {DEFAULT_TRAIN} first (about four minutes on 2 cores)"
    )
    # No k folds (they only report), but the grouped predictions that choose the temperature
    # and the `uncertain` thresholds, so the model served is the one `stance train` makes.
    test = DEFAULT_TEST if DEFAULT_TEST.exists() else None
    result = train([DEFAULT_TRAIN], test, models_dir=models_dir, cv_folds=0, cv_by=DEFAULT_CV_BY, log=log)
    log(f"trained and activated {result['id']}")


def _log_groups(report: dict, log) -> None:
    by = report["by"]
    for name, g in report["groups"].items():
        log(
            f"  leave-one-{by}-out {name:<24} macro-F1 {g['macro_f1']:.4f}  accuracy {g['accuracy']:.4f}  rows {g['rows']}"
        )
    for name, why in report["skipped"].items():
        log(f"  leave-one-{by}-out {name}: not held out ({why})")
    log(
        f"leave-one-{by}-out macro-F1: median {fmt_score(report['macro_f1_median'])}, lowest "
        f"{fmt_score(report['macro_f1_min'])} ({report['weakest']}); pooled {report['pooled_macro_f1']:.4f}"
    )


def _calibrate(pipeline, ood: GroupPredictions | None, log) -> dict:
    """Set the temperature from the out-of-group predictions (one fitted on k folds of the same
    rows left the model over-confident on real text). Returns the card's `calibration`."""
    clf = pipeline.named_steps["clf"]
    if ood is None:
        folds = getattr(clf, "calibration_folds", 0)
        return {
            "temperature": float(clf.temperature_),
            "source": f"{folds}-fold predictions on the training rows" if folds >= 2 else "none",
        }
    clf.temperature_ = fit_temperature(ood.scores, ood.gold)
    log(f"temperature {clf.temperature_:.3f}, fitted on leave-one-{ood.by}-out predictions of {len(ood.gold)} rows")
    return {
        "temperature": float(clf.temperature_),
        "source": f"leave-one-{ood.by}-out predictions on the training rows",
        "rows": int(len(ood.gold)),
    }


def _thresholds_out_of_group(ood: GroupPredictions, temperature: float, log) -> tuple[Thresholds, dict]:
    """The `uncertain` thresholds that keep the most out-of-group rows at OOD_TARGET_ACCURACY."""
    probs = softmax(ood.scores / temperature, axis=1)
    thresholds, summary = choose_thresholds(
        probs,
        ood.predicted == ood.gold,
        ood.known_words,
        target_accuracy=OOD_TARGET_ACCURACY,
        words_only=ood.words_only,
    )
    summary["source"] = f"leave-one-{ood.by}-out predictions on the training rows"
    log(
        f"uncertain below confidence {thresholds.min_confidence} or margin {thresholds.min_margin}: "
        f"{summary['flagged']} of {summary['rows']} leave-one-{ood.by}-out rows flagged, kept rows "
        f"{fmt_score(summary['kept_accuracy'])} accurate"
    )
    return thresholds, summary
