"""Reading `stance score` output back (JSONL, CSV or Parquet; sentence or document rows),
for the corpus report (corpus_summary.py).

`open_scores(path)` looks at a file's columns and says what it holds (format, unit, labels,
kept fields, whether `--explain` wrote sources), or says in one line why it is not `stance
score` output. `ScoresFile.chunks(by, time)` streams the file as Arrow tables of the few
columns a summary needs, the same whatever the format, so the summary has one code path
and a 10-million-row Parquet file is read a slice of row groups at a time:

    row              the row's index among the file's rows (`fetch` reads it back later)
    doc_id, model_id
    n_<label>        sentences with that label (0 or 1 on a sentence row)
    sentences        labelled sentences (0 on a sentence the model skipped)
    uncertain        uncertain sentences
    by:<field>       each --by field, as text
    time             the --time field as written (text, or a date or timestamp)
    label, confidence               sentence rows only
    src_text, src_kind              sentence rows with sources: who, and named, anonymous or pronoun

Besides the table a `Chunk` carries its `sources` (one row per source credited: src_text,
src_kind, n_<label>, by:<field>), the counts of uncertain and skipped reasons, and the
lines that could not be read.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from training.batch import score_formats as formats
from training.batch.outputs import FORMATS, OutputSpec
from training.errors import DataError, InputError
from training.fit.data import RowError
from training.text.sources import speaker

__all__ = ["Chunk", "ScoresFile", "open_scores"]

CHUNK_ROWS = 65_536  # rows per chunk: a few MB of the columns read, whatever the file's size


@dataclass
class Chunk:
    rows: object  # pyarrow.Table, columns as in the module docstring
    sources: object | None  # pyarrow.Table or None (no --explain)
    reasons: Counter = field(default_factory=Counter)  # uncertain reasons
    skipped: Counter = field(default_factory=Counter)  # sentences the model skipped, by reason
    bad: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class ScoresFile:
    path: Path
    format: str  # jsonl, csv, parquet
    unit: str  # sentence, document
    labels: tuple[str, ...]
    columns: tuple[str, ...]  # as stored (JSONL: the first row's keys)
    kept: tuple[str, ...]  # columns `stance score --keep` carried
    explain: bool  # sources present
    metadata: dict  # a Parquet file's stancewatch.* footer (model, command)
    rows: int | None  # known up front for Parquet only

    def check_fields(self, fields) -> None:
        for f in fields:
            if f not in self.columns:
                raise InputError(
                    f"expected a field {f!r} in {self.path} (kept fields: "
                    f"{', '.join(self.kept) or 'none; score with --keep FIELD'}), found none"
                )

    def chunks(self, by=(), time: str | None = None, size: int | None = None) -> Iterator[Chunk]:
        self.check_fields([*by, *([time] if time else [])])
        raw = {"jsonl": formats.jsonl_chunks, "csv": formats.csv_chunks, "parquet": formats.parquet_chunks}[self.format]
        for table, extra in raw(self, self._needed(by, time), size or CHUNK_ROWS):
            yield _canonical(self, table, extra, by, time)

    def _needed(self, by, time) -> list[str]:
        labs = self.labels
        if self.unit == "sentence":
            own = [
                "doc_id",
                "label",
                "confidence",
                "uncertain",
                "uncertain_reasons",
                "model_id",
                "skipped",
                "source",
                "source_text",
            ]
        else:
            own = ["doc_id", "sentences", "skipped", "uncertain", "model_id", "sources", *(f"n_{lab}" for lab in labs)]
        wanted = own + list(by) + ([time] if time else [])
        return [c for c in dict.fromkeys(wanted) if c in self.columns or self.format == "jsonl"]

    def fetch(self, rows, columns) -> dict[int, dict]:
        """Rows (by index) in full, for the page's lists: {row: {column: value}}."""
        wanted = sorted(set(rows))
        if not wanted:
            return {}
        if self.format == "parquet":
            return formats.parquet_fetch(self, wanted, columns)
        if self.format == "csv":
            return formats.csv_fetch(self, wanted, columns, CHUNK_ROWS)
        return formats.jsonl_fetch(self, wanted, columns)


