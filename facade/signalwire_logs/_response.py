"""What an answer means: its body read as JSON, a model parsed from it, and the raw response.

`read_json()` is the transport's usual reader of a successful answer (a list walk reads
its pages with `cut_page()` instead), `decode_body()`
reads an error's body, `parse_model()` makes a generated model of the JSON and says
what a mismatch means (`mismatch()`).

The HTTP response behind a result: ``client.with_raw_response``.
``client.with_raw_response.fax_logs.get(id)`` makes the same call as
``client.fax_logs.get(id)`` and returns a `RawResponse`: the
`httpx.Response` it came from (status, headers such as the request id) and
``parse()``, the record. Lists are lazy and make a request per page, so they have no raw
form; a single record's headers are what this is for.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Awaitable, Callable, Mapping
from functools import wraps
from typing import Any, Generic, ParamSpec, Protocol, Self, TypeVar

import httpx
import msgspec

from ._constants import REQUEST_ID_HEADERS
from ._exceptions import APIResponseValidationError
from ._page_body import decode_json

__all__ = ["Model", "RawResponse", "decode_body", "mismatch", "parse_model", "read_json"]

_T = TypeVar("_T")
_P = ParamSpec("_P")


class Model(Protocol):
    """What the facade needs of a generated model class."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


_ModelT = TypeVar("_ModelT", bound=Model)


def decode_body(response: httpx.Response, content: bytes) -> tuple[object, bool]:
    """The body as JSON if it is JSON, else as text (None when empty); and whether JSON."""
    if not content:
        return None, False
    try:
        return decode_json(content), True  # a third of the time of json.loads on a page
    except (msgspec.DecodeError, RecursionError):
        pass
    # What msgspec refuses and json accepts: lone surrogates, NaN, other charsets.
    try:
        text = content.decode(response.charset_encoding or "utf-8")
    except (LookupError, ValueError):  # an unknown or lying charset
        text = content.decode("utf-8", errors="replace")
    try:
        return json.loads(text), True
    except (ValueError, RecursionError):
        return text, False


def read_json(response: httpx.Response, content: bytes) -> object:
    """A successful answer's JSON.

    Raises:
        APIResponseValidationError: the body is empty or not JSON (a body cut short on the
            way, by a proxy or a dropped connection: the transport tries again).
    """
    body, is_json = decode_body(response, content)
    if not is_json:
        message = "Response body is not JSON" if body else "Response body is empty"
        raise APIResponseValidationError(message, request=response.request, body=body)
    return body


def parse_model(model: type[_ModelT], data: object, request: httpx.Request) -> _ModelT:
    """``model.from_dict(data)``, failing as APIResponseValidationError."""
    try:
        return model.from_dict(data)  # type: ignore[arg-type]  # not a dict: caught below
    except Exception as err:
        raise mismatch(model, data, request, err) from err


def mismatch(
    model: type[Any], data: object, request: httpx.Request, error: Exception
) -> APIResponseValidationError:
    """What a generated model's failure on server data means to the caller, whatever it
    raised (KeyError, ValueError...): the response does not match the spec."""
    return APIResponseValidationError(
        f"Response does not match {model.__name__}: {type(error).__name__}: {error}",
        request=request,
        body=data,
    )


# The response of the call being made for with_raw_response, in this thread or task only.
_captured: contextvars.ContextVar[list[httpx.Response] | None] = contextvars.ContextVar(
    "signalwire_logs_raw_response", default=None
)


def capture(response: httpx.Response) -> None:
    """Called by the transport with each successful response (a no-op unless a
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
        #: The `httpx.Response` of the (last, successful) attempt.
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
    """``method`` returning a `RawResponse` of its result."""

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
    """The async ``method`` returning a `RawResponse` of its result."""

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
