"""Output formats of batch scoring (JSONL, CSV, Parquet) and the sinks that write them
resumably inside a job's work folder.

JSONL rows keep nested values as they are. CSV and Parquet rows are flat: a per-label
dict becomes one column per label (`probabilities` -> `p_<label>`, `counts` -> `n_<label>`,
`shares` -> `share_<label>`), `uncertain_reasons` is a list of strings in Parquet and
"reason; reason" in CSV, and any other nested value (`source`, `explanation`, `sources`,
a kept field that is not a string) is a JSON string. Beside the JSON `source` and
`explanation`, flat rows also carry readable `source_text` and `cues` ("kind: text; ...").

A sink can `commit` (make what was written durable and return a small state) and be
reopened at a committed state after a crash, dropping whatever came after it. JSONL and
CSV append to one file, so the state is a byte offset; a Parquet file cannot be appended
to after a crash (its footer is written last), so each commit closes one part file and
`finish` merges the parts into row groups of a fixed size.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

from training.errors import InputError
from training.text.sources import speaker

__all__ = ["OUTPUT_VERSION", "OutputSpec", "ParquetSink", "StreamSink", "output_format", "make_sink"]

FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
UNITS = ("sentence", "document")
PARQUET_ROW_GROUP = 16_384  # rows; small enough to stay flat in memory with explanations
_PER_LABEL = {"probabilities": ("p_", "float"), "counts": ("n_", "int"), "shares": ("share_", "float")}
# The layout and meaning of output rows. Bump it whenever a row's columns or values change:
# `--resume` refuses to finish a job under another one, which would mix two layouts in one
# output (tests/test_outputs.py holds the layout to this number).
# 3: `skipped` and `language` (sentences set aside unlabelled; text/documents.py, text/screen.py).
# 4: the explanation's `adapter_gate` (the user's adapter, model/adapt.py).
OUTPUT_VERSION = 4
_SENTENCE = [
    ("doc_id", "str"),
    ("sentence", "int"),
    ("start", "int"),
    ("end", "int"),
    ("text", "str"),
    ("label", "str"),
    ("skipped", "str"),
    ("language", "str"),
    ("confidence", "float"),
    ("probabilities", "labels"),
    ("uncertain", "bool"),
    ("uncertain_reasons", "list"),
    ("model_id", "str"),
]
_DOCUMENT = [
    ("doc_id", "str"),
    ("sentences", "int"),
    ("skipped", "int"),
    ("language", "str"),
    ("counts", "labels"),
    ("shares", "labels"),
    ("dominant", "str"),
    ("uncertain", "int"),
    ("model_id", "str"),
]
_EXPLAIN = {
    "sentence": [("source", "json"), ("source_text", "readable"), ("explanation", "json"), ("cues", "readable")],
    "document": [("sources", "json")],
}


def _source_text(row: dict) -> str | None:
    return speaker(row.get("source"))[0]


def _cues_text(row: dict) -> str:
    """The explanation's cues as "kind: text; kind: text", kinds in words."""
    cues = (row.get("explanation") or {}).get("cues") or []
    return "; ".join(f"{c['kind'].replace('_', ' ')}: {c['text']}" for c in cues)


# Flat columns computed from a row's nested values, for a person reading a CSV file.
_READABLE = {"source_text": _source_text, "cues": _cues_text}


def output_format(path: str | Path, fmt: str | None = None) -> str:
    """The output format: `fmt` if given, else from the file name's extension."""
    if fmt:
        if fmt not in ("jsonl", "csv", "parquet"):
            raise InputError(f"expected --format jsonl, csv or parquet, found {fmt!r}")
        return fmt
    found = FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise InputError(f"expected an output ending in .jsonl, .csv or .parquet (or --format), found {str(path)!r}")
    return found


