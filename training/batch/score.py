"""Batch scoring of corpora: `score_file` streams the input (corpus.py) through a model and
writes one row per sentence or per document (outputs.py).

- A batch is a range of `batch_size` input records. `score_batch` scores its documents with
  one model call and returns the encoded rows. Both engines (local processes here, Dask in
  score_dask.py) run that same function on the same batches and hand the results back in
  input order, with a bounded number in flight: the output is the same whatever the engine
  or the number of workers, and memory stays flat however large the input.
- A job lives in a work folder `.OUTPUT.parts/` beside the output (see jobdir.py): the output
  and the errors written so far, and a checkpoint of what is committed. After any stop
  (even kill -9) `--resume` truncates to the last checkpoint and goes on, so every row
  appears exactly once. Only a complete output is renamed to the output's name.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from training import __version__
from training.batch.corpus import Corpus, Document, input_format
from training.batch.jobdir import JobDir
from training.batch.outputs import OUTPUT_VERSION, OutputSpec, StreamSink, make_sink, output_format
from training.batch.processes import die_with_parent
from training.batch.progress import Progress
from training.batch.safeio import describe_os_error, resolve_output
from training.batch.threads import one_thread_per_process
from training.errors import DataError, InputError, ModelError, StanceError
from training.fit.data import MAX_TEXT_CHARS, RowError
from training.registry import default_models_dir, library_versions, load_model
from training.text.documents import PAGE_FIELDS, extract_pages

__all__ = ["Batch", "BatchResult", "default_workers", "pin_threads", "score_batch", "score_file"]

FIRST_BAD_ROWS = 20  # bad rows named in the summary; all of them are in the errors file
IN_FLIGHT_PER_WORKER = 4  # batches submitted ahead: slack for uneven batches, bounded for flat memory


@dataclass(frozen=True)
class Batch:
    index: int
    start: int  # first input record (0-based)
    end: int  # one past the last
    docs: list[Document]
    errors: list[RowError]  # records that could not be read
    fraction: float = 0.0  # of the input read once this batch was (for the progress estimate)


@dataclass
class BatchResult:
    payload: object  # bytes (JSONL, CSV) or an Arrow table (Parquet)
    documents: int
    sentences: int
    labels: dict[str, int]
    uncertain: int
    errors: list[RowError] = field(default_factory=list)  # documents the model could not score
    skipped: dict[str, int] = field(default_factory=dict)  # sentences set aside unlabelled, by reason


# -- the scoring function both engines run -------------------------------------------


def _rows(doc: Document, result: dict, spec: OutputSpec) -> list[dict]:
    model_id = result["model"]["id"]  # in every row: outputs of several models may be concatenated later
    if spec.unit == "document":
        s = result["summary"]
        row = {"doc_id": doc.id, "sentences": s["sentences"], "skipped": s["skipped"], "language": result["language"],
               "counts": s["counts"], "shares": s["shares"], "dominant": s["dominant"], "uncertain": s["uncertain"],
               "model_id": model_id, **{f: doc.meta.get(f) for f in spec.page_fields}}
        if spec.explain:
            row["sources"] = s["sources"]
        return [row | doc.extra]
    rows = []
    for s in result["sentences"]:
        row = {"doc_id": doc.id, "sentence": s["index"], "start": s["start"], "end": s["end"], "text": s["text"],
               "label": s["label"], "skipped": s["skipped"], "language": s["language"],
               "confidence": s["confidence"], "probabilities": s["probabilities"],
               "uncertain": s["uncertain"], "uncertain_reasons": s["uncertain_reasons"], "model_id": model_id}
        if spec.explain:
            row["source"] = s["source"]
            row["explanation"] = s["explanation"]
        rows.append(row | doc.extra)
    return rows


def _classify_each(classifier, docs: list[Document], explain: bool, sources: bool):
    """One document at a time, after a batch failed: only the documents that fail are lost."""
    done, failed = [], []
    for d in docs:
        try:
            done.append((d, classifier.classify_many([d.text], explain=explain, sources=sources)[0]))
        except MemoryError:
            raise
        except Exception as e:  # a bug must not end a week-long job; the row says what happened
            failed.append(RowError(d.path, d.line, f"expected a text the model can score, found one that raised "
                                                   f"{type(e).__name__}: {e}"))
    return done, failed


def score_batch(classifier, docs: list[Document], spec: OutputSpec) -> BatchResult:
    """Score `docs` with one model call and encode their rows for `spec`."""
    if tuple(classifier.labels) != spec.labels:
        raise ModelError(f"expected a model with labels {list(spec.labels)}, found {classifier.labels}")
    explain = spec.explain and spec.unit == "sentence"  # a document row needs no per-sentence explanation
    sources = spec.explain  # attribution costs more than the model; only --explain output shows it
    docs, unreadable = extract_pages(docs, spec.keep)  # HTML pages to their main text, here in the worker
    try:
        pairs, failed = list(zip(docs, classifier.classify_many([d.text for d in docs], explain=explain, sources=sources),
                                 strict=True)), []
    except MemoryError:
        raise
    except Exception:
        pairs, failed = _classify_each(classifier, docs, explain, sources)
    rows: list[dict] = []
    labels: Counter = Counter()
    skipped: Counter = Counter()
    sentences = uncertain = 0
    for doc, result in pairs:
        for s in result["sentences"]:
            if s["skipped"]:
                skipped[s["skipped"]] += 1
                continue
            labels[s["label"]] += 1
            uncertain += s["uncertain"]
            sentences += 1
        rows += _rows(doc, result, spec)
    return BatchResult(spec.encode(rows), len(pairs), sentences, dict(labels), uncertain, unreadable + failed,
                       dict(skipped))


_LIMITS: list = []


def pin_threads() -> None:
    """One BLAS/OpenMP thread per worker process: N processes on N cores, not N x N threads."""
    if _LIMITS:
        return
    one_thread_per_process()  # for libraries loaded later
    from threadpoolctl import threadpool_limits

    _LIMITS.append(threadpool_limits(1))  # for those loaded already


# -- the local engine ----------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(models_dir: str, model_id: str, sha256: str, parent: int) -> None:
    die_with_parent(parent)  # a killed job must not leave its workers behind (processes.py)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops cleanly
    pin_threads()
    inherited = _WORKER.get("classifier")
    if inherited is not None and inherited.sha256 == sha256:
        return  # forked from the parent, which had loaded this very model: ~1 s of CPU saved a worker
    model = load_model(models_dir, model_id)
    if model.classifier.sha256 != sha256:
        raise ModelError(f"expected model {model_id} with sha256 {sha256[:12]}..., found {model.classifier.sha256[:12]}...")
    _WORKER["classifier"] = model.classifier


def _score_in_worker(docs: list[Document], spec: OutputSpec) -> BatchResult:
    return score_batch(_WORKER["classifier"], docs, spec)


class LocalEngine:
    """Scores in this process (one worker, or an input of one batch) or in N processes that
    each load the model once."""

    def __init__(self, classifier, spec: OutputSpec, *, workers: int, models_dir: Path):
        self.classifier, self.spec, self.workers, self.models_dir = classifier, spec, workers, models_dir
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _start_pool(self) -> ProcessPoolExecutor:
        # fork starts a worker in milliseconds; spawn would import scikit-learn again in each.
        # Forked workers also inherit the loaded model (checked by sha256 in _init_worker).
        fork = "fork" in multiprocessing.get_all_start_methods()
        if fork:
            _WORKER["classifier"] = self.classifier
        ctx = multiprocessing.get_context("fork" if fork else None)
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                   initargs=(str(self.models_dir), self.classifier.model_id, self.classifier.sha256,
                                             os.getpid()))

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, BatchResult]]:
        head = list(islice(batches, 2))
        if self.workers == 1 or len(head) < 2:  # no pool to start for a single batch
            pin_threads()
            for b in chain(head, batches):
                yield b, score_batch(self.classifier, b.docs, self.spec)
            return
        self.pool = self._start_pool()
        pending: deque = deque()
        try:
            for b in chain(head, batches):
                pending.append((b, self.pool.submit(_score_in_worker, b.docs, self.spec)))
                if len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:  # bounded: the reader never runs far ahead
                    b0, f = pending.popleft()
                    yield b0, f.result()
            while pending:
                b0, f = pending.popleft()
                yield b0, f.result()
        except BrokenProcessPool:
            raise StanceError("a worker process died (out of memory, or killed); run the same command with "
                              "--resume to continue from the last checkpoint") from None


# -- the job -------------------------------------------------------------------------


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, under taskset or a container
    except AttributeError:
        return os.cpu_count() or 1


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


def _errors_path(output: Path) -> Path:
    """The full output name, so scores.jsonl and scores.parquet side by side keep their own lists
    (resolved and checked as the output is: safeio.resolve_output)."""
    return resolve_output(output.with_name(output.name + ".errors.jsonl"), "the errors file")


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


def score_file(inputs, output: str | Path, *, models_dir: str | Path | None = None, model_id: str | None = None,
               fmt: str | None = None, unit: str = "sentence", explain: bool = False, keep=(),
               text_field: str = "text", id_field: str = "id", batch_size: int = 256,
               max_chars: int | None = None, workers: int | None = None, engine: str = "local",
               scheduler: str | None = None, dask_processes: bool = True, strict: bool = False,
               resume: bool = False, checkpoint_every: float = 30.0, progress: Progress | None = None,
               scheduler_timeout: float = 5.0, command: str | None = None,
               log: Callable[[str], None] = lambda msg: None) -> dict:
    """Score `inputs` (a file, folder, glob, or a list of them) into `output`; returns a summary.

    `workers` defaults to every core this process may use; `max_chars` to MAX_TEXT_CHARS.
    `scheduler_timeout`: seconds to wait for a Dask `scheduler` to answer. `command`: the
    command line, recorded in a Parquet output's metadata with the model and its card."""
    workers = workers or default_workers()
    max_chars = max_chars or MAX_TEXT_CHARS
    for name, value, low in (("--batch-size", batch_size, 1), ("--workers", workers, 1)):
        if value < low:
            raise InputError(f"expected {name} to be at least {low}, found {value}")
    if engine not in ("local", "dask"):
        raise InputError(f"expected --engine local or dask, found {engine!r}")
    if not scheduler_timeout > 0:
        raise InputError(f"expected --scheduler-timeout to be a number of seconds above 0, found {scheduler_timeout}")
    t0 = time.perf_counter()
    output = resolve_output(output)  # a symlink's target; nothing but a regular file is ever replaced
    corpus = Corpus(inputs, text_field=text_field, id_field=id_field, keep=keep, max_chars=max_chars,
                    exclude=[output, _errors_path(output)])
    file_order = {str(p): i for i, p in enumerate(corpus.files)}
    models_dir = Path(models_dir or default_models_dir())
    loaded = load_model(models_dir, model_id)
    classifier = loaded.classifier
    pages = any(input_format(p) in ("html", "warc") for p in corpus.files)  # document rows get their metadata
    spec = OutputSpec(output_format(output, fmt), unit, tuple(classifier.labels), explain, tuple(keep),
                      page_fields=PAGE_FIELDS if pages and unit == "document" else ())
    project = {"version": __version__, "output_version": OUTPUT_VERSION}  # --resume refuses another output_version
    manifest = {"inputs": corpus.fingerprint(), "model": {"id": classifier.model_id, "sha256": classifier.sha256},
                "stancewatch": project, "versions": library_versions(),
                "options": {"format": spec.format, "unit": unit, "explain": explain, "keep": list(keep),
                            "text_field": text_field, "id_field": id_field, "batch_size": batch_size,
                            "max_chars": max_chars}}
    output.parent.mkdir(parents=True, exist_ok=True)
    job = JobDir(output)
    state = job.start(manifest, resume=resume)
    metadata = {"stancewatch.version": __version__, "stancewatch.output_version": str(OUTPUT_VERSION),
                "stancewatch.model_id": classifier.model_id, "stancewatch.model_card": json.dumps(loaded.card),
                **({"stancewatch.command": command} if command else {})}
    out, errs = make_sink(spec, job.folder, metadata), StreamSink(job.folder / "errors.jsonl.partial")
    stats: dict[str, Any] = state["stats"] if state else {"records": 0, "batches": 0, "documents": 0, "sentences": 0,
                                          "labels": {lab: 0 for lab in spec.labels}, "uncertain": 0,
                                          "errors": 0, "bad_rows": []}
    resumed_at = stats["records"]
    if state:
        log(f"resuming {output} at input record {resumed_at:,} ({stats['documents']:,} documents done)")
    if resume and not job.resumed:
        log(f"no stopped job for {output}: starting from the beginning")
    progress = progress or Progress()
    run = {"documents": 0, "sentences": 0}
    finals = ((errs, (state or {}).get("errors"), _errors_path(output)), (out, (state or {}).get("output"), output))
    consistent = False  # whether the partial files hold exactly the batches counted in `stats`
    try:
        if state and state.get("complete"):  # stopped while renaming: finish what is left
            for sink, committed, final in finals:
                if sink.pending():
                    _finish(sink, committed, final, keep=sink is out or stats["errors"] > 0)
        else:
            out.open(state and state["output"])
            errs.open(state and state["errors"])
            consistent = True
            if engine == "dask":
                from training.batch.score_dask import DaskEngine

                runner: Any = DaskEngine(classifier, spec, scheduler=scheduler, workers=workers,
                                         processes=dask_processes, timeout=scheduler_timeout, log=log)
            else:
                runner = LocalEngine(classifier, spec, workers=workers, models_dir=models_dir)
            progress.start(stats.get("fraction", 0.0))
            last = time.perf_counter()
            with runner:
                for batch, result in runner.map(_batches(corpus, stats["records"], stats["batches"], batch_size, strict)):
                    bad = sorted(batch.errors + result.errors, key=lambda e: (file_order.get(e.path, 0), e.line))
                    if bad and strict:
                        raise DataError(bad[0].reason, path=bad[0].path, line=bad[0].line)
                    consistent = False
                    out.write(result.payload)
                    errs.write(b"".join(_error_line(e) for e in bad))
                    _add(stats, batch, result, bad)
                    stats["fraction"] = batch.fraction
                    consistent = True
                    run["documents"] += result.documents
                    run["sentences"] += result.sentences
                    progress.update(run["documents"], run["sentences"], stats["fraction"])
                    if time.perf_counter() - last >= checkpoint_every:
                        job.checkpoint({"stats": stats, "output": out.commit(), "errors": errs.commit()})
                        last = time.perf_counter()
            progress.update(run["documents"], run["sentences"], 1.0, force=True)
            progress.close()
            consistent = False
            job.checkpoint({"stats": stats, "output": out.commit(), "errors": errs.commit(), "complete": True})
            for sink, _, final in finals:  # errors first: the output's name appears last
                _finish(sink, None, final, keep=sink is out or stats["errors"] > 0)
    except BaseException as e:
        if consistent and stats["records"] > resumed_at and not (strict and isinstance(e, DataError)):
            # Ctrl-C, a dead worker, an unreachable cluster: keep every batch written so far
            with contextlib.suppress(OSError):  # a full disk: the last checkpoint stands
                job.checkpoint({"stats": stats, "output": out.commit(), "errors": errs.commit()})
        for sink in (out, errs):
            with contextlib.suppress(OSError):  # closing flushes, which fails again on a full disk
                sink.close()
        progress.close()
        if (strict and isinstance(e, DataError)) or not job.has_checkpoint():
            job.remove()  # nothing worth resuming: no checkpoint yet, or an input that must change first
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise StanceError(describe_os_error(e, output, resume_hint=job.has_checkpoint())) from e
        raise
    finally:
        job.release()
    job.remove()
    return {"documents": stats["documents"], "sentences": stats["sentences"], "labels": stats["labels"],
            "uncertain": stats["uncertain"], "skipped": stats.get("skipped", {}), "errors": stats["errors"],
            "bad_rows": stats["bad_rows"],
            "errors_file": str(_errors_path(output)) if stats["errors"] else None, "output": str(output),
            "format": spec.format, "unit": unit, "engine": engine, "workers": workers, "model": manifest["model"],
            "records": stats["records"], "resumed_at_record": resumed_at,
            "this_run": run, "seconds": round(time.perf_counter() - t0, 3)}  # this run's documents and sentences


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
    stats["bad_rows"] += [{"file": e.path, "line": e.line, "reason": e.reason} for e in bad[:max(room, 0)]]
