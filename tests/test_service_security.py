"""Access: the admin token (absent when unset, 401 without it, 403 when wrong), optional API
keys on the scoring endpoints, and CORS (off unless configured)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service import Settings, create_app

TEXT = {"text": "The company denied that any data had been sold."}


def _client(models_dir, **kw):
    return TestClient(create_app(Settings(models_dir=models_dir, reload_interval=0, access_log=False, **kw)))


def test_admin_endpoints_are_absent_without_a_token(models_dir):
    with _client(models_dir) as c:
        assert c.post("/v1/admin/reload").status_code == 404
        assert c.post("/v1/admin/reload", headers={"Authorization": "Bearer anything"}).status_code == 404
        assert c.get("/v1/admin/models").status_code == 404
        assert not [p for p in c.get("/openapi.json").json()["paths"] if p.startswith("/v1/admin")]


@pytest.mark.parametrize("path,method", [("/v1/admin/reload", "POST"), ("/v1/admin/models", "GET")])
def test_admin_token_401_403_200(models_dir, path, method):
    with _client(models_dir, admin_token="s3cret-token") as c:
        r = c.request(method, path)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in r.json()["detail"]
        assert c.request(method, path, headers={"Authorization": "Basic s3cret-token"}).status_code == 401
        assert c.request(method, path, headers={"Authorization": "Bearer "}).status_code == 401
        for wrong in ("s3cret-toke", "s3cret-token2", "S3CRET-TOKEN", "x"):
            r = c.request(method, path, headers={"Authorization": f"Bearer {wrong}"})
            assert r.status_code == 403 and "not the admin token" in r.json()["detail"]
        assert c.request(method, path, headers={"Authorization": "Bearer s3cret-token"}).status_code == 200


def test_api_keys_off_by_default(models_dir):
    with _client(models_dir) as c:
        assert c.post("/v1/classify", json=TEXT).status_code == 200
        assert "securitySchemes" not in c.get("/openapi.json").json().get("components", {})


def test_api_keys_guard_the_scoring_endpoints(models_dir):
    with _client(models_dir, api_keys=("key-one", "key-two")) as c:
        batch = {"documents": [TEXT]}
        for method, path, body in (
            ("POST", "/v1/classify", TEXT),
            ("POST", "/v1/classify/batch", batch),
            ("GET", "/v1/model", None),
        ):
            r = c.request(method, path, json=body)
            assert r.status_code == 401 and "API key" in r.json()["detail"]
            r = c.request(method, path, json=body, headers={"X-API-Key": "key-three"})
            assert r.status_code == 403 and "not one of the configured keys" in r.json()["detail"]
            assert c.request(method, path, json=body, headers={"X-API-Key": "key-two"}).status_code == 200
            assert c.request(method, path, json=body, headers={"Authorization": "Bearer key-one"}).status_code == 200
        for open_path in ("/healthz", "/readyz", "/metrics"):
            assert c.get(open_path).status_code == 200
        schemes = c.get("/openapi.json").json()["components"]["securitySchemes"]
        assert {s["type"] for s in schemes.values()} == {"apiKey", "http"}


def test_cors_off_by_default(models_dir):
    with _client(models_dir) as c:
        r = c.post("/v1/classify", json=TEXT, headers={"Origin": "https://elsewhere.example"})
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
        preflight = c.options(
            "/v1/classify", headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"}
        )
        assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(models_dir):
    with _client(models_dir, cors_origins=("https://newsroom.example",)) as c:
        preflight = c.options(
            "/v1/classify",
            headers={
                "Origin": "https://newsroom.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,x-api-key",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://newsroom.example"
        r = c.post("/v1/classify", json=TEXT, headers={"Origin": "https://newsroom.example"})
        assert r.headers["access-control-allow-origin"] == "https://newsroom.example"
        assert "x-model-id" in r.headers["access-control-expose-headers"].lower()
        r = c.post("/v1/classify", json=TEXT, headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers
