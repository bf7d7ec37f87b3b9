"""Who may call what: the admin bearer token and the optional API keys.

Secrets are compared with `hmac.compare_digest`, so the time taken does not tell how many
leading characters were right. A missing credential answers 401, a wrong one 403. The
guards are added to routes only when their secret is configured, so the OpenAPI document
shows a security scheme exactly where one is enforced.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

__all__ = ["AdminGuard", "ApiKeyCheck", "ApiKeyGuard"]

_bearer = HTTPBearer(auto_error=False, description="`Authorization: Bearer <token>`")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="one of the keys in STANCE_API_KEYS")
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
ApiKey = Annotated[str | None, Depends(_api_key)]


def _same(given: str, secret: str) -> bool:
    # Header values arrive decoded as latin-1; encoding back gives the bytes the client sent.
    return hmac.compare_digest(given.encode("latin-1", "replace"), secret.encode("utf-8"))


class AdminGuard:
    """Dependency for /v1/admin/*: `Authorization: Bearer <STANCE_ADMIN_TOKEN>`."""

    def __init__(self, token: str):
        self.token = token

    async def __call__(self, bearer: Bearer) -> None:
        if bearer is None or not bearer.credentials:
            raise HTTPException(
                401,
                "admin endpoints need 'Authorization: Bearer <token>', found no bearer token",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not _same(bearer.credentials, self.token):
            raise HTTPException(403, "the bearer token is not the admin token")


class ApiKeyGuard:
    """Dependency for the scoring endpoints: one of the API keys, as `X-API-Key` or as a
    bearer token."""

    def __init__(self, keys: tuple[str, ...]):
        self.keys = keys

    async def __call__(self, api_key: ApiKey, bearer: Bearer) -> None:
        refused = self.refusal(api_key, bearer.credentials if bearer else None)
        if refused is not None:
            raise refused

    def refusal(self, api_key: str | None, bearer: str | None) -> HTTPException | None:
        """The 401 or 403 for these credentials, or None when they are good."""
        given = api_key or bearer
        if not given:
            return HTTPException(
                401,
                "this endpoint needs an API key in 'X-API-Key' or 'Authorization: Bearer', found none",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not self.admits(given):
            return HTTPException(403, "the API key is not one of the configured keys")
        return None

    def admits(self, given: str) -> bool:
        matched = False
        for key in self.keys:  # no early exit: every key is compared
            matched |= _same(given, key)
        return matched


class ApiKeyCheck:
    """ASGI middleware: `guard`'s check on `paths`, from the raw headers, before the body is
    read and before the concurrency cap, so a request without a good key neither waits for
    its body nor takes a place a client with one could use (a full cap answered 503 to
    requests with no credentials). It reads the headers as the dependency does: the first
    `X-API-Key`, else the first `Authorization` with the `Bearer` scheme; the route's
    dependency stays, and documents the scheme in the OpenAPI document."""

    def __init__(self, app, guard: ApiKeyGuard, paths: frozenset[str]):
        self.app, self.guard, self.paths = app, guard, paths

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] in self.paths:
            api_key = authorization = None
            for name, value in scope["headers"]:
                if name == b"x-api-key" and api_key is None:
                    api_key = value.decode("latin-1")
                elif name == b"authorization" and authorization is None:
                    authorization = value.decode("latin-1")
            scheme, _, credentials = (authorization or "").partition(" ")
            credentials = credentials.strip()
            bearer = credentials if scheme.lower() == "bearer" and credentials else None
            refused = self.guard.refusal(api_key or None, bearer)
            if refused is not None:
                response = JSONResponse(
                    {"detail": refused.detail}, status_code=refused.status_code, headers=refused.headers
                )
                return await response(scope, receive, send)
        await self.app(scope, receive, send)
