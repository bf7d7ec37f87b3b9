"""Reading corpus files to score: JSONL, CSV or plain text (one document a line).

`iter_documents` streams: it holds one row at a time, and yields a `RowError` (with the
line number and reason) for each bad row instead of stopping.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .data import RowError, read_rows

__all__ = ["Document", "iter_documents"]


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    line: int
    extra: dict = field(default_factory=dict)


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}.get(suffix, "text")


def iter_documents(path: str | Path, *, text_field: str = "text", id_field: str = "id",
                   keep: tuple[str, ...] = ()) -> Iterator[Document | RowError]:
    path = Path(path)
    name = str(path)
    if _format(path) == "text":
        with open(path, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                try:
                    text = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as e:
                    yield RowError(name, n, f"expected UTF-8 text, found an undecodable byte at position {e.start}")
                    continue
                if not text.strip():
                    continue  # blank lines separate nothing in a one-document-a-line file
                yield Document(str(n), text, n)
        return
    for n, row in read_rows(path):
        if isinstance(row, RowError):
            yield row
            continue
        text = row.get(text_field)
        if text is None:
            yield RowError(name, n, f"expected a '{text_field}' field, found fields {sorted(row)}")
        elif not isinstance(text, str):
            yield RowError(name, n, f"expected '{text_field}' to be a string, found a {type(text).__name__}")
        elif not text.strip():
            yield RowError(name, n, f"expected a non-empty '{text_field}', found an empty text")
        else:
            doc_id = row.get(id_field)
            yield Document(str(doc_id) if doc_id not in (None, "") else str(n), text, n,
                           {k: row.get(k) for k in keep})
