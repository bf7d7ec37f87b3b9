"""Processes a job leaves behind: telling whether one is still alive, and making workers
die with the process that started them.

`kill -9` (or SIGTERM) of `stance score --workers 2` left both pool workers alive under
PID 1, holding the job's lock, so `--resume` refused to start. A worker now asks the
kernel to kill it when its parent dies (`die_with_parent`, Linux's PR_SET_PDEATHSIG); where
that is not available it watches its parent instead (a thread that exits the worker once
the parent is gone).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent", "pid_alive", "process_started"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PARENT_POLL = 0.5  # seconds between looks at the parent, where the kernel cannot be asked


def pid_alive(pid: int) -> bool:
    """Whether a process `pid` is running (someone else's counts; a zombie does not)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _state(pid) not in ("Z", "X")


def _state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    return stat[stat.rfind(b")") + 2 :][:1].decode()


def process_started(pid: int) -> str | None:
    """When `pid` started, in clock ticks since boot (Linux), or None where unknown: with
    the pid, it names one process even after the pid is reused."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    # Field 22, counted after the command name, which is in parentheses and may hold spaces.
    fields = stat[stat.rfind(b")") + 2 :].split()
    return fields[19].decode() if len(fields) > 19 else None


def die_with_parent(parent: int) -> None:
    """Call in a child process: end it when `parent` (the process that started it) dies."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the request was made
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass  # no prctl here: watch instead
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL)
    os._exit(1)
