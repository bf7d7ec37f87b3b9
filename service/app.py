"""The FastAPI app. It serves the active model from the models folder (following the
registry's pointer, see registry_watch.py) and calls `training`'s public functions; it
holds no model logic of its own.

Routes that score are `async def` and run small requests right on the event loop: a sync
route pays a thread-pool hand-off per request (tens of ms at p99 under concurrency), and
the work is CPU-bound, so threads would not run it in parallel anyway. Small requests
waiting at the same time share one model call (microbatch.py). Large requests go to one
worker thread so the loop keeps answering health checks meanwhile. Past
`max_concurrency` scoring requests in flight a worker answers 503 (see middleware.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import orjson
import pydantic_core
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from training import LoadedModel, ModelError, StanceError, Thresholds, list_models, load_model

from .fast_path import FastClassify
from .metrics import CONTENT_TYPE, Metrics
from .microbatch import MicroBatcher
from .middleware import BodyLimit, ConcurrencyCap, RequestContext
from .registry_watch import ModelSlot
from .schemas import BatchRequest, BatchResponse, ClassifyRequest, ClassifyResponse, ErrorResponse, ReloadResponse
from .security import AdminGuard, ApiKeyGuard
from .settings import Settings

__all__ = ["create_app", "create_app_from_env"]

log = logging.getLogger("stancewatch.service")
STATIC = Path(__file__).parent / "static"
# Requests with more characters than this are scored in a worker thread, not on the loop
# (about 50 sentences: a few milliseconds of work at most stays inline).
INLINE_CHARS = 5_000


def _json(content: Any) -> Response:
    """Serialise a scoring result straight to JSON. `response_model` still documents the
    shape (and the schemathesis test checks answers against it), but validating every
    answer against it again cost about 1.5 ms a request, a tenth of the whole. orjson
    writes an explained paragraph in a third of pydantic's time (~25 µs against ~75 µs)."""
    try:
        body = orjson.dumps(content)
    except TypeError:  # what orjson cannot write (a subclass of str, say); pydantic can
        body = pydantic_core.to_json(content)
    return Response(body, media_type="application/json")


def _finish(results: list[dict], metrics: Metrics) -> None:
    """Count the sentences by label, and spell out the optional fields as null, as the
    response models document them."""
    labels = []
    for result in results:
        for sentence in result["sentences"]:
            labels.append(sentence["label"])
            explanation = sentence.setdefault("explanation", None)
            for cue in explanation["cues"] if explanation else ():
                cue.setdefault("without", None)
    metrics.count_sentences(labels)


def _errors(*codes: int) -> dict:
    return {code: {"model": ErrorResponse} for code in codes}