@dataclass(frozen=True)
class OutputSpec:
    """What one output row holds, and how it is encoded (see module docstring)."""

    format: str
    unit: str
    labels: tuple[str, ...]
    explain: bool = False
    keep: tuple[str, ...] = ()
    page_fields: tuple[str, ...] = ()  # document rows of web pages: documents.PAGE_FIELDS

    def __post_init__(self):
        if self.unit not in UNITS:
            raise InputError(f"expected --unit sentence or document, found {self.unit!r}")
        taken = {name for name, _ in self._own_fields()} | set(self.columns(keep=False))
        clash = [k for k in self.keep if k in taken]
        if clash:
            raise InputError(
                f"expected --keep fields other than the output's own columns {sorted(taken)}, found {clash[0]!r}"
            )
        if self.format == "parquet":
            _pyarrow()

    def _own_fields(self) -> list[tuple[str, str]]:
        base = _SENTENCE if self.unit == "sentence" else _DOCUMENT
        return base + (_EXPLAIN[self.unit] if self.explain else []) + [(f, "str") for f in self.page_fields]

    def fields(self) -> list[tuple[str, str]]:
        """(name, kind) of every top-level field of a row, kept fields last."""
        return self._own_fields() + [(k, "keep") for k in self.keep]

    def columns(self, keep: bool = True) -> list[str]:
        """The flat column names of CSV and Parquet output."""
        cols = []
        for name, kind in self.fields():
            if kind == "labels":
                cols += [_PER_LABEL[name][0] + lab for lab in self.labels]
            elif keep or kind != "keep":
                cols.append(name)
        return cols

    def header(self) -> bytes:
        return _csv_bytes([self.columns()]) if self.format == "csv" else b""

    def encode(self, rows: list[dict]):
        """A batch's rows as the sink's payload: bytes for JSONL and CSV, an Arrow table for Parquet."""
        if self.format == "jsonl":
            return b"".join(map(json_line, rows))
        flat = [self._flat(r) for r in rows]
        if self.format == "csv":
            return _csv_bytes([tuple("" if v is None else v for v in row) for row in flat])
        pa = _pyarrow()
        schema = self.arrow_schema()
        columns: list = list(zip(*flat, strict=True)) if flat else [() for _ in schema]
        return pa.Table.from_arrays(
            [pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema
        )

    def arrow_schema(self):
        pa = _pyarrow()
        types = {
            "str": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "bool": pa.bool_(),
            "json": pa.string(),
            "keep": pa.string(),
            "readable": pa.string(),
            "list": pa.list_(pa.string()),
        }
        out = []
        for name, kind in self.fields():
            if kind == "labels":
                prefix, sub = _PER_LABEL[name]
                out += [pa.field(prefix + lab, types[sub]) for lab in self.labels]
            else:
                out.append(pa.field(name, types[kind]))
        return pa.schema(out)

    def _flat(self, row: dict) -> list:
        values: list = []
        for name, kind in self.fields():
            v: Any = row.get(name)
            if kind == "labels":
                values += [v[lab] for lab in self.labels] if v is not None else [None] * len(self.labels)
            elif kind == "keep" and v is not None and not isinstance(v, str):
                # numbers, lists and objects as JSON; anything else (a Parquet date...) as its text
                values.append(json.dumps(v, ensure_ascii=False) if isinstance(v, int | float | list | dict) else str(v))
            elif kind == "json":
                values.append(None if v is None else json.dumps(v, ensure_ascii=False))
            elif kind == "readable":
                values.append(_READABLE[name](row))
            elif kind == "list" and self.format == "csv":
                values.append("; ".join(v or ()))
            else:
                values.append(v)
        return values


def json_line(row: dict) -> bytes:
    """One JSON object and a newline, UTF-8. orjson is ~10x faster than json here (JSON
    encoding was a fifth of `stance score`'s time); json still writes what orjson cannot
    (integers past 64 bits in --keep fields)."""
    try:
        return orjson.dumps(row, default=str, option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return (json.dumps(row, ensure_ascii=False, default=str) + "\n").encode("utf-8")


def _csv_bytes(rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode("utf-8")


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InputError(
            "expected pyarrow for Parquet output, found it missing; install it with: pip install 'stancewatch[parquet]'"
        ) from None
    return pyarrow


# -- sinks ---------------------------------------------------------------------------


class StreamSink:
    """Appends bytes to one file; a commit is the byte offset reached (JSONL, CSV)."""

    def __init__(self, path: Path, header: bytes = b""):
        self.path, self.header = Path(path), header
        self.fh: IO[bytes] | Any = None

    def open(self, state: dict | None) -> None:
        if state is None:
            self.fh = open(self.path, "wb")
            self.fh.write(self.header)
            return
        if not self.path.is_file():
            raise InputError(
                f"expected the partial output {self.path} of the stopped job, found none; "
                f"delete {self.path.parent} to start again"
            )
        self.fh = open(self.path, "r+b")
        self.fh.truncate(state["bytes"])  # whatever a killed job wrote after its last commit
        self.fh.seek(state["bytes"])

    def write(self, payload: bytes) -> None:
        self.fh.write(payload)

    def commit(self) -> dict:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return {"bytes": self.fh.tell()}

    def pending(self) -> bool:
        """Whether `finish` is still to do (the partial file is not yet renamed)."""
        return self.path.is_file()

    def finish(self, final: Path) -> None:
        self.commit()
        self.close()
        os.replace(self.path, final)

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


class ParquetSink:
    """Writes one Parquet part file per commit, and merges the parts at the end."""

    def __init__(self, folder: Path, schema):
        self.folder, self.schema, self.parts = Path(folder), schema, 0
        self.writer: Any = None

    def _part(self, i: int) -> Path:
        return self.folder / f"part-{i:06d}.parquet"

    def open(self, state: dict | None) -> None:
        self.parts = state["parts"] if state else 0
        for p in self.folder.glob("part-*.parquet*"):  # parts after the last commit are incomplete
            if p.suffix != ".parquet" or int(p.stem.split("-")[1]) >= self.parts:
                p.unlink()
        missing = [i for i in range(self.parts) if not self._part(i).is_file()]
        if missing:
            raise InputError(
                f"expected the part file {self._part(missing[0])} of the stopped job, found none; "
                f"delete {self.folder} to start again"
            )

    def write(self, table) -> None:
        import pyarrow.parquet as pq

        if self.writer is None:
            self.writer = pq.ParquetWriter(f"{self._part(self.parts)}.tmp", self.schema)
        self.writer.write_table(table)

    def commit(self) -> dict:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
            tmp = Path(f"{self._part(self.parts)}.tmp")
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, self._part(self.parts))
            self.parts += 1
        return {"parts": self.parts}

    def pending(self) -> bool:
        return True  # merging again from the parts is harmless

    def finish(self, final: Path) -> None:
        """Merge the parts in order into row groups of PARQUET_ROW_GROUP rows, then rename."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.commit()
        tmp = self.folder / "merged.parquet.tmp"
        with pq.ParquetWriter(tmp, self.schema) as out:
            pending, n = [], 0
            for i in range(self.parts):
                for batch in pq.ParquetFile(self._part(i)).iter_batches(batch_size=PARQUET_ROW_GROUP):
                    pending.append(batch)
                    n += batch.num_rows
                    while n >= PARQUET_ROW_GROUP:
                        table = pa.Table.from_batches(pending, self.schema)
                        out.write_table(table.slice(0, PARQUET_ROW_GROUP), row_group_size=PARQUET_ROW_GROUP)
                        rest = table.slice(PARQUET_ROW_GROUP)
                        pending, n = rest.to_batches(), rest.num_rows
            if n:
                out.write_table(pa.Table.from_batches(pending, self.schema), row_group_size=PARQUET_ROW_GROUP)
        os.replace(tmp, final)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def make_sink(spec: OutputSpec, workdir: Path, metadata: dict[str, str] | None = None):
    """`metadata`: key-value pairs a Parquet file carries in its footer (the model, the command)."""
    if spec.format == "parquet":
        return ParquetSink(workdir, spec.arrow_schema().with_metadata(metadata or {}))
    return StreamSink(workdir / f"output.{spec.format}.partial", spec.header())
