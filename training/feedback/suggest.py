"""`stance suggest`: which sentences of a user's corpus an analyst should label next.

Two passes of very different size:

1. **Streaming** over the corpus (any input `stance score` takes), in batches of
   sentences, one model call a batch: each sentence's uncertainty is one minus the margin
   between its two likeliest labels. Only a bounded *pool* of the most uncertain
   sentences is kept (a heap of `pool_factor * n`), with their context, so memory stays
   flat however long the corpus is. Copies within the pool (the same words, in any case,
   with other digits or punctuation) are kept once and counted. Sentences already in the
   correction store, and sentences of fewer than `min_words` words, are skipped.
2. **Spreading** the pool: in order of uncertainty, a sentence is taken unless it is a
   near-copy of one already taken (cosine similarity of hashed word 1-2-gram vectors of
   `max_similarity` or more: 0.8 is about one word changed in a ten-word sentence; two
   changed words, a minimal pair's kind of difference, stay apart) or its document already gave `max_per_document` sentences;
   then the pool is clustered (k-means on those vectors, one cluster per pick) and the
   picks are taken round-robin across the clusters, the most uncertain of each first, so
   200 picks are not 200 variants of one topic.

The result is a queue file, one JSON line a sentence, with its context, the model's
guess and probabilities: what `GET /review` and `stance review` read.
"""

from __future__ import annotations

import heapq
import json
import os
import re
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from training.batch.corpus import Corpus
from training.errors import InputError
from training.feedback.store import sentence_key
from training.fit.data import MAX_TEXT_CHARS, RowError
from training.text.sentences import split_sentences

__all__ = ["QUEUE_VERSION", "read_queue", "suggest", "write_queue"]

QUEUE_VERSION = 1
CONTEXT_CHARS = 400
_SHAPE_DROP = re.compile(r"[^\w\s]+")
_DIGITS = re.compile(r"\d")


@dataclass
class Candidate:
    uncertainty: float
    seq: int
    text: str
    doc_id: str
    file: str
    line: int
    index: int
    start: int
    end: int
    before: str
    after: str
    probabilities: list[float]
    extra: dict = field(default_factory=dict)
    copies: int = 1


def _shape(text: str) -> str:
    """What near-copies share: the words lower-cased, digits as 0, punctuation dropped."""
    return " ".join(_DIGITS.sub("0", _SHAPE_DROP.sub(" ", text.lower())).split())


class _Pool:
    """The `size` most uncertain candidates seen so far, one per shape."""

    def __init__(self, size: int):
        self.size = size
        self.heap: list[tuple[float, int]] = []  # (uncertainty, seq); entries no longer in `items` are stale
        self.items: dict[int, Candidate] = {}
        self.by_shape: dict[str, int] = {}
        self.shape_of: dict[int, str] = {}

    def threshold(self) -> float:
        """Below this a candidate cannot enter (the least uncertain kept, once full)."""
        return self.heap[0][0] if len(self.items) >= self.size and self.heap else -1.0

    def offer(self, c: Candidate) -> None:
        shape = _shape(c.text)
        held = self.by_shape.get(shape)
        if held is not None:
            old = self.items[held]
            old.copies += 1
            if c.uncertainty <= old.uncertainty:
                return
            c.copies = old.copies
            self._drop(held)
        self.items[c.seq] = c
        self.by_shape[shape] = c.seq
        self.shape_of[c.seq] = shape
        heapq.heappush(self.heap, (c.uncertainty, c.seq))
        while len(self.items) > self.size:
            _, seq = heapq.heappop(self.heap)
            if seq in self.items:
                self._drop(seq)
        if len(self.heap) > 4 * self.size:  # stale entries: rebuild now and then
            self.heap = [(c.uncertainty, s) for s, c in self.items.items()]
            heapq.heapify(self.heap)
        while self.heap and self.heap[0][1] not in self.items:
            heapq.heappop(self.heap)

    def _drop(self, seq: int) -> None:
        del self.items[seq]
        del self.by_shape[self.shape_of.pop(seq)]


