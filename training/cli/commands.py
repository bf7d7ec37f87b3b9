"""The `stance` command line: thin wrappers that parse, call a plain function, and print.

Results go to stdout, logs and progress to stderr. A StanceError prints one line and
exits 1; usage errors exit 2 (argparse); `stance train` exits 3 when it keeps the active
model because the new one is worse (a weekly retraining script must be able to tell).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

from training.errors import InputError, StanceError

__all__ = ["main"]

LABEL_COLOURS = {"assertion": "\033[34m", "denial": "\033[31m", "insinuation": "\033[33m"}
RESET, UNDERLINE = "\033[0m", "\033[4m"


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _models_dir(args) -> Path:
    from training.registry import default_models_dir

    return Path(args.models_dir) if args.models_dir else default_models_dir()


def _load(args):
    from training.registry import load_model

    return load_model(_models_dir(args), getattr(args, "model", None))


# -- commands ------------------------------------------------------------------------


def cmd_train(args) -> int:
    from training.fit.train import train
    from training.model.pipeline import PipelineParams

    params = PipelineParams(
        word_ngrams=None if args.no_words else (1, args.word_max),
        char_ngrams=None if args.no_chars else (args.char_min, args.char_max),
        cues=not args.no_cues, C=args.C, speech_acts=not args.no_acts,
        ngram_weight=PipelineParams.ngram_weight if args.ngram_weight is None else args.ngram_weight)
    cv_by = "auto" if args.cv_by is None else (None if args.cv_by == "none" else args.cv_by)
    result = train(args.data or None, None if args.no_test else args.test, models_dir=_models_dir(args),
                   params=params, cv_folds=args.cv, cv_by=cv_by, activate=not args.no_activate, force=args.force,
                   feedback_hold_out=not args.no_feedback_hold_out, feedback_weight=args.feedback_weight, log=_log)
    held = result["metrics"]["heldout"]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
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
        print(f"temperature {cal.get('temperature', 1.0):.3f} from {cal.get('source', 'nothing')}; uncertain below "
              f"confidence {result['thresholds']['min_confidence']} or margin {result['thresholds']['min_margin']}"
              + (f" (held-out coverage {held['coverage']:.3f}, kept rows {held['kept_accuracy']:.3f} accurate)"
                 if held and held.get("kept_accuracy") is not None else ""))
        state = "activated" if result["activated"] else "NOT activated"
        print(f"{state}: {result['decision']}")
    return 3 if not result["activated"] and not args.no_activate else 0


def _print_group_cv(report: dict | None) -> None:
    """Each held-out group's macro-F1 (see training/fit/groupcv.py)."""
    if not report:
        return
    print(f"leave-one-{report['by']}-out (each {report['by']} predicted by a model trained on the others):")
    for name, g in report["groups"].items():
        print(f"  {name:<24} macro-F1 {g['macro_f1']:.3f}  accuracy {g['accuracy']:.3f}  rows {g['rows']}")
    for name, why in report["skipped"].items():
        print(f"  {name:<24} not held out: {why}")


def _print_metrics(m: dict) -> None:
    print(f"rows {m['n']}  accuracy {m['accuracy']:.4f}  macro-F1 {m['macro_f1']:.4f}"
          + (f"  ECE {m['ece']:.4f}" if m.get("ece") is not None else ""))
    if m.get("coverage") is not None:
        ab = m["abstention"]
        kept = "-" if m["kept_accuracy"] is None else f"{m['kept_accuracy']:.4f}"
        flagged = "-" if ab["flagged_accuracy"] is None else f"{ab['flagged_accuracy']:.4f}"
        print(f"coverage {m['coverage']:.4f} ({ab['rows'] - ab['flagged']} of {ab['rows']} rows not flagged uncertain), "
              f"accuracy on them {kept}, on the flagged rows {flagged}")
        print("accuracy of the most confident rows: " + ", ".join(
            f"{c['coverage']:.0%} {c['accuracy']:.3f}" for c in ab["accuracy_at_coverage"] if c["accuracy"] is not None))
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
                print(f"  {b['bin'][0]:.1f}-{b['bin'][1]:.1f}: {b['count']:>5}  {b['accuracy']:.3f}  {b['confidence']:.3f}")
    if m.get("unknown_labels"):
        print(f"\nrows with labels the model does not know (left out of the metrics): {m['unknown_labels']}")


