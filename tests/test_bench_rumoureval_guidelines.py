"""benchmarks/rumoureval_guidelines.py: our labels file holds ids and labels only, the
agreement figures are computed on the rows given, and the script skips cleanly without the
external file."""

from __future__ import annotations

import importlib
import json

import pytest

from training.batch.threads import THREAD_VARIABLES

LABELS = {"assertion", "denial", "insinuation"}


@pytest.fixture
def bench(monkeypatch):
    for var in THREAD_VARIABLES:  # importing benchmarks may pin them: restore them afterwards
        monkeypatch.setenv(var, "1")
    return importlib.import_module("benchmarks.rumoureval_guidelines")


def test_labels_file_has_ids_and_labels_and_no_text(bench):
    rows = [json.loads(line) for line in bench.GUIDELINE_LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 300 and len({r["id"] for r in rows}) == 300
    for r in rows:
        assert set(r) == {"id", "first", "second", "final", "clarity"}  # never the external text
        assert {r["first"], r["second"], r["final"]} <= LABELS and r["clarity"] in ("clear", "ambiguous")


def test_agreement_and_confusion_count_the_rows_given(bench):
    rows = [
        {"mapped": "assertion", "final": "assertion"},
        {"mapped": "insinuation", "final": "assertion"},
        {"mapped": "insinuation", "final": "assertion"},
        {"mapped": "denial", "final": "denial"},
    ]
    assert bench._agree(rows) == 0.5
    table = bench.confusion(rows)
    assert table[2] == "| assertion (support) | 1 | 0 | 0 |"
    assert table[3] == "| denial (deny) | 0 | 1 | 0 |"
    assert table[4] == "| insinuation (query) | 2 | 0 | 0 |"
    cells = bench.agreement(["assertion", "denial", "denial"], ["assertion", "denial", "assertion"], bold=True)
    assert cells.split(" | ")[2] == "**0.667**"


def test_skips_cleanly_without_the_external_file(bench, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench, "SOURCE", tmp_path / "absent.jsonl")
    assert bench.main(["--no-write"]) == 0
    assert "skipped" in capsys.readouterr().err
