"""The request loop: one no-I/O base holding every decision, sync and async halves for I/O.

Requests are built by the generated operation modules (``_get_kwargs``) and successful bodies
are parsed by the generated models, so the facade and the spec cannot disagree on a path, a
parameter name or a field. The facade owns everything around that: base URL, auth, timeout,
retries and the mapping of failures to typed errors. It does not call the generated
``sync_detailed``, because the generated layer parses error bodies itself and crashes on an
HTML 500 page or on a status outside :class:`http.HTTPStatus` (such as 520).
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Mapping
from types import ModuleType
from typing import Any, Generic, Protocol, Self, TypeVar

import anyio
import httpx

from ._config import resolve_base_url, resolve_credentials
from ._constants import (
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
    SignalWireError,
    make_status_error,
    parse_body,
)

log = logging.getLogger("signalwire_logs")

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

_RETRYABLE_STATUSES = frozenset({408, 429})


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
        http_client: _HttpxClientT | None = None,
    ) -> None:
        self._credentials = resolve_credentials(project_id, api_token)
        self.base_url = resolve_base_url(space, base_url)
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ConfigurationError(f"max_retries must be an integer >= 0, got {max_retries!r}")
        self.max_retries = max_retries
        self.timeout: TimeoutTypes = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
        self._auth = self._credentials.auth()
        self._owns_http_client = http_client is None
        self._http_client: _HttpxClientT = http_client or self._default_http_client()

    def _default_http_client(self) -> _HttpxClientT:
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
        kwargs = operation._get_kwargs(**params)
        query = kwargs.get("params")
        if extra_query:
            query = {**(query or {}), **extra_query}
        return self._http_client.build_request(
            kwargs["method"].upper(),
            self.base_url.join(kwargs["url"]),
            params=query,
            headers={"Accept": "application/json"},
            timeout=self.timeout,
        )

    @staticmethod
    def _classify(response: httpx.Response) -> tuple[object, SignalWireError | None]:
        """One attempt's outcome: the decoded body, or the failure to retry or raise."""
        if not response.is_success:
            return None, make_status_error(response, parse_retry_after(response.headers))
        body, is_json = parse_body(response)
        if not is_json:
            message = "Response body is not JSON" if body else "Response body is empty"
            return None, APIResponseValidationError(message, request=response.request, body=body)
        return body, None

    @staticmethod
    def _transport_failure(request: httpx.Request, error: httpx.TransportError) -> SignalWireError:
        failure: SignalWireError
        if isinstance(error, httpx.TimeoutException):
            failure = APITimeoutError(request)
        else:
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

    def _retry_or_raise(
        self, request: httpx.Request, retries_taken: int, failure: SignalWireError
    ) -> float:
        """Return the delay before the next attempt, or raise ``failure``."""
        delay = self._retry_delay(retries_taken, failure)
        if delay is None:
            raise failure
        log.info(
            "Retrying %s %s in %.2f seconds after %s (retry %d of %d)",
            request.method,
            request.url,
            delay,
            type(failure).__name__,
            retries_taken + 1,
            self.max_retries,
        )
        return delay


class SyncAPIClient(BaseClient[httpx.Client]):
    """Blocking I/O over :class:`httpx.Client`."""

    def _default_http_client(self) -> httpx.Client:
        return httpx.Client(follow_redirects=False)

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _send(self, request: httpx.Request) -> tuple[httpx.Response, object]:
        retries_taken = 0
        while True:
            try:
                response = self._http_client.send(request, auth=self._auth, follow_redirects=False)
            except httpx.TransportError as err:
                failure = self._transport_failure(request, err)
            else:
                body, outcome = self._classify(response)
                if outcome is None:
                    return response, body
                failure = outcome
            self._sleep(self._retry_or_raise(request, retries_taken, failure))
            retries_taken += 1

    def _request(
        self, operation: ModuleType, model: type[_ModelT], params: dict[str, Any]
    ) -> _ModelT:
        request, body = self._fetch(operation, params)
        return parse_model(model, body, request)

    def _fetch(
        self,
        operation: ModuleType,
        params: dict[str, Any],
        extra_query: Mapping[str, str] | None = None,
    ) -> tuple[httpx.Request, object]:
        """The decoded JSON of a successful answer, and the request it answered."""
        response, body = self._send(self._build_request(operation, params, extra_query))
        return response.request, body

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

    def _default_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(follow_redirects=False)

    async def _sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)

    async def _send(self, request: httpx.Request) -> tuple[httpx.Response, object]:
        retries_taken = 0
        while True:
            try:
                response = await self._http_client.send(
                    request, auth=self._auth, follow_redirects=False
                )
            except httpx.TransportError as err:
                failure = self._transport_failure(request, err)
            else:
                body, outcome = self._classify(response)
                if outcome is None:
                    return response, body
                failure = outcome
            await self._sleep(self._retry_or_raise(request, retries_taken, failure))
            retries_taken += 1

    async def _request(
        self, operation: ModuleType, model: type[_ModelT], params: dict[str, Any]
    ) -> _ModelT:
        request, body = await self._fetch(operation, params)
        return parse_model(model, body, request)

    async def _fetch(
        self,
        operation: ModuleType,
        params: dict[str, Any],
        extra_query: Mapping[str, str] | None = None,
    ) -> tuple[httpx.Request, object]:
        """The decoded JSON of a successful answer, and the request it answered."""
        response, body = await self._send(self._build_request(operation, params, extra_query))
        return response.request, body

    async def close(self) -> None:
        """Close the connection pool, unless it belongs to an ``http_client`` passed in."""
        if self._owns_http_client:
            await self._http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
