"""How worker processes share one listening socket: one connection at a time, each to
the worker holding the fewest.

Clients keep their connections open (keep-alive), so whichever worker accepts a
connection serves every request on it. asyncio accepts up to `backlog` pending
connections per readiness event: the worker that woke first took a whole burst (all 8
of a client's connections) and the other sat idle. Taking one at a time still left the
split to chance: 5/3 or 6/2 as often as 4/4 for 8 connections, and the worker with more
connections set everyone's latency (load.py, c=8: p50 9 ms at 4/4, 12.5 ms at 6/2).

So each worker publishes how many connections it holds in a small table in a shared
file (a slot per worker: pid, count), and a worker holding more than another one does
not accept for a moment (`DEFER_STEP`), leaving the connection to the other. The other
may be busy scoring for some milliseconds; past `MAX_DEFER` the worker accepts anyway,
so a stalled or dead worker (or a stale count) never keeps a connection waiting longer.
With one worker, or no table, this is plain one-at-a-time accepting.
"""

from __future__ import annotations

import asyncio
import fcntl
import mmap
import os
import struct
import time
import weakref

__all__ = ["TABLE_VARIABLE", "BalancedAcceptLoop", "ConnectionTable", "balanced_accept_loop"]

# Names the shared file (`stance serve` with several workers sets it for its workers).
TABLE_VARIABLE = "_STANCE_WORKER_TABLE"
DEFER_STEP = 0.002   # seconds a worker with more connections waits before looking again
MAX_DEFER = 0.05     # longest a pending connection is left to another worker
PUBLISH_EVERY = 0.25  # seconds between refreshes of this worker's count (connections also close)

_SLOT = struct.Struct("qq")  # pid, open connections; 8-byte aligned, so each field is written whole


class ConnectionTable:
    """Open connections per worker, in `path` (`slots` 16-byte slots), which every worker
    maps. A worker claims a free slot (or a dead worker's) under an exclusive lock."""

    def __init__(self, path: str, slots: int = 64, pid: int | None = None):
        self.pid = os.getpid() if pid is None else pid
        fd = os.open(path, os.O_RDWR)
        try:
            os.ftruncate(fd, max(os.fstat(fd).st_size, slots * _SLOT.size))
            self.map = mmap.mmap(fd, slots * _SLOT.size)
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                self.slot = self._claim(slots)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @staticmethod
    def create(path: str, slots: int = 64) -> None:
        """Write an empty table (the parent does, before it starts the workers)."""
        with open(path, "wb") as f:
            f.write(bytes(slots * _SLOT.size))

    def _claim(self, slots: int) -> int:
        for i in range(slots):
            pid, _ = _SLOT.unpack_from(self.map, i * _SLOT.size)
            if pid == 0 or pid == self.pid or not _alive(pid):
                _SLOT.pack_into(self.map, i * _SLOT.size, self.pid, 0)
                return i
        raise RuntimeError(f"no free slot among {slots} in the worker table")

    def publish(self, count: int) -> None:
        struct.pack_into("q", self.map, self.slot * _SLOT.size + 8, count)

    def fewest_elsewhere(self) -> int | None:
        """The fewest connections any other live worker holds (None: no other worker)."""
        fewest = None
        for i in range(len(self.map) // _SLOT.size):
            pid, count = _SLOT.unpack_from(self.map, i * _SLOT.size)
            if pid not in (0, self.pid) and _alive(pid) and (fewest is None or count < fewest):
                fewest = count
        return fewest


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class BalancedAcceptLoop(asyncio.SelectorEventLoop):
    """asyncio's loop, accepting one connection per readiness event, and none for a moment
    while another worker in `table` holds fewer connections (module docstring)."""

    def __init__(self, table: ConnectionTable | None = None):
        super().__init__()
        self.table = table
        self._accepted: weakref.WeakSet = weakref.WeakSet()
        self._deferring_since: float | None = None
        if table is not None:  # counts also fall as connections close: refresh now and then
            self.call_later(PUBLISH_EVERY, self._publish)

    def open_connections(self) -> int:
        return sum(1 for t in self._accepted if not t.is_closing())

    def _make_socket_transport(self, sock, protocol, waiter=None, *, extra=None, server=None):
        transport = super()._make_socket_transport(sock, protocol, waiter, extra=extra, server=server)
        self._accepted.add(transport)
        if self.table is not None:
            self.table.publish(self.open_connections())
        return transport

    def _accept_connection(self, protocol_factory, sock, sslcontext=None, server=None, backlog=100, *args):
        table = self.table
        if table is not None:
            mine = self.open_connections()
            table.publish(mine)
            fewest = table.fewest_elsewhere()
            now = time.monotonic()
            if fewest is not None and mine > fewest:
                if self._deferring_since is None:
                    self._deferring_since = now
                if now - self._deferring_since < MAX_DEFER:
                    self._defer(protocol_factory, sock, sslcontext, server, backlog, *args)
                    return None
            self._deferring_since = None
        # One connection, not up to `backlog` of them: the rest are left for the next event,
        # or another worker.
        return super()._accept_connection(protocol_factory, sock, sslcontext, server, 1, *args)

    def _defer(self, protocol_factory, sock, sslcontext, server, backlog, *args) -> None:
        """Stop watching the listening socket for DEFER_STEP, then look again (as asyncio
        itself does when accept() runs out of file descriptors)."""
        fd = sock.fileno()
        self._remove_reader(fd)

        def resume():
            if sock.fileno() == fd and (server is None or server.is_serving()):
                self._add_reader(fd, self._accept_connection, protocol_factory, sock, sslcontext, server, backlog,
                                 *args)

        self.call_later(DEFER_STEP, resume)

    def _publish(self) -> None:
        self.table.publish(self.open_connections())
        self.call_later(PUBLISH_EVERY, self._publish)


def balanced_accept_loop() -> BalancedAcceptLoop:
    """A loop using the table named by TABLE_VARIABLE, when there is one."""
    path = os.environ.get(TABLE_VARIABLE)
    return BalancedAcceptLoop(ConnectionTable(path) if path else None)
