"""Settings from STANCE_* variables and `stance serve` flags, how `stance serve` hands them
to uvicorn's workers, and the limits they set (413 with the limit, 503 past the
concurrency cap)."""

from __future__ import annotations

import asyncio
import json
import os
import pickle
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service import Settings, create_app
from service.metrics import Metrics
from service.middleware import ConcurrencyCap
from training.batch.threads import THREAD_VARIABLES
from training.cli import main


def test_defaults_and_every_variable():
    assert Settings.from_env({}) == Settings()
    env = {
        "STANCE_MODELS_DIR": "/srv/models",
        "STANCE_HOST": "0.0.0.0",
        "STANCE_PORT": "9000",
        "STANCE_WORKERS": "2",
        "STANCE_LOG_LEVEL": "WARNING",
        "STANCE_ACCESS_LOG": "off",
        "STANCE_MAX_CHARS": "10",
        "STANCE_MAX_DOCUMENTS": "3",
        "STANCE_MAX_BODY_BYTES": "999",
        "STANCE_MAX_TOP_K": "7",
        "STANCE_MAX_CONCURRENCY": "4",
        "STANCE_RELOAD_INTERVAL": "2.5",
        "STANCE_ADMIN_TOKEN": "tok",
        "STANCE_API_KEYS": "a, b,,c",
        "STANCE_CORS_ORIGINS": "https://x.example",
        "STANCE_MIN_CONFIDENCE": "0.6",
        "STANCE_MIN_MARGIN": "0.2",
        "STANCE_MIN_KNOWN_WORDS": "0",
        "STANCE_MAX_WHAT_IF_PER_SENTENCE": "3",
        "STANCE_MAX_WHAT_IF_CHARS": "500",
        "STANCE_BODY_TIMEOUT": "2.5",
        "STANCE_FEEDBACK_DB": "/srv/feedback.sqlite3",
        "STANCE_REVIEW_QUEUE": "/srv/queue.jsonl",
    }
    assert {f"STANCE_{name.upper()}" for name in Settings.model_fields} == set(env)
    s = Settings.from_env(env)
    assert s == Settings(
        models_dir=Path("/srv/models"),
        host="0.0.0.0",
        port=9000,
        workers=2,
        log_level="warning",
        access_log=False,
        max_chars=10,
        max_documents=3,
        max_body_bytes=999,
        max_top_k=7,
        max_concurrency=4,
        reload_interval=2.5,
        admin_token="tok",
        api_keys=("a", "b", "c"),
        cors_origins=("https://x.example",),
        min_confidence=0.6,
        min_margin=0.2,
        min_known_words=0,
        max_what_if_per_sentence=3,
        max_what_if_chars=500,
        body_timeout=2.5,
        feedback_db=Path("/srv/feedback.sqlite3"),
        review_queue=Path("/srv/queue.jsonl"),
    )


@pytest.mark.parametrize(
    "name,value,expected",
    [
        ("STANCE_PORT", "http", "STANCE_PORT (--port) must be a port number from 0 to 65535, got 'http'"),
        ("STANCE_PORT", "70000", "STANCE_PORT (--port) must be a port number"),
        ("STANCE_WORKERS", "0", "STANCE_WORKERS (--workers) must be a positive integer, got '0'"),
        ("STANCE_MAX_CHARS", "-5", "STANCE_MAX_CHARS (--max-chars) must be a positive integer"),
        ("STANCE_ACCESS_LOG", "maybe", "STANCE_ACCESS_LOG (--access-log) must be true or false"),
        ("STANCE_LOG_LEVEL", "loud", "STANCE_LOG_LEVEL (--log-level) must be one of critical, error"),
        ("STANCE_RELOAD_INTERVAL", "nan", "STANCE_RELOAD_INTERVAL (--reload-interval) must be a number of seconds"),
        ("STANCE_MIN_CONFIDENCE", "1.5", "STANCE_MIN_CONFIDENCE (--min-confidence) must be a number in [0, 1]"),
        (
            "STANCE_BODY_TIMEOUT",
            "0",
            "STANCE_BODY_TIMEOUT (--body-timeout) must be a number of seconds above 0, got '0'",
        ),
        (
            "STANCE_MAX_WHAT_IF_CHARS",
            "-1",
            "STANCE_MAX_WHAT_IF_CHARS (--max-what-if-chars) must be a non-negative integer",
        ),
    ],
)
def test_bad_values_say_what_was_expected(name, value, expected):
    with pytest.raises(ValueError) as e:
        Settings.from_env({name: value})
    assert str(e.value).startswith(expected) and "\n" not in str(e.value)


