"""The model a worker serves, and how it follows the registry's active pointer.

A request takes the current `LoadedModel` once and keeps that reference to the end, so a
swap never changes a model under a running request: in-flight requests finish on the old
model, new ones start on the new. A load runs in a thread (it reads and hashes the
artifact) and one at a time; a failed load keeps the old model serving.

A failed load is tried again, with backoff (RETRY_FIRST seconds, doubling up to
RETRY_MAX), even when the pointer does not change: an artifact refused for its sha256 and
then repaired is picked up, so every worker converges to the pointer. With several
workers, each publishes what it serves and follows reload requests (workers.py).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import anyio

from training import LoadedModel, ModelError, StanceError, active_id

from .workers import WorkerBoard

__all__ = ["ModelSlot"]

log = logging.getLogger("stancewatch.service")
RETRY_FIRST = 0.5  # seconds after a failed load before the watch tries again
RETRY_MAX = 60.0  # the longest wait between tries, however many failed


class ModelSlot:
    def __init__(
        self,
        models_dir: Path,
        load: Callable[[], LoadedModel],
        on_swap: Callable[[LoadedModel | None, LoadedModel], None],
        board: WorkerBoard | None = None,
    ):
        self.models_dir = Path(models_dir)
        self.model: LoadedModel | None = None
        self.error: str | None = "the service is starting"
        self.board = board
        self.handled = 0  # the last reload request (workers.py) this worker has acted on
        self._load, self._on_swap = load, on_swap
        self._seen: tuple | None = None  # the pointer file's state at the last load attempt
        self._failures = 0  # failed loads in a row
        self._last_error: str | None = None
        self._retry_at = 0.0
        self._lock: asyncio.Lock | None = None

    def pointer_state(self) -> tuple | None:
        """Cheap fingerprint of models/active.json: one stat call."""
        try:
            st = os.stat(self.models_dir / "active.json")
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    def state(self) -> dict:
        """What this worker serves, as workers.py publishes it."""
        return {
            "worker": self.board.worker if self.board else str(os.getpid()),
            "pid": os.getpid(),
            "model": self.model.classifier.model_info() if self.model else None,
            "error": self._last_error if self._failures else None,
            "handled": self.handled,
        }

    async def reload(
        self, *, only_if_changed: bool = False, request: int = 0
    ) -> tuple[LoadedModel | None, LoadedModel | None]:
        """Load the active model and swap it in; returns (previous, current). Raises StanceError
        whatever went wrong (the old model keeps serving). With `only_if_changed`, does nothing
        unless the pointer names another model than the one served, or a failed load is due
        to be tried again. `request`: the reload request (workers.py) this answers."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            current = self.model
            self.handled = max(self.handled, request)
            if only_if_changed and not await self._due(current):
                return current, current
            self._seen = self.pointer_state()
            try:
                new = await anyio.to_thread.run_sync(self._load)
            except Exception as e:  # noqa: BLE001 - an unpickling error is as fatal to this load as a bad sha256
                error = (
                    e
                    if isinstance(e, StanceError)
                    else ModelError(f"could not load the active model from {self.models_dir}: {type(e).__name__}: {e}")
                )
                self._failed(current, str(error))
                if error is e:
                    raise
                raise error from e
            self.model, self.error = new, None
            self._failures, self._last_error = 0, None
            self._publish()
            # The model is hundreds of thousands of long-lived objects (vocabularies, names):
            # left to the cyclic GC, every full collection walks them all (about 100 ms, a
            # stall every few thousand requests). Frozen, they are skipped; a replaced model
            # is still freed, by reference counting (it holds no cycles).
            gc.freeze()
            self._on_swap(current, new)
            log.info(
                "serving model %s",
                new.id,
                extra={"event": "model_loaded", "model": new.id, "previous": current.id if current else None},
            )
            return current, new

    async def _due(self, current: LoadedModel | None) -> bool:
        """Whether the watch should load: the pointer changed and names another model, or
        the last load failed and its backoff has passed."""
        state = self.pointer_state()
        if state == self._seen and (not self._failures or time.monotonic() < self._retry_at):
            return False
        self._seen = state
        try:
            wanted = await anyio.to_thread.run_sync(active_id, self.models_dir)
        except StanceError:
            return True  # the load says what is wrong with the pointer, and backs off
        if current is not None and wanted == current.id:
            self._failures = 0  # the pointer is back on the model served: nothing to retry
            self._publish()
            return False
        return True

    def _failed(self, current: LoadedModel | None, error: str) -> None:
        self._failures += 1
        self._last_error = error
        self._retry_at = time.monotonic() + min(RETRY_MAX, RETRY_FIRST * 2 ** (self._failures - 1))
        if current is None:
            self.error = error
        self._publish()

    def _publish(self) -> None:
        if self.board is not None:
            state = self.state()
            try:
                self.board.publish(state["model"], state["error"], state["handled"])
            except OSError as e:  # the shared folder is only for reporting: serving goes on
                log.warning("could not publish this worker's state: %s", e, extra={"event": "publish_failed"})

    async def watch(
        self, interval: float, on_error: Callable[[Exception], None], *, follow_pointer: bool = True
    ) -> None:
        """Every `interval` seconds: act on a new reload request (workers.py), else, with
        `follow_pointer`, load when the pointer names another model or a retry is due."""
        while True:
            await asyncio.sleep(interval)
            try:
                requested = self.board.requested() if self.board is not None else 0
                if requested > self.handled:
                    await self.reload(request=requested)
                elif follow_pointer:
                    await self.reload(only_if_changed=True)
            except Exception as e:  # noqa: BLE001 - the watch must outlive a bad pointer or artifact
                on_error(e)
