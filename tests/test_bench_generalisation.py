"""benchmarks/generalisation.py: the table marks the registers below the target, and the
external files are skipped cleanly when their folder is absent."""

from __future__ import annotations

import importlib

import pytest

from training.batch.threads import THREAD_VARIABLES


@pytest.fixture
def bench(monkeypatch):
    for var in THREAD_VARIABLES:  # the script pins them at import: restore them afterwards
        monkeypatch.setenv(var, "1")
    return importlib.import_module("benchmarks.generalisation")


REPORT = {
    "by": "register",
    "skipped": {"tiny": "the other groups have no denial rows"},
    "groups": {
        "wire_report": {"rows": 40, "macro_f1": 0.7, "accuracy": 0.8, "labels": {"assertion": 30, "denial": 10}},
        "headline": {"rows": 30, "macro_f1": 0.9, "accuracy": 0.9, "labels": {"assertion": 30}},
    },
}


def test_table_sorts_groups_and_marks_those_below_the_target(bench):
    lines = bench.group_table(REPORT, {"wire_report": 0.35, "headline": 0.45})
    assert lines[2].startswith("| wire_report | 40 | **0.700** | 0.350 | 2.00x | 0.800 |")
    assert lines[3].startswith("| headline | 30 | 0.900 | 0.450 | 2.00x |")
    assert "not held out: the other groups have no denial rows" in lines[4]
    files = {"external: rumoureval2019.jsonl": {"ece": 0.05, "coverage": 0.7, "kept_accuracy": 0.8, "at60": 0.82}}
    out = "\n".join(bench.verdicts(files, REPORT))
    assert "NOT met for wire_report 0.700" in out and "ECE 0.050 (target <= 0.08: met)" in out
    assert "kept accuracy 0.800 (targets >= 0.6 and >= 0.85: NOT met; best possible at 60% coverage 0.820)" in out


def test_external_files_are_skipped_when_absent(bench, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(importlib.import_module("benchmarks.inputs"), "EXTERNAL", tmp_path / "no-such-folder")
    names = [name for name, _ in bench.eval_files()]
    assert names == [
        "held-out (labels/test.jsonl)",
        "news probe (labels/test_news_probe.jsonl)",
        "news articles (labels/test_news_articles.jsonl)",
        "news articles b (labels/test_news_articles_b.jsonl)",
        "news articles c (labels/test_news_articles_c.jsonl)",
    ]
    assert "no external files in" in capsys.readouterr().err


def test_bootstrap_interval_brackets_the_figure_and_narrows_with_more_rows(bench):
    gold = ["assertion", "denial", "insinuation"] * 40
    predicted = list(gold)
    for i in range(0, len(gold), 4):  # a quarter wrong
        predicted[i] = "assertion" if gold[i] != "assertion" else "denial"
    labels = ["assertion", "denial", "insinuation"]
    macro, _, _ = bench.macro_f1_over_present(gold, predicted, labels)
    lo, hi = bench.bootstrap_interval(gold, predicted, labels, resamples=100)
    assert lo < macro < hi and hi - lo < 0.3
    lo10, hi10 = bench.bootstrap_interval(gold * 10, predicted * 10, labels, resamples=100)
    assert lo < lo10 < macro < hi10 < hi  # ten times the rows: a narrower interval around the same figure
    again = bench.bootstrap_interval(gold, predicted, labels, resamples=100)
    assert again == (lo, hi)  # seeded: the same rows give the same interval


def test_softened_ece_keeps_the_labels_and_names_a_temperature_only_if_it_serves_every_file(bench):
    labels = ["assertion", "denial", "insinuation"]
    # 60% right at confidence 0.9: overconfident; a softer temperature brings confidence down
    rows = [("assertion", "assertion")] * 6 + [("denial", "assertion")] * 4
    m = {
        "predictions": [
            {"label": g, "predicted": p, "probabilities": {"assertion": 0.9, "denial": 0.05, "insinuation": 0.05}}
            for g, p in rows
        ]
    }
    soft = bench.ece_softened(m, labels)
    assert list(soft) == list(bench.SOFTER)
    assert soft[1.5] < 0.3 and soft[3.0] < soft[1.5]  # 0.9 -> about 0.75 at k=1.5, 0.6 at k=3
    files = {
        "over": {"ece": 0.3, "ece_softened": {1.5: 0.15, 2.0: 0.05, 3.0: 0.02}},
        "under": {"ece": 0.02, "ece_softened": {1.5: 0.06, 2.0: 0.12, 3.0: 0.2}},
    }
    text = "\n".join(bench.softened_table(files))
    assert "| over | 0.300 | 0.150 | 0.050 | 0.020 |" in text
    assert "Every file at ECE <= 0.08 at once: no k of these." in text
    files["under"]["ece_softened"][2.0] = 0.07
    assert "at once: k = 2." in "\n".join(bench.softened_table(files))
