"""Answers are built by their response models (service/responses.py): every answer is
exactly what its model would make of it, so the OpenAPI document and the answers cannot
drift apart."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from service import Settings, create_app
from service.responses import builder
from service.schemas import BatchResponse, ClassifyResponse

PAGE = (
    "<html><head><title>Budget row</title></head><body><article><p>The ministry denied that the budget had "
    "doubled. Where did the money go? Officials said the audit was fair and complete.</p></article></body></html>"
)


@pytest.fixture(scope="module")
def client(models_dir):
    with TestClient(create_app(Settings(models_dir=models_dir, reload_interval=0, access_log=False))) as c:
        yield c


@pytest.mark.parametrize(
    "body",
    [
        {"text": "The ministry denied it. Where did the money go? The mayor said the budget doubled."},
        {"text": "The company denied it. Critics dismissed the audit.", "explain": False},
        {"text": "The company denied that any data had been sold, officials said.", "explain": "full", "top_k": 2},
        {"text": PAGE, "format": "html"},
    ],
)
def test_an_answer_is_what_its_model_makes_of_it(client, body):
    r = client.post("/v1/classify", json=body)
    assert r.status_code == 200, r.text
    answer = r.json()
    # Nothing left out (a missing field would fail validation, a missing default differ) and
    # nothing undocumented (dumping drops what the model does not declare).
    assert answer == ClassifyResponse.model_validate(answer).model_dump(mode="json")


def test_a_batch_answer_is_what_its_model_makes_of_it(client):
    r = client.post(
        "/v1/classify/batch",
        json={"documents": [{"id": "a", "text": "The minister denied it."}, {"id": 2, "text": "  "}], "explain": True},
    )
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer == BatchResponse.model_validate(answer).model_dump(mode="json")
    assert answer["documents"][1]["sentences"] == [] and answer["documents"][1]["error"]


class _Leaf(BaseModel):
    name: str
    note: str | None = None
    seen: bool = False


class _Branch(BaseModel):
    leaves: list[_Leaf]
    first: _Leaf | None = None
    tags: dict[str, int] = Field(default_factory=dict)


class _Root(BaseModel):
    branches: list[_Branch]
    size: int = 0


def test_the_builder_fills_every_level_and_keeps_what_is_given():
    build = builder(_Root)
    content = {
        "branches": [
            {"leaves": [{"name": "a"}, {"name": "b", "note": "kept", "seen": True}], "first": {"name": "c"}},
            {"leaves": [], "first": None, "tags": {"x": 1}},
        ]
    }
    assert build(content) is content  # completed in place
    assert content == _Root.model_validate(content).model_dump()
    assert content["branches"][0]["leaves"][1] == {"name": "b", "note": "kept", "seen": True}
    second = build({"branches": [{"leaves": []}]})["branches"][0]
    assert second["tags"] == {} and second["tags"] is not content["branches"][0]["tags"]  # a new dict each time
