"""The feedback loop's commands: `stance suggest`, `stance review`, `stance feedback`
(thin wrappers over feedback/suggest.py, feedback/review.py, feedback/store.py and feedback/export.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

__all__ = ["add_commands", "feedback_store"]


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _store_path(args) -> Path:
    """--feedback-db, else $STANCE_FEEDBACK_DB, else feedback.sqlite3 beside the models folder."""
    from training.feedback.store import store_path
    from training.registry import default_models_dir

    models_dir = Path(args.models_dir) if getattr(args, "models_dir", None) else default_models_dir()
    return store_path(args.feedback_db, models_dir)


def feedback_store(args, *, create: bool = True):
    """The corrections store; a command that only reads it does not create one."""
    from training.errors import InputError
    from training.feedback.store import FeedbackStore

    path = _store_path(args)
    if not create and not path.exists():
        raise InputError(f"expected a corrections store at {path}, found none (corrections come from stance review, "
                         "the /review page or POST /v1/feedback; --feedback-db names another)")
    return FeedbackStore(path)


def _loaded(args):
    from training.registry import default_models_dir, load_model

    return load_model(Path(args.models_dir) if args.models_dir else default_models_dir(), args.model)


def cmd_suggest(args) -> int:
    from training.batch.progress import Progress
    from training.feedback.suggest import suggest, write_queue

    loaded = _loaded(args)
    skip = feedback_store(args).corrected_keys() if _store_path(args).exists() else set()
    result = suggest(args.input, loaded.classifier, args.n, skip=skip, text_field=args.text_field,
                     id_field=args.id_field, keep=args.keep, max_similarity=args.max_similarity,
                     max_per_document=args.max_per_document, min_words=args.min_words, progress=Progress(), log=_log)
    write_queue(result["items"], args.output)
    s = result["summary"]
    _log(f"done: {s['documents']:,} documents, {s['sentences']:,} sentences in {s['seconds']} s "
         f"({s['sentences_per_second']:,.0f} sentences/s); {s['already_corrected']:,} already corrected, "
         f"{s['too_short']:,} too short, {s['bad_rows']:,} bad rows skipped")
    for e in s["bad_row_examples"]:
        _log(f"    line {e['line']} of {e['file']}: {e['reason']}")
    labels = {}
    for row in result["items"]:
        labels[row["label"]] = labels.get(row["label"], 0) + 1
    _log(f"wrote {s['picked']} sentences to label to {args.output} (the model guesses "
         + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())) + ")")
    print(json.dumps({**s, "output": str(args.output), "model_id": loaded.id}))
    return 0


def _ask(prompt: str) -> str:
    """One line from standard input, the prompt on stderr; EOFError at the end of the input."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise EOFError
    return line


def cmd_review(args) -> int:
    from training.errors import StanceError
    from training.feedback.review import review
    from training.feedback.suggest import read_queue

    items, bad = read_queue(args.queue)
    if bad:
        _log(f"skipped {bad} lines of {args.queue} that are not queue rows")
    store = feedback_store(args)
    try:
        classifier = _loaded(args).classifier
    except StanceError as e:
        _log(f"no model to explain with ({e}); showing the queue's guesses")
        classifier = None
    # The conversation goes to stderr, so stdout holds only the JSON summary, as for the other commands.
    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    session = review(items, store, analyst=args.analyst or "", classifier=classifier, colour=colour,
                     read=_ask, out=sys.stderr)
    s = session.summary()
    _log(f"\n{s['labelled']} labelled, {s['skipped']} skipped, {s['remaining']} left"
         + (f", {s['already_corrected']} corrected before" if s["already_corrected"] else "")
         + f"; corrections are in {store.path}")
    print(json.dumps(s))
    return 0


