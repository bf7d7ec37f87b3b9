"""`"format": "html"` in the HTTP API (service/page_text.py), and sentences set aside in answers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service import Settings, create_app
from tests.saved_pages import ARTICLE, article_page
from training import extract_page


@pytest.fixture(scope="module")
def client(models_dir):
    with TestClient(create_app(Settings(models_dir=models_dir, max_chars=5000))) as c:
        yield c


def test_a_page_is_labelled_in_its_main_text_which_the_answer_returns(client):
    html = article_page()
    assert len(html) > 1000
    r = client.post("/v1/classify", json={"text": html, "format": "html", "explain": True})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["text"] == extract_page(html).text
    assert body["document"] == {
        "url": None,
        "title": "Ministry denies stadium contract claims",
        "author": "Jane Okafor",
        "date": "2024-03-05",
        "site": "The Harbour Courier",
    }
    assert body["language"] == "en"
    by_text = {s["text"]: s for s in body["sentences"]}
    for s in body["sentences"]:
        assert body["text"][s["start"] : s["end"]] == s["text"]  # spans point into the returned text
    assert all(by_text[a]["label"] is not None for a in ARTICLE[:3])
    notice = by_text["Comments are closed."]
    assert (notice["label"], notice["skipped"], notice["explanation"], notice["language"]) == (
        None,
        "not a sentence",
        None,
        "en",
    )
    summary = body["summary"]
    assert summary["sentences"] == sum(s["label"] is not None for s in body["sentences"])
    assert summary["skipped"] == summary["skipped_reasons"]["not a sentence"] >= 3


def test_plain_text_answers_carry_languages_and_no_page(client):
    r = client.post("/v1/classify", json={"text": "The ministry denied it. Bakanlık raporu salı günü yalanladı."})
    body = r.json()
    # No page: its fields are null, as the response model builds every answer (service/responses.py).
    assert r.status_code == 200 and (body["text"], body["document"], body["error"]) == (None, None, None)
    assert [(s["label"] is None, s["skipped"], s["language"]) for s in body["sentences"]] == [
        (False, None, "en"),
        (True, "language", "tr"),
    ]
    assert body["summary"]["skipped_reasons"] == {"language": 1}


def test_a_page_with_no_main_text_has_no_sentences_and_says_why(client):
    empty = "<html><head><title>x</title></head><body><script>var x;</script></body></html>"
    r = client.post("/v1/classify", json={"text": empty, "format": "html"})
    body = r.json()
    assert r.status_code == 200 and body["sentences"] == [] and body["text"] == ""
    assert body["error"].startswith("expected an HTML page with a main text, found none")
    r = client.post(
        "/v1/classify/batch",
        json={
            "format": "html",
            "documents": [{"id": "a", "text": article_page(1)}, {"id": "b", "text": empty}, {"id": "c", "text": " "}],
        },
    )
    assert r.status_code == 200, r.text
    a, b, c = r.json()["documents"]
    assert a["error"] is None and a["document"]["author"] == "Jane Okafor" and a["sentences"]
    assert b["error"].startswith("documents[1].text: expected an HTML page with a main text") and not b["sentences"]
    assert "non-whitespace" in c["error"]


def test_the_character_limit_applies_to_the_html_sent(client):
    html = article_page().replace("<main>", "<main>" + "<!-- padding -->" * 400)
    r = client.post("/v1/classify", json={"text": html, "format": "html"})
    assert r.status_code == 413 and "over the limit of 5000" in r.json()["detail"]
    assert client.post("/v1/classify", json={"text": "x", "format": "pdf"}).status_code == 422
