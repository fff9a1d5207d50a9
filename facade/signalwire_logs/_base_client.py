"""What both clients share: their settings, checked once, and the transport built from them.

A client resolves its credentials, base URL and options (arguments, else the environment),
owns its connection pool unless one was passed in, and builds one transport
(``_transport.py``) that sends every request. It hands that transport to each resource it
makes, and the resources call its public methods; the client itself sends nothing.
`BaseClient.with_options()` builds a new client from this one's settings, sharing the
pool (as openai's ``copy()`` does).
"""

from __future__ import annotations

import functools
import ssl
from typing import Generic, Self, TypeVar

import httpx

from ._config import resolve_base_url, resolve_credentials, resolve_proxy
from ._constants import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
from ._deadline import deadline_transport
from ._transport import AsyncTransport, SyncTransport, TimeoutTypes, checked_count

__all__ = ["NOT_GIVEN", "AsyncAPIClient", "BaseClient", "NotGiven", "SyncAPIClient"]

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)
_TransportT = TypeVar("_TransportT", SyncTransport, AsyncTransport)


class NotGiven:
    """Marks an argument left out, so that ``timeout=None`` can mean "no timeout"."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS settings of every client's own connection pool, made once per process:
    httpx's defaults (certifi's roots, or SSL_CERT_FILE / SSL_CERT_DIR as the process
    started with) take ~50 ms to load, which every client (each CLI command) would pay."""
    return httpx.create_ssl_context()


class BaseClient(Generic[_HttpxClientT, _TransportT]):
    """The settings of a client, and the transport that sends its requests."""

    #: SyncTransport or AsyncTransport: how the client's requests are sent.
    _transport_class: type[_TransportT]

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
        url = resolve_base_url(space, base_url)
        # Checked before a connection pool is made for nothing.
        checked_count("max_retries", max_retries, 0)
        checked_count("max_response_bytes", max_response_bytes, 1)
        self._owns_http_client = http_client is None
        self._http_client: _HttpxClientT = http_client or self._default_http_client(
            resolve_proxy(url)
        )
        self._transport: _TransportT = self._transport_class(
            self._http_client,  # type: ignore[arg-type]  # the pool of the transport's kind
            self._credentials,
            url,
            timeout=DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout,
            max_retries=max_retries,
            max_response_bytes=max_response_bytes,
        )

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
            timeout: Seconds or an `httpx.Timeout`; ``None`` disables it.
            max_retries: Retries of connection errors, timeouts, 408, 429 and 5xx.
            max_response_bytes: The largest response body accepted, once decoded.

        Raises:
            ConfigurationError: an option is out of range.

        Example:
            ```python
            patient = client.with_options(timeout=120.0, max_retries=5)
            log = patient.message_logs.get(log_id)
            ```

        """
        return type(self)(
            project_id=self._credentials.project_id,
            api_token=self._credentials.api_token,
            base_url=str(self.base_url),
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            max_response_bytes=self.max_response_bytes
            if isinstance(max_response_bytes, NotGiven)
            else max_response_bytes,
            http_client=self._http_client,  # shared, so never closed by the copy
        )

    def _default_http_client(self, proxy: str | None) -> _HttpxClientT:
        raise NotImplementedError

    @property
    def base_url(self) -> httpx.URL:
        """The origin every request goes to (the Space's, or the ``base_url`` given)."""
        return self._transport.base_url

    @property
    def timeout(self) -> float | httpx.Timeout | None:
        """Seconds or an `httpx.Timeout` per read/connect; also bounds each attempt."""
        return self._transport.timeout

    @property
    def max_retries(self) -> int:
        """Retries of connection errors, timeouts, 408, 429 and 5xx."""
        return self._transport.max_retries

    @property
    def max_response_bytes(self) -> int:
        """The largest response body accepted, in bytes once decoded (gzip, deflate)."""
        return self._transport.max_response_bytes

    @property
    def project_id(self) -> str:
        """The project ID requests authenticate with (also the cXML AccountSid)."""
        return self._credentials.project_id

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={str(self.base_url)!r}, "
            f"project_id={self.project_id!r}, max_retries={self.max_retries})"
        )


class SyncAPIClient(BaseClient[httpx.Client, SyncTransport]):
    """A client that blocks: its requests are sent over `httpx.Client`."""

    _transport_class = SyncTransport

    def _default_http_client(self, proxy: str | None) -> httpx.Client:
        # Proxies were read from the environment by resolve_proxy, not by httpx.
        return httpx.Client(
            transport=deadline_transport(proxy, tls_context()),
            trust_env=False,
            follow_redirects=False,
        )

    def close(self) -> None:
        """Close the connection pool, unless it belongs to an ``http_client`` passed in."""
        if self._owns_http_client:
            self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncAPIClient(BaseClient[httpx.AsyncClient, AsyncTransport]):
    """A client that awaits: its requests are sent over `httpx.AsyncClient` (asyncio
    or trio)."""

    _transport_class = AsyncTransport

    def _default_http_client(self, proxy: str | None) -> httpx.AsyncClient:
        # Proxies were read from the environment by resolve_proxy, not by httpx.
        return httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(proxy=proxy, verify=tls_context()),
            trust_env=False,
            follow_redirects=False,
        )

    async def close(self) -> None:
        """Close the connection pool, unless it belongs to an ``http_client`` passed in."""
        if self._owns_http_client:
            await self._http_client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
