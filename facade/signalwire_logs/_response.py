"""The HTTP response behind a result: ``client.with_raw_response``.

``client.with_raw_response.fax_logs.get(id)`` makes the same call as
``client.fax_logs.get(id)`` and returns a :class:`RawResponse`: the
:class:`httpx.Response` it came from (status, headers such as the request id) and
``parse()``, the record. Lists are lazy and make a request per page, so they have no raw
form; a single record's headers are what this is for.
"""

from __future__ import annotations

import contextvars
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Generic, ParamSpec, TypeVar

import httpx

from ._constants import REQUEST_ID_HEADERS

__all__ = ["RawResponse"]

_T = TypeVar("_T")
_P = ParamSpec("_P")

# The response of the call being made for with_raw_response, in this thread or task only.
_captured: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "signalwire_logs_raw_response", default=None
)


def capture(response: httpx.Response) -> None:
    """Called by the request loop with each successful response (a no-op unless a
    with_raw_response call is under way in this context)."""
    captured = _captured.get()
    if captured is not None:
        captured.append(response)


class RawResponse(Generic[_T]):
    """A result and the HTTP response it was parsed from.

    The body has been read and decoded already (and is not kept); the status, headers and
    request are here.
    """

    __slots__ = ("_parsed", "http_response")

    def __init__(self, http_response: httpx.Response, parsed: _T) -> None:
        #: The :class:`httpx.Response` of the (last, successful) attempt.
        self.http_response = http_response
        self._parsed = parsed

    @property
    def headers(self) -> httpx.Headers:
        """The response's headers."""
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        """The response's HTTP status."""
        return self.http_response.status_code

    @property
    def request_id(self) -> str | None:
        """The server's request id (``x-request-id`` or the like), if it sent one."""
        return next((self.headers[h] for h in REQUEST_ID_HEADERS if h in self.headers), None)

    def parse(self) -> _T:
        """The result, as the plain call returns it."""
        return self._parsed

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r})"


def _finish(captured: list[httpx.Response], result: _T) -> RawResponse[_T]:
    if not captured:  # every resource method sends exactly one request before returning
        raise RuntimeError("with_raw_response: the call sent no request")
    return RawResponse(captured[-1], result)


def to_raw(method: Callable[_P, _T]) -> Callable[_P, RawResponse[_T]]:
    """``method`` returning a :class:`RawResponse` of its result."""

    @wraps(method)
    def raw(*args: _P.args, **kwargs: _P.kwargs) -> RawResponse[_T]:
        captured: list[httpx.Response] = []
        token = _captured.set(captured)
        try:
            result = method(*args, **kwargs)
        finally:
            _captured.reset(token)
        return _finish(captured, result)

    return raw


def to_async_raw(
    method: Callable[_P, Awaitable[_T]],
) -> Callable[_P, Awaitable[RawResponse[_T]]]:
    """The async ``method`` returning a :class:`RawResponse` of its result."""

    @wraps(method)
    async def raw(*args: _P.args, **kwargs: _P.kwargs) -> RawResponse[_T]:
        captured: list[httpx.Response] = []
        token = _captured.set(captured)
        try:
            result = await method(*args, **kwargs)
        finally:
            _captured.reset(token)
        return _finish(captured, result)

    return raw
