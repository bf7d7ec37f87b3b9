"""The correction store (training/feedback/store.py): one row per sentence and analyst,
conflicts kept, filters, schema migration, concurrent writers."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from training.errors import InputError, StanceError
from training.feedback.schema import SCHEMA_VERSION
from training.feedback.store import Correction, FeedbackStore, sentence_in_document, sentence_key

# What stancewatch's first store looked like (schema version 1), written as it wrote it.
V1_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL, applied TEXT NOT NULL);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY, sentence_hash TEXT NOT NULL, analyst TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL, label TEXT NOT NULL, model_id TEXT, model_label TEXT, note TEXT,
    created TEXT NOT NULL, UNIQUE (sentence_hash, analyst));
INSERT INTO schema_version VALUES (1, '2026-01-02T00:00:00.000000+00:00');
"""


@pytest.fixture
def store(tmp_path):
    return FeedbackStore(tmp_path / "feedback.sqlite3")


def test_a_second_correction_by_the_same_analyst_replaces_the_first(store):
    first = store.add(
        Correction("The ministry denied the report.", "denial", analyst="ana", model_id="m1", model_label="assertion")
    )
    assert first.replaced is None and first.conflicts == []
    again = store.add(Correction("The  ministry denied\nthe report. ", "assertion", analyst="ana", note="reported"))
    assert again.replaced.label == "denial"
    assert again.correction.id == first.correction.id and again.correction.note == "reported"
    assert store.count() == 1
    assert again.correction.created == first.correction.created < again.correction.updated


def test_conflicting_analysts_are_kept_and_reported(store):
    store.add(Correction("Where did the money go?", "insinuation", analyst="ana"))
    agrees = store.add(Correction("Where did the money go?", "insinuation", analyst="bo"))
    assert agrees.conflicts == []
    differs = store.add(Correction("Where did the money go?", "assertion", analyst="cy"))
    assert [(c.analyst, c.label) for c in differs.conflicts] == [("ana", "insinuation"), ("bo", "insinuation")]
    assert store.count() == 3
    (conflict,) = store.conflicts()
    assert conflict["text"] == "Where did the money go?"
    assert sorted((c["analyst"], c["label"]) for c in conflict["corrections"]) == [
        ("ana", "insinuation"),
        ("bo", "insinuation"),
        ("cy", "assertion"),
    ]


def test_list_filters_and_pages(store):
    for i in range(7):
        store.add(
            Correction(
                f"Sentence {i} of the test.",
                "denial" if i % 2 else "assertion",
                analyst="ana",
                model_id="m1" if i < 4 else "m2",
            )
        )
    page, total = store.list(limit=3)
    assert total == 7 and [c.text for c in page] == [f"Sentence {i} of the test." for i in (6, 5, 4)]
    assert store.list(limit=3, offset=6)[0][0].text == "Sentence 0 of the test."
    assert store.list(label="denial")[1] == 3
    assert store.list(model_id="m2", label="assertion")[1] == 2
    assert store.list(analyst="bo")[1] == 0
    assert store.list(since="2000-01-01", until="2999-12-31")[1] == 7
    today = page[0].updated[:10]
    assert store.list(until=today)[1] == 7 and store.list(since="2999-01-01")[1] == 0  # a date: its whole day
    with pytest.raises(InputError, match="expected 'since' to be a date"):
        store.list(since="last tuesday")


def test_bad_corrections_are_refused_with_the_field_named(store):
    with pytest.raises(InputError, match="non-empty sentence"):
        store.add(Correction("   ", "denial"))
    with pytest.raises(InputError, match="'note' of at most"):
        store.add(Correction("A sentence.", "denial", note="x" * 5000))
    assert store.count() == 0


def test_an_older_schema_migrates_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_SCHEMA)
        conn.execute(
            "INSERT INTO corrections (sentence_hash, analyst, text, label, model_id, created) VALUES "
            "(?, 'ana', 'The mayor denied it.', 'denial', 'm0', '2026-01-02T10:00:00.000000+00:00')",
            (sentence_key("The mayor denied it."),),
        )
    conn.close()
    store = FeedbackStore(path)
    assert store.version() == SCHEMA_VERSION == 2
    (old,) = store.all()
    assert (old.text, old.label, old.analyst, old.model_id) == ("The mayor denied it.", "denial", "ana", "m0")
    assert old.updated == old.created and old.domain is None and old.context_before is None
    replaced = store.add(Correction("The mayor denied it.", "assertion", analyst="ana", register="news"))
    assert replaced.replaced.label == "denial" and replaced.correction.register == "news"
    assert store.count() == 1
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert FeedbackStore(path).version() == 2  # opening again migrates nothing


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    FeedbackStore(path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'later')")
    conn.close()
    with pytest.raises(StanceError, match="schema version 2 or older, found version 99"):
        FeedbackStore(path)


def test_a_file_that_is_not_a_database_gets_one_line(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all, just some text " * 50)
    with pytest.raises(StanceError, match="expected a SQLite database of corrections") as e:
        FeedbackStore(path)
    assert "\n" not in str(e.value)


def test_threads_writing_at_once_lose_nothing(store):
    def write(k: int) -> None:
        for i in range(25):
            store.add(Correction(f"Thread {k} wrote sentence {i}.", "denial", analyst=f"t{k}"))

    threads = [threading.Thread(target=write, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count() == 150 and len(store.corrected_keys()) == 150


def test_a_sentence_and_its_context_from_its_document():
    doc = "The audit was cancelled. The ministry denied any link. Nobody believed it."
    start = doc.index("The ministry")
    end = doc.index(" Nobody")
    assert sentence_in_document(doc, start, end) == (
        "The ministry denied any link.",
        "The audit was cancelled.",
        "Nobody believed it.",
    )
    assert sentence_in_document(doc, 0, 24) == ("The audit was cancelled.", None, "The ministry denied any link.")
    with pytest.raises(InputError, match=r"expected 0 <= start < end <= 74"):
        sentence_in_document(doc, 10, 500)
    assert sentence_key("a  b\n c ") == sentence_key("a b c")
