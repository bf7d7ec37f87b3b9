"""The service under hostile clients (issue 15): full explanations of huge texts are bounded
and stop when the client leaves, health checks answer under any scoring load, slow bodies
get 408 without taking the concurrency cap, API keys are checked before the cap, and deeply
nested JSON gets a 422 that says what it is. Slow-body and disconnect tests need a real
server (uvicorn in a thread, on loopback)."""

from __future__ import annotations

import concurrent.futures
import json
import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient

from service import Settings, create_app

PARAGRAPH = "The ministry signed the contract in March. The company denied that any data had been sold."


class LiveServer:
    """The app under uvicorn in a thread, on a free loopback port."""

    def __init__(self, settings: Settings):
        self.app = create_app(settings)
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=0, log_level="critical", lifespan="on", timeout_graceful_shutdown=1
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "the server did not start"
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)

    def request(
        self, method: str, path: str, body: dict | None = None, headers: dict | None = None, timeout: float = 30
    ) -> tuple[int, dict, bytes]:
        """One request on a new connection: (status, headers, body)."""
        data = json.dumps(body).encode() if body is not None else b""
        head = {
            "host": "127.0.0.1",
            "content-length": str(len(data)),
            "connection": "close",
            **({"content-type": "application/json"} if body is not None else {}),
            **(headers or {}),
        }
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(
                f"{method} {path} HTTP/1.1\r\n".encode()
                + b"".join(f"{k}: {v}\r\n".encode() for k, v in head.items())
                + b"\r\n"
                + data
            )
            return _read_response(s)

    def start_slow_body(self, path: str = "/v1/classify") -> socket.socket:
        """A connection that sends its headers and one byte of a 100-byte body, then nothing."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        s.sendall(
            f"POST {path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
            "content-length: 100\r\n\r\n{".encode()
        )
        return s


def _read_response(s: socket.socket) -> tuple[int, dict, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a response: {data[:200]!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    length = int(headers.get("content-length", 0))
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def _in_flight(server: LiveServer) -> int:
    text = server.request("GET", "/metrics")[2].decode()
    return int(next(line for line in text.splitlines() if line.startswith("stance_requests_in_flight ")).split()[1])


# -- 1. full explanations: bounded, stopped when the client leaves; health answers ---------


def test_a_huge_full_explanation_is_bounded_and_documented(models_dir):
    settings = Settings(models_dir=models_dir, max_what_if_per_sentence=4, max_what_if_chars=30_000)
    with TestClient(create_app(settings)) as client:
        t0 = time.perf_counter()
        r = client.post("/v1/classify", json={"text": "denied " * 14_000, "explain": "full"})
        assert r.status_code == 200 and time.perf_counter() - t0 < 20  # unbounded: about 200 s and 2.8 GB
        cues = [c for s in r.json()["sentences"] for c in s["explanation"]["cues"]]
        assert len(cues) == 14_000 and sum(c["without"] is not None for c in cues) == 0  # 98,000 > 30,000
        r = client.post("/v1/classify", json={"text": "denied " * 1_000, "explain": "full"})
        assert sum(c["without"] is not None for c in r.json()["sentences"][0]["explanation"]["cues"]) == 4
        explain = client.get("/openapi.json").json()["components"]["schemas"]["ClassifyRequest"]["properties"][
            "explain"
        ]
        assert "at most 4 cues a sentence" in explain["description"] and "30000 characters" in explain["description"]


def test_scoring_stops_when_the_client_leaves(models_dir):
    # Limits lifted, so that this request would keep the worker busy for about 15 s.
    settings = Settings(
        models_dir=models_dir,
        max_what_if_per_sentence=10**6,
        max_what_if_chars=10**10,
        access_log=False,
        reload_interval=0,
    )
    with LiveServer(settings) as server:
        s = socket.create_connection(("127.0.0.1", server.port))
        body = json.dumps({"text": "denied " * 4_500, "explain": "full"}).encode()
        s.sendall(
            b"POST /v1/classify HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
            + f"content-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        deadline = time.monotonic() + 10
        while _in_flight(server) != 1:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        time.sleep(0.3)  # well into the what-ifs
        s.close()  # the client gives up
        deadline = time.monotonic() + 3
        while _in_flight(server) != 0:
            assert time.monotonic() < deadline, "the worker kept scoring for a client that had left"
            time.sleep(0.02)
        assert server.request("POST", "/v1/classify", {"text": PARAGRAPH})[0] == 200


def test_health_answers_while_full_explanations_run(models_dir):
    settings = Settings(models_dir=models_dir, access_log=False, reload_interval=0)
    with LiveServer(settings) as server:
        # Each would hold the event loop for about a second (546 cues in one sentence).
        text = ("there is no evidence, reportedly, allegedly denied and rejected " * 80)[:4_995]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            busy = [
                pool.submit(server.request, "POST", "/v1/classify", {"text": text, "explain": "full"}) for _ in range(8)
            ]
            time.sleep(0.2)
            worst = 0.0
            while not all(f.done() for f in busy):
                t0 = time.perf_counter()
                assert server.request("GET", "/healthz")[0] == 200
                worst = max(worst, time.perf_counter() - t0)
                time.sleep(0.01)
            assert all(f.result()[0] == 200 for f in busy)
        assert worst < 0.5, f"/healthz took {worst:.2f} s"  # on the loop: up to 6 s


# -- 2. slow bodies and API keys ----------------------------------------------------------


def test_slow_bodies_get_408_and_do_not_take_the_cap(models_dir):
    settings = Settings(models_dir=models_dir, max_concurrency=3, body_timeout=1.0, access_log=False, reload_interval=0)
    with LiveServer(settings) as server:
        slow = [server.start_slow_body() for _ in range(3)]
        time.sleep(0.2)
        try:
            for _ in range(3):  # the three slow bodies took every place under the cap: 503
                assert server.request("POST", "/v1/classify", {"text": PARAGRAPH})[0] == 200
            for s in slow:  # past the deadline: 408, and the server closes the connection
                status, headers, body = _read_response(s)
                assert status == 408 and "within 1.0 s" in json.loads(body)["detail"]
                assert headers.get("connection") == "close" and s.recv(1) == b""
        finally:
            for s in slow:
                s.close()


def test_the_api_key_is_checked_before_the_cap(models_dir):
    settings = Settings(models_dir=models_dir, max_concurrency=1, api_keys=("key-one",))
    with TestClient(create_app(settings)) as client:
        client.app.state.metrics.in_flight = 1  # as if a request were being scored
        r = client.post("/v1/classify", json={"text": PARAGRAPH})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert client.post("/v1/classify", json={"text": PARAGRAPH}, headers={"X-API-Key": "nope"}).status_code == 403
        r = client.post(
            "/v1/classify/batch", json={"documents": [{"text": PARAGRAPH}]}, headers={"Authorization": "Bearer nope"}
        )
        assert r.status_code == 403
        assert (
            client.post("/v1/classify", json={"text": PARAGRAPH}, headers={"X-API-Key": "key-one"}).status_code == 503
        )
        client.app.state.metrics.in_flight = 0
        assert (
            client.post("/v1/classify", json={"text": PARAGRAPH}, headers={"X-API-Key": "key-one"}).status_code == 200
        )
        r = client.post("/v1/classify", json={"text": PARAGRAPH}, headers={"Authorization": "Bearer key-one"})
        assert r.status_code == 200


# -- 10b. deeply nested JSON ---------------------------------------------------------------


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"text": ' + b"[" * 50_000], ids=["array", "in-object"])
def test_deeply_nested_json_says_what_it_is(models_dir, body):
    with TestClient(create_app(Settings(models_dir=models_dir))) as client:
        r = client.post("/v1/classify", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 422
        assert "nested" in r.json()["detail"] and "cannot be decoded" not in r.json()["detail"]
        r = client.post("/v1/classify", content=b"\xff\xfe\x00binary", headers={"content-type": "application/json"})
        assert r.status_code == 422 and "cannot be decoded" in r.json()["detail"]
