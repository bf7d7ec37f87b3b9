"""The two kernels run compiled where `pip install` had a C compiler, a kernel built
before its last edit gives way to its twin instead of running old code, and nothing
else is compiled (an edit to a .py file takes effect without reinstalling)."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import sysconfig
from importlib import import_module
from pathlib import Path

import pytest

import training.predict.compiled as compiled


def test_the_kernels_run_compiled():
    """A missing build would pass every other test on the twins while scoring runs slower."""
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        pytest.skip(f"no C compiler ({compiler}) here: the kernels' twins run")
    assert compiled.stale_builds() == {}, "a kernel is older than its .pyx: pip install -e . rebuilds it"
    contributions = import_module("training.predict.contributions")
    spans = import_module("training.predict.spans")
    assert contributions._top_contributions is not None, "training/predict/_contrib.pyx was not built"
    assert spans._AsciiTokens is not None, "training/predict/_spans.pyx was not built"


def test_no_plain_module_is_compiled():
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    package = Path(compiled.__file__).parent.parent  # all of training/, its subpackages too
    built = {p.name.split(".")[0] for p in package.rglob("*") if p.name.endswith(suffixes)}
    assert built <= set(compiled.KERNELS)
    for name in ("predict.classify", "text.cues", "text.sentences", "text.sources"):
        assert import_module(f"training.{name}").__file__.endswith(".py")


def _touch(path, mtime):
    path.write_text("")
    os.utime(path, (mtime, mtime))


def test_a_kernel_older_than_its_source_gives_way_to_its_twin(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(compiled, "_HERE", tmp_path)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    _touch(tmp_path / "_contrib.pyx", 2000)
    _touch(tmp_path / f"_contrib{suffix}", 1000)  # older: stale
    _touch(tmp_path / "_spans.pyx", 1000)
    _touch(tmp_path / f"_spans{suffix}", 2000)  # newer: fine
    assert compiled.stale_builds() == {"_contrib": tmp_path / "_contrib.pyx"}
    with caplog.at_level("WARNING", logger="stancewatch"):
        assert compiled.kernel("_contrib", "top_contributions") is None
    assert "_contrib.pyx changed since it was compiled" in caplog.text
