"""End-to-end: the real `stance` command line (in-process and as a console script)."""

import json
import subprocess
import sys

import pytest

from training.cli import main

from .conftest import read_jsonl

PARAGRAPH = (
    "The ministry signed the contract in March. The company denied that any data had been sold. Where did the money go?"
)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "training", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for cmd in ("train", "eval", "predict", "score", "serve", "models", "labels"):
        assert cmd in out
    for cmd in ("train", "eval", "predict", "score", "serve"):
        r = subprocess.run([sys.executable, "-m", "training", cmd, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "usage: stance " + cmd in r.stdout


def test_usage_error_exits_2():
    r = subprocess.run([sys.executable, "-m", "training", "eval"], capture_output=True, text=True)
    assert r.returncode == 2 and "--data" in r.stderr


def test_train_writes_model_and_activates(capsys, tiny_corpus, tmp_path):
    d = tmp_path / "models"
    code, out, err = run(
        capsys,
        "train",
        "--data",
        str(tiny_corpus[0]),
        "--test",
        str(tiny_corpus[1]),
        "--models-dir",
        str(d),
        "--cv",
        "2",
        "--cv-by",
        "none",
        "--no-chars",  # a quick fit: the command is under test here, not the model
    )
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
    code, out, _ = run(
        capsys, "eval", "--data", str(corpus[1]), "--json", "--predictions", str(preds), "--models-dir", str(models_dir)
    )
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
    f.write_text(
        '{"text": "It rained.", "label": "assertion"}\n{"text": "Hm.", "label": "neutral"}\n', encoding="utf-8"
    )
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


def test_predict_names_the_speaker_and_what_is_denied(capsys, models_dir):
    text = "Marta Kellund, the chief executive, denied reports that bills would rise. “That is untrue,” she said."
    code, out, _ = run(capsys, "predict", text, "--models-dir", str(models_dir))
    first, second = out.splitlines()[:2]
    assert code == 0 and first.startswith("denial") and "[denies: reports that bills would rise]" in first
    assert "[source: she = Marta Kellund, the chief executive]" in second and "[denies:" not in second


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
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": PARAGRAPH}),
                '{"id": "b", "text": "broken',
                json.dumps({"id": "c", "body": "no text field"}),
                json.dumps({"id": "d", "text": "Officials dismissed the report as baseless."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
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


@pytest.mark.parametrize(
    "suffix,content,expected_docs",
    [
        (".txt", "One document here. Two sentences.\n\nAnother document\n", ["1", "3"]),
        (".csv", 'id,text\nx,"A claim, with a comma."\ny,Denied.\n', ["x", "y"]),
    ],
)
def test_score_text_and_csv(capsys, models_dir, tmp_path, suffix, content, expected_docs):
    src = tmp_path / f"in{suffix}"
    src.write_text(content, encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    assert run(capsys, "score", str(src), "-o", str(out_path), "--models-dir", str(models_dir))[0] == 0
    assert sorted({r["doc_id"] for r in read_jsonl(out_path)}) == expected_docs


def test_console_script_installed():
    r = subprocess.run(["stance", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("stance ")


# -- the rough edges of issue #13 --------------------------------------------------------


def test_no_active_model_says_where_it_looked_and_how_to_point_elsewhere(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("STANCE_MODELS_DIR")
    monkeypatch.chdir(tmp_path)  # outside the repository, as a new user runs it
    (tmp_path / "in.jsonl").write_text(json.dumps({"text": PARAGRAPH}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "score", "in.jsonl", "-o", "out.jsonl")
    assert code == 1 and err.count("\n") == 1
    assert f"expected an active model in {tmp_path / 'models'}, found none" in err
    assert "--models-dir" in err and "STANCE_MODELS_DIR" in err and "run 'stance train' first" in err


def test_predict_full_shows_what_if_in_the_terminal(capsys, models_dir):
    text = "It is hardly a coincidence that the audit was cancelled."
    code, out, _ = run(capsys, "predict", text, "--full", "--models-dir", str(models_dir))
    assert code == 0
    expected = json.loads(run(capsys, "predict", text, "--full", "--json", "--models-dir", str(models_dir))[1])
    cues = expected["sentences"][0]["explanation"]["cues"]
    assert cues
    for cue in cues:
        probs = ", ".join(f"{lab} {p:.2f}" for lab, p in cue["without"]["probabilities"].items())
        assert f'without "{cue["text"]}" ({cue["kind"].replace("_", " ")}): {probs} -> {cue["without"]["label"]}' in out
    assert "without" not in run(capsys, "predict", text, "--models-dir", str(models_dir))[1]


def test_train_exits_3_when_the_guard_keeps_the_active_model(capsys, models_dir, corpus, tmp_path):
    import shutil

    d = tmp_path / "models"
    shutil.copytree(models_dir, d)
    before = (d / "active.json").read_text()
    # Cue features alone are far worse than the active model on the same held-out file.
    args = [
        "train",
        "--data",
        str(corpus[0]),
        "--test",
        str(corpus[1]),
        "--models-dir",
        str(d),
        "--cv",
        "0",
        "--no-words",
        "--no-chars",
    ]
    code, out, err = run(capsys, *args)
    assert code == 3 and "NOT activated: held-out macro-F1" in out and "Traceback" not in err
    assert (d / "active.json").read_text() == before
    code, out, _ = run(capsys, *args, "--json")
    assert code == 3 and json.loads(out)["activated"] is False


def test_an_unreachable_scheduler_fails_fast(capsys, models_dir, tmp_path):
    import socket
    import time

    from training.cli import build_parser

    assert build_parser().parse_args(["score", "x", "-o", "y"]).scheduler_timeout == 5.0
    pytest.importorskip("distributed")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": PARAGRAPH}) + "\n", encoding="utf-8")
    t0 = time.monotonic()
    code, _, err = run(
        capsys,
        "score",
        str(src),
        "-o",
        str(tmp_path / "o.jsonl"),
        "--models-dir",
        str(models_dir),
        "--engine",
        "dask",
        "--scheduler",
        f"tcp://127.0.0.1:{port}",
        "--scheduler-timeout",
        "0.5",
    )
    assert code == 1 and time.monotonic() - t0 < 5
    line = err.strip().splitlines()[-1]
    assert (
        line.startswith(
            f"stance: error: expected a Dask scheduler at tcp://127.0.0.1:{port}, found none answering within 0.5 s"
        )
        and "--scheduler-timeout SECONDS" in line
    )


def _corpus_file(tmp_path, n: int = 12):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": i, "text": f"The mayor denied report {i}. Where did it go?"}) + "\n" for i in range(n)
        ),
        encoding="utf-8",
    )
    return src


def test_ctrl_c_says_resume_continues_and_the_resumed_rate_counts_this_run(capsys, models_dir, tmp_path, monkeypatch):
    import re

    from training.batch import job as job_module
    from training.batch.progress import Progress

    class CtrlCAfter(Progress):  # Ctrl-C after two batches were scored and committed
        left = 2

        def update(self, *a, **k):
            CtrlCAfter.left -= 1
            if CtrlCAfter.left < 0:
                raise KeyboardInterrupt

    src = _corpus_file(tmp_path)
    args = [
        "score",
        str(src),
        "-o",
        str(tmp_path / "out.jsonl"),
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
        "--batch-size",
        "2",
        "--checkpoint-every",
        "0",
    ]
    monkeypatch.setattr(job_module, "Progress", CtrlCAfter)
    code, _, err = run(capsys, *args)
    assert code == 130
    assert err.strip().splitlines()[-1] == (
        "stance: interrupted; the work done so far is kept: run the same command with --resume to continue"
    )
    monkeypatch.setattr(job_module, "Progress", Progress)
    code, out, err = run(capsys, *args, "--resume")
    summary = json.loads(out)
    assert code == 0 and summary["resumed_at_record"] == 6 and summary["sentences"] == 24
    assert summary["this_run"] == {"documents": 6, "sentences": 12}
    rate = re.search(r"\(([\d,]+) sentences/s\)", err).group(1)
    assert rate == f"{12 / summary['seconds']:,.0f}"  # not all 24 sentences over this run's time
    assert "this run scored 6 documents, 12 sentences" in err and "24 sentences in all" in err


def test_ctrl_c_before_the_first_checkpoint_says_nothing_is_kept(capsys, models_dir, tmp_path, monkeypatch):
    from training.batch import job as job_module
    from training.batch.progress import Progress

    class CtrlC(Progress):  # Ctrl-C while the model loads, before any batch was scored
        def start(self, *a, **k):
            raise KeyboardInterrupt

    monkeypatch.setattr(job_module, "Progress", CtrlC)
    code, _, err = run(
        capsys,
        "score",
        str(_corpus_file(tmp_path)),
        "-o",
        str(tmp_path / "out.jsonl"),
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
        "--batch-size",
        "2",
    )
    assert code == 130 and "nothing was kept to resume" in err and "--resume" not in err
    assert not (tmp_path / ".out.jsonl.parts").exists()