def serving_model(slot: ModelSlot, state: dict) -> LoadedModel:
    """The model this request will use from start to end, or 503 while there is none;
    `state` is the request's `scope["state"]`, where the model's id is noted for the
    X-Model-ID header. Called by the routes themselves, not as a FastAPI dependency:
    resolving one cost more than a tenth of the framework's time per request."""
    model = slot.model
    if model is None:
        raise HTTPException(503, f"no model is loaded: {slot.error}", headers={"Retry-After": "5"})
    state["model_id"] = model.id
    return model


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
    metrics = Metrics()

    def on_swap(previous: LoadedModel | None, current: LoadedModel) -> None:
        metrics.model = current.classifier.model_info()
        if previous is not None:
            metrics.count_reload("ok")

    def on_watch_error(e: Exception) -> None:
        metrics.count_reload("error")
        log.error("could not load the newly active model, still serving the old one: %s", e,
                  extra={"event": "model_reload_failed"})

    slot = ModelSlot(settings.models_dir, lambda: _load(settings), on_swap)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.big_requests = anyio.CapacityLimiter(1)
        try:
            await slot.reload()
        except StanceError as e:
            log.error("no model loaded: %s", e, extra={"event": "model_load_failed"})
        watch = (asyncio.create_task(slot.watch(settings.reload_interval, on_watch_error))
                 if settings.reload_interval > 0 else None)
        try:
            yield
        finally:
            if watch is not None:
                watch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watch

    app = FastAPI(title="Stancewatch", version="1", lifespan=lifespan,
                  description="Sentence by sentence: what is asserted, denied or insinuated, and why.")
    app.state.settings = settings
    app.state.slot = slot
    app.state.metrics = metrics

    batcher = MicroBatcher(INLINE_CHARS, metrics.observe_model_call, lambda: metrics.in_flight)

    async def run_scoring(model: LoadedModel, texts: list[str], explain: bool | str, top_k: int) -> list[dict]:
        if sum(map(len, texts)) <= INLINE_CHARS:
            return await batcher.classify(model.classifier, texts, explain=explain, top_k=top_k)
        return await anyio.to_thread.run_sync(
            lambda: model.classifier.classify_many(texts, explain=explain, top_k=top_k), limiter=app.state.big_requests)

    def check_text(text: str, where: str = "text") -> None:
        if not text.strip():
            raise HTTPException(422, f"{where} must contain some non-whitespace text, got an empty text")
        if len(text) > settings.max_chars:
            raise HTTPException(413, f"{where} has {len(text)} characters, over the limit of {settings.max_chars}")

    def check_top_k(top_k: int) -> None:
        if top_k > settings.max_top_k:
            raise HTTPException(422, f"top_k must be at most {settings.max_top_k}, got {top_k}")

    api_keys = ApiKeyGuard(settings.api_keys) if settings.api_keys else None
    scoring_guard = [Depends(api_keys)] if api_keys else []
    scoring_errors = _errors(413, 422, 503, *((401, 403) if settings.api_keys else ()))

    async def classify_response(body: ClassifyRequest, state: dict) -> Response:
        model = serving_model(slot, state)
        check_text(body.text)
        check_top_k(body.top_k)
        results = await run_scoring(model, [body.text], body.explain, body.top_k)
        _finish(results, metrics)
        return _json(results[0])

    @app.post("/v1/classify", response_model=ClassifyResponse, responses=scoring_errors, dependencies=scoring_guard)
    async def classify(body: ClassifyRequest, request: Request):
        """Label every sentence of `text`, with spans, probabilities and explanations."""
        return await classify_response(body, request.scope.setdefault("state", {}))

    @app.post("/v1/classify/batch", response_model=BatchResponse, responses=scoring_errors, dependencies=scoring_guard)
    async def classify_batch(body: BatchRequest, request: Request):
        """Label many documents in one request (one model call for all their sentences)."""
        model = serving_model(slot, request.scope.setdefault("state", {}))
        if len(body.documents) > settings.max_documents:
            raise HTTPException(413, f"documents has {len(body.documents)} items, over the limit of {settings.max_documents}")
        if not body.documents:
            raise HTTPException(422, "documents must hold at least one document, got none")
        check_top_k(body.top_k)
        for i, d in enumerate(body.documents):
            check_text(d.text, f"documents[{i}].text")
        texts = [d.text for d in body.documents]
        results = await run_scoring(model, texts, body.explain, body.top_k)
        _finish(results, metrics)
        return _json({"documents": [{"id": d.id, **r} for d, r in zip(body.documents, results, strict=True)],
                      "model": model.classifier.model_info()})

    @app.get("/v1/model", responses=_errors(503, *((401, 403) if settings.api_keys else ())),
             dependencies=scoring_guard)
    async def model_card(request: Request) -> dict:
        """The active model's card."""
        return serving_model(slot, request.scope.setdefault("state", {})).card

    @app.get("/healthz")
    async def healthz() -> dict:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", responses=_errors(503))
    async def readyz():
        """Readiness: a model is loaded (503 until then)."""
        model = slot.model
        if model is None:
            return JSONResponse({"detail": f"not ready: {slot.error}"}, status_code=503)
        return {"status": "ready", "model": model.classifier.model_info()}

    @app.get("/metrics", response_class=PlainTextResponse)
    async def prometheus():
        """Counters and latency histograms of this worker, in the Prometheus text format."""
        return PlainTextResponse(metrics.render(), media_type=CONTENT_TYPE)

    if settings.admin_token:
        app.include_router(_admin_router(settings.admin_token, settings, slot, metrics))

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    _document_limits(app, settings)

    # Innermost: the common scoring request skips the framework (fast_path.py).
    app.add_middleware(FastClassify, path="/v1/classify", model=ClassifyRequest, respond=classify_response,
                       route=next(r for r in app.routes if getattr(r, "path", None) == "/v1/classify"),
                       accepts=api_keys.admits_headers if api_keys else None)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ConcurrencyCap, metrics=metrics, limit=settings.max_concurrency)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "X-Model-ID"], max_age=600)
    app.add_middleware(RequestContext, metrics=metrics, log_requests=settings.access_log)
    return app


