"""The three formats of `stance score` output read as raw Arrow tables, for score_reader.py:
each `*_chunks` function yields (table of the columns asked for plus `row`, extras) at most
`size` rows at a time; each `*_fetch` function reads a few rows back in full.

`row` is a row's index among the file's rows: a Parquet or CSV record, a non-blank JSONL
line (an unreadable line keeps its index, so the index is the same on every pass).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import orjson

from training.batch.outputs import _cues_text, _source_text
from training.errors import DataError
from training.fit.data import RowError
from training.text.sources import speaker

__all__ = [
    "csv_chunks",
    "csv_fetch",
    "csv_head",
    "jsonl_chunks",
    "jsonl_fetch",
    "jsonl_sample",
    "parquet_chunks",
    "parquet_fetch",
    "parquet_head",
    "text_value",
]

_AS_IS = {"uncertain_reasons", "confidence", "uncertain", "sentences"}  # JSONL values not turned into text


def _pa():
    import pyarrow as pa

    return pa


def with_row(table, start: int):
    import numpy as np

    return table.append_column("row", _pa().array(np.arange(start, start + table.num_rows, dtype=np.int64)))


def text_value(v):
    """A kept value as text, as CSV and Parquet output write it (numbers, lists as JSON)."""
    if v is None or isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False) if isinstance(v, int | float | list | dict) else str(v)


# -- Parquet -----------------------------------------------------------------------------


def parquet_head(path: Path):
    """(column names, the stancewatch.* metadata, rows)."""
    import pyarrow.parquet as pq

    try:
        f = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises its own error types for a file that is not Parquet
        raise DataError(f"expected a Parquet file, found one pyarrow cannot read ({e})", path=str(path)) from None
    meta = {
        k.decode(): v.decode("utf-8", "replace")
        for k, v in (f.schema_arrow.metadata or {}).items()
        if k.startswith(b"stancewatch.")
    }
    return tuple(f.schema_arrow.names), meta, f.metadata.num_rows


def parquet_chunks(sf, columns: list[str], size: int):
    """Whole row groups, about `size` rows at a time. `ParquetFile.iter_batches` held on to
    about 14 MB per million rows read (pyarrow 26); `read_row_groups` stays flat."""
    import pyarrow.parquet as pq

    f = pq.ParquetFile(sf.path)
    meta, start, pending, rows = f.metadata, 0, [], 0
    for g in range(meta.num_row_groups):
        pending.append(g)
        rows += meta.row_group(g).num_rows
        if rows < size and g < meta.num_row_groups - 1:
            continue
        table = f.read_row_groups(pending, columns=columns, use_threads=False)
        for s in range(0, table.num_rows, size):  # a file written with row groups larger than `size`
            part = table.slice(s, size)
            yield with_row(part, start), {}
            start += part.num_rows
        pending, rows = [], 0


def parquet_fetch(sf, rows: list[int], columns) -> dict[int, dict]:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(sf.path)
    cols = [c for c in columns if c in sf.columns]
    found, first = {}, 0
    for g in range(f.metadata.num_row_groups):
        n = f.metadata.row_group(g).num_rows
        inside = [r for r in rows if first <= r < first + n]
        if inside:
            table = f.read_row_group(g, columns=cols)
            for r in inside:
                found[r] = {c: (table[c][r - first].as_py() if c in cols else None) for c in columns}
        first += n
    return found


# -- CSV ---------------------------------------------------------------------------------


def csv_head(path: Path) -> tuple[str, ...]:
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), None)
    if not header:
        raise DataError("expected stance score CSV output with a header line, found an empty file", path=str(path))
    return tuple(header)


def csv_chunks(sf, columns: list[str], size: int):
    import pyarrow.csv as pcsv

    pa = _pa()
    bad: list[RowError] = []

    def skip(row) -> str:  # a record with the wrong number of fields: reported, not fatal
        bad.append(
            RowError(str(sf.path), row.number, f"expected {len(sf.columns)} CSV fields, found {row.actual_columns}")
        )
        return "skip"

    types = {c: pa.string() for c in columns}
    types |= {
        "confidence": pa.float64(),
        "sentences": pa.int64(),
        "sentence": pa.int64(),
        **{f"n_{lab}": pa.int64() for lab in sf.labels},
        "uncertain": pa.bool_() if sf.unit == "sentence" else pa.int64(),
    }
    reader = pcsv.open_csv(
        sf.path,
        read_options=pcsv.ReadOptions(block_size=8 << 20),
        parse_options=pcsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip),
        convert_options=pcsv.ConvertOptions(
            include_columns=columns,
            strings_can_be_null=True,
            null_values=[""],
            column_types={c: t for c, t in types.items() if c in columns},
        ),
    )
    start = 0
    try:
        for batch in reader:
            table = pa.Table.from_batches([batch])
            for s in range(0, table.num_rows, size):
                part = table.slice(s, size)
                yield with_row(part, start), {"bad": bad[:]}
                bad.clear()
                start += part.num_rows
    except pa.ArrowInvalid as e:
        raise DataError(
            f"expected stance score CSV output, found a value it cannot hold ({e})", path=str(sf.path)
        ) from None


def csv_fetch(sf, rows: list[int], columns, size: int) -> dict[int, dict]:
    found: dict[int, dict] = {}
    pending = set(rows)
    for table, _ in csv_chunks(sf, [c for c in columns if c in sf.columns], size):
        hit = [r for r in table["row"].to_pylist() if r in pending]
        if hit:
            start = table["row"][0].as_py()
            for r in hit:
                found[r] = {c: (table[c][r - start].as_py() if c in table.column_names else None) for c in columns}
            pending -= set(hit)
        if not pending:
            break
    return found


# -- JSONL -------------------------------------------------------------------------------


def jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(row index, line) of each non-blank line; the index counts unreadable lines too."""
    i = 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                yield i, line
                i += 1


