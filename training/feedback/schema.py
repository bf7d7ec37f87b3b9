"""The correction store's SQLite schema and its migrations (store.py opens the file).

The schema has a version (table `schema_version`). `migrate` takes a store written by an
older version to this one, in one transaction, step by step through `MIGRATIONS`; a store
written by a newer version is refused rather than misread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from training.errors import StanceError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate", "schema_version"]

# Each step takes the schema from version i to i + 1. Never edit a released step: add one.
MIGRATIONS: list[tuple[str, ...]] = [
    (  # 1: the sentence, the label the analyst gave, what the model said
        """CREATE TABLE corrections (
               id INTEGER PRIMARY KEY,
               sentence_hash TEXT NOT NULL,
               analyst TEXT NOT NULL DEFAULT '',
               text TEXT NOT NULL,
               label TEXT NOT NULL,
               model_id TEXT,
               model_label TEXT,
               note TEXT,
               created TEXT NOT NULL,
               UNIQUE (sentence_hash, analyst))""",
    ),
    (  # 2: when a correction last changed, where the sentence came from, and filters' indexes
        "ALTER TABLE corrections ADD COLUMN updated TEXT",
        "UPDATE corrections SET updated = created",
        "ALTER TABLE corrections ADD COLUMN domain TEXT",
        'ALTER TABLE corrections ADD COLUMN "register" TEXT',
        "ALTER TABLE corrections ADD COLUMN context_before TEXT",
        "ALTER TABLE corrections ADD COLUMN context_after TEXT",
        "ALTER TABLE corrections ADD COLUMN span_start INTEGER",
        "ALTER TABLE corrections ADD COLUMN span_end INTEGER",
        "CREATE INDEX corrections_label ON corrections (label)",
        "CREATE INDEX corrections_model ON corrections (model_id)",
        "CREATE INDEX corrections_updated ON corrections (updated)",
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: Path, now: Callable[[], str]) -> None:
    """Bring the store at `path` (open as `conn`) to SCHEMA_VERSION; `now()` stamps each step."""
    conn.execute("BEGIN IMMEDIATE")  # two workers starting at once: the second waits, then sees it done
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise StanceError(
                f"expected a corrections database of schema version {SCHEMA_VERSION} or older, found "
                f"version {version} in {path} (written by a newer stancewatch): upgrade"
            )
        if version == 0:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL)")
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, applied) VALUES (?, ?)", (step + 1, now()))
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not has_table:
        return 0
    return int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
