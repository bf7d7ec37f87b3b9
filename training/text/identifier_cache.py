"""py3langid's model kept uncompressed on disk, so a process loads it in ~0.03 s instead of ~0.6 s.

py3langid ships its model as an xz-compressed npz (4.6 MB); loading it decompresses 68 MB,
about 0.6 CPU s, once per process. language.py loads it on the first sentence its English
check cannot answer, and on plain English text that is nearly every job: about one sentence
in 40 of labels/ is a headline or a reply without a function word only English uses
("Stocks Slide as Rate Fears Return."), and only the identifier can tell it from German,
Portuguese or Turkish written in plain ASCII ("Para nereye gitti?"). So the first process to load the model writes its arrays as
.npy files into the cache folder, and later ones map them from there (the big table is
memory-mapped: the workers of one machine share it).

The copy is named after py3langid's version and its model file's size and time, written to
a temporary folder and renamed into place (a process starting at the same time never reads
half a copy), and its shapes are checked on reading. Whatever goes wrong reading or writing
it, the model comes from py3langid's own file: a read-only or full disk costs time, never
answers.

The folder: $STANCE_CACHE_DIR, else $XDG_CACHE_HOME/stancewatch, else ~/.cache/stancewatch.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from array import array
from importlib.metadata import version
from pathlib import Path

import numpy as np

__all__ = ["cache_folder", "load_identifier", "model_copy"]

# The parts of a py3langid model, in the order py3langid.modelio.load_model returns them:
# feature x class log-probabilities, class priors, class codes, the DFA's transition rows
# (array.array), which row each DFA state uses (array.array), each state's feature (list).
_PARTS = ("ptc", "pc", "classes", "nextmove", "row", "output")
_MAPPED = frozenset({"ptc", "nextmove"})  # the two big ones: mapped, not read


def cache_folder() -> Path:
    """Where Stancewatch keeps what it can rebuild (module docstring)."""
    if os.environ.get("STANCE_CACHE_DIR"):
        return Path(os.environ["STANCE_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stancewatch"


def _model_file() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def model_copy() -> Path:
    """The folder the uncompressed copy of the installed py3langid model goes in."""
    stat = _model_file().stat()
    return cache_folder() / f"py3langid-{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}"


def load_identifier():
    """py3langid's LanguageIdentifier, probabilities normalised (as language.py reads them),
    from the copy when there is a sound one, else from py3langid's file (and then the copy
    is written for the next process)."""
    from py3langid.langid import LanguageIdentifier

    try:
        folder: Path | None = model_copy()
    except (OSError, RuntimeError):  # RuntimeError: no home folder to keep a copy in
        folder = None
    parts = _read_copy(folder) if folder else None
    if parts is None:
        from py3langid.modelio import load_model

        parts = load_model(_model_file())
        if folder:
            _write_copy(folder, parts)
    ptc, pc, classes, nextmove, row, output = parts
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)


def _to_stdlib(arr: np.ndarray) -> array:
    """A numpy vector of unsigned integers as the array.array py3langid walks its DFA over
    (indexing one from Python is several times faster than indexing numpy)."""
    out = array(arr.dtype.char)
    out.frombytes(np.ascontiguousarray(arr).data.cast("B"))
    return out


def _read_copy(folder: Path) -> tuple | None:
    """The model's parts from `folder`, or None when it is missing, cut short or not a model."""
    try:
        a = {n: np.load(folder / f"{n}.npy", mmap_mode="r" if n in _MAPPED else None) for n in _PARTS}
        ptc, pc, classes, nextmove, row, output = (a[n] for n in _PARTS)
        if not (
            ptc.ndim == 2
            and ptc.shape[1] == len(pc) == len(classes)
            and len(row) == len(output)
            and nextmove.size
            and nextmove.size % 256 == 0
            and nextmove.dtype.kind == row.dtype.kind == "u"
        ):
            return None
        return ptc, pc, classes.tolist(), _to_stdlib(nextmove), _to_stdlib(row), output.tolist()
    except (OSError, ValueError, EOFError):
        return None


def _write_copy(folder: Path, parts: tuple) -> None:
    """Write the copy, best effort (module docstring); copies of other py3langid versions go."""
    ptc, pc, classes, nextmove, row, output = parts
    arrays = (
        ptc,
        pc,
        np.array(classes),
        np.frombuffer(nextmove, dtype=nextmove.typecode),
        np.frombuffer(row, dtype=row.typecode),
        np.asarray(output, dtype=np.int32),
    )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    except OSError:
        return
    try:
        for name, arr in zip(_PARTS, arrays, strict=True):
            np.save(tmp / f"{name}.npy", arr)
        for stale in [*folder.parent.glob("py3langid-*")]:  # this folder too: it could not be read
            shutil.rmtree(stale, ignore_errors=True)
        os.rename(tmp, folder)  # atomic; fails if another process renamed its copy first
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # gone already when the rename worked
