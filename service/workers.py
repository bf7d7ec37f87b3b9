"""What each worker serves, and asking every worker to reload.

uvicorn's workers listen on one port (listen.py), so an HTTP call reaches one of them: `POST
/v1/admin/reload` used to reload only the worker that answered it. With several workers,
`stance serve` gives them a shared folder (named by WORKERS_VARIABLE) in which each worker
publishes what it serves (`worker-<id>.json`: its pid, model, last load error, and the last
reload request it handled) and in which a reload request is a counter (`reload-request`).
Each worker's watch (registry_watch.py) reads the counter and reloads when it grew; the
admin call raises it, reloads its own worker, waits a bounded time for the others and
reports what each serves. A worker that died is left out (its pid is gone).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

fcntl: Any
try:
    import fcntl
except ImportError:  # Windows: no advisory locks; two reload requests at the same instant may share a number
    fcntl = None

__all__ = ["WORKERS_VARIABLE", "WorkerBoard", "wait_for_workers"]

WORKERS_VARIABLE = "_STANCE_WORKER_DIR"
_REQUEST = "reload-request"


class WorkerBoard:
    """The shared folder seen by one worker, `worker` (default: its pid)."""

    def __init__(self, folder: str | Path, worker: str | None = None):
        self.folder = Path(folder)
        self.pid = os.getpid()
        self.worker = worker or str(self.pid)

    @classmethod
    def from_env(cls) -> WorkerBoard | None:
        folder = os.environ.get(WORKERS_VARIABLE)
        return cls(folder) if folder else None

    def publish(self, model: dict | None, error: str | None, handled: int) -> None:
        """Say what this worker serves now (written whole: a reader never sees half of it)."""
        state = {"worker": self.worker, "pid": self.pid, "model": model, "error": error, "handled": handled}
        path = self.folder / f"worker-{self.worker}.json"
        tmp = path.with_name(f".{path.name}.{self.pid}.tmp")
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, path)

    def workers(self) -> list[dict]:
        """What every live worker last published, by worker id."""
        found = []
        for path in sorted(self.folder.glob("worker-*.json")):
            try:
                state = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # removed or replaced while listed
            pid = state.get("pid")
            if isinstance(pid, int) and pid > 0 and _alive(pid):
                found.append(state)
        return sorted(found, key=lambda s: str(s["worker"]))

    def requested(self) -> int:
        """How many reloads have been asked for so far."""
        try:
            return int((self.folder / _REQUEST).read_text(encoding="ascii") or 0)
        except (OSError, ValueError):
            return 0

    def request_reload(self) -> int:
        """Ask every worker to reload; returns the request's number."""
        with open(self.folder / _REQUEST, "a+", encoding="ascii") as fh:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_EX)  # two admin calls at once get two numbers
            fh.seek(0)
            number = int(fh.read() or 0) + 1
            fh.seek(0)
            fh.truncate()
            fh.write(str(number))
            fh.flush()
        return number


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _alive_on_windows(pid: int) -> bool:
    """There, os.kill(pid, 0) would send Ctrl-C to the process group `pid`: ask for the
    process's exit code instead (259, STILL_ACTIVE, while it runs)."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
    finally:
        kernel32.CloseHandle(handle)


async def wait_for_workers(board: WorkerBoard, request: int, timeout: float) -> list[dict]:
    """Every live worker's state once each has handled reload request `request`, or as
    they stand after `timeout` seconds (a worker busy loading, or stuck, is reported as is)."""
    deadline = time.monotonic() + timeout
    while True:
        states = board.workers()  # a few small files: cheaper than a thread hand-off
        if all(s.get("handled", 0) >= request for s in states) or time.monotonic() >= deadline:
            return states
        await asyncio.sleep(0.05)
