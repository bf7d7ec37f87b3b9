"""Folding the chunks of score_reader.py into sums, for corpus_summary.py.

Arrow's group_by folds each chunk into a few rows (one per group, period or source) that are
added into small dicts here: memory holds groups, never rows. The two top lists (the most
confident insinuations, the most insinuating documents) are bounded heaps of row positions;
corpus_summary.py reads those few rows back in full at the end.

A document's sentences are taken to be consecutive rows, as `stance score` writes them: the
last document of a chunk is carried into the next one, where it may go on.
"""

from __future__ import annotations

import heapq
from collections import Counter

from training.batch.intervals import wilson_low

__all__ = ["FOCUS", "FREQS", "Tally", "periods"]

FOCUS = "insinuation"  # the label the documents and sentences lists rank by, and groups are sorted by
FREQS = ("week", "month")
FIRST_BAD_ROWS = 20


def _sums(table, keys: list[str], values: list[str]):
    """(key tuple, numpy vector of sums) per group of `table`."""
    import numpy as np

    if table is None or table.num_rows == 0:
        return
    g = table.group_by(keys, use_threads=False).aggregate([(v, "sum") for v in values])
    mat = np.column_stack([g[f"{v}_sum"].to_numpy(zero_copy_only=False) for v in values]).astype(np.int64)
    for i, key in enumerate(zip(*(g[k].to_pylist() for k in keys), strict=True)):
        yield key, mat[i]


def _add(store: dict, key, vec) -> None:
    if key in store:
        store[key] += vec
    else:
        store[key] = vec.copy()


