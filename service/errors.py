"""How errors are answered: one JSON shape, `{"detail": "..."}`, a line saying what was
expected and what came; a validation error also lists every error found. A crash is logged
with its request id and answered 500 quoting that id, nothing more."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from training import Cancelled, ModelError

__all__ = ["ErrorJSONResponse", "add_error_handlers"]

log = logging.getLogger("stancewatch.service")


class ErrorJSONResponse(JSONResponse):
    """Error bodies may quote what the client sent; ASCII-escaped JSON can quote anything."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def add_error_handlers(app: FastAPI) -> None:
    """Every error as `{"detail": one line}` (validation errors also list each `errors` item)."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errs = exc.errors()
        first = errs[0] if errs else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or "body"
        msg = f"invalid request: {where}: {first.get('msg', 'invalid')}"
        if first.get("type") == "json_invalid":
            msg = "invalid request: expected a JSON body, found malformed JSON"
        return ErrorJSONResponse(
            {
                "detail": msg,
                "errors": [
                    {"loc": list(map(str, e.get("loc", ()))), "msg": e.get("msg"), "type": e.get("type")} for e in errs
                ],
            },
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI answers 400 for a body json.loads raised on: as malformed as bad JSON.
            if isinstance(exc.__cause__, RecursionError):
                detail = (
                    f"invalid request: expected JSON nested at most about {sys.getrecursionlimit()} levels deep, "
                    "found deeper nesting"
                )
            else:
                detail = "invalid request: expected a UTF-8 JSON body, found bytes that cannot be decoded"
            return ErrorJSONResponse({"detail": detail}, status_code=422)
        return ErrorJSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(ModelError)
    async def model_error(request: Request, exc: ModelError):
        return ErrorJSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(Cancelled)
    async def client_gone(request: Request, exc: Cancelled):
        # No one reads it; 499 ("client closed request", as nginx logs it) is for the log and metrics.
        return ErrorJSONResponse({"detail": f"not scored: {exc}"}, status_code=499)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        rid = request.scope.get("state", {}).get("request_id", "")
        log.error("unhandled error", exc_info=exc, extra={"event": "error", "request_id": rid})
        # Starlette answers an unhandled error outside every middleware, so RequestContext
        # never sees this response: the request id header is set here.
        return ErrorJSONResponse(
            {"detail": f"internal error; quote request id {rid} when reporting it"},
            status_code=500,
            headers={"X-Request-ID": rid} if rid else None,
        )
