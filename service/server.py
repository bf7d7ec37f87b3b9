"""Run the service under uvicorn with the given settings (what `stance serve` calls)."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from dataclasses import fields

import uvicorn
from uvicorn.supervisors import Multiprocess

from training.threads import one_thread_per_process

from .accept import TABLE_VARIABLE, ConnectionTable
from .logs import log_config
from .settings import Settings, env_name
from .workers import WORKERS_VARIABLE

__all__ = ["run", "to_env"]


class _Config(uvicorn.Config):
    def bind_socket(self) -> socket.socket:
        """The shared listening socket of several workers, re-wrapped so that Python knows it
        is TCP. uvicorn makes it with `socket.socket(family)`, whose `proto` is 0; asyncio
        then does not set TCP_NODELAY on accepted connections, and every small response
        waited out the client's delayed ACK: 44 ms per request with 2 workers."""
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock = socket.socket(fileno=sock.detach())  # the kernel knows: proto is IPPROTO_TCP
        return sock


def config(settings: Settings) -> uvicorn.Config:
    return _Config(
        "service.app:create_app_from_env", factory=True, host=settings.host, port=settings.port,
        workers=settings.workers, log_level=settings.log_level, log_config=log_config(settings.log_level),
        # The app logs each request itself, as JSON with its request id.
        access_log=False,
        # A worker busy importing scikit-learn and loading its model on a loaded machine can
        # miss uvicorn's default 5 s health check and be killed in a loop: allow more.
        timeout_worker_healthcheck=30,
        # The standard asyncio loop, accepting each connection in the worker holding the
        # fewest (accept.py), not uvloop: with CPU-bound handlers uvloop starved some
        # connections for seconds at concurrency 64 (p99 4.2 s against 0.4 s, /healthz p99
        # 400 ms against 37 ms, in benchmarks/load.py runs), and the concurrency cap never shed.
        loop="service.accept:balanced_accept_loop")


def run(settings: Settings) -> None:
    """Serve until interrupted. Each worker process builds its app from the STANCE_*
    variables, so the settings are handed over through the environment."""
    one_thread_per_process(override=False)  # before the worker processes start
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if value is None:
            os.environ.pop(env_name(f.name), None)
        else:
            os.environ[env_name(f.name)] = to_env(value)
    cfg = config(settings)
    # What uvicorn.run does, with our config class (uvicorn.run builds its own).
    if cfg.workers > 1:
        fd, table = tempfile.mkstemp(prefix="stance-workers-")
        os.close(fd)
        ConnectionTable.create(table)
        os.environ[TABLE_VARIABLE] = table  # the workers' loops find it there (accept.py)
        board = tempfile.mkdtemp(prefix="stance-board-")
        os.environ[WORKERS_VARIABLE] = board  # what each worker serves, reload requests (workers.py)
        try:
            Multiprocess(cfg, sockets=[cfg.bind_socket()]).run()
        finally:
            os.environ.pop(TABLE_VARIABLE, None)
            os.environ.pop(WORKERS_VARIABLE, None)
            os.unlink(table)
            shutil.rmtree(board, ignore_errors=True)
    else:
        server = uvicorn.Server(cfg)
        server.run()  # binds with create_server(host, port), which sets TCP_NODELAY itself
        if not server.started:  # the port was taken, say: uvicorn.run exits 3 too
            raise SystemExit(3)


def to_env(value) -> str:
    """A setting's value as its STANCE_* variable spells it (Settings.from_env reads it back)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)
