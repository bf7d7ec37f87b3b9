"""Scoring: `POST /v1/classify` (one text) and `POST /v1/classify/batch` (many documents).

Each route checks the limits it owns (text length, documents per batch, top_k) and answers
413 or 422 with the limit in the message, scores through the worker's `Scorer`
(scoring.py), and builds its answer with its response model (responses.py). The common
`/v1/classify` request is answered by `fast_classify` without going through FastAPI
(fast_path.py); it resolves the same dependencies and gives the same answer, byte for byte.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from training import LoadedModel

from ..deps import ModelDep, ScorerDep, SettingsDep, get_model, get_scorer, get_settings
from ..page_text import extract_all, with_page
from ..responses import builder
from ..schemas import BatchDocument, BatchRequest, BatchResponse, ClassifyRequest, ClassifyResponse, errors
from ..scoring import Scorer
from ..settings import Settings

__all__ = ["fast_classify", "router"]

router = APIRouter(tags=["classify"], responses=errors(413, 422, 503))
build_classify = builder(ClassifyResponse)
build_batch = builder(BatchResponse)


def blank_text_error(text: str, where: str) -> str:
    """What is wrong with a text that holds nothing but whitespace."""
    got = "an empty text" if not text else f"{len(text)} characters of whitespace only"
    return f"{where} must contain some non-whitespace text, got {got}"


def check_text(text: str, settings: Settings, where: str = "text") -> None:
    if not text.strip():
        raise HTTPException(422, blank_text_error(text, where))
    if len(text) > settings.max_chars:
        raise HTTPException(413, f"{where} has {len(text)} characters, over the limit of {settings.max_chars}")


def check_top_k(top_k: int, settings: Settings) -> None:
    if top_k > settings.max_top_k:
        raise HTTPException(422, f"top_k must be at most {settings.max_top_k}, got {top_k}")


def check_unique_ids(documents: list[BatchDocument]) -> None:
    first: dict = {}
    for i, d in enumerate(documents):
        key = (type(d.id), d.id)  # the id 1 and the id "1" are two ids
        if d.id is not None and first.setdefault(key, i) != i:
            raise HTTPException(
                422,
                f"documents[{i}].id {json.dumps(d.id)[:80]} repeats documents[{first[key]}].id; "
                "each document needs an id of its own (or none)",
            )


async def answer(
    body: ClassifyRequest, model: LoadedModel, scorer: Scorer, settings: Settings, state: dict
) -> Response:
    """The answer to one text; `state` is the request's scope state."""
    check_text(body.text, settings)  # HTML too: the limit is on what the client sends
    check_top_k(body.top_k, settings)
    page = None
    if body.format == "html":  # its main text is scored (page_text.py); the body limit bounds the HTML
        page = (await extract_all([body.text]))[0]
    text = body.text if page is None else getattr(page, "text", "")
    results = await scorer.score(model, [text], body.explain, body.top_k, state)
    return scorer.answer(results, with_page(results[0], page), build_classify)


@router.post("/v1/classify", response_model=ClassifyResponse)
async def classify(body: ClassifyRequest, model: ModelDep, scorer: ScorerDep, settings: SettingsDep, request: Request):
    """Label every sentence of `text`, with spans, probabilities and explanations."""
    return await answer(body, model, scorer, settings, request.scope.setdefault("state", {}))


async def fast_classify(body: ClassifyRequest, request: Request) -> Response:
    """`classify` for the fast path, its dependencies resolved here, in the route's order."""
    model = await get_model(request)
    return await answer(body, model, await get_scorer(request), await get_settings(request), request.scope["state"])


@router.post("/v1/classify/batch", response_model=BatchResponse)
async def classify_batch(
    body: BatchRequest, model: ModelDep, scorer: ScorerDep, settings: SettingsDep, request: Request
):
    """Label many documents in one request (one model call for all their sentences)."""
    if len(body.documents) > settings.max_documents:
        raise HTTPException(
            413, f"documents has {len(body.documents)} items, over the limit of {settings.max_documents}"
        )
    if not body.documents:
        raise HTTPException(422, "documents must hold at least one document, got none")
    check_top_k(body.top_k, settings)
    check_unique_ids(body.documents)
    refused = {}  # an empty document gets its own error; the others still get their answers
    for i, d in enumerate(body.documents):
        if d.text.strip():
            check_text(d.text, settings, f"documents[{i}].text")  # over the limit: the request's 413
        else:
            refused[i] = blank_text_error(d.text, f"documents[{i}].text")
    texts = [d.text for d in body.documents]  # an empty text scores to no sentences
    pages: list = [None] * len(texts)
    if body.format == "html":  # each page's main text is scored; a page without one gets its error
        pages = await extract_all([t if i not in refused else "" for i, t in enumerate(texts)])
        for i, page in enumerate(pages):
            if isinstance(page, str):
                refused.setdefault(i, f"documents[{i}].text: {page}")
        texts = [getattr(page, "text", "") for page in pages]
    results = await scorer.score(model, texts, body.explain, body.top_k, request.scope["state"])
    documents = [
        {"id": d.id, **with_page(r, pages[i]), "error": refused.get(i)}
        for i, (d, r) in enumerate(zip(body.documents, results, strict=True))
    ]
    return scorer.answer(results, {"documents": documents, "model": model.classifier.model_info()}, build_batch)
