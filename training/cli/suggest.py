"""`stance suggest`: the sentences of a corpus to label next (feedback/suggest.py), written
as a review queue."""

from __future__ import annotations

import json

from training.cli.common import FEEDBACK_DB_HELP, add_model_options, feedback_store, feedback_store_path, load, log

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    sg = subparsers.add_parser("suggest", help="pick the sentences of a corpus whose labels would teach the model most")
    sg.add_argument("input", nargs="+", help="corpus files, folders or globs (what stance score reads)")
    sg.add_argument("-n", type=int, default=200, help="sentences to suggest (default 200)")
    sg.add_argument("-o", "--output", required=True, help="the queue file to write (JSONL)")
    sg.add_argument("--text-field", default="text")
    sg.add_argument("--id-field", default="id")
    sg.add_argument(
        "--keep",
        nargs="+",
        default=[],
        metavar="FIELD",
        help="input fields to carry to the queue (domain and register also go into the corrections)",
    )
    sg.add_argument(
        "--max-similarity",
        type=float,
        default=0.8,
        help="cosine similarity of word 1-2-grams at which two sentences are near-copies (default 0.8)",
    )
    sg.add_argument("--max-per-document", type=int, default=2, help="sentences from one document at most (default 2)")
    sg.add_argument("--min-words", type=int, default=3, help="shorter sentences are not suggested (default 3)")
    sg.add_argument("--feedback-db", help=FEEDBACK_DB_HELP)
    add_model_options(sg)
    sg.set_defaults(func=run)


def run(args) -> int:
    from training.batch.progress import Progress
    from training.feedback.suggest import suggest, write_queue

    loaded = load(args)
    skip = feedback_store(args).corrected_keys() if feedback_store_path(args).exists() else set()
    result = suggest(
        args.input,
        loaded.classifier,
        args.n,
        skip=skip,
        text_field=args.text_field,
        id_field=args.id_field,
        keep=args.keep,
        max_similarity=args.max_similarity,
        max_per_document=args.max_per_document,
        min_words=args.min_words,
        progress=Progress(),
        log=log,
    )
    write_queue(result["items"], args.output)
    s = result["summary"]
    log(
        f"done: {s['documents']:,} documents, {s['sentences']:,} sentences in {s['seconds']} s "
        f"({s['sentences_per_second']:,.0f} sentences/s); {s['already_corrected']:,} already corrected, "
        f"{s['too_short']:,} too short, {s['bad_rows']:,} bad rows skipped"
    )
    for e in s["bad_row_examples"]:
        log(f"    line {e['line']} of {e['file']}: {e['reason']}")
    labels = {}
    for row in result["items"]:
        labels[row["label"]] = labels.get(row["label"], 0) + 1
    log(
        f"wrote {s['picked']} sentences to label to {args.output} (the model guesses "
        + ", ".join(f"{k} {v}" for k, v in sorted(labels.items()))
        + ")"
    )
    print(json.dumps({**s, "output": str(args.output), "model_id": loaded.id}))
    return 0
