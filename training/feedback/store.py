"""The correction store: analysts' corrections of the model, in SQLite.

One row per (sentence, analyst): a sentence is known by `sentence_key` (the SHA-256 of its
text with white space collapsed), and a second correction of the same sentence by the
same analyst replaces the first. Corrections of one sentence by different analysts are
all kept; when their labels differ they are a *conflict*, reported by `add` and
`conflicts`. Corrections without an analyst name count as one analyst, "".

Several processes (the service's workers, `stance review`) write to one file at once:
the database is in WAL mode, every write is one `BEGIN IMMEDIATE` transaction, and a
writer that finds the file locked waits up to `BUSY_TIMEOUT_MS` instead of failing, so
nothing is lost. Commits use `synchronous=NORMAL`, SQLite's advice for WAL: an
acknowledged correction survives a crash of the process; a power cut may take back the
last moments' commits (never corrupt the file). `FULL` made every commit wait for the
disk (5 ms here) and, with several workers, every writer wait in line behind it.

The schema has a version (table `schema_version`). Opening a store written by an older
version migrates it, in one transaction, step by step (schema.py); a store written by a
newer version is refused rather than misread.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path

from training.errors import InputError, StanceError
from training.feedback.schema import migrate, schema_version
from training.feedback.store_filters import where_clause

__all__ = [
    "Correction",
    "FEEDBACK_LIMITS",
    "FeedbackStore",
    "default_feedback_db",
    "sentence_in_document",
    "sentence_key",
    "store_path",
]

FEEDBACK_FILE = "feedback.sqlite3"
BUSY_TIMEOUT_MS = 60_000
MAX_SENTENCE_CHARS = 5_000
MAX_NOTE_CHARS = 2_000
MAX_CONTEXT_CHARS = 2_000
MAX_NAME_CHARS = 128
# What the service's request model enforces before a correction reaches `checked`.
FEEDBACK_LIMITS = {
    "sentence": MAX_SENTENCE_CHARS,
    "note": MAX_NOTE_CHARS,
    "context": MAX_CONTEXT_CHARS,
    "name": MAX_NAME_CHARS,
}


def sentence_key(text: str) -> str:
    """What identifies a sentence: the SHA-256 of its text in Unicode NFC with runs of white
    space made one space and the ends trimmed (a sentence copied with other line breaks is
    the same sentence)."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def default_feedback_db(models_dir: str | Path) -> Path:
    """`feedback.sqlite3` beside the models folder (in the folder that holds it)."""
    return Path(models_dir).parent / FEEDBACK_FILE


