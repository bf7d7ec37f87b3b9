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
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

__all__ = ["AdminGuard", "ApiKeyGuard"]

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
            raise HTTPException(401, "admin endpoints need 'Authorization: Bearer <token>', found no bearer token",
                                headers={"WWW-Authenticate": "Bearer"})
        if not _same(bearer.credentials, self.token):
            raise HTTPException(403, "the bearer token is not the admin token")


class ApiKeyGuard:
    """Dependency for the scoring endpoints: one of the API keys, as `X-API-Key` or as a
    bearer token."""

    def __init__(self, keys: tuple[str, ...]):
        self.keys = keys

    async def __call__(self, api_key: ApiKey, bearer: Bearer) -> None:
        given = api_key or (bearer.credentials if bearer else None)
        if not given:
            raise HTTPException(401, "this endpoint needs an API key in 'X-API-Key' or 'Authorization: Bearer', "
                                     "found none", headers={"WWW-Authenticate": "Bearer"})
        if not self.admits(given):
            raise HTTPException(403, "the API key is not one of the configured keys")

    def admits(self, given: str) -> bool:
        matched = False
        for key in self.keys:  # no early exit: every key is compared
            matched |= _same(given, key)
        return matched

    def admits_headers(self, headers: list[tuple[bytes, bytes]]) -> bool:
        """Whether raw ASGI headers carry a valid `X-API-Key` (the first one, as the
        dependency reads it): service/fast_path.py's check. Anything else, a bearer token
        included, goes through the dependency."""
        for name, value in headers:
            if name == b"x-api-key":
                given = value.decode("latin-1")
                return bool(given) and self.admits(given)
        return False
