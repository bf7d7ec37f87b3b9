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
import sys
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

from training import Cancelled, LoadedModel, ModelError, StanceError, Thresholds, WhatIfLimits, list_models, load_model

from .body import BodyReader
from .fast_path import FastClassify
from .feedback_routes import feedback_router
from .metrics import CONTENT_TYPE, Metrics
from .microbatch import MicroBatcher
from .middleware import ConcurrencyCap, RequestContext
from .pages import extract_all, with_page
from .priority import favour_the_loop, run_behind_the_loop
from .registry_watch import ModelSlot
from .schemas import (
    BatchRequest,
    BatchResponse,
    ClassifyRequest,
    ClassifyResponse,
    ErrorResponse,
    ReloadResponse,
    WorkerOut,
)
from .security import AdminGuard, ApiKeyCheck, ApiKeyGuard
from .settings import Settings
from .workers import WorkerBoard, wait_for_workers

__all__ = ["create_app", "create_app_from_env"]

log = logging.getLogger("stancewatch.service")
STATIC = Path(__file__).parent / "static"
# Requests with more characters than this are scored in a worker thread, not on the loop
# (about 50 sentences: a few milliseconds of work at most stays inline).
INLINE_CHARS = 5_000
# Seconds between looks at the other workers' reload requests when the pointer watch is off.
BOARD_INTERVAL = 1.0


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
            if sentence["label"] is not None:  # a sentence set aside is not classified
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