def _vectors(texts: list[str], width: int = 2**18):
    """Hashed word 1-2-gram vectors of unit length (cosine similarity is a dot product)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    from training.text.normalise import fold_lower

    return HashingVectorizer(
        ngram_range=(1, 2), n_features=width, alternate_sign=False, binary=True, norm="l2", preprocessor=fold_lower
    ).transform(texts)


def _spread(pool: list[Candidate], n: int, max_similarity: float, max_per_document: int) -> list[Candidate]:
    """`n` picks from the pool: no near-copies, few per document, round-robin over clusters."""
    order = sorted(pool, key=lambda c: (-c.uncertainty, c.seq))
    if not order:
        return []
    vectors = _vectors([c.text for c in order])
    kept: list[int] = []
    per_doc: Counter = Counter()
    block = 256
    for lo in range(0, len(order), block):
        ids = range(lo, min(lo + block, len(order)))
        before = (vectors[ids.start : ids.stop] @ vectors[kept].T).toarray() if kept else None
        fresh: list[int] = []
        for row, i in enumerate(ids):
            c = order[i]
            if per_doc[(c.file, c.doc_id)] >= max_per_document:
                continue
            if before is not None and before[row].max(initial=0.0) >= max_similarity:
                continue
            if fresh and (vectors[fresh] @ vectors[i].T).max() >= max_similarity:
                continue
            fresh.append(i)
            per_doc[(c.file, c.doc_id)] += 1
        kept.extend(fresh)
        if len(kept) >= 3 * n:  # enough to spread over; the rest are less uncertain anyway
            break
    return [order[i] for i in _round_robin([order[i].text for i in kept], kept, n)]


def _round_robin(texts: list[str], kept: list[int], n: int) -> list[int]:
    """Cluster the kept sentences into n groups; take the most uncertain of each group,
    then the second of each, and so on (`kept` is in order of uncertainty)."""
    if len(kept) <= n:
        return kept
    from sklearn.cluster import KMeans

    # Narrow dense vectors: k-means on the wide sparse ones took seconds for 600 sentences.
    dense = _vectors(texts, 2**10).toarray()
    # One BLAS thread: k-means++ with a thread pool on a busy 2-core machine took 10x longer.
    with warnings.catch_warnings(), threadpool_limits(1):  # a cluster short of points only spreads coarser
        warnings.simplefilter("ignore")
        clusters = KMeans(n_clusters=n, random_state=0, n_init=1, max_iter=50).fit_predict(dense)
    queues: dict[int, list[int]] = {}
    for i, k in zip(kept, clusters.tolist(), strict=True):
        queues.setdefault(k, []).append(i)
    picks: list[int] = []
    depth = 0
    while len(picks) < n:
        layer = [q[depth] for q in queues.values() if len(q) > depth]
        if not layer:
            break
        picks.extend(sorted(layer)[: n - len(picks)])  # within a layer, the most uncertain first
        depth += 1
    return sorted(picks)


class _Stream:
    """The streaming pass: the corpus's sentences scored `batch_sentences` at a time, each
    one's uncertainty computed and the uncertain ones offered to `pool`, with their context."""

    def __init__(self, classifier, pool: _Pool, *, skip, min_words: int, batch_sentences: int):
        self.classifier, self.pool, self.skip = classifier, pool, skip
        self.min_words, self.batch_sentences = min_words, batch_sentences
        self.stats: Counter = Counter()
        self.bad_rows: list[dict] = []
        self.batch: list[tuple] = []  # (document, its sentences, index)
        self.seq = 0

    def read(self, corpus: Corpus, progress=None) -> None:
        stats = self.stats
        for record in corpus.records():
            if record is None:
                continue
            if isinstance(record, RowError):
                stats["bad_rows"] += 1
                if len(self.bad_rows) < 10:
                    self.bad_rows.append({"file": record.path, "line": record.line, "reason": record.reason})
                continue
            self._add(record)
            if len(self.batch) >= self.batch_sentences:
                self._flush()
                if progress is not None:
                    progress.update(stats["documents"], stats["sentences"], corpus.fraction_read())
        if self.batch:
            self._flush()
        if progress is not None:
            progress.update(stats["documents"], stats["sentences"], 1.0, force=True)
            progress.close()

    def _add(self, doc) -> None:
        self.stats["documents"] += 1
        sents = split_sentences(doc.text)
        for i, s in enumerate(sents):
            self.stats["sentences"] += 1
            if len(s.text.split()) < self.min_words:
                self.stats["too_short"] += 1
            elif self.skip and sentence_key(s.text) in self.skip:
                self.stats["already_corrected"] += 1
            else:
                self.batch.append((doc, sents, i))

    def _flush(self) -> None:
        batch, pool = self.batch, self.pool
        probs = self.classifier.predict_proba([sents[i].text for _, sents, i in batch])
        top2 = np.sort(probs, axis=1)[:, -2:]
        uncertainty = 1.0 - (top2[:, 1] - top2[:, 0])
        threshold = pool.threshold()
        for row in np.flatnonzero(uncertainty > threshold).tolist():
            doc, sents, i = batch[row]
            s = sents[i]
            self.seq += 1
            pool.offer(
                Candidate(
                    float(uncertainty[row]),
                    self.seq,
                    s.text,
                    doc.id,
                    doc.path,
                    doc.line,
                    i,
                    s.start,
                    s.end,
                    sents[i - 1].text[-CONTEXT_CHARS:] if i > 0 else "",
                    sents[i + 1].text[:CONTEXT_CHARS] if i + 1 < len(sents) else "",
                    probs[row].tolist(),
                    dict(doc.extra),
                )
            )
            threshold = pool.threshold()
        self.stats["scored"] += len(batch)
        batch.clear()


