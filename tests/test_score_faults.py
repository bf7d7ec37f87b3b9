"""Batch scoring under faults (issue 15, items 3, 4, 5, 8 and 9): workers die with a
killed job and what it leaves behind never blocks --resume; a deeply nested JSON row, an
unreadable file and an over-long line are bad rows like any other; -o never replaces what
is not a regular file; a full disk is a one-line error and --resume then finishes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest

from tests.conftest import ROOT, read_jsonl
from tests.test_score import _docs, _write_jsonl, run
from training.batch.corpus import Corpus
from training.batch.jobdir import JobDir
from training.fit.data import RowError

DEEP = b"[" * 100_000 + b"\n"


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan whose new parent does not reap it stays one)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return state[state.rfind(b")") + 2 :][:1] not in (b"Z", b"X")


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            text = stat.read_bytes()
            if int(text[text.rfind(b")") + 2 :].split()[1]) == pid:
                out.append(int(stat.parent.name))
    return out


# -- 3. a killed job's workers -----------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        found += (children := _children(todo.pop()))
        todo += children
    return found


# Dask's worker processes may be the job's children or, under a nanny process, its grandchildren:
# the test follows both. Dask ends them when the pipe to their parent closes (distributed/process.py),
# as PR_SET_PDEATHSIG ends the local pool's.
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_killing_the_job_kills_its_workers_and_resume_goes_on(capsys, models_dir, tmp_path, engine):
    src = _write_jsonl(tmp_path / "in.jsonl", _docs(600))
    out = tmp_path / "out.jsonl"
    args = [
        "--engine",
        engine,
        "-o",
        str(out),
        "--models-dir",
        str(models_dir),
        "--workers",
        "2",
        "--batch-size",
        "4",
        "--checkpoint-every",
        "0",
    ]
    proc = subprocess.Popen(
        [sys.executable, "-m", "training", "score", str(src), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    checkpoint = tmp_path / ".out.jsonl.parts" / "checkpoint.json"
    deadline = time.monotonic() + 60
    while not (checkpoint.exists() and len(workers := _descendants(proc.pid)) >= 2):
        assert time.monotonic() < deadline and proc.poll() is None, "the job never started its workers"
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while any(_running(w) for w in workers):
        if time.monotonic() > deadline:
            for w in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(w, signal.SIGKILL)
            pytest.fail("the pool workers outlived the job they worked for")
        time.sleep(0.02)
    code, stdout, err = run(capsys, "score", str(src), *args, "--resume")
    assert code == 0, err
    assert json.loads(stdout)["documents"] == 600 and len({r["doc_id"] for r in read_jsonl(out)}) == 600


def test_a_lock_held_only_by_what_a_killed_job_left_behind_does_not_block(tmp_path):
    """The job takes its lock, hands the lock's descriptor to a process that outlives it
    (as a pool worker of an older version did), and is killed."""
    out = tmp_path / "out.jsonl"
    manifest = {"inputs": [], "model": {"id": "m"}, "options": {}}
    script = (
        "import json, subprocess, sys, time\nfrom pathlib import Path\nfrom training.batch.jobdir import JobDir\n"
        "job = JobDir(Path(sys.argv[1]))\njob.start(json.loads(sys.argv[2]), resume=False)\n"
        "fd = job._lock._fh.fileno()\n"
        "left = subprocess.Popen(['sleep', '60'], pass_fds=[fd])\nprint(left.pid, flush=True)\ntime.sleep(60)\n"
    )
    job = subprocess.Popen(
        [sys.executable, "-c", script, str(out), json.dumps(manifest)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    left_behind = int(job.stdout.readline())
    try:
        job.send_signal(signal.SIGKILL)
        job.wait()
        assert _running(left_behind)  # holds the lock of a job that is gone
        resumed = JobDir(out)
        assert resumed.start(manifest, resume=True) is None and resumed.resumed
        resumed.release()
    finally:
        os.kill(left_behind, signal.SIGKILL)
        job.stdout.close()


# -- 4. deeply nested JSON rows ------------------------------------------------------------


def test_a_deeply_nested_row_is_a_bad_row_everywhere(capsys, models_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "a", "text": "The ministry denied the report."}\n'
        + DEEP
        + b'{"id": "b", "text": "Where did the money go?"}\n'
    )
    code, out, err = run(
        capsys, "score", str(src), "-o", str(tmp_path / "out.jsonl"), "--models-dir", str(models_dir), "--workers", "1"
    )
    assert code == 0, err
    assert json.loads(out)["errors"] == 1 and json.loads(out)["documents"] == 2
    [error] = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert error["line"] == 2 and "nested" in error["reason"]
    labelled = tmp_path / "labelled.jsonl"
    rows = [
        {"text": "The ministry denied the report.", "label": "denial"},
        {"text": "Where did the money go?", "label": "insinuation"},
        {"text": "The ministry signed the contract.", "label": "assertion"},
    ] * 4
    labelled.write_bytes(DEEP + b"".join(json.dumps(r).encode() + b"\n" for r in rows))
    code, _, err = run(capsys, "eval", "--data", str(labelled), "--models-dir", str(models_dir))
    assert code == 0 and f"{labelled}:1: expected a JSON object, found JSON nested" in err
    code, _, err = run(capsys, "labels", "check", str(labelled))
    assert "Traceback" not in err and "RecursionError" not in err
    code, _, err = run(
        capsys, "train", "--data", str(labelled), "--no-test", "--cv", "0", "--models-dir", str(tmp_path / "m")
    )
    assert code == 1 and err.count("\n") == 1 and f"{labelled}:1:" in err and "nested" in err


# -- 5. -o never replaces what is not a regular file ------------------------------------------


def test_output_through_a_symlink_goes_to_its_target(capsys, models_dir, tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", _docs(3))
    target = tmp_path / "real" / "scores.jsonl"
    target.parent.mkdir()
    link = tmp_path / "scores.jsonl"
    link.symlink_to(target)
    code, _, err = run(capsys, "score", str(src), "-o", str(link), "--models-dir", str(models_dir), "--workers", "1")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(target)  # before: replaced by a regular file
    assert len(read_jsonl(target)) >= 3


@pytest.mark.parametrize("kind", ["fifo", "link-to-device", "folder"])
def test_output_that_is_not_a_regular_file_is_refused(capsys, models_dir, tmp_path, kind):
    src = _write_jsonl(tmp_path / "in.jsonl", _docs(3))
    out = tmp_path / "scores.jsonl"
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "folder":
        out.mkdir()
    else:
        out.symlink_to("/dev/null")
    code, _, err = run(capsys, "score", str(src), "-o", str(out), "--models-dir", str(models_dir), "--workers", "1")
    expected = {"fifo": "a FIFO", "link-to-device": "/dev/null (through the symlink", "folder": "a folder"}[kind]
    assert code == 1 and err.count("\n") == 1 and "expected -o to name a regular file" in err and expected in err
    assert {"fifo": out.is_fifo, "folder": out.is_dir, "link-to-device": out.is_symlink}[kind]()
    assert not (tmp_path / ".scores.jsonl.parts").exists()


# -- 8. a full disk, an unreadable file --------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 5 MB tmpfs where root may mount one; else None (the test simulates a full disk)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    ok = (
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)], capture_output=True).returncode
        == 0
    )
    yield mount if ok else None
    if ok:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_then_resume_finishes(capsys, models_dir, tmp_path, small_disk, monkeypatch):
    src = _write_jsonl(tmp_path / "in.jsonl", _docs(200))
    args = [
        "--models-dir",
        str(models_dir),
        "--workers",
        "1",
        "--batch-size",
        "16",
        "--explain",
        "--checkpoint-every",
        "0",
    ]
    code, _, _ = run(capsys, "score", str(src), "-o", str(tmp_path / "whole.jsonl"), *args)
    assert code == 0
    needed = (tmp_path / "whole.jsonl").stat().st_size
    if small_disk is not None:
        out = small_disk / "out.jsonl"
        filler = small_disk / "filler"
        filler.write_bytes(b"\0" * (5 * 2**20 - needed // 2))  # room for half the output
    else:  # no tmpfs: a write that fails once half the output is written
        from training.batch import outputs

        out, written, real_write = tmp_path / "out.jsonl", [0], outputs.StreamSink.write

        def write(self, payload):
            written[0] += len(payload)
            if written[0] > needed // 2 and self.path.name.startswith("output"):
                raise OSError(28, "No space left on device")
            real_write(self, payload)

        monkeypatch.setattr(outputs.StreamSink, "write", write)
    code, _, err = run(capsys, "score", str(src), "-o", str(out), *args)
    last = err.strip().splitlines()[-1]  # after the progress lines
    assert code == 1 and last.startswith("stance: error: expected room to write") and "Traceback" not in err, err
    assert "disk full" in last and "No space left on device" in last and "--resume" in last
    if small_disk is not None:
        filler.unlink()
    else:
        monkeypatch.undo()
    code, _, err = run(capsys, "score", str(src), "-o", str(out), *args, "--resume")
    assert code == 0, err
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()


def test_an_unreadable_file_in_a_folder_is_reported_and_the_job_goes_on(models_dir, tmp_path):
    """As a user who cannot read one of the files (root reads everything: the job then runs
    as nobody, in a folder nobody may use)."""
    world = Path(tempfile.mkdtemp(prefix="stance-unreadable-"))
    try:
        os.chmod(world, 0o777)
        shutil.copytree(models_dir, world / "models")
        folder = world / "in"
        folder.mkdir()
        _write_jsonl(folder / "a.jsonl", _docs(3))
        _write_jsonl(folder / "b.jsonl", _docs(2, seed=1))
        _write_jsonl(folder / "c.jsonl", _docs(2, seed=2))
        os.chmod(folder / "b.jsonl", 0)
        for p in world.rglob("*"):
            if p.name != "b.jsonl":
                os.chmod(p, 0o777 if p.is_dir() else 0o666)
        cmd = [
            sys.executable,
            "-m",
            "training",
            "score",
            str(folder),
            "-o",
            str(world / "out.jsonl"),
            "--models-dir",
            str(world / "models"),
            "--workers",
            "1",
        ]
        if os.geteuid() == 0:
            as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            probe = subprocess.run(
                [*as_nobody, sys.executable, "-c", "import joblib, training"], cwd=ROOT, capture_output=True, timeout=60
            )
            if probe.returncode != 0:  # e.g. a virtualenv under /root or a private temporary folder
                pytest.skip(f"user nobody cannot run this interpreter ({sys.prefix} is not readable by others)")
            cmd = [*as_nobody, *cmd]
        done = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(world)}
        )
        assert done.returncode == 0, done.stderr[-2000:]
        summary = json.loads(done.stdout)
        assert summary["documents"] == 5 and summary["errors"] == 1
        [error] = read_jsonl(world / "out.jsonl.errors.jsonl")
        assert error["file"].endswith("b.jsonl") and "cannot be read" in error["reason"]
        assert "Permission denied" in error["reason"]
    finally:
        shutil.rmtree(world, ignore_errors=True)


# -- 9. an over-long line ----------------------------------------------------------------------


def test_an_over_long_line_is_rejected_without_being_held(tmp_path):
    src = tmp_path / "in.jsonl"
    with open(src, "wb") as fh:
        fh.write(b'{"id": "a", "text": "The ministry denied the report."}\n')
        fh.write(b'{"id": "huge", "text": "' + b"word " * 8_000_000 + b'"}\n')  # 40 MB on one line
        fh.write(b'{"id": "b", "text": "Where did the money go?"}\n')
    tracemalloc.start()
    try:
        records = list(Corpus(src).records())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 * 2**20, f"peak {peak / 2**20:.0f} MB"  # read whole: 153 MB (the line, its text, the row)
    assert [getattr(r, "id", None) for r in records] == ["a", None, "b"] and isinstance(records[1], RowError)
    assert (
        records[1].line == 2
        and "expected a line of at most 8,388,608 bytes, found one of 40,000,026" in records[1].reason
    )


def test_an_over_long_label_row_is_a_bad_row(capsys, tmp_path):
    from training.fit.data import read_examples

    path = tmp_path / "labels.jsonl"
    path.write_bytes(
        b'{"text": "'
        + b"x" * (9 * 2**20)
        + b'", "label": "denial"}\n'
        + b'{"text": "The ministry denied it.", "label": "denial"}\n'
    )
    examples, errors = read_examples([path], strict=False)
    assert len(examples) == 1 and errors[0].line == 1 and "expected a line of at most" in errors[0].reason
