"""POST /v1/classify's fast path (service/fast_path.py) answers exactly as the documented
route does, and hands it everything else. A `+json` content type always takes the full
route, so the same body sent both ways must get the same answer, byte for byte."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

import service.fast_path as fast_path
from service import Settings, create_app

FAST = {"Content-Type": "application/json"}
FULL = {"Content-Type": "application/vnd.stance+json"}  # FastAPI parses it as JSON; the fast path passes it on


@pytest.fixture
def handed_on(monkeypatch) -> list[bytes]:
    """The bodies the fast path read and then handed to the full route."""
    seen: list[bytes] = []
    replay = fast_path._replay

    def spy(messages, receive):
        seen.append(b"".join(m.get("body", b"") for m in messages))
        return replay(messages, receive)

    monkeypatch.setattr(fast_path, "_replay", spy)
    return seen


def _client(models_dir, **settings) -> TestClient:
    return TestClient(create_app(Settings(models_dir=models_dir, reload_interval=0, **settings)))


@pytest.fixture(scope="module")
def client(models_dir):
    """One app for the module's plain cases (starting one loads the model)."""
    with _client(models_dir, max_chars=100) as c:
        yield c


def test_the_fast_path_answers_as_the_route_does(client, handed_on):
    bodies = [
        b'{"text": "The ministry signed the contract. Did the money vanish?"}',
        b'{"text": "Officials said the audit was fair.", "explain": false}',
        b'{"text": "The company denied it. \\u00c9tat, na\\u00efve \\u2014 caf\\u00e9?", "explain": "full", "top_k": 2}',
        b'{"top_k": 0, "text": "According to an unnamed official, the drones were never deployed."}',
        b'{"text": "Critics dismissed the report.", "top_k": 3.0}',
    ]
    before = _counted(client)
    for body in bodies:
        fast, full = (client.post("/v1/classify", content=body, headers=h) for h in (FAST, FULL))
        assert fast.status_code == full.status_code == 200, fast.text
        assert fast.content == full.content
        assert fast.headers["content-type"] == full.headers["content-type"] == "application/json"
        assert fast.headers["x-model-id"] == full.headers["x-model-id"] == fast.json()["model"]["id"]
        assert fast.headers["x-request-id"] and fast.headers["x-request-id"] != full.headers["x-request-id"]
    assert handed_on == []  # every one of them was answered on the fast path
    assert _counted(client) - before == 2 * len(bodies)  # under the route's name, both ways


def _counted(client, status: str = "200") -> float:
    """POST /v1/classify requests answered `status`, from /metrics."""
    return sum(
        s.value
        for f in text_string_to_metric_families(client.get("/metrics").text)
        for s in f.samples
        if s.name == "stance_http_requests_total"
        and s.labels.get("route") == "/v1/classify"
        and s.labels.get("status") == status
    )


# Bodies orjson or the request model rejects (or orjson may read otherwise): the full route answers.
@pytest.mark.parametrize(
    "body",
    [
        b'{"text": "unclosed',  # malformed JSON
        b"\xff\xfe not text",  # not UTF-8
        b'\xef\xbb\xbf{"text": "A BOM first."}',  # what json.loads takes and orjson does not
        b'{"text": "Fine.", "top_k": "5"}',  # strict models: a string is not an integer
        b'{"text": "Fine.", "colour": "blue"}',  # unknown field
        b'{"text": "Fine.", "top_k": 123456789012345678901234567890}',  # past 64 bits: orjson reads a float
        b'{"text": "Fine.", "top_k": -9223372036854775809}',
        b'["not", "an", "object"]',
        b"",
    ],
)
def test_what_the_fast_path_cannot_answer_gets_the_routes_own_answer(client, handed_on, body):
    fast, full = (client.post("/v1/classify", content=body, headers=h) for h in (FAST, FULL))
    assert fast.status_code == full.status_code, fast.text
    assert fast.status_code >= 400 or body.startswith(b"\xef\xbb\xbf")  # the route takes a BOM; orjson does not
    assert fast.content == full.content
    assert handed_on == [body]


# Valid bodies the route's own checks refuse: answered on the fast path by the app's handler,
# read and validated once.
@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"text": "   "}', 422),  # whitespace only
        (b'{"text": "Fine.", "top_k": 51}', 422),  # over max_top_k, with the limit
        (b'{"text": "' + b"x" * 120 + b'"}', 413),  # over max_chars, with the limit
    ],
)
def test_the_routes_checks_answer_on_the_fast_path(client, handed_on, body, status):
    fast, full = (client.post("/v1/classify", content=body, headers=h) for h in (FAST, FULL))
    assert fast.status_code == full.status_code == status, fast.text
    assert fast.content == full.content
    assert handed_on == []