def cmd_eval(args) -> int:
    from training.fit.data import read_examples
    from training.fit.evaluate import evaluate

    model = _load(args)
    examples, errors = read_examples([args.data], strict=False)
    for e in errors:
        _log(f"skipped {e}")
    if not examples:
        raise InputError(f"expected labelled rows with 'text' and 'label' in {args.data}, found none")
    result = evaluate(model.classifier, examples)
    predictions = result.pop("predictions")
    result["skipped_rows"] = len(errors)
    from training.feedback.gain import format_gain, gain_in_eval

    result["feedback"] = gain_in_eval(model, examples, _models_dir(args), args.baseline)
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as fh:
            for p in predictions:
                fh.write(json.dumps(p) + "\n")
        _log(f"wrote {len(predictions)} predictions to {args.predictions}")
    if args.report:
        from training.fit.report import write_report

        write_report(args.report, {**result, "predictions": predictions}, [e.text for e in examples],
                     card=model.card, data_name=args.data)
        _log(f"wrote the report to {args.report}")
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"model {model.id} on {args.data}")
        _print_metrics(result)
        if result["feedback"]:
            print("\n" + format_gain(result["feedback"]))
    return 0


def _read_text_arg(args) -> str:
    if args.text is not None and args.text != "-":
        return args.text
    if sys.stdin.isatty():
        raise InputError("expected text as an argument or on standard input, found neither")
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"expected UTF-8 text on standard input, found an undecodable byte at position {e.start}") from None


def _what_if_lines(sentence: dict) -> list[str]:
    """With --full: per cue, the probabilities of the sentence with the cue's words removed."""
    lines = []
    for cue in (sentence.get("explanation") or {}).get("cues", []):
        what_if = cue.get("without")
        if what_if:
            probs = ", ".join(f"{lab} {p:.2f}" for lab, p in what_if["probabilities"].items())
            lines.append(f"{'':<19}without \"{cue['text']}\" ({cue['kind'].replace('_', ' ')}): {probs} "
                         f"-> {what_if['label']}")
    return lines


def _render(result: dict, colour: bool) -> str:
    lines = []
    for s in result["sentences"]:
        text = s["text"]
        if s.get("skipped"):  # set aside unlabelled (text/screen.py)
            lines.append(f"{'-':<12} {'':4}  {text}  [set aside: {s['skipped']}, {s['language']}]")
            continue
        if colour:
            c = LABEL_COLOURS.get(s["label"], "")
            marks = sorted({(cue["start"] - s["start"], cue["end"] - s["start"])
                            for cue in s.get("explanation", {}).get("cues", [])
                            if cue["kind"] not in ("attribution_verb", "evidence_word")})
            out, pos = [], 0
            for a, b in marks:
                if a < pos:
                    continue
                out += [c + text[pos:a], UNDERLINE + text[a:b] + RESET]
                pos = b
            text = "".join(out) + c + text[pos:] + RESET
        flag = " ?" if s["uncertain"] else ""
        src = f"  [source: {s['source']['text']}]" if s.get("source") else ""
        lines.append(f"{s['label']:<12} {s['confidence']:.2f}{flag}  {text}{src}")
        lines += _what_if_lines(s)
    summary = result["summary"]
    lines.append("summary: " + ", ".join(f"{k} {v}" for k, v in summary["counts"].items())
                 + f"; uncertain {summary['uncertain']}"
                 + (f"; set aside {summary['skipped']}" if summary.get("skipped") else ""))
    return "\n".join(lines)


