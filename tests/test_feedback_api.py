"""The corrections over HTTP (service/routes/feedback.py) on the real app and model."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from service import Settings, create_app
from training.feedback.store import FeedbackStore, sentence_key


def _client(models_dir, tmp_path, **settings):
    app = create_app(
        Settings(
            models_dir=models_dir, feedback_db=tmp_path / "fb.sqlite3", reload_interval=0, access_log=False, **settings
        )
    )
    return TestClient(app)


@pytest.fixture(scope="module")
def client(models_dir, tmp_path_factory):
    """One app and store for the module: each test writes sentences of its own."""
    with _client(models_dir, tmp_path_factory.mktemp("feedback")) as c:
        yield c


def test_post_stores_replaces_and_reports_conflicts(client):
    body = {
        "text": "The ministry denied the report.",
        "label": "denial",
        "analyst": "ana",
        "model_id": "m1",
        "model_label": "assertion",
        "note": "a denial verb",
        "domain": "politics",
        "register": "news",
    }
    r = client.post("/v1/feedback", json=body)
    assert r.status_code == 201
    stored = r.json()["correction"]
    assert (stored["label"], stored["register"], stored["domain"], stored["note"]) == (
        "denial",
        "news",
        "politics",
        "a denial verb",
    )
    assert stored["sentence_hash"] == sentence_key(body["text"])
    again = client.post("/v1/feedback", json={**body, "label": "assertion"})
    assert again.status_code == 200 and again.json()["replaced"]["label"] == "denial"
    other = client.post("/v1/feedback", json={"text": body["text"], "label": "insinuation", "analyst": "bo"})
    assert other.status_code == 201
    assert other.json()["conflicts"] == [{"id": stored["id"], "analyst": "ana", "label": "assertion"}]
    conflicts = [x for x in client.get("/v1/feedback/conflicts").json()["conflicts"] if x["text"] == body["text"]]
    assert [sorted(c["label"] for c in x["corrections"]) for x in conflicts] == [["assertion", "insinuation"]]
    stored = FeedbackStore(client.app.state.settings.feedback_db).all()
    assert sorted((c.analyst, c.label) for c in stored if c.text == body["text"]) == [
        ("ana", "assertion"),
        ("bo", "insinuation"),
    ]


def test_a_sentence_sent_with_its_document_keeps_its_context(client):
    doc = "The audit was cancelled. The ministry denied any link. Nobody believed it."
    start, end = doc.index("The ministry"), doc.index(" Nobody")
    r = client.post("/v1/feedback", json={"document": doc, "start": start, "end": end, "label": "denial"})
    assert r.status_code == 201
    c = r.json()["correction"]
    assert (c["text"], c["context_before"], c["context_after"]) == (
        "The ministry denied any link.",
        "The audit was cancelled.",
        "Nobody believed it.",
    )
    assert (c["span_start"], c["span_end"]) == (start, end)


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"label": "denial"}, 422, "expected either 'text', or 'document'"),
        (
            {"text": "A sentence.", "document": "A sentence.", "start": 0, "end": 3, "label": "denial"},
            422,
            "found text, document, start, end",
        ),
        ({"document": "Short.", "start": 2, "end": 99, "label": "denial"}, 422, "expected 0 <= start < end <= 6"),
        ({"text": "A sentence.", "label": "nonsense"}, 409, "one of the model's labels"),
        ({"text": "   ", "label": "denial"}, 422, "text: String should match pattern"),
        ({"text": None, "label": "denial"}, 422, "text: Input should be a valid string"),
        ({"text": "A sentence.", "label": "denial", "lable": "x"}, 422, "invalid request"),
        ({"text": "A sentence.", "label": "denial", "note": "n" * 3000}, 422, "invalid request"),
    ],
)
def test_bad_corrections_get_one_line(client, body, status, words):
    r = client.post("/v1/feedback", json=body)
    assert r.status_code == status and words in r.json()["detail"]
    assert "\n" not in r.json()["detail"]


def test_list_pages_and_filters(client):
    for i in range(5):
        client.post(
            "/v1/feedback",
            json={
                "text": f"Claim number {i} was made.",
                "label": "denial" if i < 2 else "assertion",
                "model_id": "m-old" if i < 3 else "m-new",
                "analyst": "lister",
            },
        )
    page = client.get("/v1/feedback", params={"limit": 2, "analyst": "lister"}).json()
    assert (page["total"], len(page["items"]), page["next_offset"]) == (5, 2, 2)
    assert page["items"][0]["text"] == "Claim number 4 was made."  # most recent first
    last = client.get("/v1/feedback", params={"limit": 2, "offset": 4, "analyst": "lister"}).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None
    assert client.get("/v1/feedback", params={"label": "denial", "analyst": "lister"}).json()["total"] == 2
    assert client.get("/v1/feedback", params={"model_id": "m-new", "analyst": "lister"}).json()["total"] == 2
    today = page["items"][0]["updated"][:10]
    assert client.get("/v1/feedback", params={"since": today, "until": today, "analyst": "lister"}).json()["total"] == 5
    assert client.get("/v1/feedback", params={"since": "2999-01-01"}).json()["total"] == 0
    bad = client.get("/v1/feedback", params={"until": "soon"})
    assert bad.status_code == 422 and "until" in bad.json()["detail"]
    assert client.options("/v1/feedback").headers["allow"] == "GET, POST"
    assert client.delete("/v1/feedback/conflicts").status_code == 405
    assert client.get("/v1/feedback", params={"limit": 0}).status_code == 422


def test_delete_takes_a_correction_back(client):
    made = client.post("/v1/feedback", json={"text": "Nobody was hurt.", "label": "assertion"}).json()["correction"]
    assert client.delete(f"/v1/feedback/{made['id']}").json()["deleted"]["text"] == "Nobody was hurt."
    gone = client.delete(f"/v1/feedback/{made['id']}")
    assert gone.status_code == 404 and "no correction has the id" in gone.json()["detail"]


def test_an_id_or_offset_past_sqlites_integers_is_a_422_not_a_crash(client):
    huge = 2**63
    for r in (client.get(f"/v1/feedback?offset={huge}"), client.delete(f"/v1/feedback/{huge}")):
        assert r.status_code == 422 and "less than or equal to 9223372036854775807" in r.json()["detail"], r.text


def test_feedback_follows_the_api_key_rule(models_dir, tmp_path):
    with _client(models_dir, tmp_path, api_keys=("k1",)) as c:
        body = {"text": "The claim is false.", "label": "denial"}
        assert c.post("/v1/feedback", json=body).status_code == 401
        assert c.post("/v1/feedback", json=body, headers={"X-API-Key": "nope"}).status_code == 403
        assert c.post("/v1/feedback", json=body, headers={"X-API-Key": "k1"}).status_code == 201
        assert c.get("/v1/feedback", headers={"Authorization": "Bearer k1"}).json()["total"] == 1
        for path in ("/v1/feedback", "/v1/feedback/conflicts", "/v1/review/queue"):
            assert c.get(path).status_code == 401
        assert c.get("/review").status_code == 200  # the page is open; what it fetches is not


def test_the_review_queue_leaves_out_what_is_corrected(models_dir, tmp_path):
    queue = tmp_path / "queue.jsonl"
    rows = [
        {
            "rank": i + 1,
            "text": f"Is it true that claim {i} holds?",
            "label": "insinuation",
            "context_before": "Before.",
            "context_after": "After.",
        }
        for i in range(4)
    ]
    queue.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n", encoding="utf-8")
    with _client(models_dir, tmp_path) as c:
        assert c.get("/v1/review/queue").status_code == 404  # none configured
    with _client(models_dir, tmp_path, review_queue=queue) as c:
        c.post("/v1/feedback", json={"text": rows[1]["text"], "label": "assertion", "analyst": "ana"})
        q = c.get("/v1/review/queue").json()
        assert (q["total"], q["done"], q["bad_lines"]) == (4, 1, 1)
        assert [r["text"] for r in q["items"]] == [rows[i]["text"] for i in (0, 2, 3)]
        page = c.get("/review")
        assert page.status_code == 200 and 'id="review-text"' in page.text
        assert {"/v1/feedback", "/v1/feedback/conflicts", "/v1/feedback/{correction_id}", "/v1/review/queue"} <= set(
            c.get("/openapi.json").json()["paths"]
        )
