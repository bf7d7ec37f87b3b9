"""Score the small requests that wait in a worker together, in one model call.

A worker scores on its event loop, so requests that arrive while it is busy queue up
behind each other. Scored one by one, each pays the model call's fixed cost (the numpy
calls of featurising, scoring and explaining cost about as much for one paragraph as for
several); scored together, they share it. `MicroBatcher` does that without a timer: a
request joins the queue and the next turn of the loop scores everything queued by then.
A lone request is scored on that very next turn. When more requests are in flight than
queued (`in_flight`), it waits at most `max_waits` more turns for them: requests read in
the same turn reach the queue a turn or two apart, one per middleware await. Under
concurrent load the queue holds the requests that arrived during the previous call.

One call takes at most `max_chars` characters (at least one request), so the loop is not
held longer than by one large inline request; the rest wait for the next turn, after the
loop has answered whatever else came in. A call that fails is retried request by request,
so one bad request fails alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MicroBatcher"]


@dataclass(slots=True)
class _Job:
    classifier: object  # training.Classifier: the model the request started with
    texts: list[str]
    explain: bool | str
    top_k: int
    future: asyncio.Future

    @property
    def group(self) -> tuple:
        return id(self.classifier), self.explain, self.top_k


class MicroBatcher:
    """Coalesces `classify` calls made in the same turn of the event loop (module docstring).
    `on_call(n)` is told how many requests each model call scored (for the metrics)."""

    def __init__(
        self,
        max_chars: int,
        on_call: Callable[[int], None] | None = None,
        in_flight: Callable[[], int] | None = None,
        max_waits: int = 2,
    ):
        self.max_chars = max_chars
        self.on_call = on_call
        self.in_flight = in_flight
        self.max_waits = max_waits
        self._queue: list[_Job] = []
        self._scheduled = False
        self._waits = 0

    async def classify(self, classifier, texts: list[str], *, explain: bool | str, top_k: int) -> list[dict]:
        """`classifier.classify_many(texts, ...)`, scored with whatever else is queued."""
        loop = asyncio.get_running_loop()
        job = _Job(classifier, texts, explain, top_k, loop.create_future())
        self._queue.append(job)
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._run)
        return await job.future

    def _run(self) -> None:
        loop = asyncio.get_running_loop()
        if self.in_flight is not None and self._waits < self.max_waits and self.in_flight() > len(self._queue):
            # Requests that arrived together reach this point a turn or two apart (each
            # middleware await is a turn): wait for them rather than call the model twice.
            self._waits += 1
            loop.call_soon(self._run)
            return
        self._waits = 0
        self._scheduled = False
        queue = [j for j in self._queue if not j.future.done()]  # a client that left: nothing to do
        taken, chars = 0, 0
        for job in queue:
            chars += sum(map(len, job.texts))
            if taken and chars > self.max_chars:
                break
            taken += 1
        jobs, self._queue = queue[:taken], queue[taken:]
        if self._queue:  # the rest on the next turn, after the loop has seen to its I/O
            self._scheduled = True
            loop.call_soon(self._run)
        groups: dict[tuple, list[_Job]] = {}
        for job in jobs:
            groups.setdefault(job.group, []).append(job)
        for group in groups.values():
            self._score(group)

    def _score(self, jobs: list[_Job]) -> None:
        first = jobs[0]
        try:
            results = first.classifier.classify_many(
                [t for j in jobs for t in j.texts], explain=first.explain, top_k=first.top_k
            )
        except Exception as e:  # noqa: BLE001 - handed to the request, which answers for it
            if len(jobs) == 1:
                if not first.future.done():
                    first.future.set_exception(e)
            else:
                for job in jobs:
                    self._score([job])
            return
        if self.on_call is not None:
            self.on_call(len(jobs))
        start = 0
        for job in jobs:
            end = start + len(job.texts)
            if not job.future.done():
                job.future.set_result(results[start:end])
            start = end
