"""`POST /v1/classify`'s common case, without the framework's per-request machinery.

For each request FastAPI matches the route, wraps the request, reads and parses the body,
solves the route's dependencies, validates the body and wraps the endpoint's answer: about
a sixth of what a scored paragraph costs in all. `FastClassify` sits innermost among the
middlewares (request id, metrics, access log, concurrency cap and body limit all still
apply) and, for a POST to the path with a JSON body, parses it with orjson, validates it
with the route's own request model and answers with the route's own scoring function.

Everything else goes to the app unchanged, with the body it sent: another path or method,
another content type, any request while the app has dependency overrides (a test's, which
only FastAPI applies), and a body orjson or the model rejects, so every parsing or
validation error is answered by the documented route itself, with its handlers and
messages. Parsing differs only where orjson is stricter than `json.loads` (a BOM, NaN,
lone surrogates, another encoding): such bodies fail here and take the full path; so do
integers past 64 bits, which orjson reads as inexact floats. The batch route is not taken
this way: a document `id` past 64 bits would come back changed.

Once a body is validated the request is answered here and never started over: scoring a
request twice would call a failing model twice. An error from then on (a limit the route
checks, no model, a failed model call) is answered by the app's handler for it, as the
route's would be; one with no handler (a failed model call, say) is raised to the app's
last resort, which answers 500, as on the full path.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import orjson
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.requests import Request

__all__ = ["FastClassify"]

# orjson reads an integer past 64 bits as a float, exact only by chance; `json.loads`, as the
# route does, reads it exactly. A float this large sends the request to the full path.
_INEXACT = 2.0**63


class FastClassify:
    """ASGI middleware: answer `POST path` with `respond(model.model_validate(json), request)`,
    `request` being the Starlette request of the scope; hand anything else to `app` (module
    docstring). `route` is the app's route object for the path, which the metrics and the
    access log read as the request's route. `accepts(headers)` says whether the request's
    credentials let it in without the app's own checks (None: nothing to check).
    `handlers` maps exception classes (or status codes) to the app's exception handlers,
    the app's `exception_handlers`."""

    def __init__(
        self,
        app,
        *,
        path: str,
        model: type[BaseModel],
        route,
        respond: Callable[[Any, Request], Awaitable],
        accepts: Callable[[list], bool] | None = None,
        handlers: Mapping | None = None,
    ):
        self.app, self.path, self.model, self.route = app, path, model, route
        self.respond, self.accepts, self.handlers = respond, accepts, handlers or {}

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] != "http"
            or scope["path"] != self.path
            or scope["method"] != "POST"
            or not _json_content(scope["headers"])
            or (self.accepts is not None and not self.accepts(scope["headers"]))
            or getattr(scope.get("app"), "dependency_overrides", None)
        ):
            return await self.app(scope, receive, send)
        messages, body = await _read(receive)
        request = self._parse(body) if messages[-1]["type"] == "http.request" else None
        if request is None:  # the full route answers it, with its own messages
            return await self.app(scope, _replay(messages, receive), send)
        scope["route"] = self.route
        scope.setdefault("state", {})
        try:
            response = await self.respond(request, Request(scope, receive))
        except Exception as e:
            handler = self._handler(e)
            if handler is None:
                raise  # the app's last resort answers 500 (module docstring)
            response = handler(Request(scope, receive), e)
            if inspect.isawaitable(response):
                response = await response
        await response(scope, receive, send)

    def _parse(self, body: bytes) -> BaseModel | None:
        """The validated request, or None when orjson or the model rejects the body, or orjson
        may have read it otherwise than the route would."""
        try:
            data = orjson.loads(body)
            if isinstance(data, dict) and any(isinstance(v, float) and abs(v) >= _INEXACT for v in data.values()):
                return None
            return self.model.model_validate(data)
        except ValueError:  # orjson.JSONDecodeError and pydantic's ValidationError both are
            return None

    def _handler(self, exc: Exception):
        """The app's handler for `exc`, looked up as Starlette's ExceptionMiddleware does; None
        for what only the last resort (a handler of Exception or 500) answers."""
        if isinstance(exc, HTTPException) and exc.status_code in self.handlers:
            return self.handlers[exc.status_code]
        for cls in type(exc).__mro__:
            if cls is Exception:
                return None
            if cls in self.handlers:
                return self.handlers[cls]
        return None


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
