"""The model a worker serves, and how it follows the registry's active pointer.

A request takes the current `LoadedModel` once and keeps that reference to the end, so a
swap never changes a model under a running request: in-flight requests finish on the old
model, new ones start on the new. A load runs in a thread (it reads and hashes the
artifact) and one at a time; a failed load keeps the old model serving.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import Callable
from pathlib import Path

import anyio

from training import LoadedModel, ModelError, StanceError, active_id

__all__ = ["ModelSlot"]

log = logging.getLogger("stancewatch.service")


class ModelSlot:
    def __init__(self, models_dir: Path, load: Callable[[], LoadedModel], on_swap: Callable[[LoadedModel | None, LoadedModel], None]):
        self.models_dir = Path(models_dir)
        self.model: LoadedModel | None = None
        self.error: str | None = "the service is starting"
        self._load, self._on_swap = load, on_swap
        self._seen: tuple | None = None  # the pointer file's state at the last load attempt
        self._lock: asyncio.Lock | None = None

    def pointer_state(self) -> tuple | None:
        """Cheap fingerprint of models/active.json: one stat call."""
        try:
            st = os.stat(self.models_dir / "active.json")
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    async def reload(self, *, only_if_changed: bool = False) -> tuple[LoadedModel | None, LoadedModel]:
        """Load the active model and swap it in; returns (previous, current). Raises StanceError
        whatever went wrong (the old model keeps serving). With `only_if_changed`, does nothing
        unless the pointer names another model than the one served."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            state = self.pointer_state()
            current = self.model
            if only_if_changed:
                if state == self._seen:
                    return current, current
                self._seen = state
                wanted = await anyio.to_thread.run_sync(active_id, self.models_dir)
                if current is not None and wanted == current.id:
                    return current, current
            self._seen = state
            try:
                new = await anyio.to_thread.run_sync(self._load)
            except Exception as e:  # noqa: BLE001 - an unpickling error is as fatal to this load as a bad sha256
                error = e if isinstance(e, StanceError) else ModelError(
                    f"could not load the active model from {self.models_dir}: {type(e).__name__}: {e}")
                if current is None:
                    self.error = str(error)
                if error is e:
                    raise
                raise error from e
            self.model, self.error = new, None
            # The model is hundreds of thousands of long-lived objects (vocabularies, names):
            # left to the cyclic GC, every full collection walks them all (about 100 ms, a
            # stall every few thousand requests). Frozen, they are skipped; a replaced model
            # is still freed, by reference counting (it holds no cycles).
            gc.freeze()
            self._on_swap(current, new)
            log.info("serving model %s", new.id, extra={"event": "model_loaded", "model": new.id,
                                                          "previous": current.id if current else None})
            return current, new

    async def watch(self, interval: float, on_error: Callable[[Exception], None]) -> None:
        """Follow the pointer: check it every `interval` seconds, load when it names another model."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self.reload(only_if_changed=True)
            except Exception as e:  # noqa: BLE001 - the watch must outlive a bad pointer or artifact
                on_error(e)
