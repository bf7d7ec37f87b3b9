"""Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task and a queue per request).

From the outside in: `RequestContext` (request id, model header, metrics, access log),
then CORS when configured, the API key check (security.py), `BodyReader` (body.py: 413
past the size limit, 408 past the body deadline) and `ConcurrencyCap` (503 past the
per-worker limit): a request without credentials, or whose body is still arriving, never
holds a place under the cap.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import uuid

from fastapi.responses import JSONResponse

from .metrics import Metrics

__all__ = ["ConcurrencyCap", "RequestContext"]

access_log = logging.getLogger("stancewatch.access")
_REQUEST_ID = re.compile(r"[\x21-\x7e]{1,128}")  # printable ASCII, no spaces: safe in headers and logs
# Metric labels take only these methods: a client can send any token as a method, and each
# new label value would be a new time series.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestContext:
    """Give every response an X-Request-ID (the client's when sane, else a new one) and an
    X-Model-ID when a model produced it; count and time it; log it as one JSON line."""

    def __init__(self, app, metrics: Metrics, log_requests: bool = True):
        self.app, self.metrics, self.log_requests = app, metrics, log_requests

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        rid = ""
        for name, value in scope.get("headers") or ():
            if name == b"x-request-id":
                rid = value.decode("latin-1")
                break
        if not _REQUEST_ID.fullmatch(rid):
            rid = uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        status = 500  # what the client gets if the app raises before answering

        async def send_with_headers(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                extra = [(b"x-request-id", rid.encode("ascii"))]
                if state.get("model_id"):
                    extra.append((b"x-model-id", state["model_id"].encode("ascii")))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            seconds = time.perf_counter() - t0
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope["method"] if scope["method"] in _METHODS else "other"
            self.metrics.observe_request(route, method, status, seconds)
            if self.log_requests:
                access_log.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "event": "request",
                        "request_id": rid,
                        "method": scope["method"],
                        "path": scope["path"],
                        "route": route,
                        "status": status,
                        "ms": round(seconds * 1000, 3),
                        "model": state.get("model_id"),
                        "client": (scope.get("client") or ("", 0))[0],
                    },
                )


class ConcurrencyCap:
    """Past `limit` scoring requests in flight in this worker, answer 503 with Retry-After at
    once instead of queueing without bound (CPU-bound work queued behind itself only gets
    slower for everyone)."""

    def __init__(self, app, metrics: Metrics, limit: int, prefix: str = "/v1/classify"):
        self.app, self.metrics, self.limit, self.prefix = app, metrics, limit, prefix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        if self.metrics.in_flight >= self.limit:
            busy = f"the service is busy: over the limit of {self.limit} scoring requests at once per worker; retry shortly"
            return await JSONResponse({"detail": busy}, status_code=503, headers={"Retry-After": "1"})(
                scope, receive, send
            )
        self.metrics.in_flight += 1
        try:
            # Scoring runs on the loop without awaiting, so a request would otherwise run to
            # its end as soon as its task starts, and requests waiting behind it (tasks not yet
            # started) would never be counted. Yielding once lets every waiting request check
            # in first, so `in_flight` is the true queue and the cap can act on it.
            await asyncio.sleep(0)
            await self.app(scope, receive, send)
        finally:
            self.metrics.in_flight -= 1
