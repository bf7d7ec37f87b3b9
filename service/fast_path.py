"""`POST /v1/classify`'s common case, without the framework's per-request machinery.

For each request FastAPI matches the route, wraps the request, reads and parses the body,
solves the route's dependencies, validates the body and wraps the endpoint's answer: about
a sixth of what a scored paragraph costs in all. `FastClassify` sits innermost among the
middlewares (request id, metrics, access log, concurrency cap and body limit all still
apply) and, for a POST to the path with a JSON body, parses it with orjson, validates it
with the route's own request model and answers with the route's own scoring function.

Everything else goes to the app unchanged, with the body it sent: another path or method,
another content type, a body orjson or the model rejects, and any error before the answer
starts (a limit, no model, a failed model call). So every error is answered by the
documented route itself, with its handlers and messages. Parsing differs only where orjson
is stricter than `json.loads` (a BOM, NaN, lone surrogates, another encoding): such bodies
fail here and take the full path; numbers past 64 bits, which orjson reads as floats,
can only be a `top_k` over its limit, an error either way. The batch route is not taken
this way: a document `id` past 64 bits would come back changed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import orjson
from pydantic import BaseModel

__all__ = ["FastClassify"]


class FastClassify:
    """ASGI middleware: answer `POST path` with `respond(model.model_validate(json), state)`,
    where `state` is the request's `scope["state"]`; hand anything else to `app` (module
    docstring). `route` is the app's route object for the path, which the metrics and the
    access log read as the request's route. `accepts(headers)` says whether the request's
    credentials let it in without the app's own checks (None: nothing to check)."""

    def __init__(self, app, *, path: str, model: type[BaseModel], route,
                 respond: Callable[[BaseModel, dict], Awaitable], accepts: Callable[[list], bool] | None = None):
        self.app, self.path, self.model, self.route = app, path, model, route
        self.respond, self.accepts = respond, accepts

    async def __call__(self, scope, receive, send):
        if (scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST"
                or not _json_content(scope["headers"])
                or (self.accepts is not None and not self.accepts(scope["headers"]))):
            return await self.app(scope, receive, send)
        messages, body = await _read(receive)
        if messages[-1]["type"] == "http.request":
            try:
                request = self.model.model_validate(orjson.loads(body))
                response = await self.respond(request, scope.setdefault("state", {}))
            except Exception:  # noqa: BLE001 - the full path answers it, as documented
                pass
            else:
                scope["route"] = self.route
                return await response(scope, receive, send)
        await self.app(scope, _replay(messages, receive), send)


def _json_content(headers) -> bool:
    """No content type, or application/json (with any parameters): what FastAPI parses as
    JSON, less the `+json` types, which take the full path."""
    for name, value in headers:
        if name == b"content-type":
            return value.split(b";", 1)[0].strip().lower() == b"application/json"
    return True


async def _read(receive) -> tuple[list[dict], bytes]:
    """The body's messages as received (ending early at a disconnect) and the body."""
    messages, chunks = [], []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, b""
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return messages, b"".join(chunks)


def _replay(messages: list[dict], receive):
    """A `receive` that gives the messages already read, then whatever comes next."""
    pending = list(messages)

    async def replayed():
        return pending.pop(0) if pending else await receive()

    return replayed
