"""Reading label files and corpora. Every bad row is reported with its file and line.

Label files are JSONL or CSV with at least `text` and `label` (and optionally `id`,
`domain`, `register`, `hard_case`). Any other field (`lang`, `pair` for a minimal pair...)
is kept in `Example.extra`. A folder means every `*.jsonl` and `*.csv` in it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from training.batch.safeio import BoundedTextLines, LineTooLong, TooLong, bounded_lines, line_limit
from training.errors import DataError

__all__ = ["Example", "expand_paths", "read_examples", "read_rows", "RowError"]

MAX_TEXT_CHARS = 100_000
# json.loads raises RecursionError past about a thousand levels: such a row is a bad row like any other.
NESTED_JSON = "expected a JSON object, found JSON nested too deeply to read"


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    id: str | None = None
    domain: str | None = None
    register: str | None = None
    hard_case: str | None = None
    path: str = ""
    line: int = 0
    extra: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class RowError:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the `*.jsonl`/`*.csv` files inside folders named, sorted."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix in (".jsonl", ".csv") and q.is_file())
            if not found:
                raise DataError("expected .jsonl or .csv label files in this folder, found none", path=str(p))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise DataError("no such file or folder", path=str(p))
    return out


def read_rows(path: Path) -> Iterator[tuple[int, dict | RowError]]:
    """(line number, row dict or RowError) for every non-blank row of a JSONL or CSV file."""
    name = str(path)
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8", errors="strict", newline="") as fh:
            yield from _csv_rows(fh, name)
    else:
        with open(path, "rb") as fh:
            yield from _jsonl_rows(fh, name)


def _jsonl_rows(fh, name: str) -> Iterator[tuple[int, dict | RowError]]:
    for n, raw in enumerate(bounded_lines(fh, line_limit(MAX_TEXT_CHARS)), 1):
        if isinstance(raw, TooLong):
            yield n, RowError(name, n, raw.reason())
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield n, RowError(name, n, f"expected UTF-8 text, found an undecodable byte at position {e.start}")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, RowError(name, n, f"expected a JSON object, found malformed JSON ({e.msg} at column {e.colno})")
            continue
        except RecursionError:
            yield n, RowError(name, n, NESTED_JSON)
            continue
        if not isinstance(row, dict):
            yield n, RowError(name, n, f"expected a JSON object, found a JSON {type(row).__name__}")
            continue
        yield n, row


def _csv_rows(fh, name: str) -> Iterator[tuple[int, dict | RowError]]:
    line = 0
    try:
        reader = csv.DictReader(BoundedTextLines(fh, line_limit(MAX_TEXT_CHARS)))
        for row in reader:
            line = reader.line_num
            if None in row:
                yield line, RowError(name, line, f"expected {len(reader.fieldnames or [])} columns, found more")
                continue
            yield line, row
    except UnicodeDecodeError:
        yield (
            line + 1,
            RowError(
                name, line + 1, "expected UTF-8 text, found an undecodable byte; the rest of the file was skipped"
            ),
        )
    except LineTooLong as e:
        yield line + 1, RowError(name, line + 1, f"{e}; the rest of the file was skipped")
    except csv.Error as e:
        yield (
            line + 1,
            RowError(
                name, line + 1, f"expected a CSV row, found malformed CSV ({e}); the rest of the file was skipped"
            ),
        )


def _example(row: dict, name: str, n: int, labels: set[str] | None) -> Example | RowError:
    text, label = row.get("text"), row.get("label")
    if not isinstance(text, str) or not text.strip():
        return RowError(name, n, f"expected a non-empty 'text' string, found {_describe(text)}")
    if len(text) > MAX_TEXT_CHARS:
        return RowError(name, n, f"expected 'text' of at most {MAX_TEXT_CHARS} characters, found {len(text)}")
    if not isinstance(label, str) or not label.strip():
        return RowError(name, n, f"expected a non-empty 'label' string, found {_describe(label)}")
    label = label.strip()
    if labels is not None and label not in labels:
        return RowError(name, n, f"expected a label in {sorted(labels)}, found {label!r}")
    known = {"text", "label", "id", "domain", "register", "hard_case"}
    opt = {
        k: (str(row[k]) if row.get(k) not in (None, "") else None) for k in ("id", "domain", "register", "hard_case")
    }
    return Example(
        text=text, label=label, path=name, line=n, extra={k: v for k, v in row.items() if k not in known}, **opt
    )


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "an empty string"
    return f"a {type(value).__name__}"


def read_examples(
    paths: Iterable[str | Path], *, labels: set[str] | None = None, strict: bool = True
) -> tuple[list[Example], list[RowError]]:
    """All examples in the files (folders expanded). With `strict`, the first bad row raises
    DataError; otherwise bad rows are returned beside the good ones."""
    examples: list[Example] = []
    errors: list[RowError] = []
    for path in expand_paths(paths):
        for n, row in read_rows(path):
            item = row if isinstance(row, RowError) else _example(row, str(path), n, labels)
            if isinstance(item, RowError):
                if strict:
                    raise DataError(item.reason, path=item.path, line=item.line)
                errors.append(item)
            else:
                examples.append(item)
    if not examples and strict:
        raise DataError("expected labelled rows with 'text' and 'label', found none", path=", ".join(map(str, paths)))
    return examples, errors