def create_app(settings: Settings | None = None, *, board: WorkerBoard | None = None) -> FastAPI:
    """The app; `board`: the folder shared with the other workers, if any (workers.py)."""
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

    slot = ModelSlot(settings.models_dir, lambda: _load(settings), on_swap, board)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.big_requests = anyio.CapacityLimiter(1)
        try:
            await slot.reload()
        except StanceError as e:
            log.error("no model loaded: %s", e, extra={"event": "model_load_failed"})
        # With other workers, the watch also runs for their reload requests, if not for the pointer.
        interval = settings.reload_interval or (BOARD_INTERVAL if board is not None else 0)
        watch = (asyncio.create_task(slot.watch(interval, on_watch_error, follow_pointer=settings.reload_interval > 0))
                 if interval > 0 else None)
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

    what_if = WhatIfLimits(settings.max_what_if_per_sentence, settings.max_what_if_chars)

    async def run_scoring(model: LoadedModel, texts: list[str], explain: bool | str, top_k: int,
                          state: dict) -> list[dict]:
        if explain != "full" and sum(map(len, texts)) <= INLINE_CHARS:
            return await batcher.classify(model.classifier, texts, explain=explain, top_k=top_k)
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
            return model.classifier.classify_many(texts, explain=explain, top_k=top_k, what_if=what_if,
                                                  cancelled=gone.is_set if gone is not None else None)

        return await anyio.to_thread.run_sync(score, limiter=app.state.big_requests)

    def check_text(text: str, where: str = "text") -> None:
        if not text.strip():
            raise HTTPException(422, f"{where} must contain some non-whitespace text, got an empty text")
        if len(text) > settings.max_chars:
            raise HTTPException(413, f"{where} has {len(text)} characters, over the limit of {settings.max_chars}")

    def check_unique_ids(documents: list) -> None:
        first: dict = {}
        for i, d in enumerate(documents):
            key = (type(d.id), d.id)  # the id 1 and the id "1" are two ids
            if d.id is not None and first.setdefault(key, i) != i:
                raise HTTPException(422, f"documents[{i}].id {json.dumps(d.id)[:80]} repeats documents[{first[key]}].id; "
                                         "each document needs an id of its own (or none)")

    def check_top_k(top_k: int) -> None:
        if top_k > settings.max_top_k:
            raise HTTPException(422, f"top_k must be at most {settings.max_top_k}, got {top_k}")

    api_keys = ApiKeyGuard(settings.api_keys) if settings.api_keys else None
    scoring_guard = [Depends(api_keys)] if api_keys else []
    scoring_errors = _errors(413, 422, 503, *((401, 403) if settings.api_keys else ()))

    async def classify_response(body: ClassifyRequest, state: dict) -> Response:
        model = serving_model(slot, state)
        check_text(body.text)  # HTML too: the limit is on what the client sends
        check_top_k(body.top_k)
        page = None
        if body.format == "html":  # its main text is scored (pages.py); the body limit bounds the HTML
            page = (await extract_all([body.text]))[0]
        text = body.text if page is None else getattr(page, "text", "")
        results = await run_scoring(model, [text], body.explain, body.top_k, state)
        _finish(results, metrics)
        return _json(with_page(results[0], page))

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
        check_unique_ids(body.documents)
        errors = {}  # an empty document gets its own error; the others still get their answers
        for i, d in enumerate(body.documents):
            if d.text.strip():
                check_text(d.text, f"documents[{i}].text")  # over the limit: the request's 413
            else:
                errors[i] = f"documents[{i}].text must contain some non-whitespace text, got an empty text"
        texts = [d.text for d in body.documents]  # an empty text scores to no sentences
        pages: list = [None] * len(texts)
        if body.format == "html":  # each page's main text is scored; a page without one gets its error
            pages = await extract_all([t if i not in errors else "" for i, t in enumerate(texts)])
            for i, page in enumerate(pages):
                if isinstance(page, str):
                    errors.setdefault(i, f"documents[{i}].text: {page}")
            texts = [getattr(page, "text", "") for page in pages]
        results = await run_scoring(model, texts, body.explain, body.top_k, request.scope["state"])
        _finish(results, metrics)
        return _json({"documents": [{"id": d.id, **with_page(r, pages[i]), "error": errors.get(i)}
                                    for i, (d, r) in enumerate(zip(body.documents, results, strict=True))],
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
        app.include_router(_admin_router(settings.admin_token, settings, slot, metrics, board))
    app.include_router(feedback_router(settings, slot, api_keys))  # corrections and the review page

    @app.get("/", include_in_schema=False)
    async def page():
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    _document_limits(app, settings)

    # Innermost: the common scoring request skips the framework (fast_path.py).
    app.add_middleware(FastClassify, path="/v1/classify", model=ClassifyRequest, respond=classify_response,
                       route=next(r for r in app.routes if getattr(r, "path", None) == "/v1/classify"),
                       handlers=app.exception_handlers)
    app.add_middleware(ConcurrencyCap, metrics=metrics, limit=settings.max_concurrency)
    # Outside the cap: a body still arriving, or missing credentials, never hold a place under it.
    app.add_middleware(BodyReader, max_bytes=settings.max_body_bytes, timeout=settings.body_timeout)
    if api_keys:
        app.add_middleware(ApiKeyCheck, guard=api_keys, paths=frozenset(("/v1/classify", "/v1/classify/batch",
                                                                        "/v1/model")))
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
                           expose_headers=["X-Request-ID", "X-Model-ID"], max_age=600)
    app.add_middleware(RequestContext, metrics=metrics, log_requests=settings.access_log)
    return app


def _admin_router(token: str, settings: Settings, slot: ModelSlot, metrics: Metrics,
                  board: WorkerBoard | None) -> APIRouter:
    """/v1/admin/*: only built when STANCE_ADMIN_TOKEN is set, so without it they are 404."""
    router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[Depends(AdminGuard(token))],
                       responses=_errors(401, 403))

    @router.post("/reload", response_model=ReloadResponse, responses=_errors(409))
    async def reload():
        """Load the registry's active model again and swap it in, in every worker; requests in
        flight finish on the model they started with. Says what each worker serves after."""
        before = slot.model
        request = board.request_reload() if board is not None else 0  # the other workers' watches act on it
        try:
            previous, current = await slot.reload(request=request)
        except StanceError as e:
            metrics.count_reload("error")
            serving = f"still serving {before.id}" if before else "no model is loaded"
            raise HTTPException(409, f"could not load the active model ({e}); {serving}") from None
        served = current.classifier.model_info()
        workers = ([slot.state()] if board is None else
                   await wait_for_workers(board, request, timeout=10 + (settings.reload_interval or BOARD_INTERVAL)))
        return {"model": served, "previous": previous.classifier.model_info() if previous else None,
                "changed": previous is None or previous.id != current.id, "workers": workers,
                "converged": all(w["model"] == served for w in workers)}

    @router.get("/workers", response_model=list[WorkerOut])
    async def workers():
        """What every worker serves, and why its last load failed if it did."""
        return board.workers() if board is not None else [slot.state()]

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
            schemas["BatchDocument"]["properties"]["text"]["maxLength"] = settings.max_chars  # empty: an `error`
            schemas["BatchRequest"]["properties"]["documents"].update(minItems=1, maxItems=settings.max_documents)
            for name in ("ClassifyRequest", "BatchRequest"):
                schemas[name]["properties"]["top_k"]["maximum"] = settings.max_top_k
            _document_protections(schema, settings)
            return schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_protections(schema: dict, settings: Settings) -> None:
    """The what-if limits of `"explain": "full"` and the body deadline (408), as configured."""
    explain = (f"true: cues and top features; 'full': also the probabilities without each cue (`without`), "
               f"for at most {settings.max_what_if_per_sentence} cues a sentence and "
               f"{settings.max_what_if_chars} characters scored again a request; `without` is null past either limit")
    for name in ("ClassifyRequest", "BatchRequest"):
        schema["components"]["schemas"][name]["properties"]["explain"]["description"] = explain
    late = {"description": f"The request body did not arrive within {settings.body_timeout} s (body_timeout)",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}
    for operations in schema["paths"].values():
        for operation in operations.values():
            if "requestBody" in operation:
                operation["responses"].setdefault("408", late)


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
            # FastAPI answers 400 for a body json.loads raised on: as malformed as bad JSON.
            if isinstance(exc.__cause__, RecursionError):
                detail = (f"invalid request: expected JSON nested at most about {sys.getrecursionlimit()} levels deep, "
                          "found deeper nesting")
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
    favour_the_loop()
    # The access log makes a record a request; what a record would look up and no line of
    # ours prints (the caller's file and line, thread and process names) was a fifth of
    # its cost (the logging HOWTO's "Optimization" switches).
    logging._srcfile = None
    logging.logThreads = False
    logging.logMultiprocessing = False
    return create_app(Settings.from_env(), board=WorkerBoard.from_env())
