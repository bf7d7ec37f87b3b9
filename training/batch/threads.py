"""One BLAS/OpenMP thread per process: the cores go to worker processes, and on 2 cores
two threads per process only fight each other (DESIGN.md, "Speed budget").

This module imports nothing but `os`, so a script can call it before numpy is imported
(the variables are read when the libraries load).
"""

from __future__ import annotations

import os

__all__ = ["THREAD_VARIABLES", "one_thread_per_process"]

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_process(*, override: bool = True, extra: tuple[str, ...] = ()) -> None:
    """Set the thread-count variables to 1 (with `override=False`, only where unset: a
    user's own setting wins). `extra` names more variables (RAYON_NUM_THREADS...)."""
    for var in (*THREAD_VARIABLES, *extra):
        if override:
            os.environ[var] = "1"
        else:
            os.environ.setdefault(var, "1")
