"""`stance score`: batch-score a corpus (batch/score.py's `score_file`); progress and the
summary go to stderr, the summary as JSON to stdout."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from training.cli.common import add_model_options, log, models_dir

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    s = subparsers.add_parser(
        "score", help="batch-score a corpus (JSONL, JSONL.gz, CSV, text, Parquet; files, folders, globs)"
    )
    s.add_argument(
        "input",
        nargs="+",
        help="corpus files, folders or globs (JSONL, CSV, text one document a line, Parquet; .gz allowed)",
    )
    s.add_argument("-o", "--output", required=True, help="output file: .jsonl, .csv or .parquet")
    s.add_argument("--format", choices=["jsonl", "csv", "parquet"], help="output format (default: from the extension)")
    s.add_argument(
        "--unit",
        choices=["sentence", "document"],
        default="sentence",
        help="one row per sentence (default) or per document (label counts, shares, dominant label)",
    )
    s.add_argument(
        "--explain",
        action="store_true",
        help="add cues, features and source to each sentence row (who said what, for document rows)",
    )
    s.add_argument("--keep", nargs="+", default=[], metavar="FIELD", help="input fields to carry to the output")
    s.add_argument("--text-field", default="text")
    s.add_argument("--id-field", default="id")
    s.add_argument("--workers", type=int, help="worker processes, or Dask LocalCluster workers (default: all cores)")
    s.add_argument("--batch-size", type=int, default=256, help="documents per model call (default 256)")
    s.add_argument("--max-chars", type=int, help="longest text scored; longer ones are bad rows (default 100000)")
    s.add_argument("--strict", action="store_true", help="stop at the first bad row instead of skipping it")
    s.add_argument("--resume", action="store_true", help="continue a stopped job writing the same output")
    s.add_argument(
        "--checkpoint-every",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how often progress is committed for --resume (default 30)",
    )
    s.add_argument("--engine", choices=["local", "dask"], default="local", help="local processes (default) or Dask")
    s.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    s.add_argument(
        "--scheduler-timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="how long to wait for the --scheduler to answer before giving up (default 5)",
    )
    add_model_options(s)
    s.set_defaults(func=run)


def run(args) -> int:
    from training.batch.score import score_file

    try:
        summary = score_file(
            args.input,
            args.output,
            models_dir=models_dir(args),
            model_id=args.model,
            fmt=args.format,
            unit=args.unit,
            explain=args.explain,
            keep=args.keep,
            text_field=args.text_field,
            id_field=args.id_field,
            batch_size=args.batch_size,
            max_chars=args.max_chars,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            scheduler_timeout=args.scheduler_timeout,
            strict=args.strict,
            resume=args.resume,
            checkpoint_every=args.checkpoint_every,
            command=shlex.join(["stance", *args.argv]),
            log=log,
        )
    except KeyboardInterrupt:
        from training.batch.jobdir import JobDir

        if JobDir(Path(args.output)).has_checkpoint():
            log("stance: interrupted; the work done so far is kept: run the same command with --resume to continue")
        else:
            log("stance: interrupted before the first checkpoint; nothing was kept to resume")
        return 130
    _log_summary(summary)
    print(json.dumps(summary))
    return 0


def _log_summary(summary: dict) -> None:
    n, secs, run = summary["sentences"], summary["seconds"], summary["this_run"]
    rate = f"{run['sentences'] / max(secs, 1e-9):,.0f} sentences/s"  # this run's sentences over this run's time
    if summary["resumed_at_record"]:
        log(
            f"done: resumed at input record {summary['resumed_at_record']:,}; this run scored {run['documents']:,} "
            f"documents, {run['sentences']:,} sentences in {secs} s ({rate}); {summary['documents']:,} documents, "
            f"{n:,} sentences in all -> {summary['output']}"
        )
    else:
        log(f"done: {summary['documents']:,} documents, {n:,} sentences in {secs} s ({rate}) -> {summary['output']}")
    log(
        "  "
        + ", ".join(f"{lab} {c:,} ({c / max(n, 1):.1%})" for lab, c in summary["labels"].items())
        + f"; uncertain {summary['uncertain']:,}"
    )
    log(
        f"  {summary['errors']:,} bad rows skipped, listed in {summary['errors_file']}"
        if summary["errors"]
        else "  no bad rows"
    )
    for e in summary["bad_rows"]:
        log(f"    line {e['line']} of {e['file']}: {e['reason']}")
    if summary["errors"] > len(summary["bad_rows"]):
        log(f"    ... and {summary['errors'] - len(summary['bad_rows']):,} more")
