"""The `stance` command line: `commands.py` builds the parser and runs a command, `feedback.py` adds
the feedback loop's commands. `main` is the console script (`training.cli:main`)."""

from training.cli.commands import main

__all__ = ["main"]