def jsonl_sample(path: Path, rows: int = 1000) -> list[dict]:
    """The first rows that parse (at most `rows`); the first line must be a JSON object."""
    sample: list[dict] = []
    for i, line in jsonl_lines(path):
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError:
            if i == 0:
                raise
            continue
        if not isinstance(row, dict):
            if i == 0:
                raise DataError(
                    f"expected stance score output (a JSON object a line), found {type(row).__name__}", path=str(path)
                )
            continue
        sample.append(row)
        if len(sample) >= rows:
            break
    if not sample:
        raise DataError("expected stance score output, found an empty file", path=str(path))
    return sample


def jsonl_chunks(sf, columns: list[str], size: int):
    """Rows as the flat formats hold them; sentence sources as src_text, src_named,
    src_pronoun; document sources (lists) passed on as `doc_sources`."""
    pa = _pa()
    names = [c for c in columns if c not in ("source", "source_text", "sources") and not c.startswith("n_")]
    sentence = sf.unit == "sentence"
    lines = jsonl_lines(sf.path)
    while True:
        cols: dict[str, list] = {c: [] for c in ["row", *names, *([] if sentence else (f"n_{x}" for x in sf.labels))]}
        src_text, src_named, src_pronoun, doc_sources, bad = [], [], [], [], []
        for i, line in lines:
            try:
                row = orjson.loads(line)
                if not isinstance(row, dict) or "doc_id" not in row:
                    raise ValueError("not a stance score row")
            except ValueError as e:
                bad.append(RowError(str(sf.path), i + 1, f"expected a stance score row (a JSON object), found {e}"))
                continue
            cols["row"].append(i)
            for c in names:
                v = row.get(c)
                cols[c].append(v if c in _AS_IS else text_value(v))
            if sentence:
                who, kind = speaker(row.get("source"))
                src_text.append(who)
                src_named.append(kind == "named" if kind else None)
                src_pronoun.append(kind == "pronoun" if kind else None)
            else:
                counts = row.get("counts") or {}
                for lab in sf.labels:
                    cols[f"n_{lab}"].append(counts.get(lab, 0))
                doc_sources.append(row.get("sources"))
            if len(cols["row"]) >= size:
                break
        else:
            if not cols["row"] and not bad:
                return
        arrays = {c: pa.array(v, type=_jsonl_type(c, sf.unit)) for c, v in cols.items()}
        if sentence and sf.explain:
            arrays |= {
                "src_text": pa.array(src_text, pa.string()),
                "src_named": pa.array(src_named, pa.bool_()),
                "src_pronoun": pa.array(src_pronoun, pa.bool_()),
            }
        yield pa.table(arrays), {"bad": bad, "doc_sources": doc_sources}


def _jsonl_type(column: str, unit: str):
    pa = _pa()
    if column in ("row", "sentences") or column.startswith("n_"):
        return pa.int64()
    return {
        "confidence": pa.float64(),
        "uncertain": pa.bool_() if unit == "sentence" else pa.int64(),
        "uncertain_reasons": pa.list_(pa.string()),
    }.get(column, pa.string())


def jsonl_fetch(sf, rows: list[int], columns) -> dict[int, dict]:
    """JSONL rows also get `cues` and `source_text`, as CSV and Parquet rows have them."""
    found: dict[int, dict] = {}
    targets, last = set(rows), max(rows)
    for i, line in jsonl_lines(sf.path):
        if i in targets:
            row = orjson.loads(line)
            row["cues"], row["source_text"] = _cues_text(row), _source_text(row)
            found[i] = {c: row.get(c) for c in columns}
        if i >= last:
            break
    return found
