"""The app's OpenAPI document, with the limits this app was configured with.

Limits are checked in the routes, not by the request models, so that going over one
answers 413 with the limit in the message rather than a generic 422; they are written
into the document here, so clients (and schemathesis) see them all the same.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from .settings import Settings

__all__ = ["document_limits"]


def document_limits(app: FastAPI, settings: Settings) -> None:
    """Make `app.openapi` write `settings`' limits into the document it builds (module docstring)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema["components"]["schemas"]
            text = {"pattern": r"\S", "maxLength": settings.max_chars}
            schemas["ClassifyRequest"]["properties"]["text"].update(text)
            schemas["BatchDocument"]["properties"]["text"]["maxLength"] = settings.max_chars  # empty: an `error`
            schemas["BatchRequest"]["properties"]["documents"].update(minItems=1, maxItems=settings.max_documents)
            schemas["FeedbackRequest"]["properties"]["document"]["maxLength"] = settings.max_chars  # over it: 413
            for name in ("ClassifyRequest", "BatchRequest"):
                schemas[name]["properties"]["top_k"]["maximum"] = settings.max_top_k
            _document_protections(schema, settings)
            return schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _document_protections(schema: dict, settings: Settings) -> None:
    """The what-if limits of `"explain": "full"` and the body deadline (408), as configured."""
    explain = (
        f"true: cues and top features; 'full': also the probabilities without each cue (`without`), "
        f"for at most {settings.max_what_if_per_sentence} cues a sentence and "
        f"{settings.max_what_if_chars} characters scored again a request; `without` is null past either limit"
    )
    for name in ("ClassifyRequest", "BatchRequest"):
        schema["components"]["schemas"][name]["properties"]["explain"]["description"] = explain
    late = {
        "description": f"The request body did not arrive within {settings.body_timeout} s (body_timeout)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
    }
    for operations in schema["paths"].values():
        for operation in operations.values():
            if "requestBody" in operation:
                operation["responses"].setdefault("408", late)
