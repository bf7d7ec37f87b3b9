"""Request bodies: read whole, within a size limit and a deadline, before anything else
is done with them; and, once read, whether the client is still there.

`BodyReader` sits outside the concurrency cap. A client that sends its body one byte at a
time waits on its own connection and never holds a place under the cap: three such
connections made every scoring request answer 503 with `--max-concurrency 3`, and the
server never closed them. Past `timeout` seconds the request gets 408 and its connection
is closed; past `max_bytes` it gets 413, whatever Content-Length said.

The app then gets the body as one message. Asked for more, it waits until the client
leaves (`http.disconnect`), which `ClientWatch` also tells a thread scoring for the request:
a client that gives up on a long request stops its scoring too.
"""

from __future__ import annotations

import asyncio
import threading

from fastapi.responses import JSONResponse

__all__ = ["BodyReader", "ClientWatch"]


class ClientWatch:
    """Whether the client of a request whose body was read has gone. Nothing is watched
    until someone asks (`start`): most requests are answered before it would matter."""

    def __init__(self, receive):
        self._receive = receive
        self.gone = threading.Event()  # a thread can poll it
        self._task: asyncio.Task | None = None

    def start(self) -> threading.Event:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._wait())
        return self.gone

    async def _wait(self) -> None:
        while (await self._receive())["type"] != "http.disconnect":
            pass  # nothing else can come once the body is read; the server says so in the end
        self.gone.set()

    async def disconnected(self) -> dict:
        """What `receive` gives the app after the body: the disconnect, when it comes."""
        self.start()
        await asyncio.shield(self._task)
        return {"type": "http.disconnect"}

    def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()


class BodyReader:
    """ASGI middleware: read each request body whole (module docstring). Requests that
    declare no body (no Content-Length, no Transfer-Encoding) pass untouched."""

    def __init__(self, app, max_bytes: int, timeout: float):
        self.app, self.max_bytes, self.timeout = app, max_bytes, timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = None
        chunked = False
        for name, value in scope.get("headers") or ():
            if name == b"content-length":
                length = value
            elif name == b"transfer-encoding":
                chunked = True
        if length is None and not chunked:
            return await self.app(scope, receive, send)
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            return await self._refuse(413, scope, receive, send)
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    message = await receive()
                    if message["type"] != "http.request":
                        return  # the client left before it sent its body: no one to answer
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:
                        return await self._refuse(413, scope, receive, send)
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            return await self._refuse(408, scope, receive, send)
        body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        watch = ClientWatch(receive)
        scope.setdefault("state", {})["client"] = watch
        first = True

        async def replay():
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": body, "more_body": False}
            return await watch.disconnected()

        try:
            await self.app(scope, replay, send)
        finally:
            watch.close()

    async def _refuse(self, status: int, scope, receive, send) -> None:
        """413 or 408, and close the connection: the rest of the body is not read."""
        if status == 413:
            detail = f"request body is over the limit of {self.max_bytes} bytes"
        else:
            detail = (
                f"expected the request body within {self.timeout} s (body_timeout), found it still "
                "arriving; send it at once, or put a proxy that buffers bodies in front"
            )
        await JSONResponse({"detail": detail}, status_code=status, headers={"connection": "close"})(
            scope, receive, send
        )