def test_dependency_overrides_hold_for_every_request(models_dir):
    """The routes' typed dependencies (service/deps.py) can be overridden, as FastAPI allows;
    the fast path, which resolves them itself, then leaves every request to the route."""
    from service.deps import get_settings

    app = create_app(Settings(models_dir=models_dir, reload_interval=0))
    app.dependency_overrides[get_settings] = lambda: Settings(models_dir=models_dir, max_chars=10)
    with TestClient(app) as client:
        r = client.post("/v1/classify", json={"text": "The ministry denied it."})
    # The fast path would have scored it under the app's own settings: 200.
    assert r.status_code == 413 and r.json()["detail"] == "text has 23 characters, over the limit of 10"


def test_no_model_is_the_routes_503(tmp_path, handed_on):
    with _client(tmp_path / "empty") as client:
        r = client.post("/v1/classify", json={"text": "Anything."})
        full = client.post("/v1/classify", json={"text": "Anything."}, headers=FULL)
    assert r.status_code == 503 and r.headers["retry-after"] == "5" and "no model is loaded" in r.json()["detail"]
    assert r.content == full.content and full.headers["retry-after"] == "5"
    assert handed_on == []


@pytest.mark.parametrize("explain", [True, "full"])  # on the loop (micro-batched) and in a worker thread
@pytest.mark.parametrize("headers", [FAST, FULL])
def test_a_failing_model_is_called_once_and_answers_one_500(models_dir, handed_on, monkeypatch, explain, headers):
    calls = []

    def failing(blocks):
        calls.append(len(blocks))
        raise RuntimeError("the model broke")

    client = TestClient(create_app(Settings(models_dir=models_dir, reload_interval=0)), raise_server_exceptions=False)
    with client:
        monkeypatch.setattr(client.app.state.slot.model.classifier, "_block_scores", failing)
        r = client.post(
            "/v1/classify",
            json={"text": "The ministry denied it.", "explain": explain},
            headers={**headers, "X-Request-ID": "broken-1"},
        )
        assert _counted(client, "500") == 1  # one request, counted under the route's name
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error; quote request id broken-1 when reporting it"}
    assert r.headers["x-request-id"] == "broken-1"  # the id the body quotes is in the header too
    assert len(calls) == 1, f"the model was called {len(calls)} times for one request"
    assert handed_on == []


def test_a_body_in_chunks_is_read_whole(models_dir, handed_on):
    app = create_app(Settings(models_dir=models_dir, reload_interval=0))
    body = b'{"text": "The company denied that any data had been sold.", "top_k": 2}'
    chunks = [body[:7], body[7:30], body[30:]]

    async def run():
        async with app.router.lifespan_context(app):

            async def receive():
                part = chunks.pop(0)
                return {"type": "http.request", "body": part, "more_body": bool(chunks)}

            sent = []

            async def send(message):
                sent.append(message)

            scope = {
                "type": "http",
                "asgi": {"version": "3.0"},
                "http_version": "1.1",
                "method": "POST",
                "scheme": "http",
                "path": "/v1/classify",
                "raw_path": b"/v1/classify",
                "query_string": b"",
                "root_path": "",
                "headers": [(b"host", b"test"), (b"content-type", b"application/json")],
                "client": ("127.0.0.1", 1),
                "server": ("127.0.0.1", 80),
            }
            await app(scope, receive, send)
            return sent

    sent = asyncio.run(run())
    assert sent[0]["status"] == 200
    assert b'"label"' in sent[1]["body"]
    assert handed_on == []


def test_api_keys_on_the_fast_path(models_dir, handed_on):
    body = {"text": "Officials said the audit was fair."}
    with _client(models_dir, api_keys=("k-one", "k-two")) as client:
        ok = client.post("/v1/classify", json=body, headers={"X-API-Key": "k-two"})
        assert ok.status_code == 200 and handed_on == []  # a valid X-API-Key: the fast path
        bearer = client.post("/v1/classify", json=body, headers={"Authorization": "Bearer k-one"})
        assert bearer.status_code == 200 and bearer.content == ok.content  # bearer tokens: the route's own check
        assert client.post("/v1/classify", json=body, headers={"X-API-Key": "k-three"}).status_code == 403
        assert client.post("/v1/classify", json=body, headers={"X-API-Key": ""}).status_code == 401
        assert client.post("/v1/classify", json=body).status_code == 401
