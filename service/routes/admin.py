"""`/v1/admin/*`: reload the active model in every worker, say what each worker serves, list
the registry. `create_app` includes these routes only when STANCE_ADMIN_TOKEN is set, behind
the admin guard (security.py); without it they are 404."""

from __future__ import annotations

import anyio
from fastapi import APIRouter, HTTPException

from training import StanceError, list_models

from ..deps import BoardDep, MetricsDep, SettingsDep, SlotDep
from ..schemas import ReloadResponse, WorkerOut, errors
from ..workers import wait_for_workers

__all__ = ["BOARD_INTERVAL", "router"]

# Seconds between looks at the other workers' reload requests when the pointer watch is off.
BOARD_INTERVAL = 1.0

router = APIRouter(prefix="/v1/admin", tags=["admin"])


@router.post("/reload", response_model=ReloadResponse, responses=errors(409))
async def reload(slot: SlotDep, board: BoardDep, metrics: MetricsDep, settings: SettingsDep):
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
    assert current is not None  # without only_if_changed, a reload that returns has loaded a model
    served = current.classifier.model_info()
    workers = (
        [slot.state()]
        if board is None
        else await wait_for_workers(board, request, timeout=10 + (settings.reload_interval or BOARD_INTERVAL))
    )
    return {
        "model": served,
        "previous": previous.classifier.model_info() if previous else None,
        "changed": previous is None or previous.id != current.id,
        "workers": workers,
        "converged": all(w["model"] == served for w in workers),
    }


@router.get("/workers", response_model=list[WorkerOut])
async def workers(slot: SlotDep, board: BoardDep):
    """What every worker serves, and why its last load failed if it did."""
    return board.workers() if board is not None else [slot.state()]


@router.get("/models")
async def models(slot: SlotDep, settings: SettingsDep) -> list[dict]:
    """The registry: every trained model, which is active, and which this worker serves."""
    cards = await anyio.to_thread.run_sync(list_models, settings.models_dir)
    model = slot.model  # read once: a reload may swap it meanwhile
    serving = model.id if model else None
    return [
        {
            "id": c["id"],
            "created": c.get("created"),
            "labels": c.get("labels"),
            "rows": c.get("rows"),
            "heldout_macro_f1": ((c.get("metrics") or {}).get("heldout") or {}).get("macro_f1"),
            "active": c["active"],
            "serving": c["id"] == serving,
        }
        for c in cards
    ]
