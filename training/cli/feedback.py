"""`stance feedback`: the corrections (feedback/store.py): export them as a label file
(feedback/export.py), list them, or show the conflicts."""

from __future__ import annotations

import json

from training.cli.common import FEEDBACK_DB_HELP, add_model_options, feedback_store, log
from training.errors import InputError

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    fb = subparsers.add_parser(
        "feedback", help="the corrections: export them as a label file, list them, show conflicts"
    )
    fb.add_argument("action", choices=["export", "list", "conflicts"])
    fb.add_argument("-o", "--output", help="export: the label file to write (never overwritten)")
    fb.add_argument(
        "--conflicts",
        choices=["skip", "latest", "majority"],
        default="skip",
        help="export: a sentence analysts disagree on is left out (skip, the default), or takes the "
        "latest or the majority label",
    )
    fb.add_argument("--label", help="list: only this label")
    fb.add_argument("--model-id", help="list: only corrections of this model")
    fb.add_argument("--analyst", help="list: only this analyst's")
    fb.add_argument("--since", help="list: changed on or after this date or time (ISO 8601)")
    fb.add_argument("--until", help="list: changed before this time (a date includes its day)")
    fb.add_argument("--limit", type=int, default=100, help="list: at most this many (default 100)")
    fb.add_argument("--feedback-db", help=FEEDBACK_DB_HELP)
    add_model_options(fb, model=False)
    fb.set_defaults(func=run)


def run(args) -> int:
    store = feedback_store(args, create=False)
    if args.action == "export":
        return _export(args, store)
    if args.action == "conflicts":
        print(json.dumps(store.conflicts(), ensure_ascii=False, indent=2))
        return 0
    items, total = store.list(
        label=args.label,
        model_id=args.model_id,
        analyst=args.analyst,
        since=args.since,
        until=args.until,
        limit=args.limit,
        offset=0,
    )
    for c in items:
        print(json.dumps(c.to_dict(), ensure_ascii=False))
    log(f"{len(items)} of {total} corrections in {store.path}")
    return 0


def _export(args, store) -> int:
    from training.feedback.export import export_corrections

    if not args.output:
        raise InputError("expected -o FILE for the label file to write, found none")
    summary = export_corrections(store, args.output, conflicts=args.conflicts)
    log(
        f"wrote {summary['rows']} labelled sentences ({', '.join(f'{k} {v}' for k, v in summary['labels'].items())}"
        f") from {summary['corrections']} corrections to {summary['output']}"
    )
    for c in summary["conflicts"]:
        how = f"kept {c['settled']}" if c["settled"] else "left out"
        log(
            f"  conflict ({how}): {json.dumps(c['text'][:80], ensure_ascii=False)}: "
            + ", ".join(f"{who} {lab}" for who, lab in c["labels"].items())
        )
    if summary["conflicts"] and args.conflicts == "skip":
        log("  sentences in conflict are left out: correct them again, or export with --conflicts latest|majority")
    print(json.dumps(summary, ensure_ascii=False))
    return 0
