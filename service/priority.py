"""What goes first in a worker: its event loop (health checks, small requests) before the
thread that scores large requests and full explanations.

Both compete for a core and for Python's GIL. Under 8 clients sending 100,000-character
full explanations, that thread never rested, and health checks on the loop waited hundreds
of milliseconds. So the scoring thread runs at a lower CPU priority than the loop (Linux
schedules threads one by one, so `nice` applies to that thread alone), and the GIL is
handed over every millisecond instead of every five, so the loop waits less for it.
"""

from __future__ import annotations

import os
import sys
import threading

__all__ = ["SWITCH_INTERVAL", "favour_the_loop", "run_behind_the_loop"]

SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL while another waits (Python's default: 0.005)
NICER = 10  # how much lower the scoring thread's priority is
_lowered = threading.local()


def favour_the_loop() -> None:
    """Call once in a worker process, before it serves."""
    sys.setswitchinterval(SWITCH_INTERVAL)


def run_behind_the_loop() -> None:
    """Call in a worker thread about to score: lower its CPU priority, once per thread."""
    if getattr(_lowered, "done", False) or not sys.platform.startswith("linux"):
        return  # elsewhere setpriority would lower the whole process, the loop with it
    _lowered.done = True
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + NICER))
    except OSError:
        pass  # not allowed here (a sandbox): scoring runs at the loop's priority, as before
