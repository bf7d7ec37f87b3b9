"""The `stance` command line: one module per command, each a thin wrapper that adds its
subparser (`add_parser`) and runs the command (`run`) by calling a plain function of the
library, then prints. `main` is the console script (`training.cli:main`, `python -m training`).

Results go to stdout, logs and progress to stderr. A StanceError prints one line and
exits 1; usage errors exit 2 (argparse); `stance train` exits 3 when it keeps the active
model because the new one is worse (a weekly retraining script must be able to tell).
"""

from __future__ import annotations

import argparse
import sys

from training.cli import evaluate, feedback, labels, models, predict, report, review, score, serve, suggest, train
from training.errors import StanceError

__all__ = ["build_parser", "main"]

# In the order `stance --help` lists them.
COMMANDS = (train, evaluate, predict, score, serve, models, labels, suggest, review, feedback, report)


def build_parser() -> argparse.ArgumentParser:
    from training import __version__

    p = argparse.ArgumentParser(
        prog="stance", description="Label sentences as assertion, denial or insinuation, and show why."
    )
    p.add_argument("--version", action="version", version=f"stance {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
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
