"""Batch scoring of corpus files: streaming, one JSON line per sentence, bad rows reported
and skipped, output written to a temporary file and renamed when complete."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .classify import Classifier
from .corpus import Document, iter_documents
from .data import RowError

__all__ = ["score_file", "score_documents"]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def score_documents(classifier: Classifier, docs: list[Document], *, explain: bool = False) -> list[dict]:
    """One output row per sentence of each document, in order, from one model call."""
    results = classifier.classify_many([d.text for d in docs], explain=explain)
    rows = []
    for doc, res in zip(docs, results):
        for s in res["sentences"]:
            row = {"doc_id": doc.id, "sentence": s["index"], "start": s["start"], "end": s["end"],
                   "text": s["text"], "label": s["label"], "confidence": s["confidence"],
                   "probabilities": s["probabilities"], "uncertain": s["uncertain"]}
            if explain:
                row["source"] = s["source"]
                row["explanation"] = s["explanation"]
            row.update(doc.extra)
            rows.append(row)
    return rows


class _Progress:
    """Progress lines on stderr, at most one every `every` seconds."""

    def __init__(self, stream=None, every: float = 2.0):
        self.stream, self.every, self.t0, self.last = stream, every, time.perf_counter(), 0.0

    def update(self, docs: int, sentences: int, force: bool = False) -> None:
        now = time.perf_counter()
        if force or now - self.last >= self.every:
            dt = max(now - self.t0, 1e-9)
            stream = self.stream or sys.stderr  # looked up late: tests and callers swap stderr
            stream.write(f"scored {docs} documents, {sentences} sentences "
                              f"({docs / dt:.0f} docs/s, {sentences / dt:.0f} sentences/s)\n")
            stream.flush()
            self.last = now


def score_file(classifier: Classifier, input_path: str | Path, output_path: str | Path, *,
               text_field: str = "text", id_field: str = "id", batch_size: int = 256,
               explain: bool = False, progress=None) -> dict:
    """Score `input_path` into `output_path` (JSONL); returns a summary with the bad rows."""
    output_path = Path(output_path)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    errors: list[RowError] = []
    labels: Counter = Counter()
    n_docs = n_sents = 0
    t0 = time.perf_counter()
    progress = progress or _Progress()

    def good_docs() -> Iterator[Document]:
        for item in iter_documents(input_path, text_field=text_field, id_field=id_field):
            if isinstance(item, RowError):
                errors.append(item)
                sys.stderr.write(f"skipped {item}\n")
            else:
                yield item

    fd, tmp = tempfile.mkstemp(dir=output_path.parent, prefix=f".{output_path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for batch in _batches(good_docs(), batch_size):
                for row in score_documents(classifier, batch, explain=explain):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    labels[row["label"]] += 1
                    n_sents += 1
                n_docs += len(batch)
                progress.update(n_docs, n_sents)
        os.replace(tmp, output_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    progress.update(n_docs, n_sents, force=True)
    return {"documents": n_docs, "sentences": n_sents, "labels": dict(labels), "errors": len(errors),
            "bad_rows": [{"line": e.line, "reason": e.reason} for e in errors],
            "seconds": round(time.perf_counter() - t0, 3), "output": str(output_path)}
