"""Reading corpora to score: JSONL (also gzip-compressed), CSV, plain text (one document a
line), Parquet, HTML pages (one document a file) and WARC crawls (one document per HTML
response record; text/documents.py); a file, a folder or a glob of such files.

`Corpus.records(start)` streams *records* in a fixed order: a line of a JSONL or text
file, a CSV record, a Parquet row. Each record becomes a `Document`, a `RowError` (file,
line and reason) or `None` (a blank line, which is no document). Because records are
counted the same way however a job runs, a batch is a range of record numbers: `--resume`
skips finished ranges without parsing them, and every engine sees the same batches.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import re
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from training.batch.safeio import BoundedTextLines, LineTooLong, TooLong, bounded_lines, line_limit
from training.errors import DataError, InputError
from training.fit.data import MAX_TEXT_CHARS, NESTED_JSON, RowError

__all__ = ["Corpus", "Document", "expand_inputs", "input_format"]

_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".txt": "text",
    ".text": "text",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
}
_GLOB_CHARS = re.compile(r"[*?\[]")
# what errors="surrogateescape" makes of a bad byte, and what a JSON "\\ud83d" without its pair gives:
# neither can be written out as UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")
_READ_ERRORS = (EOFError, OSError, zlib.error)  # a truncated or corrupt gzip stream
csv.field_size_limit(2**31 - 1)  # an over-long text is reported by --max-chars, not lost with the rest of the file


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    line: int
    extra: dict = field(default_factory=dict)
    path: str = ""
    html: bytes | None = None  # a page's HTML, until the worker extracts its text (documents.extract_pages)
    meta: dict = field(default_factory=dict)  # what a page says about itself: documents.PAGE_FIELDS


_Records = Generator["Document | RowError | None", None, int]  # yields records, returns how many the file holds


def input_format(path: str | Path) -> str:
    """'jsonl', 'csv', 'parquet' or 'text' (anything else), from the name; '.gz' is looked through."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _SUFFIXES.get(Path(name).suffix, "text")


def _known(path: Path) -> bool:
    name = path.name.lower()
    return Path(name[:-3] if name.endswith(".gz") else name).suffix in _SUFFIXES


def expand_inputs(specs: str | Path | Iterable[str | Path]) -> list[Path]:
    """The files named, the corpus files inside folders named, and the files a glob matches,
    each list sorted, in the order given, without repeats."""
    if isinstance(specs, str | Path):
        specs = [specs]
    out: list[Path] = []
    seen: set[Path] = set()
    for spec in map(str, specs):
        p = Path(spec)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.is_file() and not q.name.startswith(".") and _known(q))
            if not found:
                raise DataError(
                    "expected .jsonl, .csv, .txt, .parquet, .html or .warc files (optionally .gz) in "
                    "this folder, found none",
                    path=spec,
                )
        elif p.is_file():
            found = [p]
        elif _GLOB_CHARS.search(spec):
            found = sorted(Path(q) for q in glob.glob(spec, recursive=True) if Path(q).is_file())
            if not found:
                raise DataError("expected files matching this pattern, found none", path=spec)
        else:
            raise DataError("expected a corpus file, folder or glob, found no such file or folder", path=spec)
        for q in found:
            if q not in seen:
                seen.add(q)
                out.append(q)
    return out