def sentence_in_document(document: str, start: int, end: int) -> tuple[str, str | None, str | None]:
    """The sentence at `document[start:end]` and the sentences just before and after it
    (None at the document's edges), for a correction sent with its document."""
    from training.text.sentences import split_sentences

    if not 0 <= start < end <= len(document):
        raise InputError(
            f"expected 0 <= start < end <= {len(document)} (the document's length), found start {start} and end {end}"
        )
    text = document[start:end]
    if not text.strip():
        raise InputError(f"expected the span {start}..{end} to hold a sentence, found only white space")
    sentences = split_sentences(document)
    before = [s.text for s in sentences if s.end <= start]
    after = [s.text for s in sentences if s.start >= end]
    return (text, before[-1][-MAX_CONTEXT_CHARS:] if before else None, after[0][:MAX_CONTEXT_CHARS] if after else None)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Correction:
    """One analyst's label for one sentence. `span_start`/`span_end` are the sentence's
    offsets in the document it was corrected in, when it came with one."""

    text: str
    label: str
    analyst: str = ""
    model_id: str | None = None
    model_label: str | None = None
    note: str | None = None
    domain: str | None = None
    register: str | None = None
    context_before: str | None = None
    context_after: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    id: int | None = None
    created: str | None = None
    updated: str | None = None

    @property
    def sentence_hash(self) -> str:
        return sentence_key(self.text)

    def to_dict(self) -> dict:
        return {**asdict(self), "sentence_hash": self.sentence_hash}

    def checked(self) -> Correction:
        """This correction with its strings trimmed, or InputError naming the bad field."""
        text = self.text.strip() if isinstance(self.text, str) else self.text
        if not isinstance(text, str) or not text:
            raise InputError("expected a correction's 'text' to be a non-empty sentence, found none")
        if len(text) > MAX_SENTENCE_CHARS:
            raise InputError(f"expected a sentence of at most {MAX_SENTENCE_CHARS} characters, found {len(text)}")
        label = (self.label or "").strip()
        if not label or len(label) > MAX_NAME_CHARS:
            raise InputError(f"expected a label of 1 to {MAX_NAME_CHARS} characters, found {self.label!r}"[:200])
        limits = {
            "analyst": MAX_NAME_CHARS,
            "model_id": MAX_NAME_CHARS,
            "model_label": MAX_NAME_CHARS,
            "domain": MAX_NAME_CHARS,
            "register": MAX_NAME_CHARS,
            "note": MAX_NOTE_CHARS,
            "context_before": MAX_CONTEXT_CHARS,
            "context_after": MAX_CONTEXT_CHARS,
        }
        for name, limit in limits.items():
            value = getattr(self, name)
            if value is not None and len(value) > limit:
                raise InputError(f"expected '{name}' of at most {limit} characters, found {len(value)}")
        analyst = (self.analyst or "").strip()
        return Correction(**{**asdict(self), "text": text, "label": label, "analyst": analyst})


_COLUMNS = [f.name for f in fields(Correction)]
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _COLUMNS) + " FROM corrections"


def _row(values: tuple) -> Correction:
    return Correction(**dict(zip(_COLUMNS, values, strict=True)))


@dataclass(frozen=True)
class Added:
    """What `FeedbackStore.add` did: the stored correction, the one it replaced (same
    sentence, same analyst), and other analysts' corrections with another label."""

    correction: Correction
    replaced: Correction | None
    conflicts: list[Correction]


