"""Training calibrates on leave-one-group-out predictions: the temperature and the
`uncertain` thresholds come from rows predicted by models that never saw their register,
not from the held-out file; `--cv-by` reports each group's macro-F1."""

from __future__ import annotations

import json

import pytest
from scipy.special import softmax

from training import list_models, load_model
from training.cli import main
from training.fit import train as train_module
from training.fit.abstention import OOD_TARGET_ACCURACY, choose_thresholds
from training.fit.train import train
from training.model.calibration import fit_temperature
from training.model.pipeline import PipelineParams

from .conftest import small_corpus

FAST = PipelineParams(word_ngrams=(1, 1), char_ngrams=None)  # keeps 3 calibration folds, as the default does


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return small_corpus(tmp_path_factory.mktemp("train-data"), every=20)


@pytest.fixture(scope="module")
def grouped(data, tmp_path_factory):
    """A model trained with leave-one-register-out, and the grouped predictions it was given."""
    seen = []
    real = train_module.leave_one_group_out

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    mp = pytest.MonkeyPatch()
    mp.setattr(train_module, "leave_one_group_out", spy)
    try:
        d = tmp_path_factory.mktemp("grouped-models")
        card = train([data[0]], data[1], models_dir=d, cv_folds=0, cv_by="register", params=FAST)
    finally:
        mp.undo()
    return card, seen[0], d


def test_temperature_and_thresholds_come_from_the_grouped_predictions(grouped):
    card, ood, d = grouped
    temperature = fit_temperature(ood.scores, ood.gold)
    assert card["calibration"]["temperature"] == pytest.approx(temperature)
    assert card["calibration"]["source"] == "leave-one-register-out predictions on the training rows"
    assert card["params"]["calibration_folds"] == 0  # no k-fold temperature fitted and then thrown away
    assert load_model(d, card["id"]).classifier.temperature == pytest.approx(temperature)
    expected, summary = choose_thresholds(
        softmax(ood.scores / temperature, axis=1),
        ood.predicted == ood.gold,
        ood.known_words,
        target_accuracy=OOD_TARGET_ACCURACY,
        words_only=ood.words_only,
    )
    assert expected.words_only and ood.words_only.dtype == bool and len(ood.words_only) == len(ood.gold)
    assert card["thresholds"] == expected.__dict__
    assert card["abstention"]["source"].startswith("leave-one-register-out")
    assert card["abstention"]["coverage"] == summary["coverage"]
    held = card["metrics"]["heldout"]
    assert 0 < held["coverage"] <= 1 and held["abstention"]["thresholds"] == expected.__dict__


def test_group_macro_f1_is_in_the_card(grouped):
    card, ood, _ = grouped
    report = card["metrics"]["group_cv"]
    assert report["by"] == "register" and set(report["groups"]) == set(ood.groups)
    assert sum(g["rows"] for g in report["groups"].values()) == len(ood.gold)


def test_quick_fit_keeps_the_held_out_thresholds(data, tmp_path):
    card = train([data[0]], data[1], models_dir=tmp_path, cv_folds=0, params=FAST)
    assert card["metrics"]["group_cv"] is None
    assert card["calibration"]["source"] == "3-fold predictions on the training rows"
    assert card["abstention"]["source"] == f"held-out file {data[1]}"
    assert card["metrics"]["heldout"]["abstention"]["thresholds"] == card["thresholds"]


def test_cli_cv_by_domain_prints_every_domain(data, tmp_path, capsys):
    code = main(
        [
            "train",
            "--data",
            str(data[0]),
            "--test",
            str(data[1]),
            "--models-dir",
            str(tmp_path),
            "--cv",
            "0",
            "--cv-by",
            "domain",
            "--no-chars",
            "--word-max",
            "1",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "leave-one-domain-out" in out
    (card,) = list_models(tmp_path)
    groups = card["metrics"]["group_cv"]["groups"]
    domains = {json.loads(line)["domain"] for line in data[0].read_text(encoding="utf-8").splitlines()}
    assert set(groups) | set(card["metrics"]["group_cv"]["skipped"]) == domains
    for name, g in groups.items():
        assert 0 <= g["macro_f1"] <= 1 and f"{name:<24} macro-F1 {g['macro_f1']:.3f}" in out
    code = main(
        [
            "train",
            "--data",
            str(data[0]),
            "--test",
            str(data[1]),
            "--models-dir",
            str(tmp_path),
            "--cv",
            "0",
            "--cv-by",
            "none",
            "--no-chars",
            "--word-max",
            "1",
            "--force",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "leave-one" not in out and "temperature" in out


def test_bad_cv_by_is_one_line(data, tmp_path):
    from training.errors import InputError

    with pytest.raises(InputError, match="expected cv_by to be one of register, domain"):
        train([data[0]], data[1], models_dir=tmp_path, cv_by="speaker", params=FAST)
