"""Typed dependencies of the routes: a route names what it needs by type
(`model: ModelDep`, `settings: SettingsDep`), and FastAPI hands it over (`Depends` with
`Annotated`, as full-stack-fastapi-template's deps.py does). Everything comes from
`app.state`, which `create_app` fills, so two apps in one process (tests) never share one.

All but the store's are `async def`: FastAPI runs a plain `def` dependency in its thread
pool, a hand-off per request; the store may have to be opened (and migrated) first, which
must not hold up the loop. The API-key and admin checks are the guards of security.py, which
`create_app` adds to whole routers, and only when their secret is configured.

The fast path (fast_path.py) answers `POST /v1/classify` without FastAPI; it resolves the
same dependencies by calling these functions (routes/classify.py, `fast_classify`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from training import FeedbackStore, LoadedModel

from .metrics import Metrics
from .registry_watch import ModelSlot
from .scoring import Scorer, serving_model
from .settings import Settings
from .workers import WorkerBoard

__all__ = ["BoardDep", "MetricsDep", "ModelDep", "ScorerDep", "SettingsDep", "SlotDep", "StoreDep"]


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


async def get_slot(request: Request) -> ModelSlot:
    """What this worker serves, for routes that only look (readiness, admin)."""
    return request.app.state.slot


async def get_model(request: Request) -> LoadedModel:
    """The serving model, fixed for the whole request; 503 with Retry-After while none is
    loaded. Its id becomes the answer's X-Model-ID header."""
    return serving_model(request.app.state.slot, request.scope.setdefault("state", {}))


async def get_scorer(request: Request) -> Scorer:
    return request.app.state.scorer


async def get_board(request: Request) -> WorkerBoard | None:
    """The folder shared with the other workers (workers.py); None when serving alone."""
    return request.app.state.board


def get_store(request: Request) -> FeedbackStore:
    """The corrections store, opened at the first request that needs it (routes/feedback.py)."""
    return request.app.state.feedback_store.get()


SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
SlotDep = Annotated[ModelSlot, Depends(get_slot)]
ModelDep = Annotated[LoadedModel, Depends(get_model)]
ScorerDep = Annotated[Scorer, Depends(get_scorer)]
BoardDep = Annotated[WorkerBoard | None, Depends(get_board)]
StoreDep = Annotated[FeedbackStore, Depends(get_store)]