class FeedbackStore:
    """The corrections in the SQLite file `path` (created, or migrated, when opened)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise InputError(f"expected a SQLite file for the corrections, found a folder: {self.path}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            with self._connect() as conn:
                self._enable_wal(conn)
                migrate(conn, self.path, _now)
        except BaseException:
            self.close()
            raise

    # -- connections ---------------------------------------------------------------------

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection (sqlite3 connections must not cross threads, and the
        service answers from a thread pool). Kept open: closing the last connection to a
        WAL database checkpoints it, which cost ~25 ms a correction."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
                )  # only `close` touches it from elsewhere
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.DatabaseError as e:
                raise StanceError(f"expected a SQLite database of corrections at {self.path}, found: {e}") from None
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        try:
            yield conn
        except sqlite3.DatabaseError as e:
            raise StanceError(f"expected a SQLite database of corrections at {self.path}, found: {e}") from None

    def close(self) -> None:
        """Close every thread's connection (the store opens them again when used)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._local = threading.local()

    def __enter__(self) -> FeedbackStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taking the write lock at its start (a deferred transaction
        that upgrades later can fail with SQLITE_BUSY at once, without waiting)."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _enable_wal(self, conn: sqlite3.Connection) -> None:
        # Persistent in the file; only the first opener changes it. The change needs a
        # moment alone with the file, which the busy timeout waits for.
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StanceError(f"expected the corrections database {self.path} to take WAL mode, found {mode!r}")

    def version(self) -> int:
        with self._connect() as conn:
            return schema_version(conn)

    # -- writing -------------------------------------------------------------------------

    def add(self, correction: Correction) -> Added:
        """Store `correction`, replacing this analyst's earlier correction of the sentence."""
        c = correction.checked()
        key, now = c.sentence_hash, _now()
        values = {**asdict(c), "created": now, "updated": now}
        values.pop("id")
        columns = ["sentence_hash", *values]
        changing = [k for k in values if k not in ("analyst", "created")]
        sql = (
            f"INSERT INTO corrections ({', '.join(map(_quote, columns))}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT (sentence_hash, analyst) DO UPDATE SET "
            + ", ".join(f"{_quote(k)} = excluded.{_quote(k)}" for k in changing)
        )
        with self._write() as conn:
            old = conn.execute(f"{_SELECT} WHERE sentence_hash = ? AND analyst = ?", (key, c.analyst)).fetchone()
            conn.execute(sql, [key, *values.values()])
            stored = _row(
                conn.execute(f"{_SELECT} WHERE sentence_hash = ? AND analyst = ?", (key, c.analyst)).fetchone()
            )
            others = [
                _row(r)
                for r in conn.execute(
                    f"{_SELECT} WHERE sentence_hash = ? AND analyst != ? AND label != ? ORDER BY id",
                    (key, c.analyst, c.label),
                )
            ]
        return Added(stored, _row(old) if old else None, others)

    def delete(self, correction_id: int) -> Correction | None:
        """Remove one correction (an analyst's undo); the removed one, or None if there was none."""
        with self._write() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (correction_id,)).fetchone()
            conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
        return _row(row) if row else None

    # -- reading -------------------------------------------------------------------------

    def get(self, correction_id: int) -> Correction | None:
        with self._connect() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (correction_id,)).fetchone()
        return _row(row) if row else None

    def list(
        self,
        *,
        label: str | None = None,
        model_id: str | None = None,
        analyst: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Correction], int]:
        """One page of corrections, newest change first, and how many match in all.
        `since` is inclusive, `until` exclusive (a date alone includes that whole day)."""
        clause, args = where_clause(label=label, model_id=model_id, analyst=analyst, since=since, until=until)
        with self._connect() as conn:
            conn.execute("BEGIN")  # the page and the total from one snapshot
            try:
                total = conn.execute(f"SELECT COUNT(*) FROM corrections{clause}", args).fetchone()[0]
                rows = conn.execute(
                    f"{_SELECT}{clause} ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?", [*args, limit, offset]
                ).fetchall()
            finally:
                conn.execute("ROLLBACK")  # read only: nothing to keep, and the snapshot is let go
        return [_row(r) for r in rows], int(total)

    def count(self) -> int:
        with self._connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0])

    def all(self) -> list[Correction]:
        """Every correction, oldest first."""
        with self._connect() as conn:
            return [_row(r) for r in conn.execute(f"{_SELECT} ORDER BY id")]

    def corrected_keys(self) -> set[str]:
        """The `sentence_key` of every corrected sentence (what `stance suggest` skips)."""
        with self._connect() as conn:
            return {r[0] for r in conn.execute("SELECT DISTINCT sentence_hash FROM corrections")}

    def conflicts(self) -> list[dict]:
        """Sentences that analysts gave different labels: each with its text and every
        analyst's correction."""
        with self._connect() as conn:
            keys = [
                r[0]
                for r in conn.execute(
                    "SELECT sentence_hash FROM corrections GROUP BY sentence_hash HAVING COUNT(DISTINCT label) > 1 "
                    "ORDER BY MIN(id)"
                )
            ]
            out = []
            for key in keys:
                rows = [_row(r) for r in conn.execute(f"{_SELECT} WHERE sentence_hash = ? ORDER BY id", (key,))]
                out.append(
                    {
                        "sentence_hash": key,
                        "text": rows[0].text,
                        "corrections": [
                            {"analyst": r.analyst, "label": r.label, "id": r.id, "updated": r.updated} for r in rows
                        ],
                    }
                )
        return out


def _quote(column: str) -> str:
    return f'"{column}"'  # `register` is a keyword in some SQL dialects; quoting is always safe


def store_path(explicit: str | Path | None, models_dir: str | Path) -> Path:
    """The corrections file: `explicit` (--feedback-db), else $STANCE_FEEDBACK_DB, else
    `default_feedback_db(models_dir)`."""
    chosen = explicit or os.environ.get("STANCE_FEEDBACK_DB")
    return Path(chosen) if chosen else default_feedback_db(models_dir)