class Corpus:
    """One or more corpus files read as a single stream of records (see module docstring)."""

    def __init__(
        self,
        specs,
        *,
        text_field: str = "text",
        id_field: str = "id",
        keep: Iterable[str] = (),
        max_chars: int = MAX_TEXT_CHARS,
        exclude: Iterable[str | Path] = (),
    ):
        if max_chars < 1:
            raise InputError(f"expected --max-chars to be at least 1, found {max_chars}")
        skip = {Path(p).resolve() for p in exclude}  # a job's own output, when it lies among the inputs
        self.files = [p for p in expand_inputs(specs) if p.resolve() not in skip]
        if not self.files:
            raise DataError("expected input files other than the output, found none", path=str(specs))
        self.text_field, self.id_field, self.keep, self.max_chars = text_field, id_field, tuple(keep), max_chars
        self.line_limit = line_limit(max_chars)
        self.total_bytes = sum(p.stat().st_size for p in self.files)
        self._done_bytes = 0
        self._position: Callable[[], int] = lambda: 0

    def fingerprint(self) -> list[dict]:
        """What identifies the input for --resume: each file's path, size and modification time."""
        return [
            {"path": str(p.resolve()), "bytes": (st := p.stat()).st_size, "mtime_ns": st.st_mtime_ns}
            for p in self.files
        ]

    def fraction_read(self) -> float:
        """How far the reader is into the input, by bytes (for the progress estimate)."""
        if not self.total_bytes:
            return 1.0
        return min(1.0, (self._done_bytes + self._position()) / self.total_bytes)

    def records(self, start: int = 0) -> Iterator[Document | RowError | None]:
        """Every record from record number `start` (0-based) on. Earlier ones are skipped without
        being decoded (CSV records are still split, Parquet row groups not even read)."""
        skip = start
        self._done_bytes = 0
        for path in self.files:
            fmt = input_format(path)
            reader = {"csv": self._csv, "parquet": self._parquet, "html": self._page, "warc": self._warc}.get(
                fmt, self._lines
            )
            why = _unreadable(path)
            if why:  # one bad record; the other files go on
                if skip < 1:
                    yield RowError(
                        str(path), 1, f"expected a readable file, found one that cannot be read ({why}); it was skipped"
                    )
                counted = 1
            else:
                counted = yield from reader(path, skip, fmt)
            skip = max(0, skip - counted)
            self._done_bytes += path.stat().st_size
            self._position = lambda: 0

    # -- formats -----------------------------------------------------------------------

    def _open_binary(self, path: Path):
        raw = open(path, "rb")
        self._position = raw.tell
        return raw, (gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(".gz") else raw)

    def _lines(self, path: Path, skip: int, fmt: str) -> _Records:
        """JSONL or text: one record per line. Returns how many records the file holds."""
        name, n = str(path), 0
        raw, fh = self._open_binary(path)
        with raw, fh:
            try:
                for line in bounded_lines(fh, self.line_limit):  # an over-long line is never held whole
                    n += 1
                    if n <= skip:
                        continue
                    if isinstance(line, TooLong):
                        yield RowError(name, n, line.reason())
                        continue
                    try:
                        text = line.decode("utf-8")
                    except UnicodeDecodeError as e:
                        yield RowError(name, n, f"expected UTF-8 text, found an undecodable byte at position {e.start}")
                        continue
                    if not text.strip():
                        yield None
                    elif fmt == "text":
                        yield self._document({self.text_field: text.rstrip("\r\n")}, name, n)
                    else:
                        try:
                            row = json.loads(text)
                        except json.JSONDecodeError as e:
                            yield RowError(
                                name,
                                n,
                                f"expected a JSON object, found malformed JSON ({e.msg.removesuffix(' at')} at column {e.colno})",
                            )
                            continue
                        except RecursionError:
                            yield RowError(name, n, NESTED_JSON)
                            continue
                        yield (
                            self._document(row, name, n)
                            if isinstance(row, dict)
                            else RowError(name, n, f"expected a JSON object, found a JSON {type(row).__name__}")
                        )
            except _READ_ERRORS as e:
                n += 1
                if n > skip:
                    yield RowError(
                        name,
                        n,
                        f"expected gzip-compressed data, found a corrupt or truncated stream "
                        f"({e}); the rest of the file was skipped",
                    )
        return n

    def _csv(self, path: Path, skip: int, fmt: str) -> _Records:
        name, n, line = str(path), 0, 1
        raw, fh = self._open_binary(path)
        # surrogateescape keeps an undecodable byte to one bad row instead of ending the file
        with raw, fh, io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="") as text:
            try:
                reader = csv.DictReader(BoundedTextLines(text, self.line_limit))
                for row in reader:
                    n, line = n + 1, reader.line_num
                    if n <= skip:
                        continue
                    if None in row:
                        yield RowError(name, line, f"expected {len(reader.fieldnames or [])} columns, found more")
                    else:
                        yield self._document(row, name, line)
            except LineTooLong as e:  # a record cannot be told apart from the rest of the file after it
                n += 1
                if n > skip:
                    yield RowError(name, line + 1, f"{e}; the rest of the file was skipped")
            except (csv.Error, *_READ_ERRORS) as e:
                n += 1
                if n > skip:
                    yield RowError(
                        name,
                        line + 1,
                        f"expected a CSV record, found malformed CSV ({e}); the rest of the file was skipped",
                    )
        return n

    def _parquet(self, path: Path, skip: int, fmt: str) -> _Records:
        pq = _pyarrow_parquet()
        name = str(path)
        try:
            pf = pq.ParquetFile(path)
        except Exception as e:  # pyarrow raises its own ArrowInvalid and OSError subclasses
            if skip < 1:
                yield RowError(name, 1, f"expected a Parquet file, found one that cannot be read ({e})")
            return 1
        total = pf.metadata.num_rows
        self._position = lambda: 0
        have = set(pf.schema_arrow.names)
        if self.text_field not in have:  # every row lacks it; say so per row, as for the other formats
            for row_no in range(skip + 1, total + 1):
                yield RowError(name, row_no, f"expected a '{self.text_field}' column, found columns {sorted(have)}")
            return total
        columns = [c for c in dict.fromkeys((self.text_field, self.id_field, *self.keep)) if c in have]
        row_no, groups = 0, []
        for g in range(pf.num_row_groups):  # skip whole row groups from the footer's counts
            size = pf.metadata.row_group(g).num_rows
            if row_no + size <= skip:
                row_no += size
            else:
                groups.append(g)
        size_bytes = path.stat().st_size
        if groups:
            for batch in pf.iter_batches(batch_size=1024, row_groups=groups, columns=columns):
                for row in batch.to_pylist():
                    row_no += 1
                    if row_no > skip:
                        yield self._document(row, name, row_no)
                self._position = partial(int.__floordiv__, size_bytes * row_no, max(total, 1))
        return total

    def _page(self, path: Path, skip: int, fmt: str) -> _Records:
        """An HTML file: one document, extracted later, in the worker (text/documents.py)."""
        if skip < 1:
            raw, fh = self._open_binary(path)
            with raw, fh:
                try:
                    html = fh.read()
                except _READ_ERRORS as e:
                    yield RowError(str(path), 1, f"expected gzip-compressed HTML, found a corrupt stream ({e})")
                    return 1
            yield self._page_document(html, str(path), 1, str(path), {})
        return 1

    def _warc(self, path: Path, skip: int, fmt: str) -> _Records:
        """A WARC file: one document per HTML response record, counted as its records."""
        from training.text.documents import warc_pages

        name, n = str(path), 0
        raw = open(path, "rb")
        self._position = raw.tell
        with raw:
            for page in warc_pages(raw):
                n += 1
                if n <= skip:
                    continue
                if isinstance(page, RowError):
                    yield RowError(name, page.line, page.reason)
                else:
                    meta = {"url": page.url, "crawl_date": page.crawl_date}
                    yield self._page_document(page.html, name, n, page.url or f"{name}:{n}", meta)
        return n

    def _page_document(self, html: bytes, name: str, line: int, doc_id: str, meta: dict) -> Document | RowError:
        from training.text.documents import MAX_PAGE_BYTES

        if len(html) > MAX_PAGE_BYTES:
            return RowError(
                name, line, f"expected an HTML page of at most {MAX_PAGE_BYTES:,} bytes, found {len(html):,}"
            )
        return Document(doc_id, "", line, {k: None for k in self.keep}, name, html=html, meta=meta)

    # -- rows --------------------------------------------------------------------------

    def _document(self, row: dict, name: str, line: int) -> Document | RowError:
        text = row.get(self.text_field)
        if text is None:
            return RowError(name, line, f"expected a '{self.text_field}' field, found fields {sorted(row)}")
        if not isinstance(text, str):
            return RowError(name, line, f"expected '{self.text_field}' to be a string, found a {type(text).__name__}")
        if not text.strip():
            return RowError(name, line, f"expected a non-empty '{self.text_field}', found an empty text")
        if len(text) > self.max_chars:
            return RowError(
                name,
                line,
                f"expected a '{self.text_field}' of at most {self.max_chars} characters "
                f"(--max-chars), found {len(text)}",
            )
        doc_id = row.get(self.id_field)
        extra = {k: row.get(k) for k in self.keep}
        if any(isinstance(v, str) and _SURROGATE.search(v) for v in (text, doc_id, *extra.values())):
            return RowError(name, line, "expected UTF-8 text, found an undecodable byte or an unpaired surrogate")
        if doc_id in (None, ""):
            doc_id = str(line) if len(self.files) == 1 else f"{name}:{line}"
        return Document(str(doc_id), text, line, extra, name)


def _unreadable(path: Path) -> str | None:
    """Why `path` cannot be opened for reading (permission denied, say), or None."""
    try:
        open(path, "rb").close()
    except OSError as e:
        return e.strerror or str(e)
    return None


def _pyarrow_parquet():
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "expected pyarrow for Parquet files, found it missing; install it with: pip install 'stancewatch[parquet]'"
        ) from None
    return pq
