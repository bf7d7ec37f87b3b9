"""The local engine of batch scoring: `score_batch` in this process (one worker, or an
input of one batch), or in N worker processes that each load the model once. Results come
back in input order with a bounded number of batches in flight (see score.py)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path

from training.batch.corpus import Document
from training.batch.outputs import OutputSpec
from training.batch.processes import die_with_parent
from training.batch.score import Batch, BatchResult, pin_threads, score_batch
from training.errors import ModelError, StanceError
from training.registry import load_model

__all__ = ["LocalEngine"]

IN_FLIGHT_PER_WORKER = 4  # batches submitted ahead: slack for uneven batches, bounded for flat memory

_WORKER: dict = {}


def _init_worker(models_dir: str, model_id: str, sha256: str, parent: int) -> None:
    die_with_parent(parent)  # a killed job must not leave its workers behind (processes.py)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops cleanly
    pin_threads()
    inherited = _WORKER.get("classifier")
    if inherited is not None and inherited.sha256 == sha256:
        return  # forked from the parent, which had loaded this very model: ~1 s of CPU saved a worker
    model = load_model(models_dir, model_id)
    if model.classifier.sha256 != sha256:
        raise ModelError(
            f"expected model {model_id} with sha256 {sha256[:12]}..., found {model.classifier.sha256[:12]}..."
        )
    _WORKER["classifier"] = model.classifier


def _score_in_worker(docs: list[Document], spec: OutputSpec) -> BatchResult:
    return score_batch(_WORKER["classifier"], docs, spec)


class LocalEngine:
    """Scores in this process (one worker, or an input of one batch) or in N processes that
    each load the model once."""

    def __init__(self, classifier, spec: OutputSpec, *, workers: int, models_dir: Path):
        self.classifier, self.spec, self.workers, self.models_dir = classifier, spec, workers, models_dir
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _start_pool(self) -> ProcessPoolExecutor:
        # fork starts a worker in milliseconds; spawn would import scikit-learn again in each.
        # Forked workers also inherit the loaded model (checked by sha256 in _init_worker).
        fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:
            _WORKER["classifier"] = self.classifier
        ctx = multiprocessing.get_context("fork" if fork else None)
        return ProcessPoolExecutor(
            self.workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(str(self.models_dir), self.classifier.model_id, self.classifier.sha256, os.getpid()),
        )

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, BatchResult]]:
        head = list(islice(batches, 2))
        if self.workers == 1 or len(head) < 2:  # no pool to start for a single batch
            pin_threads()
            for b in chain(head, batches):
                yield b, score_batch(self.classifier, b.docs, self.spec)
            return
        self.pool = self._start_pool()
        pending: deque = deque()
        try:
            for b in chain(head, batches):
                pending.append((b, self.pool.submit(_score_in_worker, b.docs, self.spec)))
                if len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:  # bounded: the reader never runs far ahead
                    b0, f = pending.popleft()
                    yield b0, f.result()
            while pending:
                b0, f = pending.popleft()
                yield b0, f.result()
        except BrokenProcessPool:
            raise StanceError(
                "a worker process died (out of memory, or killed); run the same command with "
                "--resume to continue from the last checkpoint"
            ) from None
