"""Robustness: schemathesis against the app's own OpenAPI schema (every endpoint, admin
ones included), and hypothesis on the request models. Nothing a client sends may give a
5xx or crash the process."""

from __future__ import annotations

import json

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from service import Settings, create_app
from service.schemas import BatchRequest, ClassifyRequest

TOKEN = "fuzz-admin-token"


def _app(models_dir):
    # Small text limits so generated inputs reach them; a body limit that schema-valid bodies
    # cannot pass even with every character escaped (5 x 1000 x 12 bytes); no pointer watch
    # (the test owns the registry); the admin token, so the admin routes exist and are exercised.
    return create_app(
        Settings(
            models_dir=models_dir,
            max_chars=1000,
            max_documents=5,
            max_body_bytes=100_000,
            admin_token=TOKEN,
            reload_interval=0,
            access_log=False,
        )
    )


@pytest.fixture(scope="module")
def app(models_dir):
    return _app(models_dir)


# Over a limit the API answers 413 with the limit in the message, by design: a right answer
# to a schema-violating request too. Each reload re-reads and re-hashes the model: a few
# examples of that bodiless call suffice.
CONFIG = {
    "seed": 1,
    "generation": {"max-examples": 25},
    "checks": {
        "negative_data_rejection": {
            "expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
        }
    },
    "operations": [
        {"include-path": "/v1/admin/reload", "generation": {"max-examples": 3}},
        # A correction's span must lie inside its document, which no schema can state: a
        # schema-valid body may still get 422 (service/routes/feedback.py).
        {
            "include-path": "/v1/feedback",
            "include-method": "POST",
            "checks": {
                "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]}
            },
        },
    ],
}


@pytest.fixture(scope="module")
def api_schema(app):
    from schemathesis.config import SchemathesisConfig
    from schemathesis.python import asgi

    yield schemathesis.openapi.from_asgi("/openapi.json", app, config=SchemathesisConfig.from_dict(CONFIG))
    asgi.shutdown_lifespans()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error(case):
    """Every operation, valid and invalid inputs: no 5xx, and every response matches the
    documented schema for its status code."""
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})


def test_schema_covers_every_endpoint(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/v1/classify",
        "/v1/classify/batch",
        "/v1/model",
        "/healthz",
        "/readyz",
        "/metrics",
        "/v1/admin/reload",
        "/v1/admin/models",
    } <= paths


# -- hypothesis on the request models ---------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
classify_like = st.fixed_dictionaries(
    {},
    optional={
        "text": st.text(max_size=200) | json_values,
        "explain": st.sampled_from([True, False, "full", "yes", 1, None]),
        "top_k": st.integers(-5, 100) | json_values,
        "extra": json_values,
    },
)


@given(st.one_of(json_values, classify_like))
def test_request_models_accept_or_reject_cleanly(value):
    """Any JSON value either validates or raises ValidationError: no other exception."""
    for model in (ClassifyRequest, BatchRequest):
        try:
            parsed = model.model_validate(value)
        except ValidationError:
            continue
        assert isinstance(parsed, model)


@pytest.fixture(scope="module")
def client(models_dir):
    with TestClient(_app(models_dir)) as c:
        yield c


# Words that make real sentences, and the characters that break naive code: lone
# surrogates, NUL and other controls, line and paragraph separators, zero-width space.
any_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "The minister denied it.",
                " Where did the money go?",
                "\ud800",
                "\udfff",
                "\x00",
                "\x1c",
                "\u2028",
                "\u200b",
                "\n\n",
                "“",
                "!?",
                "...",
            ]
        ),
        st.characters(codec=None),
    ),
    max_size=40,
).map("".join)


@given(text=any_text, explain=st.sampled_from([True, False, "full"]), top_k=st.integers(0, 50))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_gets_an_answer(client, text, explain, top_k):
    """Any text a client can put in JSON, control characters and lone surrogates included:
    a 200 whose spans slice the text, or a one-line 4xx."""
    body = json.dumps({"text": text, "explain": explain, "top_k": top_k})  # ASCII, lone surrogates as \\udXXX
    r = client.post("/v1/classify", content=body, headers={"content-type": "application/json"})
    assert r.status_code < 500
    if r.status_code == 200:
        for s in r.json()["sentences"]:
            assert s["start"] < s["end"]  # a sentence set aside has no label and no probabilities
            assert s["label"] in s["probabilities"] if s["skipped"] is None else s["label"] is None
    else:
        detail = r.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail
