"""`stance labels check`: counts, duplicates and split leaks of label files (fit/labelcheck.py)."""

from __future__ import annotations

import json

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    lb = subparsers.add_parser("labels", help="check label files: counts, duplicates, split leaks")
    lb.add_argument("action", choices=["check"])
    lb.add_argument("paths", nargs="*", help="label files or folders (default labels/)")
    lb.add_argument("--test-name", default="test", help="files whose name starts with this are the held-out split")
    lb.add_argument("--json", action="store_true")
    lb.set_defaults(func=run)


def run(args) -> int:
    from training.fit.labelcheck import check_labels, format_report

    report = check_labels(args.paths or ["labels"], test_name=args.test_name)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 1 if report["errors"] else 0
