"""The request loop: one no-I/O base holding every decision, sync and async halves for I/O.

Requests are built by the generated operation modules (``_get_kwargs``) and successful bodies
are parsed by the generated models, so the facade and the spec cannot disagree on a path, a
parameter name or a field. The facade owns everything around that: base URL, auth, timeout,
retries and the mapping of failures to typed errors. It does not call the generated
``sync_detailed``, because the generated layer parses error bodies itself and crashes on an
HTML 500 page or on a status outside :class:`http.HTTPStatus` (such as 520).
"""

from __future__ import annotations

import copy
import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from functools import cached_property
from types import ModuleType
from typing import Any, Generic, Protocol, Self, TypeVar

import anyio
import httpx
import msgspec

from ._bounds import (
    ACCEPT_ENCODING,
    BadEncoding,
    BodyTooLarge,
    CappedBody,
    attempt_deadline,
    clamp_timeouts,
    deadline_scope,
    deadline_transport,
    time_left,
)
from ._config import resolve_base_url, resolve_credentials, resolve_proxy
from ._constants import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER_DELAY,
    MAX_RETRY_DELAY,
)
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
from ._response import capture

log = logging.getLogger("signalwire_logs")

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

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


class NotGiven:
    """Marks an argument left out, so that ``timeout=None`` can mean "no timeout"."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

TimeoutTypes = float | httpx.Timeout | None


class Model(Protocol):
    """What the facade needs of a generated model class."""

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


_ModelT = TypeVar("_ModelT", bound=Model)
_ErrorT = TypeVar("_ErrorT", bound=SignalWireError)


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


def _count(name: str, value: int, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise ConfigurationError(f"{name} must be an integer >= {low}, got {value!r}")
    return value


#: msgspec reads integers of any size exactly (orjson turns one past 64 bits into a float,
#: silently, and guarding against that cost a scan of every body: ~0.4 ms a page of 1,000).
decode_json = msgspec.json.Decoder().decode

#: Reads a successful answer's bytes some other way than as plain JSON (a walk for an
#: export keeps its records as sent); whatever it raises, the body is decoded as usual.
Decode = Callable[[bytes], object]


def decode_body(
    response: httpx.Response, content: bytes, decode: Decode | None = None
) -> tuple[object, bool]:
    """The body as JSON if it is JSON, else as text (None when empty); and whether JSON."""
    if not content:
        return None, False
    if decode is not None:
        try:
            return decode(content), True
        except (msgspec.DecodeError, LookupError, ValueError, RecursionError):
            pass  # not the shape it reads (or not valid JSON): below, as any other answer
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


class BaseClient(Generic[_HttpxClientT]):
    """Configuration and every decision that does not need I/O."""

    def __init__(
        self,
        *,
        project_id: str | None = None,
        api_token: str | None = None,
        space: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: _HttpxClientT | None = None,
    ) -> None:
        self._credentials = resolve_credentials(project_id, api_token)
        self.base_url = resolve_base_url(space, base_url)
        self._set_options(
            DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout,
            max_retries,
            max_response_bytes,
        )
        self._auth = self._credentials.auth()
        self._owns_http_client = http_client is None
        self._http_client: _HttpxClientT = http_client or self._default_http_client(
            resolve_proxy(self.base_url)
        )

    def _set_options(
        self, timeout: TimeoutTypes, max_retries: int, max_response_bytes: int
    ) -> None:
        #: Seconds or an httpx.Timeout per read/connect; also bounds each whole attempt.
        self.timeout: TimeoutTypes = timeout
        self._attempt_seconds = attempt_deadline(timeout)
        self.max_retries = _count("max_retries", max_retries, 0)
        #: The largest response body accepted, in bytes once decoded (gzip, deflate).
        self.max_response_bytes = _count("max_response_bytes", max_response_bytes, 1)

    def with_options(
        self,
        *,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A client like this one with other settings, for a call or a part of a program.

        It shares this client's credentials and connection pool, and never closes the pool
        (closing it is a no-op): this client, or you for an ``http_client`` passed in, does.

        Args:
            timeout: Seconds or an :class:`httpx.Timeout`; ``None`` disables it.
            max_retries: Retries of connection errors, timeouts, 408, 429 and 5xx.
            max_response_bytes: The largest response body accepted, once decoded.

        Raises:
            ConfigurationError: an option is out of range.

        Example::

            patient = client.with_options(timeout=120.0, max_retries=5)
            log = patient.message_logs.get(log_id)
        """
        clone = copy.copy(self)
        # Resources (cached properties) hold their client: the copy makes its own.
        for name in [
            n for n in vars(clone) if isinstance(getattr(type(self), n, None), cached_property)
        ]:
            del vars(clone)[name]
        clone._owns_http_client = False
        clone._set_options(
            self.timeout if isinstance(timeout, NotGiven) else timeout,
            self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            self.max_response_bytes
            if isinstance(max_response_bytes, NotGiven)
            else max_response_bytes,
        )
        return clone

    def _default_http_client(self, proxy: str | None) -> _HttpxClientT:
        raise NotImplementedError

    @property
    def project_id(self) -> str:
        """The project ID requests authenticate with (also the cXML AccountSid)."""
        return self._credentials.project_id

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={str(self.base_url)!r}, "
            f"project_id={self.project_id!r}, max_retries={self.max_retries})"
        )

    # -- requests ---------------------------------------------------------------------------

    def _build_request(
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

    @cached_property
    def _origin(self) -> str:
        """``scheme://host[:port]`` of base_url: an absolute path joined to it replaces its path."""
        return str(self.base_url.copy_with(path="/", query=None, fragment=None)).removesuffix("/")

    def _start_attempt(self, request: httpx.Request) -> float | None:
        """The deadline of the next attempt (a monotonic time), its timeouts cut to fit."""
        seconds = self._attempt_seconds
        deadline = None if seconds is None else time.monotonic() + seconds
        clamp_timeouts(request, deadline)
        return deadline

    def _body_reader(self, response: httpx.Response) -> CappedBody:
        return CappedBody(response.headers, self.max_response_bytes)

    def _outcome(
        self, response: httpx.Response, content: bytes, decode: Decode | None = None
    ) -> tuple[object, SignalWireError | None]:
        """One answer's decoded JSON (by ``decode`` if it is a success), or the failure to
        retry or raise."""
        body, is_json = decode_body(response, content, decode if response.is_success else None)
        if not response.is_success:
            retry_after = parse_retry_after(response.headers)
            return None, make_status_error(response, body, is_json, retry_after)
        if not is_json:
            message = "Response body is not JSON" if body else "Response body is empty"
            return None, APIResponseValidationError(message, request=response.request, body=body)
        capture(response)  # for client.with_raw_response
        return body, None

    def _failure(
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

    def _redacted(self, error: _ErrorT) -> _ErrorT:
        """``error`` with the credentials blanked out of everything it holds that a server
        or proxy wrote (an error page may echo the request's headers)."""
        redact = self._credentials.redact
        error.args = tuple(_redact_json(arg, redact) for arg in error.args)
        for name in ("body", "request_id"):  # UnprocessableEntityError.errors reads body
            if hasattr(error, name):
                setattr(error, name, _redact_json(getattr(error, name), redact))
        return error

    def _parse(self, model: type[_ModelT], data: object, request: httpx.Request) -> _ModelT:
        """:func:`parse_model`, its error (which holds the server's data) redacted."""
        try:
            return parse_model(model, data, request)
        except APIResponseValidationError as err:
            raise self._redacted(err) from err.__cause__

    def _retry_or_raise(
        self, request: httpx.Request, retries_taken: int, failure: SignalWireError
    ) -> float:
        """Return the delay before the next attempt, or raise ``failure``."""
        delay = self._retry_delay(retries_taken, failure)
        if delay is None:
            raise self._redacted(failure)
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


class SyncAPIClient(BaseClient[httpx.Client]):
    """Blocking I/O over :class:`httpx.Client`."""

    def _default_http_client(self, proxy: str | None) -> httpx.Client:
        # Proxies were read from the environment by resolve_proxy, not by httpx.
        return httpx.Client(
            transport=deadline_transport(proxy), trust_env=False, follow_redirects=False
        )

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _send(self, request: httpx.Request, decode: Decode | None = None) -> object:
        """Send ``request``, retrying what is worth retrying; the decoded JSON of the answer."""
        retries_taken = 0
        while True:
            body, failure = self._attempt(request, decode)
            if failure is None:
                return body
            self._sleep(self._retry_or_raise(request, retries_taken, failure))
            retries_taken += 1

    def _attempt(
        self, request: httpx.Request, decode: Decode | None = None
    ) -> tuple[object, SignalWireError | None]:
        """One attempt, within its deadline: the response and its JSON, or the failure."""
        deadline = self._start_attempt(request)
        try:
            with deadline_scope(deadline):
                response = self._http_client.send(
                    request, auth=self._auth, follow_redirects=False, stream=True
                )
                try:
                    content = self._read_capped(response, deadline)
                finally:
                    response.close()
        except _ATTEMPT_FAILURES as err:
            return None, self._failure(request, err, deadline)
        return self._outcome(response, content, decode)

    def _read_capped(self, response: httpx.Response, deadline: float | None) -> bytes:
        """The decoded body, read in chunks: stops at the cap and at the deadline."""
        if response.is_stream_consumed:  # an in-process transport built it whole
            return self._body_reader(response).whole(response.content)
        reader = self._body_reader(response)
        for chunk in response.iter_raw():
            reader.feed(chunk)
            if deadline is not None and time.monotonic() >= deadline:
                raise httpx.ReadTimeout("The attempt's deadline passed", request=response.request)
        return reader.content()

    def _request(
        self, operation: ModuleType, model: type[_ModelT], params: dict[str, Any]
    ) -> _ModelT:
        request, body = self._fetch(operation, params)
        return self._parse(model, body, request)

    def _fetch(
        self,
        operation: ModuleType,
        params: dict[str, Any],
        extra_query: Mapping[str, str] | None = None,
        decode: Decode | None = None,
    ) -> tuple[httpx.Request, object]:
        """The decoded JSON of a successful answer, and the request it answered."""
        request = self._build_request(operation, params, extra_query)
        return request, self._send(request, decode)

    def close(self) -> None:
        """Close the connection pool, unless it belongs to an ``http_client`` passed in."""
        if self._owns_http_client:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """Non-blocking I/O over :class:`httpx.AsyncClient` (asyncio or trio)."""

    def _default_http_client(self, proxy: str | None) -> httpx.AsyncClient:
        # Proxies were read from the environment by resolve_proxy, not by httpx.
        return httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(proxy=proxy), trust_env=False, follow_redirects=False
        )

    async def _sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)

    async def _send(self, request: httpx.Request, decode: Decode | None = None) -> object:
        """Send ``request``, retrying what is worth retrying; the decoded JSON of the answer."""
        retries_taken = 0
        while True:
            body, failure = await self._attempt(request, decode)
            if failure is None:
                return body
            await self._sleep(self._retry_or_raise(request, retries_taken, failure))
            retries_taken += 1

    async def _attempt(
        self, request: httpx.Request, decode: Decode | None = None
    ) -> tuple[object, SignalWireError | None]:
        """One attempt, within its deadline: the response and its JSON, or the failure."""
        deadline = self._start_attempt(request)
        try:
            with anyio.fail_after(None if deadline is None else time_left(deadline)):
                response = await self._http_client.send(
                    request, auth=self._auth, follow_redirects=False, stream=True
                )
                try:
                    content = await self._read_capped(response)
                finally:
                    await response.aclose()
        except (*_ATTEMPT_FAILURES, TimeoutError) as err:  # TimeoutError: from fail_after
            return None, self._failure(request, err, deadline)
        return self._outcome(response, content, decode)

    async def _read_capped(self, response: httpx.Response) -> bytes:
        """The decoded body, read in chunks: stops at the cap."""
        if response.is_stream_consumed:  # an in-process transport built it whole
            return self._body_reader(response).whole(response.content)
        reader = self._body_reader(response)
        async for chunk in response.aiter_raw():
            reader.feed(chunk)
        return reader.content()

    async def _request(
        self, operation: ModuleType, model: type[_ModelT], params: dict[str, Any]
    ) -> _ModelT:
        request, body = await self._fetch(operation, params)
        return self._parse(model, body, request)

    async def _fetch(
        self,
        operation: ModuleType,
        params: dict[str, Any],
        extra_query: Mapping[str, str] | None = None,
        decode: Decode | None = None,
    ) -> tuple[httpx.Request, object]:
        """The decoded JSON of a successful answer, and the request it answered."""
        request = self._build_request(operation, params, extra_query)
        return request, await self._send(request, decode)

    async def close(self) -> None:
        """Close the connection pool, unless it belongs to an ``http_client`` passed in."""
        if self._owns_http_client:
            await self._http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
