"""`stance eval`: per-label metrics, the confusion matrix and calibration of a model on a
labelled file (fit/evaluate.py), with the gain on held-out corrections (feedback/gain.py)."""

from __future__ import annotations

import json

from training.cli.common import add_model_options, load, log, models_dir
from training.errors import InputError

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    e = subparsers.add_parser("eval", help="per-label metrics, confusion matrix and calibration on a labelled file")
    e.add_argument("--data", required=True, help="labelled JSONL or CSV file (text, label)")
    e.add_argument("--json", action="store_true", help="print one JSON object")
    e.add_argument("--predictions", metavar="OUT", help="write one JSON line of predictions per row")
    e.add_argument(
        "--baseline",
        metavar="ID",
        help="compare on the held-out corrections with this model (default: the model they corrected)",
    )
    e.add_argument(
        "--report",
        metavar="OUT.html",
        help="write a self-contained HTML report (metrics, confusion "
        "heatmap, reliability diagram, most confident mistakes, model card)",
    )
    add_model_options(e)
    e.set_defaults(func=run)


def run(args) -> int:
    from training.feedback.gain import format_gain, gain_in_eval
    from training.fit.data import read_examples
    from training.fit.evaluate import evaluate

    model = load(args)
    examples, errors = read_examples([args.data], strict=False)
    for e in errors:
        log(f"skipped {e}")
    if not examples:
        raise InputError(f"expected labelled rows with 'text' and 'label' in {args.data}, found none")
    result = evaluate(model.classifier, examples)
    predictions = result.pop("predictions")
    result["skipped_rows"] = len(errors)
    result["feedback"] = gain_in_eval(model, examples, models_dir(args), args.baseline)
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as fh:
            for p in predictions:
                fh.write(json.dumps(p) + "\n")
        log(f"wrote {len(predictions)} predictions to {args.predictions}")
    if args.report:
        from training.fit.report import write_report

        write_report(
            args.report,
            {**result, "predictions": predictions},
            [e.text for e in examples],
            card=model.card,
            data_name=args.data,
        )
        log(f"wrote the report to {args.report}")
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"model {model.id} on {args.data}")
        _print_metrics(result)
        if result["feedback"]:
            print("\n" + format_gain(result["feedback"]))
    return 0


def _print_metrics(m: dict) -> None:
    print(
        f"rows {m['n']}  accuracy {m['accuracy']:.4f}  macro-F1 {m['macro_f1']:.4f}"
        + (f"  ECE {m['ece']:.4f}" if m.get("ece") is not None else "")
    )
    if m.get("coverage") is not None:
        _print_abstention(m)
    print(f"{'label':<14} {'precision':>9} {'recall':>7} {'f1':>7} {'support':>8}")
    for lab, v in m["per_label"].items():
        print(f"{lab:<14} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>7.3f} {v['support']:>8}")
    labs = m["confusion"]["labels"]
    print("\nconfusion (rows gold, columns predicted)")
    print(" " * 14 + "".join(f"{lab[:12]:>13}" for lab in labs))
    for lab, row in zip(labs, m["confusion"]["matrix"], strict=True):
        print(f"{lab:<14}" + "".join(f"{v:>13}" for v in row))
    if m.get("reliability"):
        print("\nreliability (confidence bin: count, accuracy, mean confidence)")
        for b in m["reliability"]:
            if b["count"]:
                print(
                    f"  {b['bin'][0]:.1f}-{b['bin'][1]:.1f}: {b['count']:>5}  {b['accuracy']:.3f}  {b['confidence']:.3f}"
                )
    if m.get("unknown_labels"):
        print(f"\nrows with labels the model does not know (left out of the metrics): {m['unknown_labels']}")


def _print_abstention(m: dict) -> None:
    ab = m["abstention"]
    kept = "-" if m["kept_accuracy"] is None else f"{m['kept_accuracy']:.4f}"
    flagged = "-" if ab["flagged_accuracy"] is None else f"{ab['flagged_accuracy']:.4f}"
    print(
        f"coverage {m['coverage']:.4f} ({ab['rows'] - ab['flagged']} of {ab['rows']} rows not flagged uncertain), "
        f"accuracy on them {kept}, on the flagged rows {flagged}"
    )
    print(
        "accuracy of the most confident rows: "
        + ", ".join(
            f"{c['coverage']:.0%} {c['accuracy']:.3f}" for c in ab["accuracy_at_coverage"] if c["accuracy"] is not None
        )
    )
