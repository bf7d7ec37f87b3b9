"""End-to-end: the real `stance` command line (in-process and as a console script)."""

import json
import subprocess
import sys

import pytest

from training.cli import main

from .conftest import read_jsonl

PARAGRAPH = "The ministry signed the contract in March. The company denied that any data had been sold. Where did the money go?"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_commands():
    out = subprocess.run([sys.executable, "-m", "training", "--help"], capture_output=True, text=True, check=True).stdout
    for cmd in ("train", "eval", "predict", "score", "serve", "models", "labels"):
        assert cmd in out
    for cmd in ("train", "eval", "predict", "score", "serve"):
        r = subprocess.run([sys.executable, "-m", "training", cmd, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "usage: stance " + cmd in r.stdout


def test_usage_error_exits_2():
    r = subprocess.run([sys.executable, "-m", "training", "eval"], capture_output=True, text=True)
    assert r.returncode == 2 and "--data" in r.stderr


def test_train_writes_model_and_activates(capsys, corpus, tmp_path):
    d = tmp_path / "models"
    code, out, err = run(capsys, "train", "--data", str(corpus[0]), "--test", str(corpus[1]), "--models-dir", str(d), "--cv", "2")
    assert code == 0
    assert "held-out macro-F1" in out and "activated" in out
    assert "2-fold cross-validation" in err
    (folder,) = [p for p in d.iterdir() if p.is_dir()]
    assert (folder / "model.joblib").is_file() and (folder / "card.json").is_file()
    card = json.loads((folder / "card.json").read_text())
    assert card["metrics"]["cv"]["folds"] == 2
    code, out, _ = run(capsys, "models", "list", "--models-dir", str(d))
    assert any(line.startswith(f"* {folder.name}") for line in out.splitlines())


def test_train_bad_label_file_names_line(capsys, tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "fine", "label": "assertion"}\n{"text": "oops"\n', encoding="utf-8")
    code, _, err = run(capsys, "train", "--data", str(f), "--no-test", "--models-dir", str(tmp_path / "m"))
    assert code == 1
    assert err.strip().count("\n") == 0 and "bad.jsonl:2:" in err and "malformed JSON" in err


def test_eval_json_and_predictions(capsys, models_dir, corpus, tmp_path):
    preds = tmp_path / "p.jsonl"
    code, out, _ = run(capsys, "eval", "--data", str(corpus[1]), "--json", "--predictions", str(preds), "--models-dir", str(models_dir))
    assert code == 0
    m = json.loads(out)
    for key in ("n", "accuracy", "macro_f1", "per_label", "confusion", "ece", "reliability"):
        assert key in m
    assert set(m["per_label"]["denial"]) == {"precision", "recall", "f1", "support"}
    assert len(m["confusion"]["matrix"]) == len(m["confusion"]["labels"])
    rows = read_jsonl(preds)
    assert len(rows) == m["n"] == len(read_jsonl(corpus[1]))
    assert {"id", "label", "predicted", "probabilities"} <= set(rows[0])


def test_eval_reports_unknown_labels(capsys, models_dir, tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text('{"text": "It rained.", "label": "assertion"}\n{"text": "Hm.", "label": "neutral"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--data", str(f), "--json", "--models-dir", str(models_dir))
    assert code == 0
    m = json.loads(out)
    assert m["unknown_labels"] == {"neutral": 1} and m["n"] == 1


def test_predict_text_and_json(capsys, models_dir):
    code, out, _ = run(capsys, "predict", PARAGRAPH, "--models-dir", str(models_dir))
    assert code == 0 and len(out.strip().splitlines()) == 4 and "\033[" not in out
    code, out, _ = run(capsys, "predict", PARAGRAPH, "--json", "--models-dir", str(models_dir))
    res = json.loads(out)
    assert len(res["sentences"]) == 3 and res["sentences"][1]["label"] == "denial"


def test_predict_stdin_and_empty(models_dir):
    env_args = [sys.executable, "-m", "training", "predict", "--models-dir", str(models_dir)]
    r = subprocess.run(env_args, input=PARAGRAPH, capture_output=True, text=True)
    assert r.returncode == 0 and "summary" in r.stdout
    r = subprocess.run(env_args, input="   ", capture_output=True, text=True)
    assert r.returncode == 1 and "expected non-empty text" in r.stderr


def test_missing_model_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "predict", "text", "--models-dir", str(tmp_path / "none"))
    assert code == 1 and "run 'stance train' first" in err and err.count("\n") == 1


def test_score_skips_bad_rows(capsys, models_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": PARAGRAPH}),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c", "body": "no text field"}),
        json.dumps({"id": "d", "text": "Officials dismissed the report as baseless."}),
    ]) + "\n", encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "score", str(src), "-o", str(out_path), "--models-dir", str(models_dir))
    assert code == 0
    rows = read_jsonl(out_path)
    assert [r["doc_id"] for r in rows] == ["a", "a", "a", "d"]
    for r in rows:
        assert {"doc_id", "sentence", "start", "end", "text", "label", "confidence", "probabilities"} <= set(r)
    summary = json.loads(out)
    assert summary["errors"] == 2 and [b["line"] for b in summary["bad_rows"]] == [2, 3]
    assert "line 2" in err and "line 3" in err and "'text' field" in err


@pytest.mark.parametrize("suffix,content,expected_docs", [
    (".txt", "One document here. Two sentences.\n\nAnother document\n", ["1", "3"]),
    (".csv", 'id,text\nx,"A claim, with a comma."\ny,Denied.\n', ["x", "y"]),
])
def test_score_text_and_csv(capsys, models_dir, tmp_path, suffix, content, expected_docs):
    src = tmp_path / f"in{suffix}"
    src.write_text(content, encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    assert run(capsys, "score", str(src), "-o", str(out_path), "--models-dir", str(models_dir))[0] == 0
    assert sorted({r["doc_id"] for r in read_jsonl(out_path)}) == expected_docs


def test_console_script_installed():
    r = subprocess.run(["stance", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("stance ")
