"""Sending requests: one no-I/O base holding every decision, sync and async halves for I/O.

Requests are built by the generated operation modules (``_get_kwargs``) and successful bodies
are parsed by the generated models, so the facade and the spec cannot disagree on a path, a
parameter name or a field. The transport owns everything around that: base URL, auth,
timeout, retries and the mapping of failures to typed errors. It does not call the generated
``sync_detailed``, because the generated layer parses error bodies itself and crashes on an
HTML 500 page or on a status outside `http.HTTPStatus` (such as 520).

It knows nothing of pages. What a successful answer means is the caller's ``read``, which
runs inside the retry loop, so an answer cut short on the way (not JSON) is fetched again
whoever reads it. Each step names what it adds:

```python
fetch(operation, model, params)       the request built, sent, its answer parsed as model
  send(request, read)                 retries (backoff, Retry-After), typed errors
    _send_single_attempt(request)     the attempt's deadline; the status mapped to an error
      _read_capped_body(response)     the body, decoded within the cap
```

"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, Generic, TypeVar

import anyio
import httpx

from ._capped_body import ACCEPT_ENCODING, BadEncoding, BodyTooLarge, CappedBody
from ._config import Credentials
from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER_DELAY, MAX_RETRY_DELAY
from ._deadline import attempt_deadline, clamp_timeouts, deadline_scope, time_left
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    ResponseTooLargeError,
    SignalWireError,
    make_status_error,
)
from ._response import Model, capture, decode_body, parse_model, read_json

__all__ = ["AsyncTransport", "BaseTransport", "Check", "Read", "SyncTransport", "TimeoutTypes"]

log = logging.getLogger("signalwire_logs")

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)
_ModelT = TypeVar("_ModelT", bound=Model)
_ErrorT = TypeVar("_ErrorT", bound=SignalWireError)
_T = TypeVar("_T")

TimeoutTypes = float | httpx.Timeout | None

#: Reads a successful answer (the response, and its body decoded within the cap) into what
#: the caller wants; an APIResponseValidationError it raises is a failure like any other
#: (retried when the body is not JSON).
Read = Callable[[httpx.Response, bytes], _T]

#: Checks a record built from a successful answer (the model, its JSON, the request): raises
#: a SignalWireError if it is not the record asked for.
Check = Callable[[Any, object, httpx.Request], None]

_RETRYABLE_STATUSES = frozenset({408, 429})

#: Everything an attempt can raise that is the server's or the network's doing (every
#: httpx error, the cap, an undecodable body); anything else is a bug and propagates.
_ATTEMPT_FAILURES = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpx.StreamError,
    BodyTooLarge,
    BadEncoding,
)


def parse_retry_after(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, or ``retry-after`` in
    seconds or as an HTTP date. None when absent or unreadable."""
    if "retry-after-ms" in headers:
        try:
            return max(float(headers["retry-after-ms"]) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def _redact_json(value: Any, redact: Callable[[str], str]) -> Any:
    """``value`` (decoded JSON, text, or anything else) with ``redact`` applied to every string."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_redact_json(item, redact) for item in value]
    if isinstance(value, dict):
        return {redact(str(k)): _redact_json(v, redact) for k, v in value.items()}
    return value


def checked_count(name: str, value: int, low: int) -> int:
    """``value`` if it is an integer of at least ``low``; else a ConfigurationError."""
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ConfigurationError(f"{name} must be an integer >= {low}, got {value!r}")
    return value


class BaseTransport(Generic[_HttpxClientT]):
    """Every decision of sending a request that needs no I/O, shared by sync and async.

    Built by a client (which owns the connection pool) and handed to the resources it makes.

    Args:
        http_client: The connection pool to send through.
        credentials: What requests authenticate with (and what errors never show).
        base_url: The origin every request goes to.
        timeout: Seconds or an `httpx.Timeout` per operation; also each attempt's
            deadline (the read timeout of an `httpx.Timeout`).
        max_retries: Retries of connection errors, timeouts, 408, 429 and 5xx.
        max_response_bytes: The largest response body accepted, once decoded.
    """

    def __init__(
        self,
        http_client: _HttpxClientT,
        credentials: Credentials,
        base_url: httpx.URL,
        *,
        timeout: TimeoutTypes,
        max_retries: int,
        max_response_bytes: int,
    ) -> None:
        self._http_client: _HttpxClientT = http_client
        self._credentials = credentials
        self._auth = credentials.auth()
        #: The origin every request goes to; next links must stay on it.
        self.base_url = base_url
        #: Seconds or an httpx.Timeout per read/connect; also bounds each whole attempt.
        self.timeout = timeout
        self.max_retries = checked_count("max_retries", max_retries, 0)
        #: The largest response body accepted, in bytes once decoded (gzip, deflate).
        self.max_response_bytes = checked_count("max_response_bytes", max_response_bytes, 1)
        self._attempt_seconds = attempt_deadline(timeout)
        # ``scheme://host[:port]``: an absolute path joined to it replaces base_url's path.
        self._origin = str(base_url.copy_with(path="/", query=None, fragment=None)).removesuffix(
            "/"
        )

    @property
    def project_id(self) -> str:
        """The project ID requests authenticate with (also the cXML AccountSid)."""
        return self._credentials.project_id

    def build_request(
        self,
        operation: ModuleType,
        params: dict[str, Any],
        extra_query: Mapping[str, str] | None = None,
    ) -> httpx.Request:
        """The request of a generated operation, plus query parameters the spec cannot declare
        for the generator (see cxml_messages.list)."""
        try:
            kwargs = operation._get_kwargs(**params)
            query = kwargs.get("params")
            if extra_query:
                query = {**(query or {}), **extra_query}
            return self._http_client.build_request(
                kwargs["method"].upper(),
                # The generated path is absolute ("/api/..."): what base_url.join() would
                # give, without parsing it twice (a tenth of a single get's time).
                self._origin + kwargs["url"],
                params=query,
                headers={"Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING},
                timeout=self.timeout,
            )
        except UnicodeEncodeError as err:  # a lone surrogate (undecodable bytes, say)
            raise ConfigurationError(
                f"Cannot send {err.object!r}: it is not valid Unicode ({err.reason})."
            ) from None

    def parse(
        self,
        model: type[_ModelT],
        data: object,
        request: httpx.Request,
        check: Check | None = None,
    ) -> _ModelT:
        """``model`` of the JSON ``data``; its mismatch (which holds the server's data) is
        raised redacted, as is ``check``'s refusal (given the model, the JSON it was built
        from and the request, it raises if the answer is not what was asked for)."""
        try:
            record = parse_model(model, data, request)
        except APIResponseValidationError as err:
            raise self.redacted(err) from err.__cause__
        if check is not None:
            try:
                check(record, data, request)
            except SignalWireError as err:
                raise self.redacted(err) from None
        return record

    def redacted(self, error: _ErrorT) -> _ErrorT:
        """``error`` with the credentials blanked out of everything it holds that a server
        or proxy wrote (an error page may echo the request's headers)."""
        redact = self._credentials.redact
        error.args = tuple(_redact_json(arg, redact) for arg in error.args)
        for name in ("body", "request_id"):  # UnprocessableEntityError.errors reads body
            if hasattr(error, name):
                setattr(error, name, _redact_json(getattr(error, name), redact))
        return error

    # -- one attempt ------------------------------------------------------------------------

    def _attempt_deadline(self, request: httpx.Request) -> float | None:
        """The deadline of the next attempt (a monotonic time), its timeouts cut to fit."""
        seconds = self._attempt_seconds
        deadline = None if seconds is None else time.monotonic() + seconds
        clamp_timeouts(request, deadline)
        return deadline

    def _capped_body(self, response: httpx.Response) -> CappedBody:
        return CappedBody(response.headers, self.max_response_bytes)

    def _read_answer(
        self, response: httpx.Response, content: bytes, read: Read[_T]
    ) -> tuple[_T | None, SignalWireError | None]:
        """What one answer means: ``read``'s result of a success, or the failure (an error
        status, or what ``read`` raised) to retry or raise."""
        if not response.is_success:
            body, is_json = decode_body(response, content)
            retry_after = parse_retry_after(response.headers)
            return None, make_status_error(response, body, is_json, retry_after)
        try:
            result = read(response, content)
        except APIResponseValidationError as err:
            return None, err
        capture(response)  # for client.with_raw_response
        return result, None

    def _failure_of(
        self, request: httpx.Request, error: Exception, deadline: float | None
    ) -> SignalWireError:
        """What an exception raised during an attempt means to the caller, as a typed error."""
        failure: SignalWireError
        if isinstance(error, BodyTooLarge):
            return ResponseTooLargeError(request, self.max_response_bytes)
        if isinstance(error, BadEncoding | httpx.DecodingError):
            # A body its Content-Encoding does not describe: a broken proxy, most likely;
            # like a truncated body, worth another try.
            failure = APIResponseValidationError(
                f"Response body cannot be decoded: {error}", request=request, body=None
            )
        elif deadline is not None and time.monotonic() >= deadline:
            failure = APITimeoutError(
                request, f"Request took longer than its {self._attempt_seconds:g} s deadline"
            )
        elif isinstance(error, httpx.TimeoutException | TimeoutError):
            failure = APITimeoutError(request)
        else:  # any other httpx error: no usable response came back
            failure = APIConnectionError(request, f"Connection error: {error!r}")
        failure.__cause__ = error
        return failure

    # -- retries ----------------------------------------------------------------------------

    def _jitter(self) -> float:
        """A factor in (0.75, 1]; a method so tests can pin it."""
        return 1 - 0.25 * random.random()

    def _retry_delay(self, retries_taken: int, failure: SignalWireError) -> float | None:
        """Seconds to wait before retrying, or None when the failure must be raised."""
        if retries_taken >= self.max_retries:
            return None
        if isinstance(failure, APIStatusError):
            status = failure.status_code
            if status not in _RETRYABLE_STATUSES and status < 500:
                return None
            retry_after = failure.retry_after
            if retry_after is not None:
                return retry_after if retry_after <= MAX_RETRY_AFTER_DELAY else None
        elif isinstance(failure, APIResponseValidationError):
            # A success whose body is not JSON was cut short on the way (a proxy, a dropped
            # connection): a GET is safe to repeat. A JSON body of the wrong shape is not.
            if not (failure.body is None or isinstance(failure.body, str)):
                return None
        elif not isinstance(failure, APIConnectionError):
            return None
        backoff = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
        return backoff * self._jitter()

    def _delay_or_raise(
        self, request: httpx.Request, retries_taken: int, failure: SignalWireError
    ) -> float:
        """The delay before the next attempt; or ``failure`` raised, redacted."""
        delay = self._retry_delay(retries_taken, failure)
        if delay is None:
            raise self.redacted(failure)
        log.info(
            "Retrying %s %s in %.2f seconds after %s (retry %d of %d)",
            request.method,
            self._credentials.redact(str(request.url)),
            delay,
            type(failure).__name__,
            retries_taken + 1,
            self.max_retries,
        )
        return delay


class SyncTransport(BaseTransport[httpx.Client]):
    """Blocking I/O over `httpx.Client`."""

    def fetch(
        self,
        operation: ModuleType,
        model: type[_ModelT],
        params: dict[str, Any],
        check: Check | None = None,
    ) -> _ModelT:
        """The answer to a generated operation, as ``model``; ``check`` (given the model,
        the JSON it was built from and the request) raises if it is not what was asked for."""
        request = self.build_request(operation, params)
        return self.parse(model, self.send(request, read_json), request, check)

    def send(self, request: httpx.Request, read: Read[_T]) -> _T:
        """Send ``request``, retrying what is worth retrying; what ``read`` makes of the
        successful answer."""
        retries_taken = 0
        while True:
            result, failure = self._send_single_attempt(request, read)
            if failure is None:
                return result  # type: ignore[return-value]  # read's, whatever it is
            self._sleep(self._delay_or_raise(request, retries_taken, failure))
            retries_taken += 1

    def _send_single_attempt(
        self, request: httpx.Request, read: Read[_T]
    ) -> tuple[_T | None, SignalWireError | None]:
        """One attempt, within its deadline: what ``read`` makes of the answer, or the failure."""
        deadline = self._attempt_deadline(request)
        try:
            with deadline_scope(deadline):
                response = self._http_client.send(
                    request, auth=self._auth, follow_redirects=False, stream=True
                )
                try:
                    content = self._read_capped_body(response, deadline)
                finally:
                    response.close()
        except _ATTEMPT_FAILURES as err:
            return None, self._failure_of(request, err, deadline)
        return self._read_answer(response, content, read)

    def _read_capped_body(self, response: httpx.Response, deadline: float | None) -> bytes:
        """The decoded body, read in chunks: stops at the cap and at the deadline."""
        if response.is_stream_consumed:  # an in-process transport built it whole
            return self._capped_body(response).whole(response.content)
        body = self._capped_body(response)
        for chunk in response.iter_raw():
            body.feed(chunk)
            if deadline is not None and time.monotonic() >= deadline:
                raise httpx.ReadTimeout("The attempt's deadline passed", request=response.request)
        return body.content()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class AsyncTransport(BaseTransport[httpx.AsyncClient]):
    """Non-blocking I/O over `httpx.AsyncClient` (asyncio or trio)."""

    async def fetch(
        self,
        operation: ModuleType,
        model: type[_ModelT],
        params: dict[str, Any],
        check: Check | None = None,
    ) -> _ModelT:
        """The answer to a generated operation, as ``model``; ``check`` (given the model,
        the JSON it was built from and the request) raises if it is not what was asked for."""
        request = self.build_request(operation, params)
        return self.parse(model, await self.send(request, read_json), request, check)

    async def send(self, request: httpx.Request, read: Read[_T]) -> _T:
        """Send ``request``, retrying what is worth retrying; what ``read`` makes of the
        successful answer."""
        retries_taken = 0
        while True:
            result, failure = await self._send_single_attempt(request, read)
            if failure is None:
                return result  # type: ignore[return-value]  # read's, whatever it is
            await self._sleep(self._delay_or_raise(request, retries_taken, failure))
            retries_taken += 1

    async def _send_single_attempt(
        self, request: httpx.Request, read: Read[_T]
    ) -> tuple[_T | None, SignalWireError | None]:
        """One attempt, within its deadline: what ``read`` makes of the answer, or the failure."""
        deadline = self._attempt_deadline(request)
        try:
            with anyio.fail_after(None if deadline is None else time_left(deadline)):
                response = await self._http_client.send(
                    request, auth=self._auth, follow_redirects=False, stream=True
                )
                try:
                    content = await self._read_capped_body(response)
                finally:
                    await response.aclose()
        except (*_ATTEMPT_FAILURES, TimeoutError) as err:  # TimeoutError: from fail_after
            return None, self._failure_of(request, err, deadline)
        return self._read_answer(response, content, read)

    async def _read_capped_body(self, response: httpx.Response) -> bytes:
        """The decoded body, read in chunks: stops at the cap (the deadline cancels it)."""
        if response.is_stream_consumed:  # an in-process transport built it whole
            return self._capped_body(response).whole(response.content)
        body = self._capped_body(response)
        async for chunk in response.aiter_raw():
            body.feed(chunk)
        return body.content()

    async def _sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)
