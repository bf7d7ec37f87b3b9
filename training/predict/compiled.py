"""The two compiled kernels, and their plain-Python twins when a build is missing or stale.

`pip install` compiles `_contrib.pyx` and `_spans.pyx` with Cython (pyproject.toml,
`ext-modules`, optional: without a C compiler the twins run, with the same answers).
Nothing else is compiled: the plain modules run as they are, so an edit to any `.py`
file takes effect at once. A kernel built before its `.pyx` last changed would run the
old code, so `kernel` skips it (its twin runs) and logs a warning until
`pip install -e .` rebuilds it.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import logging
from pathlib import Path

__all__ = ["KERNELS", "kernel", "stale_builds"]

KERNELS = ("_contrib", "_spans")  # .pyx files, each with a plain-Python twin where it is used

_HERE = Path(__file__).resolve().parent
log = logging.getLogger("stancewatch")


def _build(name: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        if (_HERE / f"{name}{suffix}").exists():
            return _HERE / f"{name}{suffix}"
    return None


def stale_builds() -> dict[str, Path]:
    """Kernel name -> its source, for each build older than its source."""
    stale = {}
    for name in KERNELS:
        source, built = _HERE / f"{name}.pyx", _build(name)
        if built is not None and source.exists() and built.stat().st_mtime < source.stat().st_mtime:
            stale[name] = source
    return stale


def kernel(name: str, attribute: str):
    """`attribute` of the compiled kernel `name`, or None when it is not built or is stale."""
    if name in stale_builds():
        log.warning(
            "%s.pyx changed since it was compiled: running its plain-Python twin until `pip install -e .` rebuilds it",
            name,
            extra={"event": "stale_build", "stale_module": name},
        )
        return None
    try:
        module = importlib.import_module(f"{__package__}.{name}")
    except ImportError:  # pragma: no cover - built only where the install had a C compiler
        return None
    return getattr(module, attribute)
