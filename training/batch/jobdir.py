"""The work folder of a batch-scoring job, `.OUTPUT.parts/` beside its output.

    manifest.json     what the job scores: input files (path, size, mtime), model, stancewatch's version and
                      output version, library versions, options
    checkpoint.json   what is committed: records done, counts, the sinks' states
    lock              held (flock) while a job runs, so two jobs never write one output
    ...               the sinks' partial files (outputs.py)

Both JSON files are written atomically (temporary file, fsync, rename), so whatever kills
the job, the checkpoint on disk names a state the partial files can be truncated back to.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from training.batch.joblock import JobLock, LockBusy
from training.batch.safeio import atomic_write_text
from training.errors import InputError

__all__ = ["JobDir"]

MANIFEST, CHECKPOINT, LOCK = "manifest.json", "checkpoint.json", "lock"


class JobDir:
    def __init__(self, output: Path):
        self.output = Path(output)
        self.folder = self.output.parent / f".{self.output.name}.parts"
        self._lock: JobLock | None = None
        self.resumed = False

    def start(self, manifest: dict, *, resume: bool) -> dict | None:
        """Open the folder for a new job, or for resuming the stopped one; returns its checkpoint."""
        started = (self.folder / MANIFEST).is_file()
        if started and not resume:
            raise InputError(
                f"expected no unfinished job for {self.output}, found one in {self.folder}; "
                "add --resume to continue it, or delete that folder to start again"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        self._acquire()
        if started:
            old = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            why = _difference(old, manifest)
            if why:
                self.release()
                raise InputError(
                    f"cannot resume {self.output}: {why} since the job started; delete {self.folder} to start again"
                )
            self.resumed = True
            cp = self.folder / CHECKPOINT
            return json.loads(cp.read_text(encoding="utf-8")) if cp.is_file() else None
        for p in self.folder.iterdir():  # leftovers of a job killed before it wrote its manifest
            if p.name != LOCK:
                shutil.rmtree(p) if p.is_dir() else p.unlink()
        started_at = datetime.now(UTC).isoformat(timespec="seconds")
        atomic_write_text(self.folder / MANIFEST, json.dumps({**manifest, "started": started_at}, indent=2) + "\n")
        return None

    def has_checkpoint(self) -> bool:
        return (self.folder / CHECKPOINT).is_file()

    def checkpoint(self, state: dict) -> None:
        atomic_write_text(self.folder / CHECKPOINT, json.dumps(state) + "\n")

    def _acquire(self) -> None:
        lock = JobLock(self.folder, LOCK)  # see joblock.py: what a killed job leaves behind never blocks
        try:
            lock.acquire()
        except LockBusy as e:
            raise InputError(
                f"expected no other job writing {self.output}, found one running ({e}; its work "
                f"folder {self.folder} is locked)"
            ) from None
        self._lock = lock

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _difference(old: dict, new: dict) -> str:
    """What differs between two manifests, in words ('' when nothing does)."""
    then, now = old.get("inputs", []), new["inputs"]
    if [f["path"] for f in then] != [f["path"] for f in now]:
        return f"the input files changed ({len(then)} files then, {len(now)} now)"
    for a, b in zip(then, now, strict=True):
        if a != b:
            return (
                f"the input {b['path']} changed ({a['bytes']} bytes then, {b['bytes']} now"
                + (", modified since" if a["mtime_ns"] != b["mtime_ns"] else "")
                + ")"
            )
    if old.get("model") != new["model"]:
        return (
            f"the model changed ({old.get('model', {}).get('id')} then, {new['model']['id']} now; "
            f"pass --model {old.get('model', {}).get('id')} to finish with the job's model)"
        )
    # Jobs started before the manifest recorded stancewatch wrote output version 1.
    was = old.get("stancewatch", {"version": old.get("versions", {}).get("stancewatch", "?"), "output_version": 1})
    now = new.get("stancewatch", was)
    if was.get("output_version") != now.get("output_version"):
        return (
            f"stancewatch's output rows changed (output version {was.get('output_version')} from stancewatch "
            f"{was.get('version')} then, {now.get('output_version')} from {now.get('version')} now; one output "
            "cannot mix them)"
        )
    # A new stancewatch with the same output version writes the same rows: it may finish the job.
    libraries_then, libraries_now = (
        {k: v for k, v in m.get("versions", {}).items() if k != "stancewatch"} for m in (old, new)
    )
    if libraries_then != libraries_now:
        changed = [k for k, v in libraries_now.items() if libraries_then.get(k) != v]
        return f"the installed versions of {', '.join(changed) or 'the libraries'} changed"
    for key, value in new["options"].items():
        if old.get("options", {}).get(key) != value:
            return f"the option {key} changed ({old.get('options', {}).get(key)!r} then, {value!r} now)"
    return ""