def test_settings_from_code_are_what_the_code_says_and_are_checked_alike(monkeypatch):
    """`Settings(...)` never reads STANCE_* (a test or an embedding app gets what it wrote);
    a bad value from code is refused by the same parser as one from a variable."""
    monkeypatch.setenv("STANCE_PORT", "9100")
    assert Settings().port == 8000 and Settings.from_env().port == 9100
    with pytest.raises(ValueError, match="port"):
        Settings(port=70000)
    assert Settings(api_keys=("a", " b ", ""), log_level="DEBUG") == Settings.from_env(
        {"STANCE_API_KEYS": "a, b,", "STANCE_LOG_LEVEL": "debug"}
    )


@pytest.fixture
def captured_run(monkeypatch):
    """`stance serve` up to the point where it would start uvicorn."""
    seen = {}
    monkeypatch.setattr("service.server.run", lambda settings: seen.setdefault("settings", settings))
    monkeypatch.setattr("training.fit.train.ensure_default_model", lambda d, **_: seen.setdefault("models_dir", d))
    return seen


def test_serve_flags_override_variables(captured_run, monkeypatch, tmp_path):
    monkeypatch.setenv("STANCE_PORT", "9100")
    monkeypatch.setenv("STANCE_MAX_CHARS", "500")
    monkeypatch.setenv("STANCE_ADMIN_TOKEN", "from-env")
    code = main(
        [
            "serve",
            "--models-dir",
            str(tmp_path),
            "--port",
            "9200",
            "--workers",
            "2",
            "--no-access-log",
            "--api-keys",
            "k1,k2",
            "--reload-interval",
            "0",
            "--min-known-words",
            "1",
        ]
    )
    assert code == 0
    s = captured_run["settings"]
    assert (s.port, s.workers, s.access_log, s.api_keys, s.reload_interval, s.min_known_words) == (
        9200,
        2,
        False,
        ("k1", "k2"),
        0.0,
        1,
    )
    assert (s.max_chars, s.admin_token, s.models_dir) == (500, "from-env", tmp_path)
    assert captured_run["models_dir"] == tmp_path


