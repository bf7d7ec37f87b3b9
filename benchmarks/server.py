"""`stance serve` in a subprocess for the HTTP benchmarks (load.py, abuse.py): on a free
loopback port, in a session of its own (so its workers can be counted and stopped
together), ready when every worker has loaded its model."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["Server", "free_port"]

# A worker's JSON log line saying it loaded its model (any JSON spacing).
_MODEL_LOADED = re.compile(r'"event":\s*"model_loaded"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`stance serve` in a subprocess, ready when every worker has loaded its model."""

    def __init__(self, models_dir: Path, workers: int, log: Path):
        self.port, self.workers, self.log_path = free_port(), workers, log
        self.log = open(log, "wb")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "training",
                "serve",
                "--models-dir",
                str(models_dir),
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def last_log_line(self) -> str:
        lines = self.log_path.read_text(errors="replace").strip().splitlines()
        return lines[-1][:300] if lines else "(no output)"

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(
                    f"load.py: error: the server exited with code {self.proc.returncode}: {self.last_log_line()}"
                )
            started = len(_MODEL_LOADED.findall(self.log_path.read_text(errors="replace")))
            if started >= self.workers:
                with urllib.request.urlopen(self.url + "/readyz", timeout=5) as r:
                    if r.status == 200:
                        return
            time.sleep(0.2)
        raise SystemExit(f"load.py: error: the server was not ready after {timeout:.0f} s: {self.last_log_line()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
