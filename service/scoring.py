"""Where a scoring request runs, and how its answer is built.

Routes that score are `async def` and run small requests right on the event loop: a sync
route pays a thread-pool hand-off per request (tens of ms at p99 under concurrency), and
the work is CPU-bound, so threads would not run it in parallel anyway. Small requests
waiting at the same time share one model call (microbatch.py). Large requests, and full
explanations, go to one worker thread so the loop keeps answering health checks meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
from fastapi import HTTPException
from fastapi.responses import Response

from training import Cancelled, LoadedModel, WhatIfLimits

from .metrics import Metrics
from .microbatch import MicroBatcher
from .priority import run_behind_the_loop
from .registry_watch import ModelSlot
from .responses import json_response
from .settings import Settings

__all__ = ["INLINE_CHARS", "Scorer", "serving_model"]

# Requests with more characters than this are scored in a worker thread, not on the loop
# (about 50 sentences: a few milliseconds of work at most stays inline).
INLINE_CHARS = 5_000


def serving_model(slot: ModelSlot, state: dict) -> LoadedModel:
    """The model this request will use from start to end, or 503 while there is none;
    `state` is the request's `scope["state"]`, where the model's id is noted for the
    X-Model-ID header."""
    model = slot.model
    if model is None:
        raise HTTPException(503, f"no model is loaded: {slot.error}", headers={"Retry-After": "5"})
    state["model_id"] = model.id
    return model


class Scorer:
    """One worker's scoring: the micro-batcher of small requests, the one thread of large
    ones, the what-if limits, and the answer's last steps (count, build, write)."""

    def __init__(self, settings: Settings, metrics: Metrics):
        self.metrics = metrics
        self.batcher = MicroBatcher(INLINE_CHARS, metrics.observe_model_call, lambda: metrics.in_flight)
        self.what_if = WhatIfLimits(settings.max_what_if_per_sentence, settings.max_what_if_chars)
        self._big_requests: anyio.CapacityLimiter | None = None  # made on the loop, at the first large request

    async def score(
        self, model: LoadedModel, texts: list[str], explain: bool | str, top_k: int, state: dict
    ) -> list[dict]:
        """`texts` scored by `model`, one result each; `state` is the request's scope state."""
        if explain != "full" and sum(map(len, texts)) <= INLINE_CHARS:
            return await self.batcher.classify(model.classifier, texts, explain=explain, top_k=top_k)
        # Large requests, and full explanations (their what-ifs cost more than their length
        # says), in one worker thread: the loop keeps answering meanwhile. The thread stops
        # if the client leaves (body.py), before it starts or between what-ifs.
        client = state.get("client")
        gone = client.start() if client is not None else None
        if gone is not None and gone.is_set():  # gone already (while its page was extracted, say): no queueing
            raise Cancelled("the client left before its request was scored")

        def score() -> list[dict]:
            run_behind_the_loop()  # health checks and small requests on the loop go first (priority.py)
            if gone is not None and gone.is_set():
                raise Cancelled("the client left before its request was scored")
            return model.classifier.classify_many(
                texts,
                explain=explain,
                top_k=top_k,
                what_if=self.what_if,
                cancelled=gone.is_set if gone is not None else None,
            )

        if self._big_requests is None:
            self._big_requests = anyio.CapacityLimiter(1)
        return await anyio.to_thread.run_sync(score, limiter=self._big_requests)

    def answer(self, results: list[dict], content: dict, build: Callable[[dict], dict]) -> Response:
        """`content` (holding `results`) built by its response model's `build`, as JSON; the
        sentences labelled in `results` are counted in the metrics."""
        self.metrics.count_sentences(
            [s["label"] for r in results for s in r["sentences"] if s["label"] is not None]
        )  # a sentence set aside is not classified
        return json_response(build(content))
