"""`stance review` (training/feedback/review.py): one letter per sentence, each answer a correction,
skip, undo, notes, and sentences corrected before not asked again."""

from __future__ import annotations

import io
import json

from training.cli import main
from training.feedback.review import review
from training.feedback.store import Correction, FeedbackStore
from training.feedback.suggest import read_queue

SENTENCES = [
    "The ministry denied that the data had been sold.",
    "Where did the money for the stadium come from?",
    "The council approved the budget on Tuesday.",
    "Officials dismissed the report as baseless.",
]


def _queue(path):
    rows = [
        {
            "rank": i + 1,
            "text": t,
            "label": "assertion",
            "probabilities": {"assertion": 0.5, "denial": 0.3, "insinuation": 0.2},
            "context_before": "Before it.",
            "context_after": "After it.",
            "register": "news",
        }
        for i, t in enumerate(SENTENCES)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return read_queue(path)[0]


def _answers(*lines):
    it = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(it)
        except StopIteration:
            raise EOFError from None

    return read


def test_letters_store_corrections_skip_and_undo(model, tmp_path):
    items = _queue(tmp_path / "q.jsonl")
    out = io.StringIO()
    with FeedbackStore(tmp_path / "fb.sqlite3") as store:
        session = review(
            items,
            store,
            analyst="ana",
            classifier=model.classifier,
            read=_answers("d", "x", "s", "u", "i pointed question", "a", "u", "u", "a", "q"),
            out=out,
        )
        stored = {c.text: c for c in store.all()}
    # d (saved), x (refused), s (skip), u (back to the skipped one), i + note, a, u (takes a back),
    # u (takes i back), a (the second sentence again), q
    assert {t: c.label for t, c in stored.items()} == {SENTENCES[0]: "denial", SENTENCES[1]: "assertion"}
    first = stored[SENTENCES[0]]
    assert (first.analyst, first.model_id, first.register, first.context_before) == (
        "ana",
        model.id,
        "news",
        "Before it.",
    )
    assert first.model_label in model.classifier.labels and first.note is None
    s = session.summary()
    assert (s["labelled"], s["skipped"], s["undone"], s["remaining"]) == (2, 0, 3, 2)
    text = out.getvalue()
    assert "expected one of a, d, i, 1, 2, 3, s, u or q; found 'x'" in text
    assert ">> " + SENTENCES[0] in text and "Before it." in text and "model: " in text


def test_a_note_after_the_letter_and_undo_restores_what_it_replaced(model, tmp_path):
    items = _queue(tmp_path / "q.jsonl")
    with FeedbackStore(tmp_path / "fb.sqlite3") as store:
        store.add(Correction(SENTENCES[0], "assertion", analyst="ana", note="first thought"))
        # The first sentence is corrected already: it is not asked again.
        review(items, store, analyst="ana", read=_answers("i a loaded question", "u"), out=io.StringIO())
        assert {c.text: (c.label, c.note) for c in store.all()} == {SENTENCES[0]: ("assertion", "first thought")}
        review(items, store, analyst="ana", read=_answers("i a loaded question"), out=io.StringIO())
        assert store.list(label="insinuation")[0][0].note == "a loaded question"


def test_cli_reads_letters_from_standard_input(models_dir, tmp_path, monkeypatch, capsys):
    _queue(tmp_path / "q.jsonl")
    db = tmp_path / "fb.sqlite3"
    monkeypatch.setattr("sys.stdin", io.StringIO("d\ni\n"))
    assert (
        main(
            [
                "review",
                str(tmp_path / "q.jsonl"),
                "--analyst",
                "bo",
                "--models-dir",
                str(models_dir),
                "--feedback-db",
                str(db),
            ]
        )
        == 0
    )
    out, err = capsys.readouterr()
    assert json.loads(out) == {"labelled": 2, "skipped": 0, "undone": 0, "remaining": 2, "already_corrected": 0}
    assert ">> " + SENTENCES[0] in err and "[s]kip, [u]ndo, [q]uit > " in err  # the conversation: stderr
    with FeedbackStore(db) as store:
        assert [(c.text, c.label, c.analyst) for c in store.all()] == [
            (SENTENCES[0], "denial", "bo"),
            (SENTENCES[1], "insinuation", "bo"),
        ]
