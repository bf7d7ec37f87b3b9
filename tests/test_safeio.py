"""training/batch/safeio.py: bounded lines at their edges, outputs that must be regular files,
and one-line descriptions of OS errors."""

from __future__ import annotations

import errno
import io
import os

import pytest

from training.batch.safeio import (
    BoundedTextLines,
    LineTooLong,
    TooLong,
    bounded_lines,
    describe_os_error,
    resolve_output,
)
from training.errors import InputError


def test_bounded_lines_keep_lines_up_to_the_limit_and_skip_longer_ones():
    data = b"12345\n123456\n1234567\n\n12345"  # limit 6: the line end is not counted
    got = list(bounded_lines(io.BufferedReader(io.BytesIO(data), buffer_size=4), 6))
    assert got == [b"12345\n", b"123456\n", TooLong(7, 6), b"\n", b"12345"]
    assert list(bounded_lines(io.BytesIO(b"x" * 20), 6)) == [TooLong(20, 6)]  # the last line, without an end
    assert (
        TooLong(20, 6).reason()
        == "expected a line of at most 6 bytes, found one of 20; it was skipped without being read whole"
    )


def test_bounded_text_lines_raise_after_reading_an_over_long_line_through():
    fh = io.StringIO("ab\r\nabcdef\rabcdefg\nafter\n", newline="")
    lines = BoundedTextLines(fh, 6)
    assert [next(lines), next(lines)] == ["ab\r\n", "abcdef\r"]
    with pytest.raises(LineTooLong, match="at most 6 characters, found one of 8"):
        next(lines)
    assert next(lines) == "after\n"  # the long line was read through, not left half-read


def test_resolve_output_follows_symlinks_and_refuses_what_is_not_a_file(tmp_path):
    target = tmp_path / "real.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert resolve_output(link) == target  # absent yet: fine
    target.write_text("old")
    assert resolve_output(link) == target and resolve_output(tmp_path / "new.jsonl") == tmp_path / "new.jsonl"
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError, match=r"found .*pipe, a FIFO; choose another name"):
        resolve_output(tmp_path / "pipe")
    (tmp_path / "to-null").symlink_to("/dev/null")
    with pytest.raises(InputError, match=r"found /dev/null \(through the symlink .*to-null\), a character device"):
        resolve_output(tmp_path / "to-null")
    (tmp_path / "nowhere").symlink_to(tmp_path / "missing" / "x.jsonl")
    with pytest.raises(InputError, match="in a folder that does not exist"):
        resolve_output(tmp_path / "nowhere")


def test_os_errors_in_one_line():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert describe_os_error(full, "/data/out.jsonl", resume_hint=True) == (
        "expected room to write /data/out.jsonl, found the disk full (No space left on device); free some space "
        "and run the same command with --resume to continue from the last checkpoint"
    )
    denied = PermissionError(errno.EACCES, "Permission denied", "/data/in.jsonl")
    assert (
        describe_os_error(denied) == "expected permission to use /data/in.jsonl, found it refused (Permission denied)"
    )
