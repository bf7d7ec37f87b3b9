"""Analysts' corrections over HTTP (see training/feedback/store.py).

`POST /v1/feedback` stores a correction, `GET /v1/feedback` pages through them,
`GET /v1/feedback/conflicts` lists sentences analysts disagree on, `DELETE
/v1/feedback/{id}` takes one back (the review page's undo). `GET /v1/review/queue` serves
the queue `stance suggest` wrote (the file named by `review_queue`, never one a client
names), without the sentences corrected already; `GET /review` (routes/pages.py) is the
page that labels it. These routes follow the scoring endpoints' API-key rule.

The store is SQLite, so the routes are plain `def`: FastAPI runs them in its thread pool,
and a write waiting for another worker's lock never holds up the event loop.
"""

from __future__ import annotations

import re
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, get_args

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi import Path as FastAPIPath
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from training import (
    FEEDBACK_LIMITS,
    Correction,
    FeedbackStore,
    InputError,
    StanceError,
    read_queue,
    sentence_in_document,
)

from ..deps import SettingsDep, SlotDep, StoreDep, get_store
from ..registry_watch import ModelSlot
from ..schemas import JsonInt, Text, errors
from ..settings import Settings

__all__ = ["LazyStore", "router"]

MAX_QUEUE_BYTES = 50_000_000
# SQLite's largest integer: a larger offset or id is refused with 422, not passed on to crash the query.
SQLITE_MAX = 2**63 - 1
MAX_SENTENCE_CHARS, MAX_NOTE_CHARS, MAX_CONTEXT_CHARS, MAX_NAME_CHARS = (
    FEEDBACK_LIMITS["sentence"],
    FEEDBACK_LIMITS["note"],
    FEEDBACK_LIMITS["context"],
    FEEDBACK_LIMITS["name"],
)


def _iso_date(value):
    """A query's date or time as ISO 8601 only: pydantic would also read "0.5" as a Unix time."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", value):
        raise ValueError(f"expected a date (2026-05-01) or an ISO 8601 time, found {value[:40]!r}")
    return value


When = Annotated[date | datetime | None, BeforeValidator(_iso_date)]


def _constrained(base, **constraints):
    """`base` (Text or JsonInt) with `constraints` checked before its validator: placed
    after it, pydantic checks them but leaves them out of the JSON schema."""
    kind, *checks = get_args(base)
    return Annotated[(kind, Field(**constraints), *checks)]


Name = _constrained(Text, min_length=1, max_length=MAX_NAME_CHARS, pattern=r"\S")
_SPAN = ("document", "start", "end")


class FeedbackRequest(BaseModel):
    """A correction: the sentence as `text`, or as `document` with its `start` and `end`
    (exactly one of the two forms, which the schema's `oneOf` states). Optional fields may
    be left out but not null: their type is the value's alone (an unvalidated default of
    None marks them absent), so the schema and the errors name no union. `document`'s
    limit is the service's `max_chars`, which openapi.py writes into the schema (413 past it)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        protected_namespaces=(),
        json_schema_extra={
            "oneOf": [
                {"required": ["text"], "not": {"anyOf": [{"required": [k]} for k in _SPAN]}},
                {"required": list(_SPAN), "not": {"required": ["text"]}},
            ]
        },
    )
    text: _constrained(Text, max_length=MAX_SENTENCE_CHARS, pattern=r"\S") = Field(
        None, description="The sentence. Or leave it out and send `document` with the sentence's `start` and `end`."
    )
    document: _constrained(Text, pattern=r"\S") = Field(
        None, description="The text the sentence is in (the sentences around it are kept as its context)"
    )
    start: _constrained(JsonInt, ge=0) = Field(
        None, description="The sentence's first character in `document` (code points, as the API gives them)"
    )
    end: _constrained(JsonInt, ge=1) = Field(None, description="Just past its last character")
    label: Name = Field(
        description="The label the analyst says is right: one of the serving model's labels (409 otherwise)"
    )
    model_id: Name = Field(None, description="The model whose answer this corrects")
    model_label: Name = Field(None, description="The label that model gave")
    note: _constrained(Text, max_length=MAX_NOTE_CHARS) = None
    analyst: _constrained(Text, max_length=MAX_NAME_CHARS) = Field(
        None, description="Who corrects; one correction per sentence and analyst (a new one replaces it)"
    )
    domain: Name = None
    register_: Name = Field(None, alias="register")  # `register` is a BaseModel attribute
    context_before: _constrained(Text, max_length=MAX_CONTEXT_CHARS) = None
    context_after: _constrained(Text, max_length=MAX_CONTEXT_CHARS) = None

    @model_validator(mode="after")
    def _one_form(self):
        given = [k for k in ("text", *_SPAN) if getattr(self, k) is not None]
        if given not in (["text"], list(_SPAN)):
            raise ValueError(
                "expected either 'text', or 'document' with 'start' and 'end', found "
                + (", ".join(given) or "none of them")
            )
        return self


