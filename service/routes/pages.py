"""The pages a person opens: `GET /` (paste a text, see each sentence labelled and why)
and `GET /review` (label the review queue). They are open, as static files are; what they
fetch follows the API's rules. Their scripts and styles are served from /static, which
`create_app` mounts."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

__all__ = ["STATIC", "router"]

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


@router.get("/")
async def page():
    return FileResponse(STATIC / "index.html")


@router.get("/review")
async def review_page():
    return FileResponse(STATIC / "review.html")