def open_scores(path) -> ScoresFile:
    """What `path` holds, or a one-line error saying why it is not `stance score` output."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"expected a scores file written by 'stance score', found no file {str(path)!r}")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"expected a scores file ending in .jsonl, .csv or .parquet, found {str(path)!r}")
    metadata, rows, sample = {}, None, []
    try:
        if fmt == "parquet":
            columns, metadata, rows = formats.parquet_head(path)
        elif fmt == "csv":
            columns = formats.csv_head(path)
        else:
            sample = formats.jsonl_sample(path)
            columns = tuple(sample[0])
    except (UnicodeDecodeError, csv.Error, orjson.JSONDecodeError) as e:
        raise DataError(f"expected stance score output, found an unreadable file ({e})", path=str(path)) from None
    unit, labels = _unit_and_labels(path, fmt, columns, sample)
    spec = OutputSpec(fmt, unit, labels, explain=True)
    own = {n for n, _ in spec.fields()} | set(spec.columns(keep=False)) | {"skipped", "language"}
    explain = ("source" if unit == "sentence" else "sources") in columns
    kept = tuple(c for c in columns if c not in own)
    return ScoresFile(path, fmt, unit, labels, tuple(columns), kept, explain, metadata, rows)


def _unit_and_labels(path: Path, fmt: str, columns, sample: list[dict]) -> tuple[str, tuple[str, ...]]:
    cols = set(columns)
    if {"doc_id", "label", "confidence"} <= cols:
        unit, nested, prefix = "sentence", "probabilities", "p_"
    elif {"doc_id", "sentences"} <= cols:
        unit, nested, prefix = "document", "counts", "n_"
    else:
        shown = ", ".join(list(columns)[:8]) + (", ..." if len(columns) > 8 else "")
        raise DataError(
            "expected stance score output (columns doc_id and label, or doc_id and sentences), "
            f"found columns {shown or 'none'}",
            path=str(path),
        )
    if fmt == "jsonl":
        # the first row with labels: a sentence set aside unlabelled (text/screen.py) has no probabilities
        labels = next((tuple(r[nested]) for r in sample if isinstance(r.get(nested), dict) and r[nested]), ())
    else:
        labels = tuple(c[len(prefix) :] for c in columns if c.startswith(prefix))
    if not labels:
        raise DataError(
            f"expected stance score {unit} rows with per-label "
            f"{'probabilities' if unit == 'sentence' else 'counts'}, found none",
            path=str(path),
        )
    return unit, labels


# -- the canonical table -----------------------------------------------------------------


def _pa():
    import pyarrow as pa

    return pa


def _canonical(sf: ScoresFile, raw, extra: dict, by, time) -> Chunk:
    import pyarrow.compute as pc

    pa = _pa()
    n = raw.num_rows
    out: dict = {"row": raw["row"], "doc_id": pc.cast(raw["doc_id"], pa.string())}
    model = raw["model_id"] if "model_id" in raw.column_names else pa.nulls(n, pa.string())
    out["model_id"] = pc.cast(model, pa.string())
    chunk = Chunk(None, None, bad=list(extra.get("bad", ())))
    if sf.unit == "sentence":
        label = pc.cast(raw["label"], pa.string())
        for lab in sf.labels:
            out[f"n_{lab}"] = pc.cast(pc.fill_null(pc.equal(label, lab), False), pa.int64())
        out["sentences"] = pc.cast(pc.is_valid(label), pa.int64())
        unc = raw["uncertain"]
        if pa.types.is_string(unc.type):  # an older CSV reader's text
            unc = pc.equal(pc.utf8_lower(unc), "true")
        out["uncertain"] = pc.cast(pc.fill_null(pc.and_kleene(unc, pc.is_valid(label)), False), pa.int64())
        out["label"], out["confidence"] = label, pc.cast(raw["confidence"], pa.float64())
        chunk.reasons = _reasons(raw)
        if "skipped" in raw.column_names:
            chunk.skipped = Counter({k: v for k, v in _value_counts(raw["skipped"]).items() if k is not None})
    else:
        for lab in sf.labels:
            out[f"n_{lab}"] = pc.fill_null(pc.cast(raw[f"n_{lab}"], pa.int64()), 0)
        out["sentences"] = pc.fill_null(pc.cast(raw["sentences"], pa.int64()), 0)
        out["uncertain"] = pc.fill_null(pc.cast(raw["uncertain"], pa.int64()), 0)
        if "skipped" in raw.column_names:  # a document row counts its set-aside sentences, not why
            n = pc.sum(pc.cast(raw["skipped"], pa.int64())).as_py() or 0
            chunk.skipped = Counter({"reason not in document rows": n} if n else {})
    for f in by:
        out[f"by:{f}"] = _as_text(raw[f])
    if time:
        out["time"] = raw[time]
    if sf.explain and sf.unit == "sentence":
        out["src_text"], out["src_kind"] = _sentence_sources(raw)
    chunk.rows = pa.table(out)
    if sf.explain:
        chunk.sources = (
            _sentence_source_rows(chunk.rows, sf.labels, by)
            if sf.unit == "sentence"
            else _document_source_rows(raw, extra, chunk.rows, sf.labels, by)
        )
    return chunk


def _as_text(col):
    import pyarrow.compute as pc

    pa = _pa()
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        return pc.cast(col, pa.string())
    try:
        return pc.cast(col, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([formats.text_value(v) for v in col.to_pylist()], pa.string())


def _value_counts(col) -> Counter:
    import pyarrow.compute as pc

    return Counter({d["values"]: d["counts"] for d in pc.value_counts(col).to_pylist()})


def _reasons(raw) -> Counter:
    import pyarrow.compute as pc

    pa = _pa()
    if "uncertain_reasons" not in raw.column_names:
        return Counter()
    col = raw["uncertain_reasons"]
    if pa.types.is_string(col.type):  # CSV: "low_confidence; small_margin"
        col = pc.split_pattern(col, "; ")
    flat = pc.list_flatten(col)
    return Counter({k: v for k, v in _value_counts(flat).items() if k})


def _sentence_sources(raw):
    """(source text, kind) of each sentence row: named, anonymous or pronoun, null without a source."""
    import pyarrow.compute as pc

    pa = _pa()
    if "src_named" in raw.column_names:  # JSONL: read from the nested object already
        text, named, pronoun = raw["src_text"], raw["src_named"], raw["src_pronoun"]
    else:
        js = raw["source"]
        # the flat formats hold the source as JSON text (json.dumps: '"named": true')
        # A pronoun whose speaker was found counts as that speaker (outputs.speaker); its
        # "refers_to" object comes last and holds that speaker's "named".
        ref = pc.match_substring_regex(js, r'"refers_to":\s*\{')
        named = pc.if_else(
            ref,
            pc.match_substring_regex(js, r'"refers_to":\s*\{[^}]*"named":\s*true'),
            pc.match_substring_regex(js, r'"named":\s*true'),
        )
        pronoun = pc.and_(pc.invert(ref), pc.match_substring_regex(js, r'"pronoun":\s*true'))
        if "source_text" in raw.column_names:
            text = raw["source_text"]
        else:  # an older output without the readable column
            text = pa.array([None if s is None else speaker(json.loads(s))[0] for s in js.to_pylist()], pa.string())
    kind = pc.if_else(named, "named", pc.if_else(pronoun, "pronoun", "anonymous"))
    return pc.cast(text, pa.string()), pc.if_else(pc.is_valid(text), kind, pa.scalar(None, pa.string()))


def _sentence_source_rows(rows, labels, by):
    import pyarrow.compute as pc

    keep = ["src_text", "src_kind", *(f"n_{lab}" for lab in labels), *(f"by:{f}" for f in by)]
    return rows.select(keep).filter(pc.is_valid(rows["src_text"]))


def _document_source_rows(raw, extra: dict, rows, labels, by):
    """One row per (document, source) from a document row's `sources` list."""
    pa = _pa()
    values = extra.get("doc_sources")
    if values is None:
        values = raw["sources"].to_pylist() if "sources" in raw.column_names else [None] * raw.num_rows
    groups = {f: rows[f"by:{f}"].to_pylist() for f in by}
    out: dict[str, list] = {
        "src_text": [],
        "src_kind": [],
        **{f"n_{lab}": [] for lab in labels},
        **{f"by:{f}": [] for f in by},
    }
    for i, v in enumerate(values):
        if isinstance(v, str):
            try:
                v = json.loads(v)
            except ValueError:
                v = None
        for s in v if isinstance(v, list) else ():
            out["src_text"].append(s.get("source"))
            out["src_kind"].append("named" if s.get("named") else ("pronoun" if s.get("pronoun") else "anonymous"))
            for lab in labels:
                out[f"n_{lab}"].append(int(s.get(lab) or 0))
            for f in by:
                out[f"by:{f}"].append(groups[f][i])
    types = {k: (pa.int64() if k.startswith("n_") else pa.string()) for k in out}
    return pa.table({k: pa.array(v, types[k]) for k, v in out.items()})