class CorrectionOut(BaseModel):
    model_config = ConfigDict(protected_namespaces=())
    id: int
    sentence_hash: str
    text: str
    label: str
    analyst: str
    model_id: str | None
    model_label: str | None
    note: str | None
    domain: str | None
    register_: str | None = Field(alias="register")
    context_before: str | None
    context_after: str | None
    span_start: int | None
    span_end: int | None
    created: str
    updated: str


class OtherCorrection(BaseModel):
    id: int
    analyst: str
    label: str


class FeedbackAnswer(BaseModel):
    correction: CorrectionOut
    replaced: CorrectionOut | None = Field(
        description="This analyst's earlier correction of the sentence, now replaced"
    )
    conflicts: list[OtherCorrection] = Field(description="Other analysts' corrections of it with another label")


class FeedbackPage(BaseModel):
    items: list[CorrectionOut]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class ConflictEntry(BaseModel):
    analyst: str
    label: str
    id: int
    updated: str | None


class Conflict(BaseModel):
    sentence_hash: str
    text: str
    corrections: list[ConflictEntry]


class Conflicts(BaseModel):
    conflicts: list[Conflict]


class Deleted(BaseModel):
    deleted: CorrectionOut


class ReviewQueue(BaseModel):
    queue: str
    total: int = Field(description="Sentences in the queue file")
    done: int = Field(description="Of them, already corrected (left out of `items`)")
    bad_lines: int
    items: list[dict]


router = APIRouter(tags=["feedback"], responses=errors(422, 503))


class LazyStore:
    """The store, opened (and migrated) at the first request that needs it, once per worker."""

    def __init__(self, path: Path):
        self.path, self._store, self._lock = path, None, threading.Lock()

    def get(self) -> FeedbackStore:
        with self._lock:
            if self._store is None:
                try:
                    self._store = FeedbackStore(self.path)
                except StanceError as e:
                    raise HTTPException(503, f"the corrections store cannot be opened: {e}") from None
            return self._store


def _out(c: Correction) -> dict:
    return c.to_dict()


def check_label(label: str, slot: ModelSlot) -> None:
    model = slot.model
    if model is not None and label not in model.classifier.labels:  # valid, but not for this model: 409
        raise HTTPException(
            409, f"label must be one of the model's labels ({', '.join(model.classifier.labels)}), got {label!r}"[:300]
        )


def sentence_of(body: FeedbackRequest, settings: Settings) -> tuple[str, str | None, str | None]:
    """The sentence, and the text before and after it, from either form of the body."""
    if body.text is not None:
        return body.text, body.context_before, body.context_after
    if len(body.document) > settings.max_chars:
        raise HTTPException(
            413, f"document has {len(body.document)} characters, over the limit of {settings.max_chars}"
        )
    try:  # a span outside its document: no schema can say so, hence this 422
        return sentence_in_document(body.document, body.start, body.end)
    except StanceError as e:
        raise HTTPException(422, str(e)) from None


