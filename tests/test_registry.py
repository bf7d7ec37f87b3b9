import json

import pytest

from training import registry
from training.errors import ModelError


def test_card_and_artifact(models_dir):
    cards = registry.list_models(models_dir)
    assert len(cards) == 1 and cards[0]["active"]
    card = cards[0]
    for key in ("id", "created", "labels", "label_counts", "data_files", "params", "versions", "metrics", "artifact"):
        assert key in card
    assert card["artifact"]["sha256"] == registry.sha256_file(models_dir / card["id"] / "model.joblib")
    assert all(len(f["sha256"]) == 64 for f in card["data_files"])


def _copy(models_dir, tmp_path):
    import shutil

    d = tmp_path / "m"
    shutil.copytree(models_dir, d)
    return d, registry.active_id(d)


def test_refuses_tampered_artifact(models_dir, tmp_path):
    d, mid = _copy(models_dir, tmp_path)
    with open(d / mid / "model.joblib", "ab") as fh:
        fh.write(b"x")
    with pytest.raises(ModelError, match="sha256 .* does not match.*retrain"):
        registry.load_model(d)


def test_refuses_other_library_version(models_dir, tmp_path):
    d, mid = _copy(models_dir, tmp_path)
    card = json.loads((d / mid / "card.json").read_text())
    card["versions"]["scikit-learn"] = "0.1.0"
    (d / mid / "card.json").write_text(json.dumps(card))
    with pytest.raises(ModelError, match="built with scikit-learn 0.1.0.*retrain"):
        registry.load_model(d)


@pytest.mark.parametrize("bad", ["../etc", "a/b", "", ".hidden"])
def test_model_ids_cannot_escape(models_dir, bad):
    with pytest.raises(ModelError, match="expected a model ID"):
        registry.load_model(models_dir, bad)


def test_no_active_model(tmp_path):
    with pytest.raises(ModelError, match="run 'stance train' first"):
        registry.load_model(tmp_path)


def test_activate_and_rollback(models_dir, tmp_path):
    d, first = _copy(models_dir, tmp_path)
    second = first + "-b"
    import shutil

    shutil.copytree(d / first, d / second)
    card = json.loads((d / second / "card.json").read_text())
    card["id"] = second
    (d / second / "card.json").write_text(json.dumps(card))
    registry.activate(d, second)
    assert registry.active_id(d) == second
    assert registry.load_model(d).id == second
    assert registry.rollback(d) == first
    assert registry.active_id(d) == first
    with pytest.raises(ModelError, match="roll back"):
        registry.rollback(d)