def cmd_predict(args) -> int:
    text = _read_text_arg(args)
    if not text.strip():
        raise InputError("expected non-empty text, found only white space")
    model = _load(args)
    explain = "full" if args.full else True
    result = model.classifier.classify(text, explain=explain, top_k=args.top_k)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(_render(result, colour=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


def cmd_score(args) -> int:
    from training.batch.score import score_file

    try:
        summary = score_file(
            args.input, args.output, models_dir=_models_dir(args), model_id=args.model, fmt=args.format,
            unit=args.unit, explain=args.explain, keep=args.keep, text_field=args.text_field, id_field=args.id_field,
            batch_size=args.batch_size, max_chars=args.max_chars, workers=args.workers, engine=args.engine,
            scheduler=args.scheduler, scheduler_timeout=args.scheduler_timeout, strict=args.strict,
            resume=args.resume, checkpoint_every=args.checkpoint_every, command=shlex.join(["stance", *args.argv]),
            log=_log)
    except KeyboardInterrupt:
        from training.batch.jobdir import JobDir

        if JobDir(Path(args.output)).has_checkpoint():
            _log("stance: interrupted; the work done so far is kept: run the same command with --resume to continue")
        else:
            _log("stance: interrupted before the first checkpoint; nothing was kept to resume")
        return 130
    n, secs, run = summary["sentences"], summary["seconds"], summary["this_run"]
    rate = f"{run['sentences'] / max(secs, 1e-9):,.0f} sentences/s"  # this run's sentences over this run's time
    if summary["resumed_at_record"]:
        _log(f"done: resumed at input record {summary['resumed_at_record']:,}; this run scored {run['documents']:,} "
             f"documents, {run['sentences']:,} sentences in {secs} s ({rate}); {summary['documents']:,} documents, "
             f"{n:,} sentences in all -> {summary['output']}")
    else:
        _log(f"done: {summary['documents']:,} documents, {n:,} sentences in {secs} s ({rate}) -> {summary['output']}")
    _log("  " + ", ".join(f"{lab} {c:,} ({c / max(n, 1):.1%})" for lab, c in summary["labels"].items())
         + f"; uncertain {summary['uncertain']:,}")
    _log(f"  {summary['errors']:,} bad rows skipped, listed in {summary['errors_file']}" if summary["errors"]
         else "  no bad rows")
    for e in summary["bad_rows"]:
        _log(f"    line {e['line']} of {e['file']}: {e['reason']}")
    if summary["errors"] > len(summary["bad_rows"]):
        _log(f"    ... and {summary['errors'] - len(summary['bad_rows']):,} more")
    print(json.dumps(summary))
    return 0


def ensure_default_model(models_dir: Path) -> None:
    """Train the default model from labels/ when the models folder has no model at all. Models
    without a pointer (a deleted active.json) are refused: a new default model would quietly
    replace the one served, with an empty history."""
    from training.fit.train import DEFAULT_TEST, DEFAULT_TRAIN, train
    from training.registry import active_id, list_models

    if active_id(models_dir) is not None:
        return
    models = list_models(models_dir)
    if models:
        count = f"{len(models)} model{'s' if len(models) > 1 else ''}"
        raise InputError(f"expected {models_dir / 'active.json'} naming the model to serve, found no active.json "
                         f"beside {count}; activate one with 'stance models activate {models[-1]['id']}' (the "
                         "newest) or another ID from 'stance models list'")
    if not DEFAULT_TRAIN.exists():
        raise InputError(f"expected a trained model in {models_dir} or labels in {DEFAULT_TRAIN} to train one, found neither")
    _log(f"no model in {models_dir} yet: training the default model from {DEFAULT_TRAIN} first (about 20 s on 2 cores)")
    result = train([DEFAULT_TRAIN], DEFAULT_TEST if DEFAULT_TEST.exists() else None, models_dir=models_dir,
                   cv_folds=0, log=_log)
    _log(f"trained and activated {result['id']}")


def cmd_serve(args) -> int:
    from service.server import run, to_env
    from service.settings import Settings, env_name

    # Each flag overrides its STANCE_* variable; Settings.from_env checks them all alike.
    given = {env_name(name): to_env(getattr(args, name)) for name in Settings.model_fields
             if getattr(args, name, None) is not None}
    try:
        settings = Settings.from_env({**os.environ, **given})
    except ValueError as e:
        raise InputError(str(e)) from None
    ensure_default_model(settings.models_dir)
    run(settings)
    return 0


def cmd_models(args) -> int:
    from training import registry

    d = _models_dir(args)
    if args.action in ("activate", "rollback"):
        if args.action == "activate" and not args.id:
            raise InputError("expected a model ID after 'activate', found none")
        if args.action == "activate":
            registry.activate(d, args.id)
        print(f"activated {args.id if args.action == 'activate' else registry.rollback(d)}")
        _log("a running service switches to it within its reload interval (STANCE_RELOAD_INTERVAL), "
             "or at once on POST /v1/admin/reload")
        return 0
    rows = [{k: c.get(k) for k in ("id", "created", "labels", "rows", "active")}
            | {"heldout_macro_f1": ((c.get("metrics") or {}).get("heldout") or {}).get("macro_f1")}
            for c in registry.list_models(d)]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print(f"no models in {d}")
    else:
        width = max(len(r["id"]) for r in rows)
        print(f"  {'ID':<{width}}  {'CREATED':<25}  {'ROWS':>6}  {'HELD-OUT F1':>11}  LABELS")
        for r in rows:
            f1 = "-" if r["heldout_macro_f1"] is None else f"{r['heldout_macro_f1']:.4f}"
            print(f"{'*' if r['active'] else ' '} {r['id']:<{width}}  {r['created'] or '-':<25}  {r['rows'] or '-':>6}"
                  f"  {f1:>11}  {','.join(r['labels'] or [])}")
    return 0


def cmd_labels(args) -> int:
    from training.fit.labelcheck import check_labels, format_report

    report = check_labels(args.paths or ["labels"], test_name=args.test_name)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 1 if report["errors"] else 0


def cmd_report(args) -> int:
    """The corpus page (training/batch/corpus_page.py) and/or its summary as JSON."""
    from training.batch.corpus_summary import require_extras, summarise_scores

    if not args.output and not args.json:
        print("stance report: error: expected -o OUT.html or --json, found neither", file=sys.stderr)
        return 2
    require_extras("pyarrow", *(["matplotlib"] if args.output else []))
    summary = summarise_scores(args.scores, by=args.by, time=args.time, freq=args.freq, top=args.top, log=_log)
    if args.output:
        from training.batch.corpus_page import write_corpus_page

        _log(f"wrote the corpus page to {write_corpus_page(args.output, summary)}")
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


# -- parser --------------------------------------------------------------------------


def feedback_weight_arg(text: str):
    """`--feedback-weight`'s type, imported only when `train` parses (it pulls in scikit-learn)."""
    from training.feedback.weight import feedback_weight_arg as parse

    return parse(text)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stance", description="Label sentences as assertion, denial or insinuation, and show why.")
    from training import __version__

    p.add_argument("--version", action="version", version=f"stance {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp, model=True):
        sp.add_argument("--models-dir", help="models folder (default: $STANCE_MODELS_DIR or ./models)")
        if model:
            sp.add_argument("--model", help="model ID (default: the active model)")

    t = sub.add_parser("train", help="fit a model on label files, evaluate it, save it, activate it if not worse")
    t.add_argument("--data", nargs="+", help="label files or folders (JSONL/CSV with text, label); default labels/train")
    t.add_argument("--test", default="labels/test.jsonl", help="held-out file (default labels/test.jsonl)")
    t.add_argument("--no-test", action="store_true", help="do not evaluate on a held-out file")
    t.add_argument("--cv", type=int, default=5, help="cross-validation folds (0 to skip; default 5)")
    t.add_argument("--cv-by", choices=["register", "domain", "none"],
                   help="leave one group out: report each group's macro-F1 and choose the temperature and the "
                        "uncertain thresholds on those predictions (default register; none with --cv 0)")
    t.add_argument("--force", action="store_true", help="activate even if worse than the active model")
    t.add_argument("--no-activate", action="store_true", help="save the model without activating it")
    t.add_argument("--C", type=float, default=4.0, help="inverse regularisation strength (default 4.0)")
    t.add_argument("--word-max", type=int, default=2, help="longest word n-gram (default 2)")
    t.add_argument("--char-min", type=int, default=2, help="shortest character n-gram (default 2)")
    t.add_argument("--char-max", type=int, default=4, help="longest character n-gram (default 4)")
    t.add_argument("--no-words", action="store_true", help="drop word n-grams")
    t.add_argument("--no-chars", action="store_true", help="drop character n-grams")
    t.add_argument("--no-cues", action="store_true", help="drop the cue features")
    t.add_argument("--no-acts", action="store_true", help="drop the speech-act features (act:...)")
    t.add_argument("--ngram-weight", type=float, default=None, help="weight of the word and character n-gram "
                   "blocks against the cues and speech acts (default: the pipeline's, see PipelineParams)")
    t.add_argument("--json", action="store_true", help="print the model card as JSON")
    t.add_argument("--feedback-weight", type=feedback_weight_arg, default="auto", help="how many label-file rows "
                   "a correction (a row with source: feedback) counts as; 'auto' (default) tries 1, 3, 10 and 30 "
                   "and keeps the best by macro-F1 on the held-out fifth of the corrections")
    t.add_argument("--no-feedback-hold-out", action="store_true", help="train on every correction (by default a "
                   "stable fifth is held out to measure the gain on your own text)")
    common(t, model=False)
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("eval", help="per-label metrics, confusion matrix and calibration on a labelled file")
    e.add_argument("--data", required=True, help="labelled JSONL or CSV file (text, label)")
    e.add_argument("--json", action="store_true", help="print one JSON object")
    e.add_argument("--predictions", metavar="OUT", help="write one JSON line of predictions per row")
    e.add_argument("--baseline", metavar="ID", help="compare on the held-out corrections with this model "
                   "(default: the model they corrected)")
    e.add_argument("--report", metavar="OUT.html", help="write a self-contained HTML report (metrics, confusion "
                   "heatmap, reliability diagram, most confident mistakes, model card)")
    common(e)
    e.set_defaults(func=cmd_eval)

    pr = sub.add_parser("predict", help="label each sentence of a text (argument or stdin)")
    pr.add_argument("text", nargs="?", help="text to label; '-' or nothing reads stdin")
    pr.add_argument("--json", action="store_true", help="print the same JSON as the HTTP API")
    pr.add_argument("--top-k", type=int, default=5, help="features for and against each label (default 5)")
    pr.add_argument("--full", action="store_true", help="add what-if probabilities for each cue")
    common(pr)
    pr.set_defaults(func=cmd_predict)

    s = sub.add_parser("score", help="batch-score a corpus (JSONL, JSONL.gz, CSV, text, Parquet; files, folders, globs)")
    s.add_argument("input", nargs="+", help="corpus files, folders or globs (JSONL, CSV, text one document a "
                   "line, Parquet; .gz allowed)")
    s.add_argument("-o", "--output", required=True, help="output file: .jsonl, .csv or .parquet")
    s.add_argument("--format", choices=["jsonl", "csv", "parquet"], help="output format (default: from the extension)")
    s.add_argument("--unit", choices=["sentence", "document"], default="sentence",
                   help="one row per sentence (default) or per document (label counts, shares, dominant label)")
    s.add_argument("--explain", action="store_true", help="add cues, features and source to each sentence row "
                   "(who said what, for document rows)")
    s.add_argument("--keep", nargs="+", default=[], metavar="FIELD", help="input fields to carry to the output")
    s.add_argument("--text-field", default="text")
    s.add_argument("--id-field", default="id")
    s.add_argument("--workers", type=int, help="worker processes, or Dask LocalCluster workers (default: all cores)")
    s.add_argument("--batch-size", type=int, default=256, help="documents per model call (default 256)")
    s.add_argument("--max-chars", type=int, help="longest text scored; longer ones are bad rows (default 100000)")
    s.add_argument("--strict", action="store_true", help="stop at the first bad row instead of skipping it")
    s.add_argument("--resume", action="store_true", help="continue a stopped job writing the same output")
    s.add_argument("--checkpoint-every", type=float, default=30.0, metavar="SECONDS",
                   help="how often progress is committed for --resume (default 30)")
    s.add_argument("--engine", choices=["local", "dask"], default="local", help="local processes (default) or Dask")
    s.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    s.add_argument("--scheduler-timeout", type=float, default=5.0, metavar="SECONDS",
                   help="how long to wait for the --scheduler to answer before giving up (default 5)")
    common(s)
    s.set_defaults(func=cmd_score)

    sv = sub.add_parser("serve", help="start the HTTP service on the active model (trains one first if none)",
                        description="Each flag overrides its environment variable; defaults are in the README's "
                                    "'Running in production' table.")
    sv.add_argument("--host", help="address to listen on (STANCE_HOST)")
    sv.add_argument("--port", type=int, help="port to listen on (STANCE_PORT)")
    sv.add_argument("--workers", type=int, help="worker processes (STANCE_WORKERS)")
    sv.add_argument("--log-level", help="critical, error, warning, info, debug or trace (STANCE_LOG_LEVEL)")
    sv.add_argument("--access-log", action=argparse.BooleanOptionalAction,
                    help="one JSON log line per request (STANCE_ACCESS_LOG)")
    sv.add_argument("--max-chars", type=int, help="most characters per text (STANCE_MAX_CHARS)")
    sv.add_argument("--max-documents", type=int, help="most documents per batch request (STANCE_MAX_DOCUMENTS)")
    sv.add_argument("--max-body-bytes", type=int, help="largest request body (STANCE_MAX_BODY_BYTES)")
    sv.add_argument("--max-top-k", type=int, help="most features per direction in an explanation (STANCE_MAX_TOP_K)")
    sv.add_argument("--max-what-if-per-sentence", type=int, help="cues of a sentence given a what-if by "
                    "\"explain\": \"full\" (STANCE_MAX_WHAT_IF_PER_SENTENCE)")
    sv.add_argument("--max-what-if-chars", type=int, help="characters a request's what-ifs may score again, in all "
                    "(STANCE_MAX_WHAT_IF_CHARS)")
    sv.add_argument("--body-timeout", type=float, help="seconds a client has to send its request body, 408 past "
                    "them (STANCE_BODY_TIMEOUT)")
    sv.add_argument("--max-concurrency", type=int,
                    help="scoring requests in flight per worker before answering 503 (STANCE_MAX_CONCURRENCY)")
    sv.add_argument("--reload-interval", type=float,
                    help="seconds between checks for a newly activated model, 0 for never (STANCE_RELOAD_INTERVAL)")
    sv.add_argument("--admin-token", help="bearer token that enables /v1/admin/* (STANCE_ADMIN_TOKEN; prefer the "
                                          "variable: a flag shows in the process list)")
    sv.add_argument("--api-keys", help="comma-separated keys the scoring endpoints require (STANCE_API_KEYS)")
    sv.add_argument("--cors-origins", help="comma-separated origins allowed by CORS, or * (STANCE_CORS_ORIGINS)")
    sv.add_argument("--min-confidence", type=float, help="override the card's abstention threshold (STANCE_MIN_CONFIDENCE)")
    sv.add_argument("--min-margin", type=float, help="override the card's abstention margin (STANCE_MIN_MARGIN)")
    sv.add_argument("--min-known-words", type=int, help="override the card's known-word minimum (STANCE_MIN_KNOWN_WORDS)")
    sv.add_argument("--feedback-db", help="the corrections store (STANCE_FEEDBACK_DB; default feedback.sqlite3 "
                                          "beside the models folder)")
    sv.add_argument("--review-queue", help="the queue GET /review serves, from stance suggest (STANCE_REVIEW_QUEUE)")
    common(sv, model=False)
    sv.set_defaults(func=cmd_serve)

    m = sub.add_parser("models", help="list trained models, activate one, or roll back")
    m.add_argument("action", nargs="?", default="list", choices=["list", "activate", "rollback"])
    m.add_argument("id", nargs="?", help="model ID for 'activate'")
    m.add_argument("--json", action="store_true")
    common(m, model=False)
    m.set_defaults(func=cmd_models)

    lb = sub.add_parser("labels", help="check label files: counts, duplicates, split leaks")
    lb.add_argument("action", choices=["check"])
    lb.add_argument("paths", nargs="*", help="label files or folders (default labels/)")
    lb.add_argument("--test-name", default="test", help="files whose name starts with this are the held-out split")
    lb.add_argument("--json", action="store_true")
    lb.set_defaults(func=cmd_labels)

    from training.cli.feedback import add_commands

    add_commands(sub, common)  # suggest, review, feedback

    rp = sub.add_parser("report", help="one offline HTML page of what a scored corpus says (shares by group and over "
                        "time, sources, most insinuating documents)")
    rp.add_argument("scores", nargs="+", help="stance score output: JSONL, CSV or Parquet; sentence or document rows")
    rp.add_argument("-o", "--output", metavar="OUT.html", help="write the page here")
    rp.add_argument("--by", nargs="+", default=[], metavar="FIELD", help="kept fields to compare groups by (outlet, "
                    "author...); the first also splits the time plot")
    rp.add_argument("--time", metavar="FIELD", help="a kept ISO date field (2024-04-03, 2024-04-03T10:00Z, 2024-04)")
    rp.add_argument("--freq", choices=["week", "month"], default="month", help="time buckets (default month)")
    rp.add_argument("--top", type=int, default=20, help="documents and sentences listed (default 20)")
    rp.add_argument("--json", action="store_true", help="print the summary as JSON")
    rp.set_defaults(func=cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # the command line, for the outputs' metadata
    try:
        return args.func(args)
    except StanceError as e:
        print(f"stance: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # a full disk, a file that cannot be read or written: one line, not a traceback
        from training.batch.safeio import describe_os_error

        print(f"stance: error: {describe_os_error(e)}", file=sys.stderr)
        return 1
