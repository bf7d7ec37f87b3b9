"""One batch-scoring job (`score_file`): its options, its setup (the corpus, the model, the
output spec, the job folder and its sinks), the loop that writes the engines' results in
input order and checkpoints them, and what a stop keeps for `--resume` (see score.py)."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from training import __version__
from training.batch.corpus import Corpus, Document, input_format
from training.batch.jobdir import JobDir
from training.batch.outputs import OUTPUT_VERSION, OutputSpec, StreamSink, make_sink, output_format
from training.batch.progress import Progress
from training.batch.safeio import describe_os_error, resolve_output
from training.batch.score import Batch, BatchResult
from training.batch.score_local import LocalEngine
from training.errors import DataError, InputError, StanceError
from training.fit.data import RowError
from training.registry import default_models_dir, library_versions, load_model
from training.text.documents import PAGE_FIELDS

__all__ = ["ScoreJob", "ScoreOptions"]

FIRST_BAD_ROWS = 20  # bad rows named in the summary; all of them are in the errors file


@dataclass(frozen=True)
class ScoreOptions:
    """How `score_file` scores (its keyword parameters but the model and the callbacks),
    checked when made. `workers` and `max_chars` are given, not defaulted, here."""

    workers: int
    max_chars: int
    fmt: str | None = None
    unit: str = "sentence"
    explain: bool = False
    keep: Any = ()
    text_field: str = "text"
    id_field: str = "id"
    batch_size: int = 256
    engine: str = "local"
    scheduler: str | None = None
    dask_processes: bool = True
    strict: bool = False
    resume: bool = False
    checkpoint_every: float = 30.0
    scheduler_timeout: float = 5.0
    command: str | None = None

    def __post_init__(self) -> None:
        for name, value, low in (("--batch-size", self.batch_size, 1), ("--workers", self.workers, 1)):
            if value < low:
                raise InputError(f"expected {name} to be at least {low}, found {value}")
        if self.engine not in ("local", "dask"):
            raise InputError(f"expected --engine local or dask, found {self.engine!r}")
        if not self.scheduler_timeout > 0:
            raise InputError(
                f"expected --scheduler-timeout to be a number of seconds above 0, found {self.scheduler_timeout}"
            )


def _errors_path(output: Path) -> Path:
    """The full output name, so scores.jsonl and scores.parquet side by side keep their own lists
    (resolved and checked as the output is: safeio.resolve_output)."""
    return resolve_output(output.with_name(output.name + ".errors.jsonl"), "the errors file")


class ScoreJob:
    """Set up in `__init__` (which takes the job folder's lock), run once with `run`."""

    def __init__(
        self,
        inputs,
        output: str | Path,
        options: ScoreOptions,
        *,
        models_dir: str | Path | None,
        model_id: str | None,
        progress: Progress | None,
        log: Callable[[str], None],
    ):
        self.options, self.log = options, log
        self.t0 = time.perf_counter()
        self.output = resolve_output(output)  # a symlink's target; nothing but a regular file is ever replaced
        self.errors_path = _errors_path(self.output)
        self.corpus = Corpus(
            inputs,
            text_field=options.text_field,
            id_field=options.id_field,
            keep=options.keep,
            max_chars=options.max_chars,
            exclude=[self.output, self.errors_path],
        )
        self.file_order = {str(p): i for i, p in enumerate(self.corpus.files)}
        self.models_dir = Path(models_dir or default_models_dir())
        self.loaded = load_model(self.models_dir, model_id)
        self.classifier = self.loaded.classifier
        self.spec = self._spec()
        self.manifest = self._manifest()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.job = JobDir(self.output)
        self.state = self.job.start(self.manifest, resume=options.resume)
        self.out = make_sink(self.spec, self.job.folder, self._metadata())
        self.errs = StreamSink(self.job.folder / "errors.jsonl.partial")
        self.stats: dict[str, Any] = (
            self.state["stats"]
            if self.state
            else {
                "records": 0,
                "batches": 0,
                "documents": 0,
                "sentences": 0,
                "labels": {lab: 0 for lab in self.spec.labels},
                "uncertain": 0,
                "errors": 0,
                "bad_rows": [],
            }
        )
        self.resumed_at = self.stats["records"]
        if self.state:
            log(
                f"resuming {self.output} at input record {self.resumed_at:,} ({self.stats['documents']:,} documents done)"
            )
        if options.resume and not self.job.resumed:
            log(f"no stopped job for {self.output}: starting from the beginning")
        self.progress = progress or Progress()
        self.this_run = {"documents": 0, "sentences": 0}
        self.consistent = False  # whether the partial files hold exactly the batches counted in `stats`

    # -- setup ---------------------------------------------------------------------------

    def _spec(self) -> OutputSpec:
        o = self.options
        pages = any(input_format(p) in ("html", "warc") for p in self.corpus.files)  # document rows get their metadata
        return OutputSpec(
            output_format(self.output, o.fmt),
            o.unit,
            tuple(self.classifier.labels),
            o.explain,
            tuple(o.keep),
            page_fields=PAGE_FIELDS if pages and o.unit == "document" else (),
        )

    def _manifest(self) -> dict:
        """What the job scores, and how: `--resume` refuses a job whose manifest differs."""
        o = self.options
        project = {"version": __version__, "output_version": OUTPUT_VERSION}  # --resume refuses another output_version
        return {
            "inputs": self.corpus.fingerprint(),
            "model": {"id": self.classifier.model_id, "sha256": self.classifier.sha256},
            "stancewatch": project,
            "versions": library_versions(),
            "options": {
                "format": self.spec.format,
                "unit": o.unit,
                "explain": o.explain,
                "keep": list(o.keep),
                "text_field": o.text_field,
                "id_field": o.id_field,
                "batch_size": o.batch_size,
                "max_chars": o.max_chars,
            },
        }

    def _metadata(self) -> dict:
        """Recorded in a Parquet output: the project, the model and its card, the command line."""
        command = self.options.command
        return {
            "stancewatch.version": __version__,
            "stancewatch.output_version": str(OUTPUT_VERSION),
            "stancewatch.model_id": self.classifier.model_id,
            "stancewatch.model_card": json.dumps(self.loaded.card),
            **({"stancewatch.command": command} if command else {}),
        }

    def _engine(self):
        o = self.options
        if o.engine == "dask":
            from training.batch.score_dask import DaskEngine

            return DaskEngine(
                self.classifier,
                self.spec,
                scheduler=o.scheduler,
                workers=o.workers,
                processes=o.dask_processes,
                timeout=o.scheduler_timeout,
                log=self.log,
            )
        return LocalEngine(self.classifier, self.spec, workers=o.workers, models_dir=self.models_dir)

    # -- the run -------------------------------------------------------------------------

    def run(self) -> dict:
        """Score (or finish renaming what a stopped job completed) and return the summary."""
        try:
            if self.state and self.state.get("complete"):  # stopped while renaming: finish what is left
                for sink, committed, final in self._finals():
                    if sink.pending():
                        _finish(sink, committed, final, keep=self._keeps(sink))
            else:
                self._score()
        except BaseException as e:
            self._stopped(e)
            if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
                raise StanceError(describe_os_error(e, self.output, resume_hint=self.job.has_checkpoint())) from e
            raise
        finally:
            self.job.release()
        self.job.remove()
        return self.summary()

    def _score(self) -> None:
        o, stats = self.options, self.stats
        self.out.open(self.state and self.state["output"])
        self.errs.open(self.state and self.state["errors"])
        self.consistent = True
        runner = self._engine()
        self.progress.start(stats.get("fraction", 0.0))
        last = time.perf_counter()
        with runner:
            for batch, result in runner.map(
                _batches(self.corpus, stats["records"], stats["batches"], o.batch_size, o.strict)
            ):
                self._write(batch, result)
                if time.perf_counter() - last >= o.checkpoint_every:
                    self._checkpoint()
                    last = time.perf_counter()
        self.progress.update(self.this_run["documents"], self.this_run["sentences"], 1.0, force=True)
        self.progress.close()
        self.consistent = False
        self._checkpoint(complete=True)
        for sink, _, final in self._finals():  # errors first: the output's name appears last
            _finish(sink, None, final, keep=self._keeps(sink))

    def _write(self, batch: Batch, result: BatchResult) -> None:
        bad = sorted(batch.errors + result.errors, key=lambda e: (self.file_order.get(e.path, 0), e.line))
        if bad and self.options.strict:
            raise DataError(bad[0].reason, path=bad[0].path, line=bad[0].line)
        self.consistent = False
        self.out.write(result.payload)
        self.errs.write(b"".join(_error_line(e) for e in bad))
        _add(self.stats, batch, result, bad)
        self.stats["fraction"] = batch.fraction
        self.consistent = True
        self.this_run["documents"] += result.documents
        self.this_run["sentences"] += result.sentences
        self.progress.update(self.this_run["documents"], self.this_run["sentences"], self.stats["fraction"])

    def _checkpoint(self, *, complete: bool = False) -> None:
        state = {"stats": self.stats, "output": self.out.commit(), "errors": self.errs.commit()}
        self.job.checkpoint({**state, "complete": True} if complete else state)

    def _finals(self) -> tuple:
        """(sink, its committed state, its final name), the errors' first."""
        state = self.state or {}
        return ((self.errs, state.get("errors"), self.errors_path), (self.out, state.get("output"), self.output))

    def _keeps(self, sink) -> bool:
        return sink is self.out or self.stats["errors"] > 0

    def _stopped(self, e: BaseException) -> None:
        """After any stop: keep what a `--resume` can continue from, close the sinks, and
        remove the job folder when there is nothing worth resuming."""
        strict_stop = self.options.strict and isinstance(e, DataError)  # an input that must change first
        if self.consistent and self.stats["records"] > self.resumed_at and not strict_stop:
            # Ctrl-C, a dead worker, an unreachable cluster: keep every batch written so far
            with contextlib.suppress(OSError):  # a full disk: the last checkpoint stands
                self._checkpoint()
        for sink in (self.out, self.errs):
            with contextlib.suppress(OSError):  # closing flushes, which fails again on a full disk
                sink.close()
        self.progress.close()
        if strict_stop or not self.job.has_checkpoint():
            self.job.remove()  # nothing worth resuming: no checkpoint yet, or an input that must change first

    def summary(self) -> dict:
        stats, o = self.stats, self.options
        return {
            "documents": stats["documents"],
            "sentences": stats["sentences"],
            "labels": stats["labels"],
            "uncertain": stats["uncertain"],
            "skipped": stats.get("skipped", {}),
            "errors": stats["errors"],
            "bad_rows": stats["bad_rows"],
            "errors_file": str(self.errors_path) if stats["errors"] else None,
            "output": str(self.output),
            "format": self.spec.format,
            "unit": o.unit,
            "engine": o.engine,
            "workers": o.workers,
            "model": self.manifest["model"],
            "records": stats["records"],
            "resumed_at_record": self.resumed_at,
            "this_run": self.this_run,  # this run's documents and sentences
            "seconds": round(time.perf_counter() - self.t0, 3),
        }


def _batches(corpus: Corpus, start: int, index: int, size: int, strict: bool) -> Iterator[Batch]:
    records = corpus.records(start)
    while chunk := list(islice(records, size)):
        docs, errors = [], []
        for item in chunk:
            if isinstance(item, Document):
                docs.append(item)
            elif isinstance(item, RowError):
                if strict:
                    raise DataError(item.reason, path=item.path, line=item.line)
                errors.append(item)
        yield Batch(index, start, start + len(chunk), docs, errors, corpus.fraction_read())
        index, start = index + 1, start + len(chunk)


def _finish(sink, committed: dict | None, final: Path, *, keep: bool) -> None:
    """Rename a sink's partial file to `final` (reopened at `committed` first, if given). With
    `keep` false (an errors list of no errors) nothing is written, and a list an earlier run
    left under that name is removed: it no longer describes the output beside it."""
    if not keep:
        sink.close()
        sink.path.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        return
    if committed is not None:
        sink.open(committed)
    sink.finish(final)


def _error_line(e: RowError) -> bytes:
    return (json.dumps({"file": e.path, "line": e.line, "reason": e.reason}, ensure_ascii=False) + "\n").encode("utf-8")


def _add(stats: dict, batch: Batch, result: BatchResult, bad: list[RowError]) -> None:
    stats["records"], stats["batches"] = batch.end, batch.index + 1
    stats["documents"] += result.documents
    stats["sentences"] += result.sentences
    stats["uncertain"] += result.uncertain
    for why, n in result.skipped.items():
        stats.setdefault("skipped", {})[why] = stats.get("skipped", {}).get(why, 0) + n
    for lab, n in result.labels.items():
        stats["labels"][lab] = stats["labels"].get(lab, 0) + n
    stats["errors"] += len(bad)
    room = FIRST_BAD_ROWS - len(stats["bad_rows"])
    stats["bad_rows"] += [{"file": e.path, "line": e.line, "reason": e.reason} for e in bad[: max(room, 0)]]
