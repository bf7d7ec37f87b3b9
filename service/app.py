"""The FastAPI app. It loads the active model from the models folder into `app.state`
and calls `training`'s public functions; it holds no model logic of its own."""

from __future__ import annotations

import logging
import uuid
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from training import LoadedModel, ModelError, StanceError, Thresholds, load_model

from .schemas import BatchRequest, BatchResponse, ClassifyRequest, ClassifyResponse, ErrorResponse
from .settings import Settings

__all__ = ["create_app", "create_app_from_env"]

log = logging.getLogger("stancewatch.service")
STATIC = Path(__file__).parent / "static"
ERRORS = {413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}}


class BodyLimit:
    """Answer 413 when a request body exceeds the limit, whatever Content-Length says, and
    give every response an X-Request-ID (the client's, or a new one)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        rid = headers.get(b"x-request-id", b"").decode("latin-1")[:128] or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        too_big = f"request body is over the limit of {self.max_bytes} bytes"

        async def send_with_id(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"x-request-id", rid.encode("latin-1"))]}
            await send(message)

        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await JSONResponse({"detail": too_big}, status_code=413)(scope, receive, send_with_id)
        seen = 0

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send_with_id)
        except _BodyTooLarge:
            await JSONResponse({"detail": too_big}, status_code=413)(scope, receive, send_with_id)


class _BodyTooLarge(Exception):
    pass


def get_model(request: Request) -> LoadedModel:
    """The loaded model, or 503 while there is none."""
    model = request.app.state.model
    if model is None:
        raise HTTPException(503, f"no model is loaded: {request.app.state.load_error}", headers={"Retry-After": "5"})
    return model


ModelDep = Annotated[LoadedModel, Depends(get_model)]


def _thresholds(settings: Settings, model: LoadedModel) -> Thresholds:
    base = model.classifier.thresholds
    return Thresholds(
        min_confidence=settings.min_confidence if settings.min_confidence is not None else base.min_confidence,
        min_margin=settings.min_margin if settings.min_margin is not None else base.min_margin,
        min_known_words=settings.min_known_words if settings.min_known_words is not None else base.min_known_words)


def _load(settings: Settings) -> LoadedModel:
    model = load_model(settings.models_dir)
    model.classifier.thresholds = _thresholds(settings, model)
    return model


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        try:
            app.state.model = _load(settings)
            app.state.load_error = None
            log.info("loaded model %s", app.state.model.id)
        except StanceError as e:
            app.state.model = None
            app.state.load_error = str(e)
            log.error("no model loaded: %s", e)
        yield

    app = FastAPI(title="Stancewatch", version="1", lifespan=lifespan,
                  description="Sentence by sentence: what is asserted, denied or insinuated, and why.")
    app.state.settings = settings
    app.state.model = None
    app.state.load_error = "the service is starting"

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errs = exc.errors()
        first = errs[0] if errs else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or "body"
        msg = f"invalid request: {where}: {first.get('msg', 'invalid')}"
        if first.get("type") == "json_invalid":
            msg = "invalid request: expected a JSON body, found malformed JSON"
        return JSONResponse({"detail": msg, "errors": [{"loc": list(map(str, e.get("loc", ()))), "msg": e.get("msg"),
                                                         "type": e.get("type")} for e in errs]}, status_code=422)

    def check_text(text: str, where: str = "text") -> None:
        if not text.strip():
            raise HTTPException(422, f"{where} must contain some non-whitespace text, got an empty text")
        if len(text) > settings.max_chars:
            raise HTTPException(413, f"{where} has {len(text)} characters, over the limit of {settings.max_chars}")

    def check_top_k(top_k: int) -> None:
        if top_k > settings.max_top_k:
            raise HTTPException(422, f"top_k must be at most {settings.max_top_k}, got {top_k}")

    @app.post("/v1/classify", response_model=ClassifyResponse, responses=ERRORS)
    def classify(body: ClassifyRequest, model: ModelDep):
        """Label every sentence of `text`, with spans, probabilities and explanations."""
        check_text(body.text)
        check_top_k(body.top_k)
        return model.classifier.classify(body.text, explain=body.explain, top_k=body.top_k)

    @app.post("/v1/classify/batch", response_model=BatchResponse, responses=ERRORS)
    def classify_batch(body: BatchRequest, model: ModelDep):
        """Label many documents in one request (one model call for all their sentences)."""
        if len(body.documents) > settings.max_documents:
            raise HTTPException(413, f"documents has {len(body.documents)} items, over the limit of {settings.max_documents}")
        if not body.documents:
            raise HTTPException(422, "documents must hold at least one document, got none")
        check_top_k(body.top_k)
        for i, d in enumerate(body.documents):
            check_text(d.text, f"documents[{i}].text")
        results = model.classifier.classify_many([d.text for d in body.documents], explain=body.explain, top_k=body.top_k)
        return {"documents": [{"id": d.id, **r} for d, r in zip(body.documents, results)],
                "model": model.classifier.model_info()}

    @app.get("/v1/model")
    def model_card(model: ModelDep) -> dict:
        """The active model's card."""
        return model.card

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", responses={503: {"model": ErrorResponse}})
    def readyz(request: Request):
        model = request.app.state.model
        if model is None:
            return JSONResponse({"detail": f"not ready: {request.app.state.load_error}"}, status_code=503)
        return {"status": "ready", "model": model.classifier.model_info()}

    @app.get("/", include_in_schema=False)
    def page():
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI answers 400 for a body that is not even text; it is as malformed as bad JSON.
            return JSONResponse({"detail": "invalid request: expected a UTF-8 JSON body, found bytes that cannot be decoded"},
                                status_code=422)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(ModelError)
    async def model_error(request: Request, exc: ModelError):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def create_app_from_env() -> FastAPI:
    """The factory `stance serve` hands to uvicorn (settings from STANCE_* variables)."""
    return create_app(Settings.from_env())