def test_serve_rejects_a_bad_value_in_one_line(captured_run, capsys, tmp_path):
    assert main(["serve", "--models-dir", str(tmp_path), "--max-concurrency", "0"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "stance: error: STANCE_MAX_CONCURRENCY (--max-concurrency) must be a positive integer, got '0'"
    assert "settings" not in captured_run


@pytest.fixture
def restored_environ():
    """`run` writes the settings into os.environ for its workers: put it back as it was, so no
    later test (in this process) serves with this test's API keys."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_run_hands_every_setting_to_the_workers(monkeypatch, tmp_path, restored_environ):
    """Workers are separate processes that build their app from the environment: what
    `run` writes there must read back as the same settings. Each worker's socket (what
    unpickling the parent's gives, service/listen.py) is TCP as far as asyncio knows, so
    answers are not held back by Nagle's algorithm."""
    from service import server

    started = []

    class FakeSupervisor:
        def __init__(self, config, sockets):
            self.config, self.sockets = config, sockets

        def run(self):  # what a worker process receives: the sockets, pickled as uvicorn's spawn does
            started.append((self.config, [pickle.loads(ForkingPickler.dumps(s)) for s in self.sockets]))

    monkeypatch.setattr(server, "Multiprocess", FakeSupervisor)
    for name in Settings.model_fields:
        os.environ.pop(f"STANCE_{name.upper()}", None)
    for var in THREAD_VARIABLES:
        os.environ.pop(var, None)
    settings = Settings(
        models_dir=tmp_path,
        port=0,
        workers=2,
        log_level="debug",
        access_log=False,
        api_keys=("a", "b"),
        cors_origins=("*",),
        admin_token="t",
        min_margin=0.3,
        reload_interval=0.5,
    )
    server.run(settings)
    assert Settings.from_env() == settings
    assert all(os.environ[var] == "1" for var in THREAD_VARIABLES)
    ((config, (sock,)),) = started
    try:
        assert (config.app, config.factory, config.host, config.workers) == (
            "service.app:create_app_from_env",
            True,
            "127.0.0.1",
            2,
        )
        assert config.loop == "asyncio" and config.access_log is False  # see service/server.py
        assert config.log_config["loggers"]["stancewatch"]["level"] == "DEBUG"
        assert _accepted_connection_has_nodelay(sock)
    finally:
        sock.close()


def _accepted_connection_has_nodelay(listening) -> bool:
    import socket

    async def scenario():
        accepted = asyncio.get_running_loop().create_future()

        class Record(asyncio.Protocol):
            def connection_made(self, transport):
                accepted.set_result(
                    transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                )

        srv = await asyncio.get_running_loop().create_server(Record, sock=listening)
        _, writer = await asyncio.open_connection(*listening.getsockname()[:2])
        nodelay = await asyncio.wait_for(accepted, 5)
        writer.close()
        srv.close()
        return bool(nodelay)

    return asyncio.run(scenario())


def test_limits_answer_413_with_the_limit(models_dir):
    settings = Settings(models_dir=models_dir, max_chars=50, max_documents=2, max_body_bytes=2000, reload_interval=0)
    with TestClient(create_app(settings)) as c:
        r = c.post("/v1/classify", json={"text": "word " * 20})
        assert r.status_code == 413 and r.json()["detail"] == "text has 100 characters, over the limit of 50"
        r = c.post("/v1/classify/batch", json={"documents": [{"text": "a."}] * 3})
        assert r.status_code == 413 and "over the limit of 2" in r.json()["detail"]
        r = c.post("/v1/classify", json={"text": "x" * 3000})
        assert r.status_code == 413 and r.json()["detail"] == "request body is over the limit of 2000 bytes"
        # Without a Content-Length (chunked), the limit holds as the body streams in.
        body = json.dumps({"text": "y" * 3000}).encode()
        r = c.post(
            "/v1/classify",
            content=(body[i : i + 500] for i in range(0, len(body), 500)),
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 413 and "2000 bytes" in r.json()["detail"]
        # The documented limits are the configured ones.
        schemas = c.get("/openapi.json").json()["components"]["schemas"]
        assert schemas["ClassifyRequest"]["properties"]["text"]["maxLength"] == 50
        assert schemas["BatchRequest"]["properties"]["documents"]["maxItems"] == 2


def test_concurrency_cap_answers_503_with_retry_after():
    """With the limit reached, a scoring request is turned away at once; others pass."""
    release = asyncio.Event()
    entered = asyncio.Event()

    async def slow_app(scope, receive, send):
        entered.set()
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})

    metrics = Metrics()
    cap = ConcurrencyCap(slow_app, metrics, limit=1)

    async def call(path):
        sent = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        await cap({"type": "http", "path": path, "method": "POST", "headers": []}, receive, send)
        return sent

    async def scenario():
        first = asyncio.create_task(call("/v1/classify"))
        await entered.wait()
        assert metrics.in_flight == 1
        rejected = await call("/v1/classify/batch")
        release.set()
        other = await call("/healthz")  # not a scoring route: never capped
        return await first, rejected, other

    first, rejected, other = asyncio.run(scenario())
    assert first[0]["status"] == 200 and other[0]["status"] == 200
    assert rejected[0]["status"] == 503 and (b"retry-after", b"1") in rejected[0]["headers"]
    assert b"limit of 1 scoring requests" in rejected[1]["body"]
    assert metrics.in_flight == 0
