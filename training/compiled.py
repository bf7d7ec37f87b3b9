"""The modules that run compiled, and the source instead of a stale build.

`pip install` compiles the hot modules of scoring with Cython (pyproject.toml,
`ext-modules`, optional: without a C compiler they run as plain Python): the `.py` files
below, unchanged, and the `.pyx` kernels, each with a plain-Python twin where it is
imported. A compiled module is imported before its source, so after an edit, until the
next `pip install -e .`, the old build would run and the edit would seem to do nothing.
`skip_stale_builds` (run when the package is imported) has such a module imported from
its source instead, and a kernel built before its `.pyx` last changed not imported at
all (its twin runs), and logs a warning.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import logging
import sys
from pathlib import Path

__all__ = ["COMPILED", "KERNELS", "skip_stale_builds", "stale_builds"]

COMPILED = ("classify", "cues", "sentences", "sources")  # .py files compiled as they are
KERNELS = ("_contrib", "_spans")  # .pyx files, each with a plain-Python twin where it is imported

_HERE = Path(__file__).resolve().parent
log = logging.getLogger("stancewatch")


def _build(name: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        if (_HERE / f"{name}{suffix}").exists():
            return _HERE / f"{name}{suffix}"
    return None


def stale_builds() -> dict[str, Path]:
    """Module name -> its source, for each build older than its source."""
    stale = {}
    for name in COMPILED + KERNELS:
        source = _HERE / (f"{name}.py" if name in COMPILED else f"{name}.pyx")
        built = _build(name)
        if built is not None and source.exists() and built.stat().st_mtime < source.stat().st_mtime:
            stale[f"{__package__}.{name}"] = source
    return stale


class _SourceOfStaleBuilds(importlib.abc.MetaPathFinder):
    def __init__(self, stale: dict[str, Path]):
        self.stale = stale

    def find_spec(self, fullname, path=None, target=None):
        source = self.stale.get(fullname)
        if source is None:
            return None
        if source.suffix == ".pyx":  # no source to run: the caller's fallback takes over
            raise ImportError(f"{fullname}: its build is older than {source.name}; pip install -e . rebuilds it")
        return importlib.util.spec_from_file_location(fullname, source)


def skip_stale_builds() -> None:
    stale = stale_builds()
    if not stale:
        return
    for name, source in stale.items():
        log.warning("%s changed since it was compiled: running it %s until `pip install -e .` rebuilds it",
                    source.name, "from source" if source.suffix == ".py" else "as its plain-Python twin",
                    extra={"event": "stale_build", "stale_module": name})
    sys.meta_path.insert(0, _SourceOfStaleBuilds(stale))