def cmd_feedback(args) -> int:
    from training.feedback.export import export_corrections

    store = feedback_store(args, create=False)
    if args.action == "export":
        if not args.output:
            from training.errors import InputError

            raise InputError("expected -o FILE for the label file to write, found none")
        summary = export_corrections(store, args.output, conflicts=args.conflicts)
        _log(f"wrote {summary['rows']} labelled sentences ({', '.join(f'{k} {v}' for k, v in summary['labels'].items())}"
             f") from {summary['corrections']} corrections to {summary['output']}")
        for c in summary["conflicts"]:
            how = f"kept {c['settled']}" if c["settled"] else "left out"
            _log(f"  conflict ({how}): {json.dumps(c['text'][:80], ensure_ascii=False)}: "
                 + ", ".join(f"{who} {lab}" for who, lab in c["labels"].items()))
        if summary["conflicts"] and args.conflicts == "skip":
            _log("  sentences in conflict are left out: correct them again, or export with --conflicts latest|majority")
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    if args.action == "conflicts":
        print(json.dumps(store.conflicts(), ensure_ascii=False, indent=2))
        return 0
    items, total = store.list(label=args.label, model_id=args.model_id, analyst=args.analyst, since=args.since,
                              until=args.until, limit=args.limit, offset=0)
    for c in items:
        print(json.dumps(c.to_dict(), ensure_ascii=False))
    _log(f"{len(items)} of {total} corrections in {store.path}")
    return 0


def add_commands(sub, common) -> None:
    """The parsers of suggest, review and feedback, on `stance`'s subparsers."""
    db_help = "the corrections store (default: $STANCE_FEEDBACK_DB, or feedback.sqlite3 beside the models folder)"

    sg = sub.add_parser("suggest", help="pick the sentences of a corpus whose labels would teach the model most")
    sg.add_argument("input", nargs="+", help="corpus files, folders or globs (what stance score reads)")
    sg.add_argument("-n", type=int, default=200, help="sentences to suggest (default 200)")
    sg.add_argument("-o", "--output", required=True, help="the queue file to write (JSONL)")
    sg.add_argument("--text-field", default="text")
    sg.add_argument("--id-field", default="id")
    sg.add_argument("--keep", nargs="+", default=[], metavar="FIELD",
                    help="input fields to carry to the queue (domain and register also go into the corrections)")
    sg.add_argument("--max-similarity", type=float, default=0.8,
                    help="cosine similarity of word 1-2-grams at which two sentences are near-copies (default 0.8)")
    sg.add_argument("--max-per-document", type=int, default=2, help="sentences from one document at most (default 2)")
    sg.add_argument("--min-words", type=int, default=3, help="shorter sentences are not suggested (default 3)")
    sg.add_argument("--feedback-db", help=db_help)
    common(sg)
    sg.set_defaults(func=cmd_suggest)

    rv = sub.add_parser("review", help="label a review queue in the terminal (a/d/i, s skip, u undo, q quit)")
    rv.add_argument("queue", help="the queue file stance suggest wrote")
    rv.add_argument("--analyst", help="your name, kept with each correction")
    rv.add_argument("--feedback-db", help=db_help)
    common(rv)
    rv.set_defaults(func=cmd_review)

    fb = sub.add_parser("feedback", help="the corrections: export them as a label file, list them, show conflicts")
    fb.add_argument("action", choices=["export", "list", "conflicts"])
    fb.add_argument("-o", "--output", help="export: the label file to write (never overwritten)")
    fb.add_argument("--conflicts", choices=["skip", "latest", "majority"], default="skip",
                    help="export: a sentence analysts disagree on is left out (skip, the default), or takes the "
                         "latest or the majority label")
    fb.add_argument("--label", help="list: only this label")
    fb.add_argument("--model-id", help="list: only corrections of this model")
    fb.add_argument("--analyst", help="list: only this analyst's")
    fb.add_argument("--since", help="list: changed on or after this date or time (ISO 8601)")
    fb.add_argument("--until", help="list: changed before this time (a date includes its day)")
    fb.add_argument("--limit", type=int, default=100, help="list: at most this many (default 100)")
    fb.add_argument("--feedback-db", help=db_help)
    common(fb, model=False)
    fb.set_defaults(func=cmd_feedback)
