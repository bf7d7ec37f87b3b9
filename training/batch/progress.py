"""Progress of a long job on stderr: a bar redrawn in place when stderr is a terminal,
a plain log line every so often otherwise (so a log file stays readable)."""

from __future__ import annotations

import sys
import time

__all__ = ["Progress", "format_duration"]

BAR_WIDTH = 24


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Documents and sentences per second and the time left, from the fraction of input read.

    Rates count this run only, so a resumed job does not look faster than it is."""

    def __init__(self, stream=None, *, tty: bool | None = None, every: float | None = None):
        self._stream = stream
        self.tty = tty
        self.every = every
        self.t0 = time.perf_counter()
        self.last = -1e9
        self.start_fraction: float | None = None
        self.drawn = False

    @property
    def stream(self):
        return self._stream or sys.stderr  # looked up late: tests and callers swap stderr

    def _is_tty(self) -> bool:
        if self.tty is None:
            isatty = getattr(self.stream, "isatty", None)
            self.tty = bool(isatty and isatty())
        return self.tty

    def start(self, fraction: float) -> None:
        self.start_fraction, self.t0 = fraction, time.perf_counter()

    def update(self, docs: int, sentences: int, fraction: float, *, force: bool = False) -> None:
        """`docs` and `sentences` scored in this run; `fraction` of the whole input read."""
        now = time.perf_counter()
        every = self.every if self.every is not None else (0.2 if self._is_tty() else 30.0)
        if not force and now - self.last < every:
            return
        self.last = now
        line = self.line(docs, sentences, fraction, now - self.t0)
        if self._is_tty():
            self.stream.write("\r\033[K" + line)
            self.drawn = True
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def line(self, docs: int, sentences: int, fraction: float, elapsed: float) -> str:
        elapsed = max(elapsed, 1e-9)
        done = fraction - (self.start_fraction or 0.0)
        eta = format_duration(elapsed * (1 - fraction) / done) if done > 0 and fraction < 1 else "?"
        if fraction >= 1:
            eta = "0:00"
        filled = int(BAR_WIDTH * fraction)
        bar = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction:4.0%} " if self._is_tty() else f"{fraction:.0%} "
        return (
            f"{bar}{docs:,} docs, {sentences:,} sentences | {docs / elapsed:,.0f} docs/s, "
            f"{sentences / elapsed:,.0f} sentences/s | elapsed {format_duration(elapsed)}, ETA {eta}"
        )

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