def _admin_router(token: str, settings: Settings, slot: ModelSlot, metrics: Metrics) -> APIRouter:
    """/v1/admin/*: only built when STANCE_ADMIN_TOKEN is set, so without it they are 404."""
    router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(AdminGuard(token))],
                       responses=_errors(401, 403))

    @router.post("/reload", response_model=ReloadResponse, responses=_errors(409))
    async def reload():
        """Load the registry's active model again and swap it in; requests in flight finish on
        the model they started with."""
        before = slot.model
        try:
            previous, current = await slot.reload()
        except StanceError as e:
            metrics.count_reload("error")
            serving = f"still serving {before.id}" if before else "no model is loaded"
            raise HTTPException(409, f"could not load the active model ({e}); {serving}") from None
        return {"model": current.classifier.model_info(),
                "previous": previous.classifier.model_info() if previous else None,
                "changed": previous is None or previous.id != current.id}

    @router.get("/models")
    async def models() -> list[dict]:
        """The registry: every trained model, which is active, and which this worker serves."""
        cards = await anyio.to_thread.run_sync(list_models, settings.models_dir)
        serving = slot.model.id if slot.model else None
        return [{"id": c["id"], "created": c.get("created"), "labels": c.get("labels"), "rows": c.get("rows"),
                 "heldout_macro_f1": ((c.get("metrics") or {}).get("heldout") or {}).get("macro_f1"),
                 "active": c["active"], "serving": c["id"] == serving} for c in cards]

    return router


def _document_limits(app: FastAPI, settings: Settings) -> None:
    """Write this app's limits into its OpenAPI document, so clients (and schemathesis) see
    them. They are checked in the routes, not by the models, so that going over one
    answers 413 with the limit in the message rather than a generic 422."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema["components"]["schemas"]
            text = {"pattern": r"\S", "maxLength": settings.max_chars}
            schemas["ClassifyRequest"]["properties"]["text"].update(text)
            schemas["BatchDocument"]["properties"]["text"].update(text)
            schemas["BatchRequest"]["properties"]["documents"].update(minItems=1, maxItems=settings.max_documents)
            for name in ("ClassifyRequest", "BatchRequest"):
                schemas[name]["properties"]["top_k"]["maximum"] = settings.max_top_k
            return schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class ErrorJSONResponse(JSONResponse):
    """Error bodies may quote what the client sent; ASCII-escaped JSON can quote anything."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errs = exc.errors()
        first = errs[0] if errs else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or "body"
        msg = f"invalid request: {where}: {first.get('msg', 'invalid')}"
        if first.get("type") == "json_invalid":
            msg = "invalid request: expected a JSON body, found malformed JSON"
        return ErrorJSONResponse({"detail": msg, "errors": [{"loc": list(map(str, e.get("loc", ()))), "msg": e.get("msg"),
                                                         "type": e.get("type")} for e in errs]}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # FastAPI answers 400 for a body that is not even text; it is as malformed as bad JSON.
            return ErrorJSONResponse({"detail": "invalid request: expected a UTF-8 JSON body, found bytes that cannot be decoded"},
                                status_code=422)
        return ErrorJSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(ModelError)
    async def model_error(request: Request, exc: ModelError):
        return ErrorJSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        rid = request.scope.get("state", {}).get("request_id", "")
        log.error("unhandled error", exc_info=exc, extra={"event": "error", "request_id": rid})
        return ErrorJSONResponse({"detail": f"internal error; quote request id {rid} when reporting it"}, status_code=500)


def create_app_from_env() -> FastAPI:
    """The factory `stance serve` hands to uvicorn (settings from STANCE_* variables), once
    per worker process. Pins BLAS/OpenMP to one thread: workers, not threads, use the cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    # A request allocates thousands of short-lived objects that reference counting frees;
    # with the default threshold (700) the cycle collector also walks them several times a
    # request. 50,000 lets nearly all die first: 1.5% fewer instructions per request.
    gc.set_threshold(50_000, 10, 10)
    # The access log makes a record a request; what a record would look up and no line of
    # ours prints (the caller's file and line, thread and process names) was a fifth of
    # its cost (the logging HOWTO's "Optimization" switches).
    logging._srcfile = None
    logging.logThreads = False
    logging.logMultiprocessing = False
    return create_app(Settings.from_env())