@router.post(
    "/v1/feedback",
    status_code=201,
    response_model=FeedbackAnswer,
    responses={
        200: {"model": FeedbackAnswer, "description": "Replaced this analyst's earlier correction"},
        **errors(409, 413),
    },
)
def add_feedback(body: FeedbackRequest, response: Response, store: StoreDep, slot: SlotDep, settings: SettingsDep):
    """Store a correction: 201 when new, 200 when it replaces this analyst's earlier one."""
    text, before, after = sentence_of(body, settings)
    check_label(body.label, slot)
    span = (body.start, body.end) if body.document is not None else (None, None)
    correction = Correction(
        text=text,
        label=body.label,
        analyst=body.analyst or "",
        model_id=body.model_id,
        model_label=body.model_label,
        note=body.note,
        domain=body.domain,
        register=body.register_,
        context_before=before,
        context_after=after,
        span_start=span[0],
        span_end=span[1],
    )
    try:
        added = store.add(correction)
    except StanceError as e:
        raise HTTPException(422 if isinstance(e, InputError) else 503, str(e)) from None
    if added.replaced is not None:
        response.status_code = 200
    return {
        "correction": _out(added.correction),
        "replaced": _out(added.replaced) if added.replaced else None,
        "conflicts": [{"id": c.id, "analyst": c.analyst, "label": c.label} for c in added.conflicts],
    }


@router.get("/v1/feedback", response_model=FeedbackPage)
def list_feedback(
    store: StoreDep,
    label: str | None = None,
    model_id: str | None = None,
    analyst: str | None = None,
    since: Annotated[When, Query(description="From this date or time on")] = None,
    until: Annotated[When, Query(description="Before this time; a date includes its whole day")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=SQLITE_MAX)] = 0,
):
    """Corrections, the most recently changed first, filtered by label, model, analyst and date."""
    try:
        items, total = store.list(
            label=label, model_id=model_id, analyst=analyst, since=since, until=until, limit=limit, offset=offset
        )
    except StanceError as e:
        raise HTTPException(422 if isinstance(e, InputError) else 503, str(e)) from None
    end = offset + len(items)
    return {
        "items": [_out(c) for c in items],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": end if end < total else None,
    }


@router.get("/v1/feedback/conflicts", response_model=Conflicts)
def feedback_conflicts(store: StoreDep):
    """Sentences that analysts gave different labels, with each analyst's label."""
    return {"conflicts": store.conflicts()}


@router.api_route("/v1/feedback", methods=["PUT", "PATCH", "DELETE", "OPTIONS"], include_in_schema=False)
def feedback_other_methods():
    # Two routes share the path; alone, each would answer 405 naming only its own method.
    raise HTTPException(405, "Method Not Allowed", headers={"Allow": "GET, POST"})


# `:int`: /v1/feedback/conflicts is another resource, not a correction with a bad id
@router.delete("/v1/feedback/{correction_id:int}", response_model=Deleted, responses=errors(404))
def delete_feedback(correction_id: Annotated[int, FastAPIPath(ge=0, le=SQLITE_MAX)], store: StoreDep):
    """Take back one correction (the review page's undo)."""
    gone = store.delete(correction_id)
    if gone is None:
        raise HTTPException(404, f"no correction has the id {correction_id}")
    return {"deleted": _out(gone)}


@router.get("/v1/review/queue", response_model=ReviewQueue, responses=errors(404))
def review_queue(settings: SettingsDep, request: Request):
    """The review queue (`stance suggest`'s file, set by `review_queue`), less the
    sentences corrected already."""
    if settings.review_queue is None:
        raise HTTPException(
            404, "no review queue: start the service with --review-queue QUEUE.jsonl (written by `stance suggest`)"
        )
    path = settings.review_queue
    try:
        if path.stat().st_size > MAX_QUEUE_BYTES:
            raise HTTPException(
                503,
                f"the review queue {path.name} is over {MAX_QUEUE_BYTES:,} bytes; "
                "suggest fewer sentences (stance suggest -n)",
            )
        rows, bad = read_queue(path)
    except (OSError, StanceError) as e:
        raise HTTPException(503, f"the review queue {path.name} cannot be read: {e}") from None
    done = get_store(request).corrected_keys()  # opened only now: a missing queue creates no store
    todo = [r for r in rows if r.get("sentence_hash") not in done]
    return {
        "queue": settings.review_queue.name,
        "total": len(rows),
        "done": len(rows) - len(todo),
        "bad_lines": bad,
        "items": todo,
    }
