"""`GET /v1/model`: the serving model's card (labels, data, parameters, metrics, sha256)."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import ModelDep
from ..schemas import errors

__all__ = ["router"]

router = APIRouter(tags=["model"])


@router.get("/v1/model", responses=errors(503))
async def model_card(model: ModelDep) -> dict:
    """The active model's card."""
    return model.card