def suggest(
    inputs,
    classifier,
    n: int = 200,
    *,
    skip: set[str] | frozenset[str] = frozenset(),
    text_field: str = "text",
    id_field: str = "id",
    keep=(),
    max_chars: int = MAX_TEXT_CHARS,
    batch_sentences: int = 2048,
    pool_factor: int = 10,
    min_words: int = 3,
    max_similarity: float = 0.8,
    max_per_document: int = 2,
    progress=None,
    log: Callable[[str], None] = lambda msg: None,
) -> dict:
    """The `n` sentences of `inputs` to label next (see module docstring), with a summary.
    `skip`: `sentence_key`s of sentences already corrected."""
    if n < 1:
        raise InputError(f"expected -n to be at least 1, found {n}")
    if not 0 < max_similarity <= 1:
        raise InputError(f"expected --max-similarity in (0, 1], found {max_similarity}")
    t0 = time.perf_counter()
    corpus = Corpus(inputs, text_field=text_field, id_field=id_field, keep=keep, max_chars=max_chars)
    pool = _Pool(max(pool_factor * n, n))
    stream = _Stream(classifier, pool, skip=skip, min_words=min_words, batch_sentences=batch_sentences)
    stream.read(corpus, progress)
    picks = _spread(list(pool.items.values()), n, max_similarity, max_per_document)
    seconds = time.perf_counter() - t0
    stats = stream.stats
    summary = {
        "documents": stats["documents"],
        "sentences": stats["sentences"],
        "scored": stats["scored"],
        "too_short": stats["too_short"],
        "already_corrected": stats["already_corrected"],
        "bad_rows": stats["bad_rows"],
        "bad_row_examples": stream.bad_rows,
        "pool": len(pool.items),
        "picked": len(picks),
        "seconds": round(seconds, 3),
        "sentences_per_second": round(stats["sentences"] / max(seconds, 1e-9), 1),
    }
    if len(picks) < n:
        log(
            f"only {len(picks)} sentences to suggest (asked for {n}): the corpus has too few that are not "
            "near-copies, short, or already corrected"
        )
    return {"summary": summary, "items": [_queue_row(rank, c, classifier) for rank, c in enumerate(picks, 1)]}


def _queue_row(rank: int, c: Candidate, classifier) -> dict:
    probs = dict(zip(classifier.labels, c.probabilities, strict=True))
    label = max(probs, key=probs.get)
    row = {
        "rank": rank,
        "text": c.text,
        "sentence_hash": sentence_key(c.text),
        "doc_id": c.doc_id,
        "file": c.file,
        "line": c.line,
        "sentence": c.index,
        "start": c.start,
        "end": c.end,
        "context_before": c.before,
        "context_after": c.after,
        "label": label,
        "confidence": probs[label],
        "probabilities": probs,
        "uncertainty": c.uncertainty,
        "copies": c.copies,
        "model_id": classifier.model_id,
    }
    for name in ("domain", "register"):
        if isinstance(c.extra.get(name), str) and c.extra[name]:
            row[name] = c.extra[name]
    if c.extra:
        row["fields"] = c.extra
    return row


def write_queue(items: list[dict], output: str | Path) -> None:
    """The queue as JSONL, written whole or not at all (a temporary file renamed)."""
    output = Path(output)
    if output.is_dir():
        raise InputError(f"expected a queue file name, found the folder {output}")
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for row in items:
                fh.write(json.dumps({"queue_version": QUEUE_VERSION, **row}, ensure_ascii=False) + "\n")
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_queue(path: str | Path) -> tuple[list[dict], int]:
    """The rows of a queue file (each given its `sentence_hash`, the store's key, whatever
    the file says), and how many lines were not rows (bad JSON, no text)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"expected a review queue file (from stance suggest), found no file {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"expected a readable UTF-8 review queue at {path}, found {e.__class__.__name__}") from None
    rows, bad = [], 0
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            bad += 1
            continue
        row["sentence_hash"] = sentence_key(row["text"])
        rows.append(row)
    return rows, bad
