"""Is this worker up, and what has it done: `GET /healthz` (liveness), `GET /readyz`
(readiness: a model is loaded), `GET /metrics` (Prometheus text format)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse

from ..deps import MetricsDep, SlotDep
from ..metrics import CONTENT_TYPE
from ..schemas import errors

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/readyz", responses=errors(503))
async def readyz(slot: SlotDep):
    """Readiness: a model is loaded (503 until then)."""
    model = slot.model
    if model is None:
        return JSONResponse({"detail": f"not ready: {slot.error}"}, status_code=503)
    return {"status": "ready", "model": model.classifier.model_info()}


@router.get("/metrics", response_class=PlainTextResponse)
async def prometheus(metrics: MetricsDep):
    """Counters and latency histograms of this worker, in the Prometheus text format."""
    return PlainTextResponse(metrics.render(), media_type=CONTENT_TYPE)
