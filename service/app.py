"""The FastAPI app: `create_app(settings)` wires the routes (routes/, one module a
concern), the middleware and the error handlers; everything a request needs sits on
`app.state` and reaches the routes as typed dependencies (deps.py). It serves the active
model from the models folder (following the registry's pointer, see registry_watch.py) and
calls `training`'s public functions; it holds no model logic of its own.

Middleware, from the outside in (middleware.py): the request context (id, metrics, access
log), CORS when configured, the API-key check, the body reader (413, 408), the concurrency
cap (503 past `max_concurrency` scoring requests in flight) and the fast path of `POST
/v1/classify` (fast_path.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from training import LoadedModel, StanceError, default_feedback_db, load_model

from .body import BodyReader
from .errors import add_error_handlers
from .fast_path import FastClassify
from .metrics import Metrics
from .middleware import ConcurrencyCap, RequestContext
from .openapi import document_limits
from .priority import favour_the_loop
from .registry_watch import ModelSlot
from .routes import admin, classify, feedback, health, model, pages
from .schemas import ClassifyRequest, errors
from .scoring import Scorer
from .security import AdminGuard, ApiKeyCheck, ApiKeyGuard
from .settings import Settings
from .workers import WorkerBoard

__all__ = ["GC_THRESHOLD", "create_app", "create_app_from_env"]

log = logging.getLogger("stancewatch.service")
SCORING_PATHS = frozenset(("/v1/classify", "/v1/classify/batch", "/v1/model"))
# A request allocates thousands of short-lived objects that reference counting frees;
# with the default threshold (700) the cycle collector also walks them several times a
# request. 50,000 lets nearly all die first: 1.5% fewer instructions per request.
GC_THRESHOLD = (50_000, 10, 10)


def create_app(settings: Settings | None = None, *, board: WorkerBoard | None = None) -> FastAPI:
    """The app; `board`: the folder shared with the other workers, if any (workers.py)."""
    settings = settings or Settings()
    app = FastAPI(
        title="Stancewatch",
        version="1",
        lifespan=_lifespan,
        description="Sentence by sentence: what is asserted, denied or insinuated, and why.",
    )
    app.state.settings, app.state.board = settings, board
    app.state.metrics = metrics = Metrics()
    app.state.slot = _model_slot(settings, metrics, board)
    app.state.scorer = Scorer(settings, metrics)
    app.state.feedback_store = feedback.LazyStore(settings.feedback_db or default_feedback_db(settings.models_dir))
    api_keys = ApiKeyGuard(settings.api_keys) if settings.api_keys else None
    _include_routes(app, settings, api_keys)
    add_error_handlers(app)
    document_limits(app, settings)
    _add_middleware(app, settings, api_keys)
    return app


def _include_routes(app: FastAPI, settings: Settings, api_keys: ApiKeyGuard | None) -> None:
    """The routers of routes/. The API keys and the admin token guard whole routers, and only
    when set: the OpenAPI document shows a security scheme exactly where one is enforced."""
    keyed, refusals = ([Depends(api_keys)], errors(401, 403)) if api_keys else ([], {})
    for router in (classify.router, model.router, feedback.router):
        app.include_router(router, dependencies=keyed, responses=refusals)
    app.include_router(health.router)
    if settings.admin_token:  # without it, /v1/admin/* is 404
        guard = AdminGuard(settings.admin_token)
        app.include_router(admin.router, dependencies=[Depends(guard)], responses=errors(401, 403))
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")


def _add_middleware(app: FastAPI, settings: Settings, api_keys: ApiKeyGuard | None) -> None:
    """The middleware of middleware.py, body.py, security.py and fast_path.py, each added
    outside the ones before it."""
    metrics = app.state.metrics
    # Innermost: the common scoring request skips the framework (fast_path.py). Its route
    # object is the one FastAPI matches, under which metrics and the access log count it.
    route = next(r for r in classify.router.routes if getattr(r, "path", None) == "/v1/classify")
    app.add_middleware(
        FastClassify,
        path="/v1/classify",
        model=ClassifyRequest,
        respond=classify.fast_classify,
        route=route,
        handlers=app.exception_handlers,
    )
    app.add_middleware(ConcurrencyCap, metrics=metrics, limit=settings.max_concurrency)
    # Outside the cap: a body still arriving, or missing credentials, never hold a place under it.
    app.add_middleware(BodyReader, max_bytes=settings.max_body_bytes, timeout=settings.body_timeout)
    if api_keys:
        app.add_middleware(ApiKeyCheck, guard=api_keys, paths=SCORING_PATHS)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", "X-Model-ID"],
            max_age=600,
        )
    app.add_middleware(RequestContext, metrics=metrics, log_requests=settings.access_log)


def _model_slot(settings: Settings, metrics: Metrics, board: WorkerBoard | None) -> ModelSlot:
    """The model this worker serves, loaded with the configured abstention thresholds; its
    swaps and failed reloads are counted in `metrics`."""

    def load() -> LoadedModel:
        loaded = load_model(settings.models_dir)
        base = loaded.classifier.thresholds
        loaded.classifier.thresholds = replace(
            base,
            min_confidence=base.min_confidence if settings.min_confidence is None else settings.min_confidence,
            min_margin=base.min_margin if settings.min_margin is None else settings.min_margin,
            min_known_words=base.min_known_words if settings.min_known_words is None else settings.min_known_words,
        )
        return loaded

    def on_swap(previous: LoadedModel | None, current: LoadedModel) -> None:
        metrics.model = current.classifier.model_info()
        if previous is not None:
            metrics.count_reload("ok")

    return ModelSlot(settings.models_dir, load, on_swap, board)


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """Load the model, then watch the registry's pointer (and, with other workers, their
    reload requests) until the server stops."""
    settings, slot, metrics = app.state.settings, app.state.slot, app.state.metrics
    try:
        await slot.reload()
    except StanceError as e:
        log.error("no model loaded: %s", e, extra={"event": "model_load_failed"})

    def on_watch_error(e: Exception) -> None:
        metrics.count_reload("error")
        log.error(
            "could not load the newly active model, still serving the old one: %s",
            e,
            extra={"event": "model_reload_failed"},
        )

    # With other workers, the watch also runs for their reload requests, if not for the pointer.
    interval = settings.reload_interval or (admin.BOARD_INTERVAL if app.state.board is not None else 0)
    watch = (
        asyncio.create_task(slot.watch(interval, on_watch_error, follow_pointer=settings.reload_interval > 0))
        if interval > 0
        else None
    )
    try:
        yield
    finally:
        if watch is not None:
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch


def create_app_from_env() -> FastAPI:
    """The factory `stance serve` hands to uvicorn (settings from STANCE_* variables), once
    per worker process. Pins BLAS/OpenMP to one thread: workers, not threads, use the cores."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    gc.set_threshold(*GC_THRESHOLD)
    favour_the_loop()
    # The access log makes a record a request; what a record would look up and no line of
    # ours prints (the caller's file and line, thread and process names) was a fifth of
    # its cost (the logging HOWTO's "Optimization" switches).
    logging._srcfile = None
    logging.logThreads = False
    logging.logMultiprocessing = False
    return create_app(Settings.from_env(), board=WorkerBoard.from_env())
