"""Batch scoring of corpora: `score_file` streams the input (corpus.py) through a model and
writes one row per sentence or per document (outputs.py).

- A batch is a range of `batch_size` input records. `score_batch` scores its documents with
  one model call and returns the encoded rows. Both engines (local processes in
  score_local.py, Dask in score_dask.py) run that same function on the same batches and hand the results back in
  input order, with a bounded number in flight: the output is the same whatever the engine
  or the number of workers, and memory stays flat however large the input.
- A job lives in a work folder `.OUTPUT.parts/` beside the output (see jobdir.py): the output
  and the errors written so far, and a checkpoint of what is committed. After any stop
  (even kill -9) `--resume` truncates to the last checkpoint and goes on, so every row
  appears exactly once. Only a complete output is renamed to the output's name. The job
  (setup, the run loop, what a stop keeps) is `ScoreJob` in job.py.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from training.batch.corpus import Document
from training.batch.outputs import OutputSpec
from training.batch.threads import one_thread_per_process
from training.errors import ModelError
from training.fit.data import MAX_TEXT_CHARS, RowError
from training.text.documents import extract_pages

if TYPE_CHECKING:
    from training.batch.progress import Progress

__all__ = ["Batch", "BatchResult", "default_workers", "pin_threads", "score_batch", "score_file"]


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
        row = {
            "doc_id": doc.id,
            "sentences": s["sentences"],
            "skipped": s["skipped"],
            "language": result["language"],
            "counts": s["counts"],
            "shares": s["shares"],
            "dominant": s["dominant"],
            "uncertain": s["uncertain"],
            "model_id": model_id,
            **{f: doc.meta.get(f) for f in spec.page_fields},
        }
        if spec.explain:
            row["sources"] = s["sources"]
        return [row | doc.extra]
    rows = []
    for s in result["sentences"]:
        row = {
            "doc_id": doc.id,
            "sentence": s["index"],
            "start": s["start"],
            "end": s["end"],
            "text": s["text"],
            "label": s["label"],
            "skipped": s["skipped"],
            "language": s["language"],
            "confidence": s["confidence"],
            "probabilities": s["probabilities"],
            "uncertain": s["uncertain"],
            "uncertain_reasons": s["uncertain_reasons"],
            "model_id": model_id,
        }
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
            failed.append(
                RowError(
                    d.path,
                    d.line,
                    f"expected a text the model can score, found one that raised {type(e).__name__}: {e}",
                )
            )
    return done, failed


def score_batch(classifier, docs: list[Document], spec: OutputSpec) -> BatchResult:
    """Score `docs` with one model call and encode their rows for `spec`."""
    if tuple(classifier.labels) != spec.labels:
        raise ModelError(f"expected a model with labels {list(spec.labels)}, found {classifier.labels}")
    explain = spec.explain and spec.unit == "sentence"  # a document row needs no per-sentence explanation
    sources = spec.explain  # attribution costs more than the model; only --explain output shows it
    docs, unreadable = extract_pages(docs, spec.keep)  # HTML pages to their main text, here in the worker
    try:
        pairs, failed = (
            list(
                zip(
                    docs,
                    classifier.classify_many([d.text for d in docs], explain=explain, sources=sources),
                    strict=True,
                )
            ),
            [],
        )
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
    return BatchResult(
        spec.encode(rows), len(pairs), sentences, dict(labels), uncertain, unreadable + failed, dict(skipped)
    )


_LIMITS: list = []


def pin_threads() -> None:
    """One BLAS/OpenMP thread per worker process: N processes on N cores, not N x N threads."""
    if _LIMITS:
        return
    one_thread_per_process()  # for libraries loaded later
    from threadpoolctl import threadpool_limits

    _LIMITS.append(threadpool_limits(1))  # for those loaded already


# -- the entry point -----------------------------------------------------------------


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, under taskset or a container
    except AttributeError:
        return os.cpu_count() or 1


def score_file(
    inputs,
    output: str | Path,
    *,
    models_dir: str | Path | None = None,
    model_id: str | None = None,
    fmt: str | None = None,
    unit: str = "sentence",
    explain: bool = False,
    keep=(),
    text_field: str = "text",
    id_field: str = "id",
    batch_size: int = 256,
    max_chars: int | None = None,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    dask_processes: bool = True,
    strict: bool = False,
    resume: bool = False,
    checkpoint_every: float = 30.0,
    progress: Progress | None = None,
    scheduler_timeout: float = 5.0,
    command: str | None = None,
    log: Callable[[str], None] = lambda msg: None,
) -> dict:
    """Score `inputs` (a file, folder, glob, or a list of them) into `output`; returns a summary.

    `workers` defaults to every core this process may use; `max_chars` to MAX_TEXT_CHARS.
    `scheduler_timeout`: seconds to wait for a Dask `scheduler` to answer. `command`: the
    command line, recorded in a Parquet output's metadata with the model and its card.
    The job itself (setup, the run, what a stop keeps) is job.py's `ScoreJob`."""
    from training.batch.job import ScoreJob, ScoreOptions  # job.py builds on this module: imported when used

    options = ScoreOptions(
        workers=workers or default_workers(),
        max_chars=max_chars or MAX_TEXT_CHARS,
        fmt=fmt,
        unit=unit,
        explain=explain,
        keep=keep,
        text_field=text_field,
        id_field=id_field,
        batch_size=batch_size,
        engine=engine,
        scheduler=scheduler,
        dask_processes=dask_processes,
        strict=strict,
        resume=resume,
        checkpoint_every=checkpoint_every,
        scheduler_timeout=scheduler_timeout,
        command=command,
    )
    return ScoreJob(inputs, output, options, models_dir=models_dir, model_id=model_id, progress=progress, log=log).run()
