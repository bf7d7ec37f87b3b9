"""Measuring in fresh processes, shared by the benchmark scripts: run a script's child and read
its answer, time the batches of a `score_file` call, sample the resident memory of a process
tree, wait for a shared machine to be quiet before a run, and say how many cores a run had.

Linux figures (/proc, `VmHWM`, `wait4`); where /proc is missing, memory reads as unknown or 0.
"""

from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.report import ROOT, proc_status_mb, proc_status_number
from training.batch.progress import Progress

MAX_OTHERS = 0.15  # cores other processes may use during a run before it is repeated (a shared machine)


def run_child(*argv: str, env: dict | None = None) -> dict:
    """`python *argv` (a script and its arguments, or `-c CODE ...`) in a fresh process from the
    checkout: the JSON object it printed on its last line. Exits with the end of its stderr when it fails."""
    r = subprocess.run([sys.executable, *argv], capture_output=True, text=True, cwd=ROOT, env=env)
    if r.returncode:
        raise SystemExit(f"benchmark child failed (exit code {r.returncode}): {r.stderr.strip()[-800:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def run_with_peak(argv: list[str], stdout) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one child process, its own ru_maxrss from wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"expected {' '.join(argv)} to succeed, found exit code {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024  # KB on Linux


class BatchClock(Progress):
    """A `score_file` progress that records, as each batch's result comes back, (wall clock,
    this process's CPU time, sentences so far). `on_first_batch` runs just before the first
    mark (to tell loading from scoring)."""

    def __init__(self, on_first_batch=None):
        super().__init__(io.StringIO(), tty=False)
        self.marks: list[tuple[float, float, int]] = []
        self.on_first_batch = on_first_batch

    def update(self, docs, sentences, fraction, *, force=False):
        if force:
            return
        if not self.marks and self.on_first_batch is not None:
            self.on_first_batch()
        self.marks.append((time.perf_counter(), time.process_time(), sentences))


# -- memory -------------------------------------------------------------------------------


def reset_peak_rss() -> None:
    """Reset this process's peak resident set (Linux: write 5 to /proc/self/clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def peak_rss_mb() -> float | None:
    """The peak resident set since the last reset (VmHWM), in MB; None where unknown."""
    return proc_status_mb("VmHWM")


def rss_mb(pid: int) -> float | None:
    """Resident memory of one process now (Linux /proc), in MB; None when it is gone."""
    return proc_status_mb("VmRSS", pid)


def _proc_stats() -> Iterator[tuple[int, list[bytes]]]:
    """(pid, the fields of /proc/PID/stat after the command name) of every live process:
    field 4 of proc(5), the parent, is [1]; field 6, the session, [3]; utime and stime,
    fields 14 and 15, [11] and [12]."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_bytes()
        except OSError:  # the process ended meanwhile
            continue
        yield int(stat.parent.name), text[text.rfind(b")") + 2 :].split()


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc), e.g. a server's workers."""
    return [child for child, fields in _proc_stats() if int(fields[1]) == pid]


def session_cpu_seconds(session: int) -> float:
    """CPU seconds (user and system) used so far by the live processes of a session: the
    server and its workers (started with `start_new_session`, so the session id is its pid)."""
    ticks = sum(int(f[11]) + int(f[12]) for _, f in _proc_stats() if int(f[3]) == session)
    return ticks / os.sysconf("SC_CLK_TCK")


def session_preemptions(session: int) -> int:
    """Involuntary context switches so far of the live processes of a session (their main
    threads, Linux /proc): how often the scheduler took a core from the server to run
    something else, such as the load generator."""
    counts = (proc_status_number("nonvoluntary_ctxt_switches", pid) for pid, f in _proc_stats() if int(f[3]) == session)
    return sum(c for c in counts if c is not None)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += rss_mb(p) or 0.0
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run_sampling_memory(cmd: list[str], errors: Path, every: float = 0.2) -> tuple[int, str, list[float]]:
    """Run `cmd` from the checkout, sampling the resident memory of it and its descendants every
    `every` s: (exit code, its stdout, the samples in MB). Its stderr goes to the file `errors`
    (a file, not a pipe: nobody reads it while it runs)."""
    with open(errors, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, cwd=ROOT, env=dict(os.environ, NO_COLOR="1"))
        samples = []
        while proc.poll() is None:
            samples.append(tree_rss_mb(proc.pid))
            time.sleep(every)
        stdout = proc.stdout.read().decode() if proc.stdout else ""
    return proc.returncode, stdout, samples


# -- CPU time and a shared machine --------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def machine_busy() -> float:
    """CPU-seconds every process on the machine has used since boot (Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def wait_for_quiet(limit: float = MAX_OTHERS, patience: float = 300.0) -> None:
    """Wait (at most `patience` seconds) until other processes use less than `limit` cores."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        before = machine_busy()
        time.sleep(2.0)
        if (machine_busy() - before) / 2.0 < limit:
            return


def _burn(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def parallel_capacity(n: int = 5_000_000) -> float:
    """How many cores this run really had: the same pure-Python loop in 2 processes at once
    against 1 (2.0 on an idle 2-core machine; near 1.0 when other work holds a core)."""
    import multiprocessing

    one = _burn(n)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # start both processes before timing
        t = time.perf_counter()
        pool.map(_burn, [n, n])
        both = time.perf_counter() - t
    return 2 * one / both
