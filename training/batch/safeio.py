"""Files that fight back: lines too long to hold, outputs that are not regular files, and
disks that fill up.

- A 300 MB line was read whole (and decoded, and parsed) before it was rejected: 1.05 GB
  at the peak. `bounded_lines` and `BoundedTextLines` read a line only up to a limit and
  read the rest of an over-long one through in chunks, holding none of it.
- `-o` used to replace whatever had the name: a symlink became a regular file (its target
  untouched), a FIFO or a device node was replaced. `resolve_output` follows symlinks on
  purpose (the output goes where the link points) and refuses anything that is not a
  regular file or absent.
- `atomic_write_text` writes a small file whole through a temporary file and a rename, so a
  reader (or a crash) never sees half of it.
- `describe_os_error` turns an OSError (a full disk, a file that cannot be read) into the
  one line a user reads.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from training.errors import InputError

__all__ = [
    "BoundedTextLines",
    "LineTooLong",
    "TooLong",
    "atomic_write_text",
    "bounded_lines",
    "describe_os_error",
    "line_limit",
    "resolve_output",
]

MIN_LINE_BYTES = (
    8 * 2**20
)  # a line of a corpus or label file longer than this is a bad row (unless --max-chars says more)
_SKIP_CHUNK = 2**20  # the rest of an over-long line is read through this much at a time


def line_limit(max_chars: int) -> int:
    """The longest line read for texts of up to `max_chars` characters: room for the text
    even when every character is written as a JSON escape, and for other fields beside it."""
    return max(MIN_LINE_BYTES, 12 * max_chars)


@dataclass(frozen=True)
class TooLong:
    """In place of a line over the limit: how long it was (bytes, or characters for text)."""

    size: int
    limit: int

    def reason(self, unit: str = "bytes") -> str:
        return (
            f"expected a line of at most {self.limit:,} {unit}, found one of {self.size:,}; "
            "it was skipped without being read whole"
        )


def bounded_lines(fh, limit: int) -> Iterator[bytes | TooLong]:
    """The lines of a binary file, each with its line end, except that a line of more than
    `limit` bytes (line end not counted) comes as a TooLong, never held whole."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = fh.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield TooLong(size - 1 if line.endswith(b"\n") else size, limit)


class LineTooLong(ValueError):
    """Raised by BoundedTextLines: a line over the limit, read through and dropped."""

    def __init__(self, too_long: TooLong):
        self.too_long = too_long
        super().__init__(too_long.reason("characters"))


class BoundedTextLines:
    """The lines of a text file (for the csv module), as `iter(fh)` gives them, except that
    a line of more than `limit` characters raises LineTooLong after being read through."""

    def __init__(self, fh, limit: int):
        self.fh, self.limit = fh, limit

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.fh.readline(self.limit + 1)
        if not line:
            raise StopIteration
        if len(line) <= self.limit or line.endswith(("\n", "\r")):
            return line
        size = len(line)
        while not line.endswith(("\n", "\r")):
            line = self.fh.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        raise LineTooLong(TooLong(size, self.limit))


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def resolve_output(path: str | Path, what: str = "-o") -> Path:
    """Where an output named `path` goes: the file a symlink points to (followed on purpose,
    to its end), which must be a regular file or not exist yet; refused with a one-line
    InputError otherwise, so nothing but a regular file is ever replaced."""
    given = Path(path)
    resolved = Path(os.path.realpath(given))
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        if not resolved.parent.is_dir() and given.is_symlink():
            raise InputError(
                f"expected {what} to name a file, found {given}, a symlink to {resolved} in a folder "
                "that does not exist"
            ) from None
        return resolved
    except OSError as e:
        raise InputError(f"expected {what} to name a file that can be written, found {given} ({e.strerror})") from None
    if stat.S_ISREG(mode):
        return resolved
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    via = f" (through the symlink {given})" if resolved != given.absolute() and given.is_symlink() else ""
    raise InputError(
        f"expected {what} to name a regular file or a new one, found {resolved}{via}, {kind}; choose another name"
    )


def describe_os_error(e: OSError, path: str | Path | None = None, *, resume_hint: bool = False) -> str:
    """One line for an OSError: what was expected, what was found, and what to do. `path`:
    the file being written, when the error does not name one (a write to an open file)."""
    where = str(e.filename or path or "a file")
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        text = f"expected room to write {where}, found the disk full ({e.strerror}); free some space" + (
            " and run the same command with --resume to continue from the last checkpoint" if resume_hint else ""
        )
    elif e.errno in (errno.EACCES, errno.EPERM):
        text = f"expected permission to use {where}, found it refused ({e.strerror})"
    else:
        text = f"expected {where} to be readable and writable, found an error ({e.strerror or e})"
    return text


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` whole: into a temporary file beside it, synced, then renamed
    over it (a rename within one folder is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
