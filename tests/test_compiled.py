"""The hot modules run compiled where `pip install` had a C compiler, and an edit made
since the build runs from its source instead of being silently ignored."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import sysconfig
from importlib import import_module

import pytest

import training.compiled as compiled


def test_the_hot_modules_run_compiled():
    """A missing build would pass every other test on plain Python while scoring runs
    slower (and the kernels' plain-Python twins would stand in for them)."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}) here: the modules run as plain Python")
    assert compiled.stale_builds() == {}, "a compiled module is older than its source: pip install -e . rebuilds it"
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for name in compiled.COMPILED:
        assert import_module(f"training.{name}").__file__.endswith(suffixes), f"training/{name}.py was not compiled"
    classify = import_module("training.classify")
    assert classify._top_contributions is not None, "training/_contrib.pyx was not built"
    assert classify._AsciiTokens is not None, "training/_spans.pyx was not built"


def _touch(path, mtime):
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_a_build_older_than_its_source_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "_HERE", tmp_path)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    _touch(tmp_path / "sources.py", 2000)
    _touch(tmp_path / f"sources{suffix}", 1000)    # older: stale
    _touch(tmp_path / "cues.py", 1000)
    _touch(tmp_path / f"cues{suffix}", 2000)       # newer: fine
    _touch(tmp_path / "sentences.py", 2000)         # no build: nothing to skip
    _touch(tmp_path / "_contrib.pyx", 2000)
    _touch(tmp_path / f"_contrib{suffix}", 1000)   # older: stale
    stale = compiled.stale_builds()
    assert stale == {"training.sources": tmp_path / "sources.py", "training._contrib": tmp_path / "_contrib.pyx"}
    finder = compiled._SourceOfStaleBuilds(stale)
    assert finder.find_spec("training.sources").origin == str(tmp_path / "sources.py")
    assert finder.find_spec("training.cues") is None
    with pytest.raises(ImportError, match="older than _contrib.pyx"):
        finder.find_spec("training._contrib")
