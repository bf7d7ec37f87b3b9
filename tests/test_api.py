"""End-to-end: the real FastAPI app on a real trained model."""

import pytest
from fastapi.testclient import TestClient

from service import Settings, create_app

PARAGRAPH = (
    "The ministry signed the contract in March. The company denied that any data had been sold. Where did the money go?"
)


@pytest.fixture(scope="module")
def client(models_dir):
    with TestClient(
        create_app(Settings(models_dir=models_dir, max_chars=5000, max_documents=3, max_body_bytes=50_000))
    ) as c:
        yield c


def test_classify_paragraph(client):
    r = client.post("/v1/classify", json={"text": PARAGRAPH, "explain": True, "top_k": 5})
    assert r.status_code == 200
    body = r.json()
    assert len(body["sentences"]) == 3
    for s in body["sentences"]:
        assert PARAGRAPH[s["start"] : s["end"]] == s["text"]
        assert abs(sum(s["probabilities"].values()) - 1) < 1e-9
        assert s["label"] in s["probabilities"]
        for c in s["explanation"]["cues"]:
            assert PARAGRAPH[c["start"] : c["end"]] == c["text"]
            assert c["kind"] and isinstance(c["weight"], float)
        assert len(s["explanation"]["features"]["towards"]) <= 5
    assert any(s["explanation"]["cues"] for s in body["sentences"])
    assert body["summary"]["counts"] and sum(body["summary"]["counts"].values()) == 3
    assert "x-request-id" in r.headers
    card = client.get("/v1/model").json()
    assert body["model"]["id"] == card["id"] and body["model"]["sha256"] == card["artifact"]["sha256"]


def test_a_pronoun_speaker_is_served_with_the_speaker_it_stands_for(client):
    text = "Marta Kellund, the chief executive, denied reports that bills would rise. “That is untrue,” she said."
    body = client.post("/v1/classify", json={"text": text, "explain": True}).json()
    ref = body["sentences"][1]["source"]["refers_to"]
    assert ref["text"] == "Marta Kellund, the chief executive" and text[ref["start"] : ref["end"]] == ref["text"]
    assert body["sentences"][0]["source"]["refers_to"] is None
    assert [s["source"] for s in body["summary"]["sources"]] == ["Marta Kellund, the chief executive"]
    first = body["sentences"][0]
    if first["label"] == "denial":  # the real model labels it; what it denies comes with the explanation
        denied = first["explanation"]["denied"]
        assert (
            denied["text"] == "reports that bills would rise"
            and text[denied["start"] : denied["end"]] == denied["text"]
        )
    else:
        assert first["explanation"]["denied"] is None


def test_without_explanation(client):
    body = client.post("/v1/classify", json={"text": PARAGRAPH, "explain": False}).json()
    assert all(s["explanation"] is None for s in body["sentences"])


@pytest.mark.parametrize(
    "payload,status,phrase",
    [
        ({"text": ""}, 422, "empty"),
        ({"text": "   \n "}, 422, "got 5 characters of whitespace only"),
        ({"text": "x" * 5001}, 413, "limit of 5000"),
        ({"text": "ok", "top_k": 1000}, 422, "top_k must be at most"),
        ({"text": "ok", "top_k": -1}, 422, "top_k"),
        ({"txt": "ok"}, 422, "text"),
        ({"text": 5}, 422, "text"),
        ({"text": "ok", "top_k": True}, 422, "top_k: Value error, expected an integer, found bool"),
        ({"text": "ok", "top_k": "5"}, 422, "top_k"),
        ({"text": "ok", "explain": "yes"}, 422, "explain"),
    ],
)
def test_bad_requests(client, payload, status, phrase):
    r = client.post("/v1/classify", json=payload)
    assert r.status_code == status
    assert phrase in r.json()["detail"]
    assert client.get("/healthz").status_code == 200


