"""The Dask engine of batch scoring: the same `score_batch` over the same batches as the
local engine, on the workers of a Dask cluster, results gathered in input order.

The client (the `stance score` process) reads the input, forms the batches and writes the
output and checkpoints, as with the local engine; workers only score. So workers need the
`stancewatch` package (same versions as the client) but no access to the input, the output
or the models folder: the client loads and checks the model, then ships it to every
worker once (`scatter(broadcast=True)`), and each task names it instead of carrying it.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from training.batch.outputs import OutputSpec
from training.batch.score import Batch, BatchResult, pin_threads, score_batch
from training.errors import InputError, StanceError

__all__ = ["DaskEngine"]

IN_FLIGHT_PER_THREAD = 4  # keeps a worker busy across the round trips (2 left gaps); bounded, so memory stays flat


def _distributed():
    try:
        import distributed
    except ImportError:
        raise InputError(
            "expected Dask for --engine dask, found it missing; install it with: pip install 'stancewatch[dask]'"
        ) from None
    return distributed


def _score_on_worker(classifier, docs, spec: OutputSpec) -> BatchResult:
    pin_threads()  # once per worker process
    return score_batch(classifier, docs, spec)


class DaskEngine:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes."""

    def __init__(
        self,
        classifier,
        spec: OutputSpec,
        *,
        scheduler: str | None = None,
        workers: int = 1,
        processes: bool = True,
        timeout: float = 5.0,
        log: Callable[[str], None] = lambda msg: None,
    ):
        self.classifier, self.spec, self.scheduler, self.workers = classifier, spec, scheduler, workers
        self.processes, self.timeout, self.log = processes, timeout, log
        self.client: Any = None
        self.cluster: Any = None
        self.model: Any = None

    def __enter__(self):
        distributed = _distributed()
        try:
            if self.scheduler:
                # A wrong or dead address should say so in seconds, not distributed's 30.
                self.client = distributed.Client(self.scheduler, timeout=f"{self.timeout}s")
            else:
                self.cluster = distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=self.processes,
                    dashboard_address=None,
                    # No dashboard, but the scheduler still serves /metrics over HTTP, on 8787
                    # unless told otherwise: a free port lets two jobs (or tests) run at once.
                    scheduler_kwargs={"dashboard_address": ":0"},
                    silence_logs=logging.WARNING,
                )
                self.client = distributed.Client(self.cluster)
        except OSError as e:  # distributed raises OSError (or TimeoutError, a subclass) for no scheduler
            self.__exit__()
            raise StanceError(
                f"expected a Dask scheduler at {self.scheduler}, found none answering within "
                f"{self.timeout:g} s ({e}); check the address, or wait longer with "
                "--scheduler-timeout SECONDS"
            ) from None
        threads = sum(self.client.nthreads().values())
        self.limit = IN_FLIGHT_PER_THREAD * max(threads, 1)
        self.log(f"dask: {len(self.client.nthreads())} workers, {threads} threads at {self.client.scheduler.address}")
        self.model = self.client.scatter(self.classifier, broadcast=True, hash=False)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = self.model = None

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, BatchResult]]:
        pending: deque = deque()
        for b in batches:
            pending.append((b, self.client.submit(_score_on_worker, self.model, b.docs, self.spec, pure=False)))
            if len(pending) >= self.limit:
                b0, f = pending.popleft()
                yield b0, f.result()
        while pending:
            b0, f = pending.popleft()
            yield b0, f.result()
