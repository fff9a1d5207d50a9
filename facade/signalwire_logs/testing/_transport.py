"""Serving the fake: an in-process httpx transport and a loopback HTTP server."""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import anyio
import httpx

if TYPE_CHECKING:
    from ._fake import FakeSignalWire


@dataclass
class Reply:
    """What to send: a status, headers and body, or a connection-level failure."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "application/json"})
    delay: float = 0.0
    #: None, "drop" (close without answering), "reset" (TCP RST), "truncate" (send half
    #: the body, then close), "endless" (a body that never ends), "trickle-body" or
    #: "trickle-headers" (that part one byte every ``every`` seconds).
    action: str | None = None
    every: float = 0.0


#: However a client behaves, the fake stops an endless or trickled answer after this long.
_MAX_HOSTILE_SECONDS = 30.0
_SPACES = b" " * 65536


class _HostileStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An in-process body that never ends, or comes a byte at a time (sync or async)."""

    def __init__(self, body: bytes | None, every: float = 0.0) -> None:
        self._body, self._every = body, every

    def _pieces(self) -> Iterator[bytes]:
        started = time.monotonic()
        if self._body is None:
            while time.monotonic() - started < _MAX_HOSTILE_SECONDS:
                yield _SPACES
            return
        for index in range(len(self._body)):
            if time.monotonic() - started >= _MAX_HOSTILE_SECONDS:
                return
            yield self._body[index : index + 1]

    def __iter__(self) -> Iterator[bytes]:
        for piece in self._pieces():
            yield piece
            time.sleep(self._every)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self._pieces():
            yield piece
            await anyio.sleep(self._every)


def _response(reply: Reply, request: httpx.Request) -> httpx.Response:
    if reply.action == "drop":
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        )
    if reply.action == "reset":
        raise httpx.ReadError("[Errno 104] Connection reset by peer", request=request)
    if reply.action == "truncate":
        raise httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body "
            f"(received {len(reply.body) // 2} bytes, expected {len(reply.body)})",
            request=request,
        )
    if reply.action == "endless":
        return httpx.Response(200, headers=reply.headers, stream=_HostileStream(None))
    if reply.action == "trickle-body":
        stream = _HostileStream(reply.body, reply.every)
        headers = {**reply.headers, "content-length": str(len(reply.body))}
        return httpx.Response(reply.status, headers=headers, stream=stream, request=request)
    return httpx.Response(reply.status, headers=reply.headers, content=reply.body, request=request)


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serves a [`FakeSignalWire`][signalwire_logs.testing.FakeSignalWire] in-process, to sync
    and async httpx clients alike.

    Dropped and truncated connections raise what httpx raises for them on a real socket.
    """

    def __init__(self, fake: FakeSignalWire) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        reply = self.fake.handle(request)
        if reply.delay or reply.action == "trickle-headers":
            time.sleep(reply.delay + _header_trickle_seconds(reply))
        return _response(reply, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        reply = self.fake.handle(request)
        if reply.delay or reply.action == "trickle-headers":
            await anyio.sleep(reply.delay + _header_trickle_seconds(reply))
        return _response(reply, request)


def _header_trickle_seconds(reply: Reply) -> float:
    """In-process, trickled headers arrive after the time they would take byte by byte."""
    if reply.action != "trickle-headers":
        return 0.0
    size = sum(len(name) + len(value) + 4 for name, value in reply.headers.items()) + 17
    return min(size * reply.every, _MAX_HOSTILE_SECONDS)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to every small answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        request = httpx.Request(
            self.command,
            f"http://{self.headers.get('host') or self.server.address}{self.path}",
            headers=list(self.headers.items()),
            content=body,
        )
        reply = self.server.fake.handle(request)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.action == "drop":
            self.close_connection = True
            return
        if reply.action == "reset":
            # Linger 0: close() sends RST instead of FIN, as a crashed peer or proxy does.
            # Closed here, because the server's own shutdown(SHUT_WR) would send a FIN first.
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.connection.close()
            self.close_connection = True
            return
        if reply.action in ("endless", "trickle-body", "trickle-headers"):
            with contextlib.suppress(OSError):  # the client hung up, as it should
                self._hostile(reply)
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        if reply.action == "truncate":
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.close_connection = True
            return
        self.end_headers()
        self.wfile.write(reply.body)

    def _hostile(self, reply: Reply) -> None:
        """Send an endless body, or one part of the answer a byte at a time."""
        started = time.monotonic()

        def in_time() -> bool:
            return time.monotonic() - started < _MAX_HOSTILE_SECONDS

        if reply.action == "endless":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            self.wfile.write(b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"%x\r\n%s\r\n" % (len(_SPACES), _SPACES)
            while in_time():
                self.wfile.write(chunk)
            return
        reason = self.responses.get(reply.status, ("Error",))[0]
        headers = {**reply.headers, "content-length": str(len(reply.body))}
        lines = [f"HTTP/1.1 {reply.status} {reason}\r\n"]
        lines += [f"{name}: {value}\r\n" for name, value in headers.items()]
        head = "".join([*lines, "\r\n"]).encode("latin-1")
        slow, fast = (reply.body, head) if reply.action == "trickle-body" else (head, reply.body)
        if reply.action == "trickle-body":
            self.wfile.write(fast)
        for index in range(len(slow)):
            if not in_time():
                return
            self.wfile.write(slow[index : index + 1])
            self.wfile.flush()
            time.sleep(reply.every)
        if reply.action == "trickle-headers":
            self.wfile.write(fast)

    do_GET = do_POST = do_DELETE = _serve

    def log_message(self, format: str, *args: object) -> None:
        # Quiet by default; request lines would include nothing secret but clutter output.
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops the SYN of a 6th simultaneous connection,
    # which the client then resends only a second later.
    request_queue_size = 128

    def __init__(self, fake: FakeSignalWire, host: str, port: int) -> None:
        super().__init__((host, port), _Handler)
        self.fake = fake

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer (a timeout, a cancelled walk) is ordinary for a
        # test double; anything else still prints its traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def address(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class FakeServer:
    """A [`FakeSignalWire`][signalwire_logs.testing.FakeSignalWire] listening on a loopback
    address, in a background thread."""

    def __init__(self, fake: FakeSignalWire, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self._server = _Server(fake, host, port)
        # A short poll keeps stop() quick: shutdown waits for the serving loop to notice.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL to give a client, e.g. ``http://127.0.0.1:8765``."""
        return f"http://{self._server.address}"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextlib.contextmanager
def serve(fake: FakeSignalWire, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``fake`` on loopback for the duration of a ``with`` block; yields its URL."""
    server = FakeServer(fake, host, port).start()
    try:
        yield server.url
    finally:
        server.stop()