def periods(col, freq: str):
    """Each value's week (its Monday, "2024-04-01") or month ("2024-04"); null where unreadable.
    Text is read as an ISO date ("2024-04-03", "2024-04-03T10:00:00Z": the date as written,
    "2024-04" for a month); Arrow dates and timestamps as they are."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_date(col.type):
        ts = pc.cast(col, pa.timestamp("s"))
    elif pa.types.is_timestamp(col.type):
        ts = col
    else:
        # A corpus has few distinct days: parse each once (a tenth of the time on 10 million rows).
        text = pc.utf8_slice_codeunits(pc.cast(col, pa.string()), 0, 10)
        encoded = pc.dictionary_encode(text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text)
        days = encoded.dictionary
        day = pc.strptime(days, format="%Y-%m-%d", unit="s", error_is_null=True)
        month = pc.strptime(
            pc.binary_join_element_wise(days, "-01", ""), format="%Y-%m-%d", unit="s", error_is_null=True
        )
        distinct = pc.if_else(pc.equal(pc.utf8_length(days), 7), month, day)
        return _bucket(distinct, freq).take(encoded.indices)
    return _bucket(ts, freq)


def _bucket(ts, freq: str):
    import pyarrow.compute as pc

    floor = pc.floor_temporal(ts, unit=freq, week_starts_monday=True)
    return pc.strftime(floor, format="%Y-%m-%d" if freq == "week" else "%Y-%m")


class TopK:
    """The `k` best items by key (a tuple, larger is better), in one bounded heap."""

    def __init__(self, k: int):
        self.k = k
        self.heap: list = []

    def floor(self):
        return self.heap[0][0] if len(self.heap) >= self.k else None

    def push(self, key, item) -> None:
        if len(self.heap) < self.k:
            heapq.heappush(self.heap, (key, item))
        elif key > self.heap[0][0]:
            heapq.heapreplace(self.heap, (key, item))

    def best(self) -> list:
        return [item for _, item in sorted(self.heap, key=lambda e: e[0], reverse=True)]


class Tally:
    """Everything summed over the chunks of all files."""

    def __init__(self, labels: tuple[str, ...], by: list[str], time: str | None, freq: str, top: int):
        import numpy as np

        self.np = np
        self.labels, self.by, self.time, self.freq = labels, by, time, freq
        self.values = [*(f"n_{lab}" for lab in labels), "sentences", "uncertain"]
        self.n_labels = [f"n_{lab}" for lab in labels]
        self.total = np.zeros(len(self.values), np.int64)
        self.groups: dict[str, dict] = {f: {} for f in by}
        self.series: dict = {}
        self.models: dict = {}
        self.kinds: dict = {}
        self.sources: dict = {}
        self.anonymous: dict[str, dict] = {f: {} for f in by}
        self.reasons: Counter = Counter()
        self.skipped: Counter = Counter()
        self.rows = self.documents = self.bad = self.no_time = self.bad_time = 0
        self.first_bad: list[str] = []
        self.sentences_top, self.docs_top = TopK(top), TopK(top)
        self.carry: dict | None = None  # the last document of the chunk before: it may go on in the next
        self.offset = 0  # rows in the files before this one (a global row order for ties)

    # -- per chunk -----------------------------------------------------------------------

    def add(self, chunk, file_index: int, unit: str) -> None:
        rows = chunk.rows
        self.rows += rows.num_rows
        self.bad += len(chunk.bad)
        self.first_bad += [str(e) for e in chunk.bad[: FIRST_BAD_ROWS - len(self.first_bad)]]
        self.reasons.update(chunk.reasons)
        self.skipped.update(chunk.skipped)
        if rows.num_rows == 0:
            return
        for _, vec in _sums(rows.append_column("all", self._const(rows.num_rows)), ["all"], self.values):
            self.total += vec
        for key, vec in _sums(rows, ["model_id"], ["sentences"]):
            _add(self.models, key[0], vec)
        for f in self.by:
            for key, vec in _sums(rows, [f"by:{f}"], self.values):
                _add(self.groups[f], key[0], vec)
        if self.time:
            self._add_time(rows)
        if chunk.sources is not None:
            self._add_sources(chunk.sources)
        if FOCUS in self.labels:
            if unit == "sentence":
                self._add_sentences(rows, file_index)
                self._add_documents(rows, file_index)
            else:
                self._add_document_rows(rows, file_index)
        elif unit == "document":
            self.documents += rows.num_rows

    def _const(self, n: int):
        import pyarrow as pa

        return pa.array(self.np.zeros(n, self.np.int8))

    def _add_time(self, rows) -> None:
        import pyarrow.compute as pc

        period = periods(rows["time"], self.freq)
        missing = pc.sum(pc.cast(pc.is_null(rows["time"]), "int64")).as_py() or 0
        self.no_time += missing
        self.bad_time += (pc.sum(pc.cast(pc.is_null(period), "int64")).as_py() or 0) - missing
        keyed = rows.select(self.values + ([f"by:{self.by[0]}"] if self.by else [])).append_column("period", period)
        keyed = keyed.filter(pc.is_valid(period))
        group = [f"by:{self.by[0]}"] if self.by else []
        for key, vec in _sums(keyed, [*group, "period"], self.values):
            _add(self.series, (key[0] if group else None, key[-1]), vec)

    def _add_sources(self, src) -> None:
        for key, vec in _sums(src, ["src_kind"], self.n_labels):
            _add(self.kinds, key[0], vec)
        for (text, kind), vec in _sums(src, ["src_text", "src_kind"], self.n_labels):
            if not vec.sum():
                continue
            key = (" ".join(str(text).split()).casefold(), kind)
            if key not in self.sources:
                self.sources[key] = {"source": " ".join(str(text).split()), "counts": vec.copy()}
            else:
                self.sources[key]["counts"] += vec
        for f in self.by:
            for (value, kind), vec in _sums(src, [f"by:{f}", "src_kind"], self.n_labels):
                if vec.sum():  # a sentence set aside unlabelled may still have a source: it counts nowhere
                    self.anonymous[f].setdefault(value, Counter())[kind] += int(vec.sum())

    def _add_sentences(self, rows, file_index: int) -> None:
        """The most confident insinuations: only rows that beat the current `top` are kept."""
        import pyarrow.compute as pc

        mask = pc.fill_null(pc.equal(rows["label"], FOCUS), False)
        floor = self.sentences_top.floor()
        if floor is not None:
            mask = pc.and_(mask, pc.fill_null(pc.greater(rows["confidence"], floor[0]), False))
        cand = rows.filter(mask).select(["confidence", "row"])
        if cand.num_rows > self.sentences_top.k:
            cand = cand.take(
                pc.select_k_unstable(
                    cand, k=self.sentences_top.k, sort_keys=[("confidence", "descending"), ("row", "ascending")]
                )
            )
        for conf, row in zip(cand["confidence"].to_pylist(), cand["row"].to_pylist(), strict=True):
            self.sentences_top.push((conf, -(self.offset + row)), (file_index, row))

    def _add_documents(self, rows, file_index: int) -> None:
        """Per document: insinuations, sentences and its most confident insinuation. A document
        cut by the chunk's end is carried into the next chunk."""
        import pyarrow as pa
        import pyarrow.compute as pc

        np = self.np
        focus = rows[f"n_{FOCUS}"]
        conf = pc.if_else(pc.cast(focus, pa.bool_()), rows["confidence"], pa.scalar(None, pa.float64()))
        t = pa.table({"doc_id": rows["doc_id"], "k": focus, "n": rows["sentences"], "c": conf, "row": rows["row"]})
        g = t.group_by("doc_id", use_threads=False).aggregate(
            [("k", "sum"), ("n", "sum"), ("c", "max"), ("row", "min")]
        )
        ids = g["doc_id"].to_pylist()
        ks, ns = g["k_sum"].to_numpy().copy(), g["n_sum"].to_numpy().copy()
        firsts = g["row_min"].to_numpy() + self.offset
        position = {d: i for i, d in enumerate(ids)}
        carry, merged = self.carry, None
        if carry is not None:
            merged = position.get(carry["doc_id"])
            if merged is None:
                self._finish_document(carry)
            else:
                ks[merged] += carry["k"]
                ns[merged] += carry["n"]
                firsts[merged] = carry["first"]
        last = position[rows["doc_id"][-1].as_py()]
        scores = wilson_low(ks, ns)
        eligible = ks > 0
        floor = self.docs_top.floor()
        if floor is not None:
            eligible &= (scores > floor[0]) | ((scores == floor[0]) & (ks > floor[1]))
        eligible[last] = False
        wanted = set(np.flatnonzero(eligible).tolist()) | {last}
        best = self._best_rows(rows, [ids[i] for i in wanted])
        if carry is not None and merged is not None:
            best[ids[merged]] = max(best.get(ids[merged], (-1.0, 0)), carry["best"], key=lambda b: (b[0], -b[1]))
        self.documents += len(ids) - 1  # all but the last, which goes on as the carry (a merged carry is among them)
        for i in np.flatnonzero(eligible):
            self.docs_top.push(
                (float(scores[i]), int(ks[i]), -int(firsts[i])),
                self._doc_item(ids[i], int(ks[i]), int(ns[i]), best.get(ids[i]), file_index),
            )
        self.carry = {
            "doc_id": ids[last],
            "k": int(ks[last]),
            "n": int(ns[last]),
            "first": int(firsts[last]),
            "best": best.get(ids[last], (-1.0, 0)),
            "file": file_index,
        }

    def _best_rows(self, rows, doc_ids: list) -> dict:
        """doc_id -> (confidence, row) of its most confident insinuation in this chunk."""
        import pyarrow as pa
        import pyarrow.compute as pc

        mask = pc.and_(
            pc.is_in(rows["doc_id"], value_set=pa.array(doc_ids, pa.string())),
            pc.fill_null(pc.equal(rows["label"], FOCUS), False),
        )
        found: dict = {}
        sub = rows.filter(mask).select(["doc_id", "confidence", "row"]).to_pydict()
        for d, c, r in zip(sub["doc_id"], sub["confidence"], sub["row"], strict=True):
            if d not in found or c > found[d][0]:
                found[d] = (c, r)
        return found

    @staticmethod
    def _doc_item(doc_id, k: int, n: int, best, file_index: int) -> dict:
        return {
            "doc_id": doc_id,
            "insinuations": k,
            "sentences": n,
            "file": file_index,
            "row": None if best is None or best[0] < 0 else best[1],
        }

    def _finish_document(self, carry: dict) -> None:
        self.documents += 1
        k, n = carry["k"], carry["n"]
        if k > 0:
            score = float(wilson_low(self.np.array([k]), self.np.array([n]))[0])
            self.docs_top.push(
                (score, k, -carry["first"]), self._doc_item(carry["doc_id"], k, n, carry["best"], carry["file"])
            )

    def _add_document_rows(self, rows, file_index: int) -> None:
        np = self.np
        self.documents += rows.num_rows
        ks, ns = rows[f"n_{FOCUS}"].to_numpy(), rows["sentences"].to_numpy()
        scores = wilson_low(ks, ns)
        eligible = ks > 0
        floor = self.docs_top.floor()
        if floor is not None:
            eligible &= (scores > floor[0]) | ((scores == floor[0]) & (ks > floor[1]))
        row_ids = rows["row"].to_numpy()
        for i in np.flatnonzero(eligible):
            item = {
                "doc_id": rows["doc_id"][int(i)].as_py(),
                "insinuations": int(ks[i]),
                "sentences": int(ns[i]),
                "file": file_index,
                "row": None,
                "doc_row": int(row_ids[i]),
            }
            self.docs_top.push((float(scores[i]), int(ks[i]), -(self.offset + int(row_ids[i]))), item)

    def end_file(self, rows_in_file: int) -> None:
        if self.carry is not None:
            self._finish_document(self.carry)
            self.carry = None
        self.offset += rows_in_file
