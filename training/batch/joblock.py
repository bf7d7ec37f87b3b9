"""The lock of a batch-scoring job: held while the job runs, so two jobs never write one
output, and never held by what a killed job left behind.

It is an flock(2) on `lock` in the job's work folder. Such a lock belongs to an open file,
which processes forked by the job (its pool workers) shared: `kill -9` of a job left its
workers alive, holding the lock, and `--resume` refused in 5 of 5 tries. So:

- a forked child drops its copy at once (`os.register_at_fork`), and the job's workers die
  with it (processes.die_with_parent);
- the lock file names the job that took it (pid, start time, host, pid namespace). A lock
  still held when that job is gone is held by processes it left behind, which write
  nothing: the next job replaces the lock file (a new file is a new lock) and goes on.
  A lock taken on another host or in another pid namespace is never taken over.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import IO, Any

from training.batch.processes import pid_alive, process_started

fcntl: Any
try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one job per output is then up to the user
    fcntl = None

__all__ = ["JobLock", "LockBusy"]

_HELD: dict[int, IO[str]] = {}  # fd -> file of the locks this process holds


def _drop_inherited_locks() -> None:
    """In a forked child: point the inherited lock descriptors at /dev/null, so the child
    does not keep the parent's lock alive (closing the file objects is left to the parent)."""
    if not _HELD:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    for fd in _HELD:
        os.dup2(null, fd)
    os.close(null)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


class LockBusy(Exception):
    """Another live job holds the lock; `owner` is what its lock file says (None: unknown)."""

    def __init__(self, owner: dict | None):
        self.owner = owner
        who = f"process {owner['pid']} on {owner.get('host', '?')}" if owner and owner.get("pid") else "a process"
        super().__init__(f"{who} holds its lock")


def _this_machine() -> dict:
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = None
    return {"host": socket.gethostname(), "pid_namespace": namespace}


class JobLock:
    """flock on `folder/name`, with its owner written in the file (module docstring)."""

    def __init__(self, folder: Path, name: str = "lock"):
        self.folder, self.path = Path(folder), Path(folder) / name
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise LockBusy."""
        if fcntl is None:
            return
        for _ in range(5):  # another job may replace the file meanwhile: look again
            fh = open(self.path, "a+", encoding="utf-8")
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = _read_owner(fh)
                if not _left_behind(owner):
                    fh.close()
                    raise LockBusy(owner) from None
                self._replace(fh)  # and take the new file's lock on the next turn
                continue
            if not self._still_at_path(fh):
                fh.close()
                continue
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps({"pid": os.getpid(), "started": process_started(os.getpid()), **_this_machine()}))
            fh.flush()
            self._fh = fh
            _HELD[fh.fileno()] = fh
            return
        raise LockBusy(None)

    def release(self) -> None:
        if self._fh is not None:
            _HELD.pop(self._fh.fileno(), None)
            self._fh.close()  # closing the file releases the lock; so does any death of the process
            self._fh = None

    def _still_at_path(self, fh: IO[str]) -> bool:
        try:
            return os.fstat(fh.fileno()).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            return False

    def _replace(self, fh: IO[str]) -> None:
        """Unlink the lock file that processes left behind hold, unless another job did
        first; the folder's own flock makes two jobs doing this take turns."""
        folder = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(folder, fcntl.LOCK_EX)
            if self._still_at_path(fh):
                self.path.unlink()
        finally:
            os.close(folder)  # releases the folder's flock
            fh.close()


def _read_owner(fh: IO[str]) -> dict | None:
    try:
        fh.seek(0)
        owner = json.loads(fh.read() or "null")
    except (OSError, ValueError):
        return None
    return owner if isinstance(owner, dict) else None


def _left_behind(owner: dict | None) -> bool:
    """Whether a held lock's owner is a job of this machine that is gone (its pid dead, or
    reused by a process started at another time): then what holds the lock is left behind."""
    if not owner or not isinstance(owner.get("pid"), int):
        return False  # a lock file of an older version, or being written: cannot tell
    here = _this_machine()
    if owner.get("host") != here["host"] or owner.get("pid_namespace") != here["pid_namespace"]:
        return False
    if not pid_alive(owner["pid"]):
        return True
    started = process_started(owner["pid"])
    return started is not None and owner.get("started") is not None and started != owner["started"]
