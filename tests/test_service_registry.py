"""The model registry from the command line: `stance models` lists, activates and rolls
back; `stance train` activates a new model only when it is not worse than the active one."""

from __future__ import annotations

import json
import random

import pytest

from training import active_id, list_models
from training.cli import main
from training.errors import ModelError
from training.fit.train import train
from training.model.pipeline import PipelineParams

from .conftest import small_corpus

# Word unigrams without character n-grams: real models trained in about a second.
FAST_FLAGS = ["--cv", "0", "--no-chars", "--word-max", "1"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A registry with one active model, and the train and held-out files it came from."""
    folder = tmp_path_factory.mktemp("registry")
    train_file, test_file = small_corpus(folder / "data", every=10)
    train(
        [train_file],
        test_file,
        models_dir=folder / "models",
        cv_folds=0,
        params=PipelineParams(word_ngrams=(1, 1), char_ngrams=None, calibration_folds=0),
    )
    return folder / "models", train_file, test_file


@pytest.fixture
def registry(tiny, tmp_path):
    import shutil

    src, train_file, test_file = tiny
    shutil.copytree(src, tmp_path / "models")
    return tmp_path / "models", train_file, test_file


def _shuffled_labels(src, dst, seed=0):
    """The same rows with their labels shuffled among them: a deliberately damaged label file."""
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = [r["label"] for r in rows]
    random.Random(seed).shuffle(labels)
    dst.write_text(
        "".join(json.dumps({**r, "label": lab}) + "\n" for r, lab in zip(rows, labels, strict=True)), encoding="utf-8"
    )
    return dst


def test_train_on_shuffled_labels_is_refused(registry, tmp_path, capsys):
    d, train_file, test_file = registry
    before = active_id(d)
    pointer = (d / "active.json").read_bytes()
    damaged = _shuffled_labels(train_file, tmp_path / "shuffled.jsonl")
    code = main(["train", "--data", str(damaged), "--test", str(test_file), "--models-dir", str(d), *FAST_FLAGS])
    out = capsys.readouterr().out
    assert code == 3  # refused: a script can tell without parsing the output
    assert "NOT activated" in out and "below the active model's" in out and "allowed drop" in out
    assert active_id(d) == before and (d / "active.json").read_bytes() == pointer
    # The refused model is kept beside the others, inactive, for inspection.
    cards = list_models(d)
    assert len(cards) == 2 and [c["active"] for c in cards] == [True, False]

    # --force overrides, and says what it overrode; rollback brings the old one back.
    code = main(
        ["train", "--data", str(damaged), "--test", str(test_file), "--models-dir", str(d), "--force", *FAST_FLAGS]
    )
    out = capsys.readouterr().out
    assert code == 0 and "activated: forced despite: held-out macro-F1" in out
    assert active_id(d) != before
    assert main(["models", "rollback", "--models-dir", str(d)]) == 0
    assert active_id(d) == before


def test_models_list_activate_rollback(registry, capsys):
    d, train_file, test_file = registry
    first = active_id(d)
    second = train(
        [train_file],
        test_file,
        models_dir=d,
        cv_folds=0,
        activate=False,
        params=PipelineParams(word_ngrams=(1, 1), char_ngrams=None, calibration_folds=0, C=1.0),
    )["id"]
    assert main(["models", "list", "--models-dir", str(d)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "CREATED", "ROWS", "HELD-OUT", "F1", "LABELS"]
    rows = {line[2:].split()[0]: line for line in lines[1:]}
    assert rows[first].startswith("* ") and rows[second].startswith("  ")
    for model_id, line in rows.items():
        card = next(c for c in list_models(d) if c["id"] == model_id)
        f1 = f"{card['metrics']['heldout']['macro_f1']:.4f}"
        assert card["created"] in line and f" {card['rows']} " in line and f1 in line
        assert line.rstrip().endswith("assertion,denial,insinuation")

    assert main(["models", "activate", second, "--models-dir", str(d)]) == 0
    assert active_id(d) == second
    assert capsys.readouterr().out == f"activated {second}\n"
    main(["models", "list", "--json", "--models-dir", str(d)])
    listed = json.loads(capsys.readouterr().out)
    assert {m["id"]: m["active"] for m in listed} == {first: False, second: True}
    assert all(m["rows"] and m["heldout_macro_f1"] for m in listed)
    assert main(["models", "rollback", "--models-dir", str(d)]) == 0
    assert active_id(d) == first


def test_activate_unknown_or_unsafe_id_changes_nothing(registry, capsys):
    d, _, _ = registry
    before = (d / "active.json").read_bytes()
    assert main(["models", "activate", "no-such-model", "--models-dir", str(d)]) == 1
    assert main(["models", "activate", "../escape", "--models-dir", str(d)]) == 1
    err = capsys.readouterr().err
    assert "expected a model card" in err and "expected a model ID" in err
    assert (d / "active.json").read_bytes() == before


def test_failed_comparison_leaves_the_registry_as_it_was(registry, monkeypatch):
    """If the active model cannot be compared with (here: re-measuring it fails), training
    fails before writing anything."""
    d, train_file, test_file = registry
    before = sorted(p.name for p in d.iterdir())
    pointer = (d / "active.json").read_bytes()
    card_path = d / active_id(d) / "card.json"
    card = json.loads(card_path.read_text())
    card["test_file"]["sha256"] = "0" * 64  # measured on another file: the active model must be re-measured
    card_path.write_text(json.dumps(card))

    def broken(*args, **kwargs):
        raise ModelError("cannot load the active model")

    monkeypatch.setattr("training.registry.load_model", broken)
    with pytest.raises(ModelError):
        train(
            [train_file],
            test_file,
            models_dir=d,
            cv_folds=0,
            params=PipelineParams(word_ngrams=(1, 1), char_ngrams=None, calibration_folds=0),
        )
    assert sorted(p.name for p in d.iterdir()) == before
    assert (d / "active.json").read_bytes() == pointer
