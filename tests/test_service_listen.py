"""`stance serve --workers N`: each worker listens on a socket of its own on the one port,
and the kernel spreads connections over them (SO_REUSEPORT, service/listen.py); nothing
`stance serve` imports needs fcntl (Windows)."""

from __future__ import annotations

import os
import pickle
import select
import socket
import subprocess
import sys
from multiprocessing.reduction import ForkingPickler

import pytest

from service import Settings, listen, server
from training import InputError

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not listen.balanced(), reason="the kernel balances SO_REUSEPORT on Linux only")


def _worker_socket(parent: socket.socket) -> socket.socket:
    """What a worker process receives: the parent's socket, pickled as uvicorn's spawn does."""
    return pickle.loads(ForkingPickler.dumps(parent))


def _accepted(listening: list[socket.socket], expected: int) -> list[int]:
    """How many connections each socket accepts, until `expected` in all (or 5 s pass)."""
    counts = [0] * len(listening)
    for sock in listening:
        sock.setblocking(False)
    while sum(counts) < expected:
        ready, _, _ = select.select(listening, [], [], 5)
        if not ready:
            break
        for sock in ready:
            conn, _ = sock.accept()
            conn.close()
            counts[listening.index(sock)] += 1
    return counts


def test_each_worker_listens_on_its_own_socket_and_the_kernel_spreads_connections():
    parent = listen.bind_group("127.0.0.1", 0)  # port 0: the parent settles the port the workers share
    workers = [_worker_socket(parent) for _ in range(2)]
    clients = []
    try:
        port = parent.getsockname()[1]
        assert [w.getsockname()[1] for w in workers] == [port, port]
        assert len({parent.fileno(), *(w.fileno() for w in workers)}) == 3  # three sockets, not one shared
        for w in workers:
            w.listen(64)  # as uvicorn's server does once the app has started
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(48)]
        counts = _accepted(workers, len(clients))
        assert sum(counts) == 48, counts  # none went to the parent, which never listens
        assert min(counts) >= 8, counts  # by a hash of each connection: 24 each on average
    finally:
        for s in (*clients, *workers, parent):
            s.close()


@pytest.mark.parametrize("reuse_port", [False, True])
def test_a_taken_port_is_one_line_before_any_worker_starts(monkeypatch, tmp_path, reuse_port):
    """Taken by any listening socket, one with SO_REUSEPORT too (another `stance serve`, say),
    whose group this server's workers would otherwise join, sharing its connections."""
    taken = socket.create_server(("127.0.0.1", 0), reuse_port=reuse_port)
    monkeypatch.setattr(server, "Multiprocess", lambda *a, **k: pytest.fail("no worker should start"))
    environ = dict(os.environ)
    try:
        port = taken.getsockname()[1]
        with pytest.raises(InputError) as e:
            server.run(Settings(models_dir=tmp_path, port=port, workers=2))
        assert str(e.value).startswith(
            f"expected to listen on 127.0.0.1:{port}, found that the address cannot be bound: "
        ) and "\n" not in str(e.value)
        if reuse_port:
            return  # a worker would join that group: the parent's check is what stops it
        # A worker that cannot bind (the port taken after the parent checked) ends with uvicorn's
        # startup-failure code, so the supervisor stops rather than restarting it in a loop.
        with pytest.raises(SystemExit) as stopped:
            listen.bind_member(socket.AF_INET, ("127.0.0.1", port))
        assert stopped.value.code == listen.STARTUP_FAILURE
    finally:
        taken.close()
        os.environ.clear()
        os.environ.update(environ)


def test_without_balancing_the_workers_share_one_socket(monkeypatch, tmp_path):
    """Where SO_REUSEPORT does not balance (Windows, macOS), uvicorn's shared socket."""
    handed = []

    class Supervisor:
        def __init__(self, config, sockets):
            handed.extend(sockets)

        def run(self):
            pass

    monkeypatch.setattr(server, "balanced", lambda: False)
    monkeypatch.setattr(server, "Multiprocess", Supervisor)
    environ = dict(os.environ)
    try:
        server.run(Settings(models_dir=tmp_path, port=0, workers=2))
    finally:
        os.environ.clear()
        os.environ.update(environ)
    (sock,) = handed
    assert type(sock) is socket.socket  # pickled as itself: the same socket in every worker


def test_serving_imports_nothing_windows_lacks():
    """`stance serve` and the app import no fcntl: with it missing, as on Windows, they load,
    and the workers' board still numbers reload requests."""
    code = (
        "import sys, tempfile; sys.modules['fcntl'] = None\n"
        "import service.server, service.app\n"
        "from service.workers import WorkerBoard\n"
        "board = WorkerBoard(tempfile.mkdtemp())\n"
        "assert [board.request_reload(), board.request_reload()] == [1, 2]\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
