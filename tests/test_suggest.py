"""`stance suggest` (training/feedback/suggest.py): uncertain first, no near-copies, spread over
documents, already-corrected sentences skipped, bounded pool, every input format."""

from __future__ import annotations

import json

import numpy as np

from training.cli import main
from training.feedback.store import Correction, FeedbackStore, sentence_key
from training.feedback.suggest import _vectors, read_queue, suggest

from .conftest import read_jsonl

# Written for this test: plainly stated sentences, hedged or loaded ones, and questions.
TOPICS = [
    "the port",
    "the hospital",
    "the new bridge",
    "the school budget",
    "the water plant",
    "the stadium",
    "the tax office",
    "the railway",
    "the election count",
    "the vaccine order",
]
PATTERNS = [
    "The council approved {t} on Monday.",
    "Officials denied that {t} had been sold.",
    "Who really paid for {t}, and why now?",
    "Some say {t} may not be what it seems.",
    "It is hardly a coincidence that {t} closed before the vote.",
    "Critics dismissed reports about {t}.",
]


def _corpus(path, copies: int = 0):
    rows = []
    for d, topic in enumerate(TOPICS):
        text = " ".join(p.format(t=topic) for p in PATTERNS)
        rows.append({"id": f"doc{d}", "text": text, "outlet": f"outlet{d % 3}"})
    for c in range(copies):  # one sentence copied over and over, with other numbers
        rows.append({"id": f"copy{c}", "text": f"Perhaps {c + 2} people were told the truth about it."})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return rows


def test_suggests_uncertain_sentences_first_with_their_context(model, tmp_path):
    _corpus(tmp_path / "c.jsonl")
    out = suggest([tmp_path / "c.jsonl"], model.classifier, 5, keep=["outlet"])
    items, summary = out["items"], out["summary"]
    assert len(items) == 5 and summary["sentences"] == len(TOPICS) * len(PATTERNS)
    everything = [s for d in TOPICS for s in (p.format(t=d) for p in PATTERNS)]
    probs = np.sort(model.classifier.predict_proba(everything), axis=1)
    all_uncertainty = 1 - (probs[:, -1] - probs[:, -2])
    picked = [it["uncertainty"] for it in items]
    assert picked == sorted(picked, reverse=True)
    assert np.mean(picked) > np.median(all_uncertainty)  # uncertain first
    for it in items:
        doc = f"{it['context_before']} {it['text']} {it['context_after']}".strip()
        assert it["text"] in doc and it["model_id"] == model.id and it["fields"]["outlet"].startswith("outlet")
        assert it["label"] == max(it["probabilities"], key=it["probabilities"].get)
        assert it["sentence_hash"] == sentence_key(it["text"])
    assert max(sum(1 for it in items if it["doc_id"] == d) for d in {it["doc_id"] for it in items}) <= 2


def test_a_pattern_repeated_over_topics_is_suggested_once(model, tmp_path):
    _corpus(tmp_path / "c.jsonl")
    out = suggest([tmp_path / "c.jsonl"], model.classifier, 20, max_similarity=0.5)
    # 60 sentences, but only 6 patterns: at 0.5, sentences that differ by a topic's words are near-copies
    assert len(out["items"]) == len(PATTERNS)
    assert sorted(_pattern(it["text"]) for it in out["items"]) == list(range(len(PATTERNS)))


def _pattern(text: str) -> int:
    return next(i for i, p in enumerate(PATTERNS) for t in TOPICS if p.format(t=t) == text)


def test_no_near_copies_and_nothing_corrected_already(model, tmp_path):
    _corpus(tmp_path / "c.jsonl", copies=60)
    first = suggest([tmp_path / "c.jsonl"], model.classifier, 12, pool_factor=3)
    texts = [it["text"] for it in first["items"]]
    v = _vectors(texts)
    sims = (v @ v.T).toarray() - np.eye(len(texts))
    assert sims.max() < 0.8, "two suggestions are near-copies"
    assert sum("people were told the truth" in t for t in texts) <= 1
    assert first["summary"]["pool"] <= 36
    with FeedbackStore(tmp_path / "fb.sqlite3") as store:
        for t in texts[:5]:
            store.add(Correction(t, "assertion"))
        again = suggest([tmp_path / "c.jsonl"], model.classifier, 12, skip=store.corrected_keys(), pool_factor=3)
    assert again["summary"]["already_corrected"] >= 5
    assert not {it["text"] for it in again["items"]} & set(texts[:5])


def test_reads_csv_and_text_and_reports_bad_rows(model, tmp_path):
    (tmp_path / "c.csv").write_text(
        'id,text\na,"Officials denied that the port had been sold. Who paid?"\nb,\n', encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text("Some say the bridge may not be what it seems.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"text": "Who really paid for the stadium?"}\n{"nope": 1}\n[1]\n', encoding="utf-8"
    )
    out = suggest([tmp_path / "c.csv", tmp_path / "c.txt", tmp_path / "c.jsonl"], model.classifier, 5, min_words=2)
    assert out["summary"]["documents"] == 3 and out["summary"]["bad_rows"] == 3
    assert {it["text"] for it in out["items"]} == {
        "Officials denied that the port had been sold.",
        "Who paid?",
        "Some say the bridge may not be what it seems.",
        "Who really paid for the stadium?",
    }


def test_cli_writes_a_queue_that_review_reads(models_dir, tmp_path, capsys):
    _corpus(tmp_path / "c.jsonl")
    db = tmp_path / "fb.sqlite3"
    common = ["--models-dir", str(models_dir), "--feedback-db", str(db)]
    assert main(["suggest", str(tmp_path / "c.jsonl"), "-n", "6", "-o", str(tmp_path / "q.jsonl"), *common]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["picked"] == 6 and "wrote 6 sentences to label" in err
    rows = read_jsonl(tmp_path / "q.jsonl")
    assert [r["rank"] for r in rows] == list(range(1, 7)) and all(r["queue_version"] == 1 for r in rows)
    assert read_queue(tmp_path / "q.jsonl") == (rows, 0)
    assert not db.exists()  # suggesting only reads the store: none is made
    assert main(["suggest", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "q2.jsonl"), *common]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
