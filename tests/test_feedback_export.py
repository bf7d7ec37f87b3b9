"""`stance feedback export` (training/feedback/export.py) and what `stance train` and
`stance eval` make of the file (training/feedback/gain.py)."""

from __future__ import annotations

import json
import shutil

import pytest

from training.cli import main
from training.errors import InputError
from training.feedback.export import export_corrections
from training.feedback.gain import is_held_out, sample_weights, split_feedback
from training.feedback.store import Correction, FeedbackStore
from training.fit.data import read_examples

from .conftest import LABELS, read_jsonl


@pytest.fixture
def store(tmp_path):
    with FeedbackStore(tmp_path / "fb.sqlite3") as s:
        s.add(
            Correction(
                "The ministry denied the report.",
                "denial",
                analyst="ana",
                model_id="m1",
                model_label="assertion",
                domain="politics",
                register="news",
                note="clear denial",
            )
        )
        s.add(Correction("The ministry denied the report.", "denial", analyst="bo"))
        s.add(Correction("Where did the money go?", "insinuation", analyst="ana"))
        s.add(Correction("Where did the money go?", "assertion", analyst="bo"))
        s.add(Correction("Where did the money go?", "insinuation", analyst="cy"))
        s.add(Correction("The bridge opened in May.", "assertion"))
        yield s


def test_export_writes_our_label_schema_and_leaves_conflicts_out(store, tmp_path):
    summary = export_corrections(store, tmp_path / "mine.jsonl")
    rows = read_jsonl(tmp_path / "mine.jsonl")
    assert [(r["text"], r["label"]) for r in rows] == [
        ("The ministry denied the report.", "denial"),
        ("The bridge opened in May.", "assertion"),
    ]
    first = rows[0]
    assert (first["source"], first["domain"], first["register"], first["analysts"]) == (
        "feedback",
        "politics",
        "news",
        ["ana", "bo"],
    )
    assert (first["model_id"], first["model_label"], first["note"]) == ("m1", "assertion", "clear denial")
    assert first["id"].startswith("feedback-") and "domain" not in rows[1]
    (conflict,) = summary["conflicts"]
    assert conflict["settled"] is None and conflict["labels"] == {
        "ana": "insinuation",
        "bo": "assertion",
        "cy": "insinuation",
    }
    assert summary["rows"] == 2 and summary["corrections"] == 6
    examples, errors = read_examples([tmp_path / "mine.jsonl"])
    assert not errors and all(e.extra["source"] == "feedback" for e in examples)
    assert examples[0].domain == "politics" and examples[0].register == "news"


def test_conflicts_settled_by_majority_or_latest(store, tmp_path):
    majority = export_corrections(store, tmp_path / "m.jsonl", conflicts="majority")
    assert majority["conflicts"][0]["settled"] == "insinuation"
    latest = export_corrections(store, tmp_path / "l.jsonl", conflicts="latest")
    assert latest["conflicts"][0]["settled"] == "insinuation"  # cy was the last to answer
    store.add(Correction("Where did the money go?", "assertion", analyst="ana"))
    assert (
        export_corrections(store, tmp_path / "l2.jsonl", conflicts="latest")["conflicts"][0]["settled"] == "assertion"
    )
    assert (
        export_corrections(store, tmp_path / "m2.jsonl", conflicts="majority")["conflicts"][0]["settled"] == "assertion"
    )


