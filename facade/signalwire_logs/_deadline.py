"""The deadline of one attempt of a request: connecting, the headers and the body together.

httpx's timeouts bound each network operation, not the call: a server sending one byte a
second never trips a 10 s read timeout. So an attempt also gets a deadline, whatever the
server does (its body is bounded in memory by ``_capped_body.py``).

- Async: the transport runs an attempt under `anyio.fail_after()`, which cancels
  whatever the transport is waiting on.
- Sync: there is no cancelling a blocked thread, so every timeout httpx passes down is cut
  to the time left (`clamp_timeouts()`), the body is read chunk by chunk with the
  deadline checked in between (``SyncTransport._read_capped_body``), and the client's own
  connection pool reads through `DeadlineBackend`, which shortens every socket read
  to the time left: a server trickling its headers a byte at a time is stopped at the
  deadline too.
"""

from __future__ import annotations

import contextlib
import ssl
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

#: The monotonic time at which the current attempt must end, for this thread's reads.
_DEADLINE: ContextVar[float | None] = ContextVar("signalwire_logs_deadline", default=None)


def attempt_deadline(timeout: float | httpx.Timeout | None) -> float | None:
    """Seconds one attempt may take: the float given, or the read timeout of a Timeout."""
    if isinstance(timeout, httpx.Timeout):
        return timeout.read
    return timeout


def time_left(deadline: float) -> float:
    """Seconds until ``deadline`` (a `time.monotonic()` time), never below zero."""
    return max(deadline - time.monotonic(), 0.0)


def clamp_timeouts(request: httpx.Request, deadline: float | None) -> None:
    """Cut every timeout of the request's next attempt to the time left before ``deadline``."""
    if deadline is None:
        return
    left = time_left(deadline)
    timeouts = request.extensions.get("timeout") or {}
    request.extensions["timeout"] = {
        phase: left if timeouts.get(phase) is None else min(timeouts[phase], left)
        for phase in ("connect", "read", "write", "pool")
    }


@contextlib.contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Make ``deadline`` the one `DeadlineBackend` reads by, in this thread."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _cut(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("The attempt's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the attempt's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._stream.start_tls(
            ssl_context, server_hostname, _cut(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(stream)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's blocking network backend, with every socket operation cut to the deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _cut(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _cut(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_transport(proxy: str | None, verify: ssl.SSLContext) -> httpx.HTTPTransport:
    """httpx's default transport, its sockets read through `DeadlineBackend`."""
    transport = httpx.HTTPTransport(proxy=proxy, verify=verify)
    # httpx does not take a network backend, so it is set on the pool it built. A test pins
    # this (a trickled header must end at the deadline); were the attribute ever renamed, the
    # deadline would still bound the body and every wait, but not a trickle of headers.
    pool: Any = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend):
        pool._network_backend = DeadlineBackend(backend)
    return transport
