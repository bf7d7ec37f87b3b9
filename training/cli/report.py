"""`stance report`: the corpus page (batch/corpus_page.py) and/or its summary as JSON
(batch/corpus_summary.py), from `stance score` output."""

from __future__ import annotations

import json
import sys

from training.cli.common import log

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    rp = subparsers.add_parser(
        "report",
        help="one offline HTML page of what a scored corpus says (shares by group "
        "and over time, sources, most insinuating documents)",
    )
    rp.add_argument("scores", nargs="+", help="stance score output: JSONL, CSV or Parquet; sentence or document rows")
    rp.add_argument("-o", "--output", metavar="OUT.html", help="write the page here")
    rp.add_argument(
        "--by",
        nargs="+",
        default=[],
        metavar="FIELD",
        help="kept fields to compare groups by (outlet, author...); the first also splits the time plot",
    )
    rp.add_argument("--time", metavar="FIELD", help="a kept ISO date field (2024-04-03, 2024-04-03T10:00Z, 2024-04)")
    rp.add_argument("--freq", choices=["week", "month"], default="month", help="time buckets (default month)")
    rp.add_argument("--top", type=int, default=20, help="documents and sentences listed (default 20)")
    rp.add_argument("--json", action="store_true", help="print the summary as JSON")
    rp.set_defaults(func=run)


def run(args) -> int:
    from training.batch.corpus_summary import require_extras, summarise_scores

    if not args.output and not args.json:
        print("stance report: error: expected -o OUT.html or --json, found neither", file=sys.stderr)
        return 2
    require_extras("pyarrow", *(["matplotlib"] if args.output else []))
    summary = summarise_scores(args.scores, by=args.by, time=args.time, freq=args.freq, top=args.top, log=log)
    if args.output:
        from training.batch.corpus_page import write_corpus_page

        log(f"wrote the corpus page to {write_corpus_page(args.output, summary)}")
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0
