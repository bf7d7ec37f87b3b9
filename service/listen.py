"""How the workers of `stance serve --workers N` share a port: each listens on a socket of
its own, and the kernel balances connections between them (SO_REUSEPORT).

By default uvicorn's workers share one listening socket: whichever worker wakes first
accepts, and asyncio takes up to `backlog` pending connections per wake-up, so one worker
took a whole burst of a client's keep-alive connections and the other sat idle. With
SO_REUSEPORT (Linux 3.9 and later) every worker binds its own socket to the same address,
and the kernel gives each new connection to one of the listening sockets by a hash of the
connection's addresses and ports: connections spread over the workers without the workers
sharing any state, and a worker that is busy loading its model is not listening yet.

The parent process binds one socket with SO_REUSEPORT and never listens on it: it holds the
port (and settles which one, for port 0) and reports a port in use before any worker
starts, in use by another `stance serve` too, whose group it would otherwise join. It hands that socket to uvicorn's supervisor as the workers' socket; a worker
receives it pickled, and unpickling it binds a new socket to the same address
(`GroupSocket.__reduce_ex__`), so every worker, and every worker restarted later, gets its
own. uvicorn's server listens on it once the app's startup (the model load) is done.

Where the kernel does not balance SO_REUSEPORT (Windows has no such option; macOS and the
BSDs accept it but give every connection to one socket), `balanced` is False and the
workers share one socket, as uvicorn does by default.
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import TypeVar

__all__ = ["GroupSocket", "balanced", "bind_group", "bind_member"]

log = logging.getLogger("uvicorn.error")
# uvicorn.config.STARTUP_FAILURE: a worker exiting with it makes the supervisor stop, not restart it.
STARTUP_FAILURE = 3


def balanced() -> bool:
    """Whether the kernel balances connections over sockets bound with SO_REUSEPORT."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


_Socket = TypeVar("_Socket", bound=socket.socket)


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _bound(cls: type[_Socket], family: socket.AddressFamily, address: tuple) -> _Socket:
    # IPPROTO_TCP spelt out: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says it is TCP, and without it every small answer waited out the
    # client's delayed ACK (44 ms a request).
    sock = cls(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _check_free(family: socket.AddressFamily, address: tuple) -> None:
    """Raise OSError (address in use) when a socket listens on `address`. Without this check
    a second `stance serve` on the same port would join the first one's group, with
    SO_REUSEPORT, and silently take half its connections. A socket without SO_REUSEPORT may
    not share a port with a listening one, whoever owns it; SO_REUSEADDR lets it past
    connections of an earlier run still in TIME_WAIT, as uvicorn's own bind does."""
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)


class GroupSocket(socket.socket):
    """The parent's socket of a SO_REUSEPORT group: bound, never listening. Pickled for a
    worker process, it arrives there as a new socket of the group (module docstring)."""

    def __reduce_ex__(self, protocol):
        return bind_member, (self.family, self.getsockname()[:2])


def bind_group(host: str, port: int) -> GroupSocket:
    """The parent's socket for `host:port` (port 0: a free port, which the workers then share).
    Raises OSError when something listens there already."""
    if port:
        _check_free(_family(host), (host, port))
    sock = _bound(GroupSocket, _family(host), (host, port))
    scheme = "http://[%s]:%d" if sock.family == socket.AF_INET6 else "http://%s:%d"
    log.info(f"Uvicorn running on {scheme} (Press CTRL+C to quit)", host, sock.getsockname()[1])
    return sock


def bind_member(family: socket.AddressFamily, address: tuple) -> socket.socket:
    """A worker's own socket of the group on `address`, bound, not yet listening. Called as
    the worker unpickles its arguments: a failure ends the worker with uvicorn's
    startup-failure code, so the supervisor stops instead of restarting it in a loop."""
    try:
        return _bound(socket.socket, family, address)
    except OSError as e:
        print(f"stance serve: error: cannot bind a worker's socket to {address[0]}:{address[1]}: {e}", file=sys.stderr)
        raise SystemExit(STARTUP_FAILURE) from None
