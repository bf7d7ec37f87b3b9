"""Run the service under uvicorn with the given settings (what `stance serve` calls)."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile

import uvicorn
from uvicorn.supervisors import Multiprocess

from training import InputError
from training.batch.threads import one_thread_per_process

from .listen import balanced, bind_group
from .logs import log_config
from .settings import Settings, env_name
from .workers import WORKERS_VARIABLE

__all__ = ["run", "to_env"]


def config(settings: Settings) -> uvicorn.Config:
    return uvicorn.Config(
        "service.app:create_app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level),
        # The app logs each request itself, as JSON with its request id.
        access_log=False,
        # A worker busy importing scikit-learn and loading its model on a loaded machine can
        # miss uvicorn's default 5 s health check and be killed in a loop: allow more.
        timeout_worker_healthcheck=30,
        # The standard asyncio loop, not uvloop: with CPU-bound handlers uvloop starved some
        # connections for seconds at concurrency 64 (p99 4.2 s against 0.4 s, /healthz p99
        # 400 ms against 37 ms, in benchmarks/load.py runs), and the concurrency cap never shed.
        loop="asyncio",
    )


def run(settings: Settings) -> None:
    """Serve until interrupted. Each worker process builds its app from the STANCE_*
    variables, so the settings are handed over through the environment."""
    one_thread_per_process(override=False)  # before the worker processes start
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value is None:
            os.environ.pop(env_name(name), None)
        else:
            os.environ[env_name(name)] = to_env(value)
    cfg = config(settings)
    if cfg.workers > 1:
        _run_workers(cfg)
    else:
        server = uvicorn.Server(cfg)
        server.run()  # binds with create_server(host, port), which sets TCP_NODELAY itself
        if not server.started:  # the port was taken, say: uvicorn.run exits 3 too
            raise SystemExit(3)


def _run_workers(cfg: uvicorn.Config) -> None:
    """What uvicorn.run does for several workers, each worker with a listening socket of its
    own where the kernel balances them (listen.py), else one shared socket."""
    sock: socket.socket
    if balanced():
        try:
            sock = bind_group(cfg.host, cfg.port)
        except OSError as e:  # taken, say: one line from the command, before any worker starts
            raise InputError(
                f"expected to listen on {cfg.host}:{cfg.port}, found that the address cannot be "
                f"bound: {e.strerror or e}"
            ) from None
    else:
        sock = cfg.bind_socket()
    board = tempfile.mkdtemp(prefix="stance-board-")
    os.environ[WORKERS_VARIABLE] = board  # what each worker serves, reload requests (workers.py)
    try:
        Multiprocess(cfg, sockets=[sock]).run()
    finally:
        os.environ.pop(WORKERS_VARIABLE, None)
        shutil.rmtree(board, ignore_errors=True)
        sock.close()


def to_env(value) -> str:
    """A setting's value as its STANCE_* variable spells it (Settings.from_env reads it back)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)
