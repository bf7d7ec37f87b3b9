"""The language identifier's uncompressed copy: later processes load it from there, with the
same answers, and a broken or unwritable copy costs time, never answers."""

from __future__ import annotations

import shutil

import pytest

from training.text import identifier_cache
from training.text.identifier_cache import load_identifier, model_copy

from .test_language import MIXED

SENTENCES = [text for _, text in MIXED] + ["Stocks Slide as Rate Fears Return.", "Wer hat das neue Stadion bezahlt?"]


def _answers(identifier) -> list:
    return [identifier.classify(s) for s in SENTENCES]


@pytest.fixture(scope="module")
def first_load(tmp_path_factory):
    """(the cache folder, the answers of the identifier the first process loads from py3langid's
    own file, which writes the copy)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STANCE_CACHE_DIR", str(folder))
        return folder, _answers(load_identifier())


def _no_xz_file(monkeypatch):
    """From here on, reading py3langid's compressed model fails the test."""
    import py3langid.modelio

    def refuse(path):
        raise AssertionError(f"read the compressed model {path} although a sound copy was there")

    monkeypatch.setattr(py3langid.modelio, "load_model", refuse)


def test_a_later_process_loads_the_copy_and_answers_the_same(first_load, monkeypatch):
    folder, answers = first_load
    monkeypatch.setenv("STANCE_CACHE_DIR", str(folder))
    assert model_copy().parent == folder and (model_copy() / "ptc.npy").is_file()
    _no_xz_file(monkeypatch)
    assert _answers(load_identifier()) == answers


def test_a_copy_cut_short_is_passed_over_and_written_again(first_load, monkeypatch, tmp_path):
    folder, answers = first_load
    shutil.copytree(folder, tmp_path / "cache")
    monkeypatch.setenv("STANCE_CACHE_DIR", str(tmp_path / "cache"))
    ptc = model_copy() / "ptc.npy"
    ptc.write_bytes(ptc.read_bytes()[: ptc.stat().st_size // 2])  # a disk that filled up mid-write
    assert _answers(load_identifier()) == answers  # from py3langid's file
    _no_xz_file(monkeypatch)
    assert _answers(load_identifier()) == answers  # from the copy written again


def test_a_cache_folder_that_cannot_be_written_only_costs_time(first_load, monkeypatch, tmp_path):
    _, answers = first_load
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go\n")
    monkeypatch.setenv("STANCE_CACHE_DIR", str(blocker))
    assert _answers(load_identifier()) == answers
    assert blocker.read_text() == "a file where the cache folder would go\n"


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("STANCE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert identifier_cache.cache_folder() == tmp_path / "stancewatch"
    monkeypatch.setenv("STANCE_CACHE_DIR", str(tmp_path / "mine"))
    assert identifier_cache.cache_folder() == tmp_path / "mine"
