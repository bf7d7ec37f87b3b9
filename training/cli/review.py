"""`stance review`: label a review queue in the terminal (feedback/review.py); the
conversation goes to stderr, so stdout holds only the JSON summary, as for the other commands."""

from __future__ import annotations

import json
import os
import sys

from training.cli.common import FEEDBACK_DB_HELP, add_model_options, feedback_store, load, log

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    rv = subparsers.add_parser("review", help="label a review queue in the terminal (a/d/i, s skip, u undo, q quit)")
    rv.add_argument("queue", help="the queue file stance suggest wrote")
    rv.add_argument("--analyst", help="your name, kept with each correction")
    rv.add_argument("--feedback-db", help=FEEDBACK_DB_HELP)
    add_model_options(rv)
    rv.set_defaults(func=run)


def _ask(prompt: str) -> str:
    """One line from standard input, the prompt on stderr; EOFError at the end of the input."""
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise EOFError
    return line


def run(args) -> int:
    from training.errors import StanceError
    from training.feedback.review import review
    from training.feedback.suggest import read_queue

    items, bad = read_queue(args.queue)
    if bad:
        log(f"skipped {bad} lines of {args.queue} that are not queue rows")
    store = feedback_store(args)
    try:
        classifier = load(args).classifier
    except StanceError as e:
        log(f"no model to explain with ({e}); showing the queue's guesses")
        classifier = None
    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    session = review(
        items, store, analyst=args.analyst or "", classifier=classifier, colour=colour, read=_ask, out=sys.stderr
    )
    s = session.summary()
    log(
        f"\n{s['labelled']} labelled, {s['skipped']} skipped, {s['remaining']} left"
        + (f", {s['already_corrected']} corrected before" if s["already_corrected"] else "")
        + f"; corrections are in {store.path}"
    )
    print(json.dumps(s))
    return 0