def test_malformed_json_and_huge_body(client):
    r = client.post("/v1/classify", content=b'{"text": "unterminated', headers={"content-type": "application/json"})
    assert r.status_code == 422 and "malformed JSON" in r.json()["detail"]
    r = client.post("/v1/classify", content=b"\xff\xfe\x00binary", headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = client.post("/v1/classify", content=b"x" * 60_000, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "50000 bytes" in r.json()["detail"]
    assert client.post("/v1/classify", json={"text": PARAGRAPH}).status_code == 200


def test_batch(client):
    docs = [{"id": "a", "text": PARAGRAPH}, {"id": 2, "text": "It was never deployed, the ministry insisted."}]
    body = client.post("/v1/classify/batch", json={"documents": docs}).json()
    assert [d["id"] for d in body["documents"]] == ["a", 2]
    assert len(body["documents"][0]["sentences"]) == 3
    r = client.post("/v1/classify/batch", json={"documents": docs * 2})
    assert r.status_code == 413 and "limit of 3" in r.json()["detail"]
    assert [d["error"] for d in body["documents"]] == [None, None]


def test_batch_answers_the_others_when_one_document_is_empty(client):
    docs = [{"id": "a", "text": PARAGRAPH}, {"id": "b", "text": "  \n"}, {"id": "c", "text": "Officials denied it."}]
    r = client.post("/v1/classify/batch", json={"documents": docs})
    assert r.status_code == 200
    a, b, c = r.json()["documents"]
    assert (a["id"], len(a["sentences"]), a["error"]) == ("a", 3, None)
    assert (c["id"], c["error"]) == ("c", None) and c["sentences"][0]["text"] == "Officials denied it."
    assert b["id"] == "b" and b["sentences"] == [] and b["summary"]["sentences"] == 0
    assert b["error"] == "documents[1].text must contain some non-whitespace text, got 3 characters of whitespace only"
    r = client.post("/v1/classify/batch", json={"documents": [{"text": ""}]})
    assert r.status_code == 200
    assert (
        r.json()["documents"][0]["error"]
        == "documents[0].text must contain some non-whitespace text, got an empty text"
    )


def test_batch_rejects_duplicate_ids(client):
    docs = [{"id": "x", "text": PARAGRAPH}, {"id": 1, "text": PARAGRAPH}, {"id": "x", "text": "Denied."}]
    r = client.post("/v1/classify/batch", json={"documents": docs})
    assert r.status_code == 422
    assert r.json()["detail"] == (
        'documents[2].id "x" repeats documents[0].id; each document needs an id of its own (or none)'
    )
    # No id, or the same value as another type ("1" and 1), is not a duplicate.
    docs = [{"text": PARAGRAPH}, {"text": "Denied."}, {"id": "1", "text": "Denied."}]
    assert client.post("/v1/classify/batch", json={"documents": docs}).status_code == 200
    assert client.post("/v1/classify/batch", json={"documents": [docs[2], {"id": 1, "text": "x."}]}).status_code == 200


def test_health_ready_and_page(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["status"] == "ready"
    assert client.get("/").status_code == 200
    assert client.get("/openapi.json").status_code == 200


def test_not_ready_without_a_model(tmp_path):
    with TestClient(create_app(Settings(models_dir=tmp_path))) as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
        assert r.status_code == 503 and "stance train" in r.json()["detail"]
        r = c.post("/v1/classify", json={"text": "hello"})
        assert r.status_code == 503 and r.headers["retry-after"]


def test_lone_surrogate_is_a_clear_422(client):
    r = client.post(
        "/v1/classify", content=b'{"text": "He denied it \\ud800."}', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert (
        r.json()["detail"]
        == "invalid request: text: Value error, expected valid Unicode text, found a lone surrogate at position 13"
    )


def test_every_scored_response_names_its_model(client):
    card = client.get("/v1/model").json()
    for r in (
        client.post("/v1/classify", json={"text": PARAGRAPH}),
        client.post("/v1/classify/batch", json={"documents": [{"text": PARAGRAPH}]}),
        client.get("/v1/model"),
    ):
        assert r.headers["x-model-id"] == card["id"]
    assert (
        client.post("/v1/classify/batch", json={"documents": [{"text": PARAGRAPH}]}).json()["model"]["id"] == card["id"]
    )


@pytest.mark.parametrize("text", ["The minister denied it. \u200b", "The minister denied it. \x00", "\x00"])
def test_sentences_without_known_features_are_answered(client, text):
    """Found by tests/test_service_fuzz.py: a sentence with no known feature at the end of
    a text (an invisible or control character) must not crash the request."""
    r = client.post("/v1/classify", json={"text": text})
    assert r.status_code == 200, r.text
    assert all(text[s["start"] : s["end"]] == s["text"] for s in r.json()["sentences"])