def test_export_never_overwrites(store, tmp_path, capsys):
    target = tmp_path / "mine.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    with pytest.raises(InputError, match="never overwritten"):
        export_corrections(store, target)
    assert main(["feedback", "export", "-o", str(target), "--feedback-db", str(store.path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already there" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mine")]  # no temporary file left
    assert main(["feedback", "export", "-o", str(tmp_path / "new.jsonl"), "--feedback-db", str(store.path)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["rows"] == 2 and "conflict (left out)" in err and "--conflicts latest|majority" in err


def test_a_stable_fifth_is_held_out_and_corrections_weigh_more(tmp_path):
    texts = [f"Claim {i} was denied by the office." for i in range(500)]
    held = [t for t in texts if is_held_out(t)]
    assert 70 < len(held) < 130 and held == [t for t in texts if is_held_out(t)]
    path = tmp_path / "rows.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": t, "label": "denial", "source": "feedback"}) for t in texts[:50])
        + "\n"
        + json.dumps({"text": "A plain row.", "label": "assertion"})
        + "\n",
        encoding="utf-8",
    )
    examples, _ = read_examples([path])
    train_rows, held_rows = split_feedback(examples)
    assert {e.text for e in held_rows} == {t for t in texts[:50] if is_held_out(t)} and len(train_rows) + len(
        held_rows
    ) == 51
    assert split_feedback(examples, hold_out=False) == (examples, [])
    weights = sample_weights(train_rows, 3.0)
    assert weights.tolist() == [3.0] * (len(train_rows) - 1) + [1.0]
    assert sample_weights(train_rows, 1.0) is None


def test_train_and_eval_report_the_gain_on_your_own_text(models_dir, corpus, tmp_path, capsys):
    """Corrections of the session model exported, trained on (a fifth held out), and the
    gain measured on that fifth by `stance train` and `stance eval`."""
    registry = tmp_path / "models"
    shutil.copytree(models_dir, registry)
    from training import load_model

    corrected = load_model(registry)
    rows = [json.loads(line) for line in (LABELS / "test.jsonl").read_text(encoding="utf-8").splitlines()[1::4]]
    with FeedbackStore(tmp_path / "fb.sqlite3") as store:
        for r in rows[:120]:
            store.add(Correction(r["text"], r["label"], analyst="ana", model_id=corrected.id))
        export_corrections(store, tmp_path / "mine.jsonl")
    held = [r for r in rows[:120] if is_held_out(r["text"])]
    assert held
    small = tmp_path / "small.jsonl"  # a third of the session's rows: a quick fit
    small.write_text("".join(line + "\n" for line in corpus[0].read_text(encoding="utf-8").splitlines()[::3]))
    code = main(
        [
            "train",
            "--data",
            str(small),
            str(tmp_path / "mine.jsonl"),
            "--test",
            str(corpus[1]),
            "--cv",
            "0",
            "--models-dir",
            str(registry),
            "--force",
            "--no-chars",  # a quick fit: the weight choice and its report are under test here
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and f"on your own text ({len(held)} corrections held out of training)" in out
    new = load_model(registry)
    report = new.card["metrics"]["feedback"]
    assert report["held_out"] == len(held) and report["trained_on"] == 120 - len(held)
    # The weight of a correction was chosen on the held-out fifth; the model trained with it scores as the search did.
    choice = report["weight_choice"]
    assert report["weight"] == choice["chosen"] and f"training with x{choice['chosen']:g}" in err
    (chosen,) = [
        c for c in choice["candidates"] if (c["weight"], c["user_scale"]) == (choice["chosen"], choice["user_scale"])
    ]
    assert chosen["macro_f1"] == pytest.approx(report["macro_f1"])
    assert report["baseline"]["model"] == corrected.id
    assert report["gain_macro_f1"] == pytest.approx(report["macro_f1"] - report["baseline"]["macro_f1"])
    assert new.card["rows"] == len(read_jsonl(small)) + 120 - len(held)

    assert main(["eval", "--data", str(tmp_path / "mine.jsonl"), "--models-dir", str(registry), "--json"]) == 0
    evaluated = json.loads(capsys.readouterr().out)["feedback"]
    assert (evaluated["model"], evaluated["held_out"], evaluated["baseline"]["model"]) == (
        new.id,
        len(held),
        corrected.id,
    )
    assert evaluated["macro_f1"] == pytest.approx(report["macro_f1"])


def test_reading_commands_create_no_store(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    assert main(["feedback", "list", "--feedback-db", str(missing)]) == 1
    assert "expected a corrections store at" in capsys.readouterr().err
    assert not missing.exists()
