"""Observability: /metrics in the Prometheus text format (checked with the reference parser)
counting the requests just made; one JSON log line per request with the request id that the
response header carries."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from service import Settings, create_app
from service.logs import JsonFormatter, log_config
from service.metrics import BUCKETS, Metrics

PARAGRAPH = (
    "The ministry signed the contract in March. The company denied that any data had been sold. Where did the money go?"
)


@pytest.fixture
def client(models_dir):
    with TestClient(create_app(Settings(models_dir=models_dir, reload_interval=0, max_documents=2))) as c:
        yield c


def _samples(text: str) -> dict:
    """{(sample name, frozenset(labels)): value} from the reference parser."""
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, frozenset(s.labels.items()))] = s.value
    return out


def _key(name, **labels):
    return name, frozenset(labels.items())


def test_metrics_count_the_requests_just_made(client, model):
    for _ in range(3):
        assert client.post("/v1/classify", json={"text": PARAGRAPH}).status_code == 200
    assert client.post("/v1/classify", json={"text": ""}).status_code == 422
    docs = {"documents": [{"text": PARAGRAPH}, {"text": "It never happened, the minister insisted."}]}
    assert client.post("/v1/classify/batch", json=docs).status_code == 200
    assert client.post("/v1/classify/batch", json={"documents": docs["documents"] * 2}).status_code == 413
    assert client.get("/no/such/page").status_code == 404
    r = client.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples = _samples(r.text)

    classify = {"route": "/v1/classify", "method": "POST"}
    assert samples[_key("stance_http_requests_total", **classify, status="200")] == 3
    assert samples[_key("stance_http_requests_total", **classify, status="422")] == 1
    assert samples[_key("stance_http_requests_total", route="/v1/classify/batch", method="POST", status="413")] == 1
    assert samples[_key("stance_http_requests_total", route="unmatched", method="GET", status="404")] == 1
    # The histogram: cumulative buckets ending in +Inf == count, and a positive sum.
    buckets = [
        samples[_key("stance_http_request_duration_seconds_bucket", **classify, status="200", le=le)]
        for le in [*map(str, BUCKETS), "+Inf"]
    ]
    assert buckets == sorted(buckets) and buckets[-1] == 3
    assert samples[_key("stance_http_request_duration_seconds_count", **classify, status="200")] == 3
    assert samples[_key("stance_http_request_duration_seconds_sum", **classify, status="200")] > 0
    # 3 paragraphs of 3 sentences, then a batch of 3 + 1 sentences.
    by_label = {
        dict(labels)["label"]: v for (name, labels), v in samples.items() if name == "stance_sentences_classified_total"
    }
    assert sum(by_label.values()) == 13 and set(by_label) <= set(model.classifier.labels)
    info = [dict(labels) for (name, labels), v in samples.items() if name == "stance_model_info" and v == 1]
    assert info == [{"id": model.id, "version": model.card["version"], "sha256": model.card["artifact"]["sha256"]}]
    assert samples[_key("stance_requests_in_flight")] == 0

    # The scrape itself is counted by the next one.
    again = _samples(client.get("/metrics").text)
    assert again[_key("stance_http_requests_total", route="/metrics", method="GET", status="200")] == 1


def test_unknown_methods_share_one_label(client):
    """A client can send any token as a method; each must not become a new time series."""
    for method in ("FOO", "BAR", "QUERY"):
        assert client.request(method, "/healthz").status_code == 405
    samples = _samples(client.get("/metrics").text)
    assert samples[_key("stance_http_requests_total", route="/healthz", method="other", status="405")] == 3


def test_label_values_are_escaped():
    m = Metrics()
    m.count_sentences(['odd "label"\\\nx'])
    samples = _samples(m.render())
    assert samples[_key("stance_sentences_classified_total", label='odd "label"\\\nx')] == 1


def test_one_json_log_line_per_request_with_its_request_id(client, caplog, model):
    caplog.set_level(logging.INFO, logger="stancewatch.access")
    r = client.post("/v1/classify", json={"text": PARAGRAPH}, headers={"X-Request-ID": "trace-42"})
    assert r.headers["x-request-id"] == "trace-42" and r.headers["x-model-id"] == model.id
    r2 = client.get("/healthz", headers={"X-Request-ID": "has spaces and is not safe"})
    generated = r2.headers["x-request-id"]
    assert generated != "has spaces and is not safe" and len(generated) == 32
    r3 = client.get("/healthz", headers={"X-Request-ID": "x" * 500})
    assert len(r3.headers["x-request-id"]) == 32

    lines = [JsonFormatter().format(rec) for rec in caplog.records if rec.name == "stancewatch.access"]
    assert all("\n" not in line for line in lines)
    entries = [json.loads(line) for line in lines]
    first = next(e for e in entries if e["request_id"] == "trace-42")
    assert first["route"] == "/v1/classify" and first["status"] == 200 and first["model"] == model.id
    assert first["method"] == "POST" and first["ms"] > 0 and first["level"] == "info" and first["ts"].endswith("+00:00")
    assert any(e["request_id"] == generated and e["route"] == "/healthz" for e in entries)


def test_access_log_can_be_turned_off(models_dir, caplog):
    caplog.set_level(logging.INFO, logger="stancewatch.access")
    with TestClient(create_app(Settings(models_dir=models_dir, reload_interval=0, access_log=False))) as c:
        c.get("/healthz")
    assert not [r for r in caplog.records if r.name == "stancewatch.access"]


def test_log_config_formats_uvicorn_and_service_loggers_as_json():
    config = log_config("debug")
    assert config["formatters"]["json"]["()"] == "service.logs.JsonFormatter"
    for name in ("uvicorn.error", "uvicorn.access", "stancewatch"):
        assert config["loggers"][name] == {"handlers": ["stderr"], "level": "DEBUG", "propagate": False}
    record = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "boom %s", ("x",), None)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["msg"] == "boom x" and entry["level"] == "error" and entry["logger"] == "uvicorn.error"
