"""Shared by the benchmark scripts: progress on stderr, machine description, timing statistics,
and writing one named section of docs/BENCHMARKS.md without touching the others."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS_MD = ROOT / "docs" / "BENCHMARKS.md"

HEADER = """# Benchmarks

Every figure here is written by a script in `benchmarks/`; each section names the command
that produced it, the machine, and when. Re-run the command to refresh its section.
"""


def log(msg: str) -> None:
    """A progress line on stderr (stdout carries the section or a child's answer)."""
    print(msg, file=sys.stderr, flush=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"


def proc_status_number(field: str, pid: int | str = "self") -> int | None:
    """The number after `field:` in /proc/PID/status (Linux; memory fields in kB); None where
    unknown or when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def proc_status_mb(field: str, pid: int | str = "self") -> float | None:
    """A memory field of /proc/PID/status ("VmRSS", "VmHWM"...) in MB; None where unknown."""
    kb = proc_status_number(field, pid)
    return None if kb is None else kb / 1024


def spread(values: list[float]) -> str:
    """Median with min-max spread, e.g. '12.3 (11.9-13.0)'."""
    return f"{statistics.median(values):.4g} ({min(values):.4g}-{max(values):.4g})"


def write_section(name: str, body: str, command: str | None = None) -> None:
    """Replace (or append) the section `name` of docs/BENCHMARKS.md."""
    command = command or "python " + " ".join([os.path.relpath(sys.argv[0], ROOT), *sys.argv[1:]])
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = (
        f"<!-- BEGIN {name} -->\n{body.rstrip()}\n\nCommand: `{command}`  \n"
        f"Machine: {machine()}  \nRun: {stamp}, commit {git_commit()}\n<!-- END {name} -->"
    )
    BENCHMARKS_MD.parent.mkdir(parents=True, exist_ok=True)
    text = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.exists() else HEADER
    pattern = re.compile(rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    BENCHMARKS_MD.write_text(text, encoding="utf-8")
