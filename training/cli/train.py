"""`stance train`: fit a model on label files (fit/train.py), print its card or a summary.

Exits 3 when it keeps the active model because the new one is worse: a weekly retraining
script must be able to tell."""

from __future__ import annotations

import json

from training.cli.common import add_model_options, log, models_dir

__all__ = ["add_parser", "run"]


def feedback_weight_arg(text: str):
    """`--feedback-weight`'s type, imported only when `train` parses (it pulls in scikit-learn)."""
    from training.feedback.weight import feedback_weight_arg as parse

    return parse(text)


def add_parser(subparsers) -> None:
    t = subparsers.add_parser(
        "train", help="fit a model on label files, evaluate it, save it, activate it if not worse"
    )
    t.add_argument(
        "--data", nargs="+", help="label files or folders (JSONL/CSV with text, label); default labels/train"
    )
    t.add_argument("--test", default="labels/test.jsonl", help="held-out file (default labels/test.jsonl)")
    t.add_argument("--no-test", action="store_true", help="do not evaluate on a held-out file")
    t.add_argument("--cv", type=int, default=5, help="cross-validation folds (0 to skip; default 5)")
    t.add_argument(
        "--cv-by",
        choices=["register", "domain", "none"],
        help="leave one group out: report each group's macro-F1 and choose the temperature and the "
        "uncertain thresholds on those predictions (default register; none with --cv 0)",
    )
    t.add_argument("--force", action="store_true", help="activate even if worse than the active model")
    t.add_argument("--no-activate", action="store_true", help="save the model without activating it")
    _add_pipeline_options(t)
    t.add_argument("--json", action="store_true", help="print the model card as JSON")
    t.add_argument(
        "--feedback-weight",
        type=feedback_weight_arg,
        default="auto",
        help="how many label-file rows "
        "a correction (a row with source: feedback) counts as; 'auto' (default) trains the user's adapter (the "
        "corrections' own weights, gated) with 1, 3 or 10, and keeps the best by macro-F1 on the held-out fifth "
        "of the corrections (3 without the adapter when fewer than 20 are held out); a number trains without "
        "the adapter",
    )
    t.add_argument(
        "--no-feedback-hold-out",
        action="store_true",
        help="train on every correction (by default a stable fifth is held out to measure the gain on your own text)",
    )
    add_model_options(t, model=False)
    t.set_defaults(func=run)


def _add_pipeline_options(t) -> None:
    """The options that shape the pipeline (PipelineParams, see `_params`)."""
    t.add_argument("--C", type=float, default=4.0, help="inverse regularisation strength (default 4.0)")
    t.add_argument("--word-max", type=int, default=2, help="longest word n-gram (default 2)")
    t.add_argument("--char-min", type=int, default=2, help="shortest character n-gram (default 2)")
    t.add_argument("--char-max", type=int, default=4, help="longest character n-gram (default 4)")
    t.add_argument("--no-words", action="store_true", help="drop word n-grams")
    t.add_argument("--no-chars", action="store_true", help="drop character n-grams")
    t.add_argument("--no-cues", action="store_true", help="drop the cue features")
    t.add_argument("--no-acts", action="store_true", help="drop the speech-act features (act:...)")
    t.add_argument(
        "--ngram-weight",
        type=float,
        default=None,
        help="weight of the word and character n-gram "
        "blocks against the cues and speech acts (default: the pipeline's, see PipelineParams)",
    )
    t.add_argument(
        "--char-weight",
        type=float,
        default=None,
        help="weight of the character n-gram block on top of --ngram-weight (default: the pipeline's, see PipelineParams)",
    )
    t.add_argument(
        "--short-row-ngrams",
        type=float,
        default=None,
        help="below this many known word n-grams a row's word block is scaled down (0: never; default: the "
        "pipeline's, see PipelineParams)",
    )


def _params(args):
    from training.model.pipeline import PipelineParams

    return PipelineParams(
        word_ngrams=None if args.no_words else (1, args.word_max),
        char_ngrams=None if args.no_chars else (args.char_min, args.char_max),
        cues=not args.no_cues,
        C=args.C,
        speech_acts=not args.no_acts,
        ngram_weight=PipelineParams.ngram_weight if args.ngram_weight is None else args.ngram_weight,
        char_weight=PipelineParams.char_weight if args.char_weight is None else args.char_weight,
        short_row_ngrams=PipelineParams.short_row_ngrams if args.short_row_ngrams is None else args.short_row_ngrams,
    )


def run(args) -> int:
    from training.fit.train import train

    cv_by = "auto" if args.cv_by is None else (None if args.cv_by == "none" else args.cv_by)
    result = train(
        args.data or None,
        None if args.no_test else args.test,
        models_dir=models_dir(args),
        params=_params(args),
        cv_folds=args.cv,
        cv_by=cv_by,
        activate=not args.no_activate,
        force=args.force,
        feedback_hold_out=not args.no_feedback_hold_out,
        feedback_weight=args.feedback_weight,
        log=log,
    )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        _print_result(result)
    return 3 if not result["activated"] and not args.no_activate else 0


def _print_result(result: dict) -> None:
    held = result["metrics"]["heldout"]
    print(f"model {result['id']} written to {result['folder']}")
    if held:
        print(f"held-out macro-F1 {held['macro_f1']:.4f}, accuracy {held['accuracy']:.4f} on {held['n']} rows")
        for lab, m in held["per_label"].items():
            print(f"  {lab:<14} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n {m['support']}")
    _print_group_cv(result["metrics"].get("group_cv"))
    if result["metrics"].get("feedback"):
        from training.feedback.gain import format_gain

        print(format_gain(result["metrics"]["feedback"]))
    cal = result.get("calibration") or {}
    print(
        f"temperature {cal.get('temperature', 1.0):.3f} from {cal.get('source', 'nothing')}; uncertain below "
        f"confidence {result['thresholds']['min_confidence']} or margin {result['thresholds']['min_margin']}"
        + (
            f" (held-out coverage {held['coverage']:.3f}, kept rows {held['kept_accuracy']:.3f} accurate)"
            if held and held.get("kept_accuracy") is not None
            else ""
        )
    )
    state = "activated" if result["activated"] else "NOT activated"
    print(f"{state}: {result['decision']}")


def _print_group_cv(report: dict | None) -> None:
    """Each held-out group's macro-F1 (see training/fit/groupcv.py)."""
    if not report:
        return
    print(f"leave-one-{report['by']}-out (each {report['by']} predicted by a model trained on the others):")
    for name, g in report["groups"].items():
        print(f"  {name:<24} macro-F1 {g['macro_f1']:.3f}  accuracy {g['accuracy']:.3f}  rows {g['rows']}")
    for name, why in report["skipped"].items():
        print(f"  {name:<24} not held out: {why}")
