"""The work folder of a scoring job (training/batch/jobdir.py): what the manifest records about
stancewatch, and when --resume refuses to finish a job under another version."""

from __future__ import annotations

import io
import json

import pytest

import training
from training.batch import job as job_module
from training.batch.jobdir import _difference
from training.batch.outputs import OUTPUT_VERSION
from training.batch.progress import Progress
from training.batch.score import score_file
from training.errors import InputError


class _StopAfter(Progress):
    """Stops the job (as Ctrl-C would) after `n` batches; the job commits what it wrote."""

    def __init__(self, n: int):
        super().__init__(io.StringIO(), tty=False)
        self.n = n

    def update(self, docs, sentences, fraction, *, force=False):
        self.n -= 1
        if self.n < 0:
            raise KeyboardInterrupt


def _stopped_job(models_dir, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": f"The mayor denied report {i}."}) + "\n" for i in range(8)),
        encoding="utf-8",
    )
    opts = {"models_dir": models_dir, "workers": 1, "batch_size": 2, "checkpoint_every": 0}
    with pytest.raises(KeyboardInterrupt):
        score_file(src, tmp_path / "out.jsonl", progress=_StopAfter(2), **opts)
    return src, opts


def test_the_manifest_records_stancewatch_and_its_output_version(models_dir, tmp_path):
    _stopped_job(models_dir, tmp_path)
    manifest = json.loads((tmp_path / ".out.jsonl.parts" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["stancewatch"] == {"version": training.__version__, "output_version": OUTPUT_VERSION}


def test_resume_refuses_a_stancewatch_whose_rows_differ(models_dir, tmp_path, monkeypatch):
    src, opts = _stopped_job(models_dir, tmp_path)
    monkeypatch.setattr(job_module, "OUTPUT_VERSION", OUTPUT_VERSION + 1)
    with pytest.raises(InputError) as e:
        score_file(src, tmp_path / "out.jsonl", resume=True, **opts)
    message = str(e.value)
    assert "\n" not in message and message.startswith(f"cannot resume {tmp_path / 'out.jsonl'}: ")
    assert (
        f"stancewatch's output rows changed (output version {OUTPUT_VERSION} from stancewatch "
        f"{training.__version__} then, {OUTPUT_VERSION + 1} from {training.__version__} now"
    ) in message


def test_resume_goes_on_under_a_new_stancewatch_with_the_same_rows(models_dir, tmp_path, monkeypatch):
    src, opts = _stopped_job(models_dir, tmp_path)
    monkeypatch.setattr(training, "__version__", "99.0.0")  # what library_versions() reads
    monkeypatch.setattr(job_module, "__version__", "99.0.0")
    summary = score_file(src, tmp_path / "out.jsonl", resume=True, **opts)
    assert summary["resumed_at_record"] == 6 and summary["documents"] == 8


def test_a_job_from_before_versions_were_recorded_is_refused():
    old = {"inputs": [], "model": {"id": "m"}, "versions": {"stancewatch": "0.1.0"}, "options": {}}
    new = {**old, "stancewatch": {"version": "0.1.0", "output_version": OUTPUT_VERSION}}
    assert _difference(old, new) == (
        f"stancewatch's output rows changed (output version 1 from stancewatch 0.1.0 "
        f"then, {OUTPUT_VERSION} from 0.1.0 now; one output cannot mix them)"
    )
