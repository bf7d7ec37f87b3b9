"""The model registry under faults (issue 15, items 6, 8 and 10): concurrent activations
lose no history, a damaged or misnamed pointer is a one-line error, a save killed midway
leaves nothing behind for long, and a deleted pointer is never papered over by training a
new default model."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from training import registry
from training.cli import main
from training.errors import ModelError
from training.fit.train import DEFAULT_CV_BY, ensure_default_model

from .conftest import ROOT


def _fake_models(d: Path, n: int) -> list[str]:
    """`n` model folders holding only a card: enough to be activated."""
    ids = [f"m{i}" for i in range(n)]
    for model_id in ids:
        (d / model_id).mkdir(parents=True)
        (d / model_id / "card.json").write_text(json.dumps({"id": model_id, "created": model_id}))
    return ids


def _activate_at_once(models_dir: str, model_id: str, barrier) -> None:
    barrier.wait()
    registry.activate(models_dir, model_id)


def test_concurrent_activations_lose_no_history(tmp_path):
    ids = _fake_models(tmp_path, 9)
    registry.activate(tmp_path, ids[0])
    ctx = multiprocessing.get_context("fork")
    for _ in range(3):  # without the lock, history entries were lost in 20 of 20 such rounds
        registry.activate(tmp_path, ids[0])  # none of the 8 is active when they start
        before = json.loads((tmp_path / "active.json").read_text())["history"]
        barrier = ctx.Barrier(8)
        procs = [ctx.Process(target=_activate_at_once, args=(str(tmp_path), i, barrier)) for i in ids[1:]]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
            assert p.exitcode == 0
        pointer = json.loads((tmp_path / "active.json").read_text())
        # each activation pushed the model it replaced: 8 more entries, and every model is somewhere
        assert len(pointer["history"]) == len(before) + 8
        assert set(ids[1:]) <= set(pointer["history"][-8:]) | {pointer["active"]}


@pytest.mark.parametrize(
    "content,found",
    [
        (b"[]", "a JSON list"),
        (b"null", "JSON null"),
        (b'"x"', "a JSON string"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"active": 5}', "'active' that is not a model ID"),
        (b'{"active": "m0", "history": "m1"}', "'history' that is not"),
        (b"{", "malformed JSON"),
    ],
)
def test_a_damaged_pointer_is_a_one_line_error(tmp_path, capsys, content, found):
    _fake_models(tmp_path, 2)
    (tmp_path / "active.json").write_bytes(content)
    for args in (["models", "list"], ["models", "activate", "m1"], ["models", "rollback"], ["predict", "Hello."]):
        assert main([*args, "--models-dir", str(tmp_path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("stance: error: expected") and err.count("\n") == 1 and found in err, err
    assert (tmp_path / "active.json").read_bytes() == content  # refused, not overwritten
    with pytest.raises(ModelError, match=found):
        registry.load_model(tmp_path)


def test_activating_a_file_of_the_folder_is_a_one_line_error(tmp_path, capsys):
    ids = _fake_models(tmp_path, 1)
    registry.activate(tmp_path, ids[0])
    for name in ("active.json", "m0/card.json"):
        assert main(["models", "activate", name, "--models-dir", str(tmp_path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("stance: error: expected a model ID") and err.count("\n") == 1, err
    assert registry.active_id(tmp_path) == "m0"


def test_a_save_killed_midway_is_cleaned_up_by_the_next(tmp_path, model):
    models_dir = tmp_path / "models"
    script = (
        "import sys, time, joblib\nfrom training import registry\n"
        "def stuck(obj, path, **kw):\n    open(path, 'wb').write(b'half a pickle')\n    time.sleep(60)\n"
        "joblib.dump = stuck\nregistry.save_model(object(), {'id': 'killed'}, sys.argv[1])\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(models_dir)], cwd=ROOT)
    deadline = time.monotonic() + 30
    while not any(models_dir.glob(".killed.*/model.joblib")):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # a save in progress in a live process is left alone
    busy = models_dir / f".busy.{os.getpid()}.abcd1234"
    busy.mkdir()
    registry.save_model(model.classifier.pipeline, {"id": "next"}, models_dir)
    assert sorted(p.name for p in models_dir.iterdir()) == sorted(["next", busy.name])


def test_a_deleted_pointer_is_refused_when_models_exist(tmp_path, capsys, monkeypatch):
    ids = _fake_models(tmp_path, 2)
    registry.activate(tmp_path, ids[1])
    (tmp_path / "active.json").unlink()
    trained = []
    monkeypatch.setattr("training.fit.train.train", lambda *a, **k: trained.append(a))
    monkeypatch.setattr("service.server.run", lambda settings: trained.append("served"))
    assert main(["serve", "--models-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert not trained  # no new default model with an empty history, no service on nothing
    assert err.count("\n") == 1 and "found no active.json" in err and "2 models" in err
    assert "stance models activate m1" in err  # the newest
    assert main(["models", "activate", "m1", "--models-dir", str(tmp_path)]) == 0


def test_the_first_serve_trains_the_model_stance_train_makes(tmp_path, monkeypatch):
    """The default model a fresh clone serves chooses its temperature and `uncertain` thresholds
    on the grouped predictions, as `stance train` does, not on the held-out file."""
    calls = []
    monkeypatch.setattr("training.fit.train.train", lambda *a, **k: calls.append(k) or {"id": "m0"})
    ensure_default_model(tmp_path)
    assert len(calls) == 1 and calls[0]["cv_by"] == DEFAULT_CV_BY and calls[0]["cv_folds"] == 0


def test_a_model_this_code_cannot_run_is_a_one_line_error(tmp_path, model):
    """A model whose pickle names a cue kind the lexicon no longer has is refused at load,
    with a one-line reason, instead of failing on its first request."""
    import copy

    pipeline = copy.deepcopy(model.classifier.pipeline)
    cues = dict(pipeline.named_steps["features"].transformer_list)["cues"]
    cues.kinds_ = (*cues.kinds_[:-1], "a_kind_since_removed")  # as if the lexicon had dropped one
    registry.save_model(pipeline, {**model.card, "id": "old-lexicon"}, tmp_path)
    with pytest.raises(ModelError) as err:
        registry.load_model(tmp_path, "old-lexicon")
    message = str(err.value)
    assert "\n" not in message and "a_kind_since_removed" in message and "retrain" in message
