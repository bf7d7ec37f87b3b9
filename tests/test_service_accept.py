"""Workers share their connection counts and a worker holding more leaves a new
connection to one holding fewer, for a bounded time (service/accept.py)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time

import pytest

from service import accept
from service.accept import BalancedAcceptLoop, ConnectionTable


@pytest.fixture
def table_path(tmp_path):
    path = tmp_path / "workers"
    ConnectionTable.create(str(path))
    return str(path)


def test_workers_see_each_others_counts(table_path):
    me = ConnectionTable(table_path, pid=os.getpid())
    assert me.fewest_elsewhere() is None  # alone: nobody to leave connections to
    other = ConnectionTable(table_path, pid=os.getppid())  # any live process stands for a worker
    assert other.slot != me.slot
    me.publish(5)
    other.publish(3)
    assert (me.fewest_elsewhere(), other.fewest_elsewhere()) == (3, 5)
    assert ConnectionTable(table_path, pid=os.getpid()).slot == me.slot  # a restarted loop takes its own slot back


def test_a_dead_workers_slot_is_ignored_and_reused(table_path):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)
    gone = ConnectionTable(table_path, pid=dead)
    gone.publish(0)
    other = ConnectionTable(table_path, pid=os.getppid())
    assert other.fewest_elsewhere() is None  # a dead worker's count does not count
    assert other.slot == gone.slot  # and its slot goes to the next worker to start


class _Record(asyncio.Protocol):
    made: list = []

    def connection_made(self, transport):
        self.made.append(transport)


def _serve(loop, listening):
    """What asyncio does for a server: watch the listening socket with `_accept_connection`."""
    loop._add_reader(listening.fileno(), loop._accept_connection, _Record, listening, None, None, 100)


@pytest.mark.parametrize("others", [None, 0, 1])
def test_a_worker_with_more_connections_leaves_new_ones_for_a_while(table_path, monkeypatch, others):
    """Holding one connection, a worker defers a new one while another worker holds none
    (but takes it after MAX_DEFER: that worker may be stalled), and takes it at once when
    no other worker holds fewer."""
    monkeypatch.setattr(accept, "MAX_DEFER", 0.2)
    if others is not None:
        ConnectionTable(table_path, pid=os.getppid()).publish(others)
    loop = BalancedAcceptLoop(ConnectionTable(table_path, pid=os.getpid()))
    listening = socket.create_server(("127.0.0.1", 0))
    listening.setblocking(False)
    _Record.made = []
    clients = []
    try:
        _serve(loop, listening)
        clients.append(socket.create_connection(listening.getsockname()[:2]))
        loop.run_until_complete(asyncio.sleep(0.05))
        assert len(_Record.made) == 1 and loop.open_connections() == 1  # the first: nobody holds fewer than 0
        clients.append(socket.create_connection(listening.getsockname()[:2]))
        start = time.monotonic()
        while len(_Record.made) < 2 and time.monotonic() - start < 2:
            loop.run_until_complete(asyncio.sleep(0.01))
        waited = time.monotonic() - start
        assert len(_Record.made) == 2
        if others == 0:
            assert 0.15 <= waited < 1.0, waited  # left for the other worker, then taken anyway
        else:
            assert waited < 0.15, waited
    finally:
        _close(loop, _Record.made, clients, listening)


def test_a_worker_accepts_one_pending_connection_at_a_time():
    """Workers share one listening socket: a worker taking every pending connection at once
    (asyncio's default) left the other idle for the life of those keep-alive connections."""
    loop = BalancedAcceptLoop()
    listening = socket.create_server(("127.0.0.1", 0))
    listening.setblocking(False)
    clients = [socket.create_connection(listening.getsockname()[:2]) for _ in range(3)]
    _Record.made = []
    try:
        loop._accept_connection(_Record, listening, backlog=100)  # what one readiness event calls
        loop.run_until_complete(asyncio.sleep(0.05))
        assert len(_Record.made) == 1
        loop._accept_connection(_Record, listening, backlog=100)
        loop.run_until_complete(asyncio.sleep(0.05))
        assert len(_Record.made) == 2  # the others were left for the next event, or another worker
    finally:
        _close(loop, _Record.made, clients, listening)


def _close(loop, transports, clients, listening) -> None:
    for t in transports:
        t.close()
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()
    for c in clients:
        c.close()
    listening.close()
