"""The endpoint's defences at the HTTP level, before any query is looked at.

- **Host names.** A web page can reach a server on the reader's own machine by pointing a host name it
  controls at 127.0.0.1 (DNS rebinding). Only requests naming a loopback host (or a host allowed with
  ``--allow-host``, or the address the server listens on) are answered; others get 421.
- **Framing.** A request with both ``Content-Length`` and ``Transfer-Encoding`` is refused (400), as RFC
  9112 asks, since two readers may frame it differently.
- **Bodies.** A body is refused (413) from its ``Content-Length`` before it is read; a chunked body is
  counted as it arrives and refused the moment it passes the limit; each part must arrive within the
  body timeout (408).
- **Slow and idle clients.** Headers must arrive within the header timeout, on a new connection and on
  each reuse of a kept-alive one; the connection is closed otherwise. At most ``max_connections`` are open:
  past it, the oldest connection still sending its headers is closed to make room, so a crowd of
  connections that never finish their headers (slowloris) cannot keep an honest client out. Connections
  are accepted a few dozen at a time (a small listen backlog), so the cap runs before a burst can use up
  the process's open files.
"""

from __future__ import annotations

import asyncio
from typing import Any

from kzgraph.serve import LOOPBACK, ServeConfig


class BodyTooLarge(Exception):
    """A request body the endpoint refuses, with the status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def read_body(request: Any, limit: int, timeout: float) -> bytes:
    """The request body, counted as it arrives; refused past ``limit`` bytes or a ``timeout`` stall."""
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise BodyTooLarge(400, "bad Content-Length")
        if int(length) > limit:
            raise BodyTooLarge(413, f"the request body is over {limit} bytes")
    chunks: list[bytes] = []
    total = 0
    stream = request.stream().__aiter__()
    while True:
        try:
            chunk = await asyncio.wait_for(stream.__anext__(), timeout)
        except StopAsyncIteration:
            break
        except TimeoutError:
            raise BodyTooLarge(408, "the request body did not arrive in time") from None
        total += len(chunk)
        if total > limit:
            raise BodyTooLarge(413, f"the request body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def host_name(header: str) -> str:
    """The host part of a Host header, in lower case, without the port.

    >>> host_name("[::1]:7878"), host_name("localhost:7878"), host_name("Example.ORG")
    ('[::1]', 'localhost', 'example.org')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed(config: ServeConfig) -> set[str]:
    """The host names the endpoint answers."""
    names = {*LOOPBACK, *(h.lower() for h in config.allowed_hosts)}
    if config.host not in ("0.0.0.0", "::", ""):
        names.add(config.host.lower())
    return names


async def _plain(send: Any, status: int, message: str) -> None:
    body = (message + "\n").encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def guarded(app: Any, config: ServeConfig) -> Any:
    """The application behind the Host, framing and Content-Length checks."""
    names = allowed(config)

    async def guard(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers: dict[bytes, list[bytes]] = {}
            for key, value in scope.get("headers", []):
                headers.setdefault(key.lower(), []).append(value)
            hosts = headers.get(b"host", [])
            if hosts and host_name(hosts[0].decode("latin-1")) not in names:
                await _plain(
                    send, 421, "this endpoint answers requests for its own host names only (see --allow-host)"
                )
                return
            if b"content-length" in headers and b"transfer-encoding" in headers:
                await _plain(send, 400, "a request may not carry both Content-Length and Transfer-Encoding")
                return
            lengths = headers.get(b"content-length", [])
            if lengths and lengths[0].isdigit() and int(lengths[0]) > config.max_body_bytes:
                await _plain(send, 413, f"the request body is over {config.max_body_bytes} bytes")
                return
        await app(scope, receive, send)

    return guard


def protocol_for(config: ServeConfig) -> Any:
    """uvicorn's HTTP/1.1 protocol with a header timeout and a cap on open connections."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Guarded(H11Protocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self.opened = self.loop.time()
            self.waiting = True
            self.last_cycle: Any = None
            self.header_timer: asyncio.TimerHandle | None = self.loop.call_later(
                config.header_timeout, self._too_slow
            )
            if len(self.connections) > config.max_connections:
                # (a connection already being closed is no room made: skip it, or a burst would close
                # the same victim again and again while the crowd grows past the cap)
                slow: list[Any] = [
                    c
                    for c in self.connections
                    if c is not self and getattr(c, "waiting", False) and not c.transport.is_closing()
                ]
                victim = min(slow, key=lambda c: c.opened, default=None)
                if victim is not None:
                    victim.transport.close()
                else:
                    self.transport.close()

        def _too_slow(self) -> None:
            if self.waiting:
                self.transport.close()

        def _headers_arrived(self) -> None:
            self.waiting = False
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and self.cycle is not self.last_cycle:  # a new request's headers are in
                self.last_cycle = self.cycle
                self._headers_arrived()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            # a kept-alive connection must send its next headers in time too
            self.waiting = True
            self.opened = self.loop.time()
            if self.header_timer is not None:
                self.header_timer.cancel()
            self.header_timer = self.loop.call_later(config.header_timeout, self._too_slow)

        def connection_lost(self, exc: Exception | None) -> None:
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None
            super().connection_lost(exc)

    return Guarded
