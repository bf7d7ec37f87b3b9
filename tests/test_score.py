"""Batch scoring (training/batch/score.py and the modules it drives: corpus, outputs, jobdir,
progress, score_dask): formats, identical output whatever the engine, faults, resume."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import LABELS, ROOT, read_jsonl
from training.batch.corpus import Corpus, Document
from training.batch.progress import Progress
from training.batch.score import score_batch, score_file
from training.cli import main

BAD_LINES = [  # (raw line, words the errors file must give as the reason)
    b'{"id": "broken", "text": "never closed\n',
    "malformed JSON",
    b'{"id": "no-text", "body": "a field of another name"}\n',
    "'text' field",
    b'{"id": "latin1", "text": "caf\xe9 society"}\n',
    "undecodable byte",
    b'{"id": "blank", "text": "   "}\n',
    "empty text",
]


def _sentences() -> list[str]:
    out = []
    for f in sorted((LABELS / "train").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines()[::7]:
            text = json.loads(line)["text"].strip()
            out.append(text if text[-1] in ".?!\"'" else text + ".")
    return out


def _docs(n: int, seed: int = 0) -> list[dict]:
    rnd, sents = random.Random(seed), _sentences()
    return [
        {
            "id": f"d{i}",
            "text": " ".join(rnd.sample(sents, rnd.randint(1, 4))),
            "outlet": f"o{i % 3}",
            "year": 2000 + i % 5,
        }
        for i in range(n)
    ]


def _write_jsonl(path: Path, docs: list[dict], bad_every: int = 0) -> Path:
    with open(path, "wb") as fh:
        for i, d in enumerate(docs, 1):
            fh.write(json.dumps(d).encode() + b"\n")
            if bad_every and i % bad_every == 0:
                fh.write(BAD_LINES[2 * ((i // bad_every - 1) % 4)])
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return _docs(100)


# -- same output whatever the engine ---------------------------------------------------


def test_workers_and_dask_give_identical_output(capsys, models_dir, tmp_path, docs):
    from distributed import LocalCluster

    src = _write_jsonl(tmp_path / "in.jsonl", docs, bad_every=40)
    common = ["--models-dir", str(models_dir), "--batch-size", "16", "--keep", "outlet"]
    outs = {}
    for name, extra in (("one", ["--workers", "1"]), ("two", ["--workers", "2"])):
        assert run(capsys, "score", str(src), "-o", str(tmp_path / f"{name}.jsonl"), *common, *extra)[0] == 0
        outs[name] = tmp_path / f"{name}.jsonl"
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # not 8787: another cluster may hold it
        protocol="tcp",
    ) as cluster:
        code, out, err = run(
            capsys,
            "score",
            str(src),
            "-o",
            str(tmp_path / "dask.jsonl"),
            *common,
            "--engine",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert code == 0 and "dask: 2 workers" in err
    outs["dask"] = tmp_path / "dask.jsonl"
    # no --scheduler: the engine starts (and closes) a LocalCluster of its own
    score_file(
        src,
        tmp_path / "local-cluster.jsonl",
        models_dir=models_dir,
        engine="dask",
        workers=1,
        dask_processes=False,
        batch_size=16,
        keep=["outlet"],
    )
    outs["local-cluster"] = tmp_path / "local-cluster.jsonl"
    reference = outs["one"].read_bytes()
    rows = read_jsonl(outs["one"])
    assert len({r["doc_id"] for r in rows}) == len(docs) and all(r["outlet"].startswith("o") for r in rows)
    for name, path in outs.items():
        assert path.read_bytes() == reference, name
        errors = read_jsonl(path.with_name(path.name + ".errors.jsonl"))
        assert [e["line"] for e in errors] == [41, 82], name
    assert json.loads(out)["engine"] == "dask"


# -- faults ----------------------------------------------------------------------------


def test_bad_rows_go_to_the_errors_file_and_the_job_goes_on(capsys, models_dir, tmp_path, docs):
    src = _write_jsonl(tmp_path / "in.jsonl", docs[:8], bad_every=2)
    with open(src, "a", encoding="utf-8") as fh:  # JSON can name half a surrogate pair, which UTF-8 cannot hold
        fh.write('{"id": "half", "text": "Half an emoji \\ud83d here."}\n')
    out_path = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "score", str(src), "-o", str(out_path), "--models-dir", str(models_dir))
    assert code == 0
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [e["line"] for e in errors] == [3, 6, 9, 12, 13]
    for e, words in zip(errors, [*BAD_LINES[1::2], "unpaired surrogate"], strict=True):
        assert words in e["reason"] and e["file"] == str(src)
    summary = json.loads(out)
    assert summary["errors"] == 5 and summary["documents"] == 8
    assert {r["doc_id"] for r in read_jsonl(out_path)} == {f"d{i}" for i in range(8)}
    assert "5 bad rows skipped" in err and "line 9 of" in err
    assert not (tmp_path / ".out.jsonl.parts").exists()


def test_strict_stops_at_the_first_bad_row(capsys, models_dir, tmp_path, docs):
    src = _write_jsonl(tmp_path / "in.jsonl", docs[:4], bad_every=2)
    code, _, err = run(
        capsys, "score", str(src), "-o", str(tmp_path / "out.jsonl"), "--strict", "--models-dir", str(models_dir)
    )
    assert code == 1 and f"{src}:3: expected a JSON object" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # no output, no work folder


def test_a_document_the_model_fails_on_is_one_bad_row(model, tmp_path):
    class Flaky:  # the real classifier, failing on one text as a bug would
        labels = model.classifier.labels

        def classify_many(self, texts, **kw):
            if any("BOOM" in t for t in texts):
                raise ValueError("cannot score this")
            return model.classifier.classify_many(texts, **kw)

    from training.batch.outputs import OutputSpec

    docs = [Document(f"d{i}", t, i + 1, {}, "in.jsonl") for i, t in enumerate(["A claim.", "BOOM it is.", "Denied."])]
    result = score_batch(Flaky(), docs, OutputSpec("jsonl", "sentence", tuple(model.classifier.labels)))
    assert result.documents == 2 and [e.line for e in result.errors] == [2]
    assert "raised ValueError: cannot score this" in result.errors[0].reason
    assert [json.loads(x)["doc_id"] for x in result.payload.splitlines()] == ["d0", "d2"]


# -- resume ----------------------------------------------------------------------------


def test_sigkill_then_resume_gives_the_uninterrupted_output(capsys, models_dir, tmp_path, docs):
    src = _write_jsonl(tmp_path / "in.jsonl", docs, bad_every=25)
    args = ["--models-dir", str(models_dir), "--workers", "1", "--batch-size", "2"]
    assert run(capsys, "score", str(src), "-o", str(tmp_path / "whole.jsonl"), *args)[0] == 0
    args += ["--checkpoint-every", "0"]  # commit after every batch, so there are some to kill after
    out_path = tmp_path / "out.jsonl"
    checkpoint = tmp_path / ".out.jsonl.parts" / "checkpoint.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "training", "score", str(src), "-o", str(out_path), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if checkpoint.exists() and json.loads(checkpoint.read_text())["stats"]["batches"] >= 3:
            break
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    assert not out_path.exists()  # a killed job leaves nothing under the output's name
    code, _, err = run(capsys, "score", str(src), "-o", str(out_path), *args)
    assert code == 1 and "add --resume" in err
    code, out, err = run(capsys, "score", str(src), "-o", str(out_path), *args, "--resume")
    assert code == 0 and "resuming" in err and json.loads(out)["resumed_at_record"] >= 6
    assert out_path.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    assert (tmp_path / "out.jsonl.errors.jsonl").read_bytes() == (tmp_path / "whole.jsonl.errors.jsonl").read_bytes()
    assert json.loads(out)["documents"] == len(docs)


class _StopAfter(Progress):
    """Stops the job (as Ctrl-C would) after `n` batches; the job commits what it wrote."""

    def __init__(self, n: int):
        super().__init__(io.StringIO(), tty=False)
        self.n = n

    def update(self, docs, sentences, fraction, *, force=False):
        self.n -= 1
        if self.n < 0:
            raise KeyboardInterrupt


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_interrupted_then_resumed_csv_and_parquet(models_dir, tmp_path, docs, suffix):
    src = _write_jsonl(tmp_path / "in.jsonl", docs[:40])
    opts = {"models_dir": models_dir, "workers": 1, "batch_size": 4, "keep": ["year"], "checkpoint_every": 0}
    score_file(src, tmp_path / f"whole{suffix}", **opts)
    with pytest.raises(KeyboardInterrupt):
        score_file(src, tmp_path / f"out{suffix}", progress=_StopAfter(3), **opts)
    assert not (tmp_path / f"out{suffix}").exists()
    summary = score_file(src, tmp_path / f"out{suffix}", resume=True, **opts)
    assert summary["resumed_at_record"] == 16 and summary["documents"] == 40
    assert _table(tmp_path / f"out{suffix}") == _table(tmp_path / f"whole{suffix}")


def test_resume_refuses_a_changed_input(capsys, models_dir, tmp_path, docs):
    src = _write_jsonl(tmp_path / "in.jsonl", docs[:12])
    args = ["-o", str(tmp_path / "out.jsonl"), "--models-dir", str(models_dir), "--workers", "1"]
    with pytest.raises(KeyboardInterrupt):
        score_file(
            src,
            tmp_path / "out.jsonl",
            models_dir=models_dir,
            workers=1,
            batch_size=2,
            checkpoint_every=0,
            progress=_StopAfter(2),
        )
    code, _, err = run(capsys, "score", str(src), *args, "--batch-size", "3", "--resume")
    assert code == 1 and "the option batch_size changed (2 then, 3 now)" in err and err.count("\n") == 1
    with open(src, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "One more row."}) + "\n")
    code, _, err = run(capsys, "score", str(src), *args, "--batch-size", "2", "--resume")
    assert code == 1 and f"the input {src} changed" in err and err.count("\n") == 1


# -- formats ---------------------------------------------------------------------------


def _table(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_input_formats_folders_and_globs(models_dir, tmp_path, docs):
    import pyarrow as pa
    import pyarrow.parquet as pq

    few = docs[:5]
    d = tmp_path / "in"
    d.mkdir()
    _write_jsonl(d / "a.jsonl", few)
    with gzip.open(d / "b.jsonl.gz", "wb") as fh:
        fh.write(b"".join(json.dumps(x).encode() + b"\n" for x in few))
    with open(d / "c.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["id", "text", "outlet", "year"])
        w.writeheader()
        w.writerows(few)
    (d / "d.txt").write_text("".join(x["text"] + "\n\n" for x in few), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(few), d / "e.parquet", row_group_size=2)
    corpus = Corpus(d, keep=["outlet"])
    items = list(corpus.records())
    got = [x for x in items if isinstance(x, Document)]
    assert [x.text for x in got] == [x["text"] for x in few] * 5
    assert items.count(None) == 5 and corpus.fraction_read() == 1.0  # the text file's blank lines
    assert [x.id for x in got[-5:]] == [x["id"] for x in few]
    assert got[15].id == f"{d / 'd.txt'}:1" and got[0].extra == {"outlet": "o0"}
    assert len(items) == 30 and [x.line for x in corpus.records(start=27)] == [3, 4, 5]  # skipped unparsed
    assert [p.name for p in Corpus(str(d / "*.csv")).files] == ["c.csv"]
    summary = score_file([d / "a.jsonl", str(d / "e.*")], tmp_path / "out.jsonl", models_dir=models_dir, workers=1)
    assert summary["documents"] == 10 and summary["errors"] == 0


def test_csv_and_parquet_output_hold_the_jsonl_rows(models_dir, tmp_path, docs):
    src = _write_jsonl(tmp_path / "in.jsonl", docs[:10])
    opts = {"models_dir": models_dir, "workers": 1, "keep": ["outlet", "year"], "explain": True}
    score_file(src, tmp_path / "out.jsonl", **opts)
    score_file(src, tmp_path / "out.csv", **opts)
    score_file(src, tmp_path / "out.parquet", **opts)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert rows[0]["explanation"]["cues"] is not None and "source" in rows[0]
    for path in (tmp_path / "out.csv", tmp_path / "out.parquet"):
        table = _table(path)
        assert len(table) == len(rows)
        for flat, row in zip(table, rows, strict=True):
            assert flat["doc_id"] == row["doc_id"] and flat["label"] == row["label"]
            assert float(flat["p_denial"]) == row["probabilities"]["denial"]
            assert json.loads(flat["explanation"]) == row["explanation"]
            assert flat["outlet"] == row["outlet"] and json.loads(flat["year"]) == row["year"]


def test_document_unit(capsys, models_dir, tmp_path, docs):
    src = _write_jsonl(tmp_path / "in.jsonl", docs[:20])
    base = ["--models-dir", str(models_dir), "--workers", "1"]
    assert run(capsys, "score", str(src), "-o", str(tmp_path / "s.jsonl"), *base)[0] == 0
    assert (
        run(
            capsys,
            "score",
            str(src),
            "-o",
            str(tmp_path / "d.csv"),
            "--unit",
            "document",
            "--explain",
            "--keep",
            "outlet",
            *base,
        )[0]
        == 0
    )
    sentences = read_jsonl(tmp_path / "s.jsonl")
    table = _table(tmp_path / "d.csv")
    assert [r["doc_id"] for r in table] == [d["id"] for d in docs[:20]]
    for r in table:
        mine = [s for s in sentences if s["doc_id"] == r["doc_id"]]
        assert int(r["sentences"]) == len(mine) and r["outlet"]
        for lab in ("assertion", "denial", "insinuation"):
            assert int(r[f"n_{lab}"]) == sum(s["label"] == lab for s in mine)
            assert float(r[f"share_{lab}"]) == pytest.approx(int(r[f"n_{lab}"]) / len(mine))
        assert int(r["uncertain"]) == sum(s["uncertain"] for s in mine)
        assert isinstance(json.loads(r["sources"]), list)


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--keep", "label"], "expected --keep fields other than the output's own columns"),
        (["--format", "csv", "--keep", "p_denial"], "found 'p_denial'"),
        (["--batch-size", "0"], "expected --batch-size to be at least 1, found 0"),
    ],
)
def test_bad_options_are_one_line(capsys, models_dir, tmp_path, args, expected):
    src = _write_jsonl(tmp_path / "in.jsonl", _docs(2))
    code, _, err = run(
        capsys, "score", str(src), "-o", str(tmp_path / "o.jsonl"), "--models-dir", str(models_dir), *args
    )
    assert code == 1 and expected in err and err.count("\n") == 1


def test_output_name_and_missing_input_are_one_line(capsys, models_dir, tmp_path):
    code, _, err = run(capsys, "score", str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert code == 1 and "no such file or folder" in err
    src = _write_jsonl(tmp_path / "in.jsonl", _docs(2))
    code, _, err = run(capsys, "score", str(src), "-o", str(tmp_path / "o.txt"), "--models-dir", str(models_dir))
    assert code == 1 and "expected an output ending in .jsonl, .csv or .parquet" in err


# -- progress --------------------------------------------------------------------------


def test_progress_bar_on_a_terminal_and_lines_otherwise():
    tty, log = io.StringIO(), io.StringIO()
    for stream, is_tty in ((tty, True), (log, False)):
        p = Progress(stream, tty=is_tty, every=0)
        p.start(0.0)
        p.update(100, 400, 0.25)
        p.update(200, 800, 0.5)
        p.close()
    assert tty.getvalue().count("\r\033[K") == 2 and "[############............]  50%" in tty.getvalue()
    assert "sentences/s" in tty.getvalue() and "ETA" in tty.getvalue() and tty.getvalue().endswith("\n")
    assert (
        log.getvalue().count("\n") == 2 and "\r" not in log.getvalue() and "200 docs, 800 sentences" in log.getvalue()
    )


def test_kept_values_of_any_type_are_written():
    import datetime

    from training.batch.outputs import OutputSpec

    row = {
        "doc_id": "a",
        "sentences": 1,
        "counts": {"x": 1, "y": 0},
        "shares": {"x": 1.0, "y": 0.0},
        "dominant": "x",
        "uncertain": 0,
        "day": datetime.date(2024, 5, 1),
        "tags": ["p", "q"],
        "n": 3,
    }
    keep = ("day", "tags", "n")
    as_json = json.loads(OutputSpec("jsonl", "document", ("x", "y"), keep=keep).encode([row]))
    assert as_json["day"] == "2024-05-01" and as_json["tags"] == ["p", "q"]
    spec = OutputSpec("csv", "document", ("x", "y"), keep=keep)
    flat = next(csv.DictReader(io.StringIO((spec.header() + spec.encode([row])).decode())))
    assert flat["day"] == "2024-05-01" and json.loads(flat["tags"]) == ["p", "q"] and flat["n"] == "3"
    assert flat["n_x"] == "1" and flat["share_y"] == "0.0"


def test_parquet_parts_merge_into_fixed_row_groups(tmp_path, monkeypatch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from training.batch import outputs

    monkeypatch.setattr(outputs, "PARQUET_ROW_GROUP", 7)
    schema = pa.schema([pa.field("n", pa.int64())])
    sink = outputs.ParquetSink(tmp_path, schema)
    sink.open(None)
    n = 0
    for size in (3, 9, 0, 5, 11):  # tables of any size, a commit (a part file) after each
        sink.write(pa.table({"n": list(range(n, n + size))}, schema=schema))
        n += size
        state = sink.commit()
    sink.write(pa.table({"n": [999]}, schema=schema))  # written after the last commit: a crash loses it
    sink.close()
    reopened = outputs.ParquetSink(tmp_path, schema)
    reopened.open(state)
    reopened.finish(tmp_path / "out.parquet")
    f = pq.ParquetFile(tmp_path / "out.parquet")
    assert [f.metadata.row_group(i).num_rows for i in range(f.num_row_groups)] == [7, 7, 7, 7]
    assert f.read().column("n").to_pylist() == list(range(n))


def test_missing_dask_or_pyarrow_says_which_extra(monkeypatch):
    from training.batch.outputs import OutputSpec
    from training.batch.score_dask import DaskEngine
    from training.errors import InputError

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: importing it fails
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(InputError, match=r"install it with: pip install 'stancewatch\[dask\]'"):
        DaskEngine(None, None).__enter__()
    with pytest.raises(InputError, match=r"stancewatch\[parquet\]"):
        OutputSpec("parquet", "sentence", ("x", "y"))


def test_two_jobs_never_write_one_output(models_dir, tmp_path, docs):
    from training.batch.jobdir import JobDir
    from training.errors import InputError

    src = _write_jsonl(tmp_path / "in.jsonl", docs[:4])
    running = JobDir(tmp_path / "out.jsonl")
    running.start({"inputs": [], "model": {}, "options": {}}, resume=False)  # holds the lock, as a live job does
    with pytest.raises(InputError, match="found one running"):
        score_file(src, tmp_path / "out.jsonl", models_dir=models_dir, workers=1, resume=True)
    running.release()
    with pytest.raises(InputError, match="the input files changed"):  # unlocked: now its manifest is compared
        score_file(src, tmp_path / "out.jsonl", models_dir=models_dir, workers=1, resume=True)
