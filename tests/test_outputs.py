"""The rows `stance score` writes (training/batch/outputs.py, filled by training/batch/score.py): what each row
carries, the readable CSV columns, the Parquet metadata, and the errors file beside the
output."""

from __future__ import annotations

import csv
import hashlib
import json
import shlex
from pathlib import Path

import pytest

from tests.conftest import read_jsonl
from training.batch.outputs import OUTPUT_VERSION, OutputSpec
from training.batch.score import score_file
from training.cli import main

# Written for this test: a reported denial, an insinuating question, a hedge.
DOCS = [
    {"id": "a", "text": "The report is false, a spokesman said. Where did the money go?"},
    # The last sentence's words are unknown to any model here: flagged uncertain (few known
    # words) whatever the training corpus.
    {"id": "b", "text": "Officials may have known. The vote was held in May. Zorvek plimmed the quarnish vells."},
]


def _corpus(folder: Path, extra_lines: tuple[str, ...] = ()) -> Path:
    path = folder / "in.jsonl"
    path.write_text(
        "".join(json.dumps(d) + "\n" for d in DOCS) + "".join(x + "\n" for x in extra_lines), encoding="utf-8"
    )
    return path


def _csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_rows_carry_the_model_id_and_the_uncertain_reasons(model, models_dir, tmp_path):
    import pyarrow.parquet as pq

    src = _corpus(tmp_path)
    opts = {"models_dir": models_dir, "workers": 1}
    for name in ("s.jsonl", "s.csv", "s.parquet"):
        score_file(src, tmp_path / name, **opts)
    rows = read_jsonl(tmp_path / "s.jsonl")
    assert len(rows) == 5 and {r["model_id"] for r in rows} == {model.id}
    for r in rows:
        assert isinstance(r["uncertain_reasons"], list) and r["uncertain"] == bool(r["uncertain_reasons"])
        assert set(r["uncertain_reasons"]) <= {"low_confidence", "small_margin", "few_known_words", "words_only"}
    assert any(r["uncertain_reasons"] for r in rows), "the test wants at least one uncertain sentence"
    flat_csv, flat_parquet = _csv(tmp_path / "s.csv"), pq.read_table(tmp_path / "s.parquet").to_pylist()
    for r, c, p in zip(rows, flat_csv, flat_parquet, strict=True):
        assert c["model_id"] == p["model_id"] == model.id
        assert c["uncertain_reasons"] == "; ".join(r["uncertain_reasons"])  # readable in a spreadsheet
        assert p["uncertain_reasons"] == r["uncertain_reasons"]  # a list of strings in Parquet
    score_file(src, tmp_path / "d.jsonl", unit="document", **opts)
    assert [(r["doc_id"], r["model_id"]) for r in read_jsonl(tmp_path / "d.jsonl")] == [
        ("a", model.id),
        ("b", model.id),
    ]


def test_parquet_metadata_names_the_model_its_card_and_the_command(capsys, model, models_dir, tmp_path):
    import pyarrow.parquet as pq

    src, out = _corpus(tmp_path), tmp_path / "scores.parquet"
    argv = ["score", str(src), "-o", str(out), "--models-dir", str(models_dir), "--workers", "1", "--unit", "document"]
    assert main(argv) == 0
    capsys.readouterr()
    meta = {k.decode(): v.decode() for k, v in pq.read_schema(out).metadata.items()}
    assert meta["stancewatch.model_id"] == model.id
    assert json.loads(meta["stancewatch.model_card"]) == model.card
    assert meta["stancewatch.command"] == shlex.join(["stance", *argv])
    assert meta["stancewatch.output_version"] == str(OUTPUT_VERSION)


def test_csv_has_readable_source_and_cues_beside_the_json(models_dir, tmp_path):
    src = _corpus(tmp_path)
    opts = {"models_dir": models_dir, "workers": 1, "explain": True}
    score_file(src, tmp_path / "e.jsonl", **opts)
    score_file(src, tmp_path / "e.csv", **opts)
    rows, flat = read_jsonl(tmp_path / "e.jsonl"), _csv(tmp_path / "e.csv")
    assert "source_text" not in rows[0] and "cues" not in rows[0]  # JSONL keeps the nested values only
    assert flat[0]["source_text"] == "a spokesman" and json.loads(flat[0]["source"])["text"] == "a spokesman"
    assert flat[2]["source_text"] == ""
    for r, c in zip(rows, flat, strict=True):
        assert json.loads(c["explanation"]) == r["explanation"]
        cues = r["explanation"]["cues"]
        assert c["cues"] == "; ".join(f"{x['kind'].replace('_', ' ')}: {x['text']}" for x in cues)
    assert "falsity word: false" in flat[0]["cues"] and "rhetorical question: " in flat[1]["cues"]
    header = list(flat[0])
    assert header.index("source_text") == header.index("source") + 1
    assert header.index("cues") == header.index("explanation") + 1


def test_each_output_has_its_own_errors_file_and_none_without_errors(models_dir, tmp_path):
    src = _corpus(tmp_path, ('{"id": "broken", "text": "never closed',))
    opts = {"models_dir": models_dir, "workers": 1}
    for name in ("scores.jsonl", "scores.parquet"):
        summary = score_file(src, tmp_path / name, **opts)
        assert summary["errors"] == 1 and summary["errors_file"] == str(tmp_path / f"{name}.errors.jsonl")
    assert [e["line"] for e in read_jsonl(tmp_path / "scores.jsonl.errors.jsonl")] == [3]
    assert [e["line"] for e in read_jsonl(tmp_path / "scores.parquet.errors.jsonl")] == [3]
    # The same output written again from a clean input: no errors file, and the stale one is gone.
    (tmp_path / "clean").mkdir()
    clean = _corpus(tmp_path / "clean")
    summary = score_file(clean, tmp_path / "scores.jsonl", **opts)
    assert summary["errors"] == 0 and summary["errors_file"] is None
    assert not (tmp_path / "scores.jsonl.errors.jsonl").exists()
    assert (tmp_path / "scores.parquet.errors.jsonl").exists()  # another output's list is left alone
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "clean",
        "in.jsonl",
        "scores.jsonl",
        "scores.parquet",
        "scores.parquet.errors.jsonl",
    ]


# The flat layout of every kind of output at OUTPUT_VERSION. A change to the columns must
# bump OUTPUT_VERSION (so that --resume never mixes two layouts in one output) and then
# update this digest.
# 4: the same columns as 3; the explanation JSON gained `adapter_gate`.
LAYOUT_DIGEST = {2: "8efdd6f55ab4afcf", 3: "590bb1a1b6e25c5c", 4: "590bb1a1b6e25c5c"}


def test_the_output_layout_is_held_to_its_version():
    pytest.importorskip("pyarrow")
    layouts = []
    for fmt in ("jsonl", "csv", "parquet"):
        for unit in ("sentence", "document"):
            for explain, pages in ((False, ()), (True, ()), (False, ("url", "title"))):
                spec = OutputSpec(fmt, unit, ("x", "y"), explain, ("kept",), page_fields=pages)
                layouts.append(
                    [
                        fmt,
                        unit,
                        explain,
                        spec.fields(),
                        spec.columns(),
                        [(f.name, str(f.type)) for f in spec.arrow_schema()],
                    ]
                )
    digest = hashlib.sha256(json.dumps(layouts).encode()).hexdigest()[:16]
    assert LAYOUT_DIGEST.get(OUTPUT_VERSION) == digest, (
        f"the output layout changed (digest {digest}): bump OUTPUT_VERSION in training/batch/outputs.py "
        "and record the new digest here"
    )
