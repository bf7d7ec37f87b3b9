"""The errors a user of Stancewatch can see.

Every error carries a one-line message that says what was expected and what was found.
The CLI prints it and exits 1; the service turns it into an HTTP answer.

    StanceError
    ├── DataError       a label file or corpus row is not what it should be
    ├── ModelError      a model is missing, damaged or from other library versions
    └── InputError      a request or argument is out of bounds
"""

from __future__ import annotations


class StanceError(Exception):
    """Base of every error Stancewatch raises on purpose."""


class DataError(StanceError):
    """A data file or row is malformed; the message names the file and line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}: " if path is not None and line is not None else (f"{path}: " if path else "")
        super().__init__(f"{where}{message}")


class ModelError(StanceError):
    """A model cannot be loaded or trusted."""


class InputError(StanceError):
    """An argument or request is outside what is allowed."""
