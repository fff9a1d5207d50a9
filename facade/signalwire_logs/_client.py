"""The two public clients: each makes its resources, handing them its transport."""

from __future__ import annotations

from functools import cached_property

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._cxml_messages import AsyncCxmlMessages, CxmlMessages
from ._raw import AsyncSignalWireLogsWithRawResponse, SignalWireLogsWithRawResponse
from ._resources import (
    AsyncConferenceLogs,
    AsyncFaxLogs,
    AsyncMessageLogs,
    AsyncVideoLogs,
    AsyncVoiceLogs,
    ConferenceLogs,
    FaxLogs,
    MessageLogs,
    VideoLogs,
    VoiceLogs,
)

__all__ = ["AsyncSignalWireLogs", "SignalWireLogs"]


class SignalWireLogs(SyncAPIClient):
    """Client for SignalWire's logs (messaging, fax, voice, video, conferences) and cXML messages.

    Args:
        project_id: Your Project ID; defaults to ``$SIGNALWIRE_PROJECT_ID``.
        api_token: An API token with the scopes of the logs you read (Messaging, Fax, Voice,
            Video); defaults to
            ``$SIGNALWIRE_API_TOKEN``. It never appears in reprs, logs or errors.
        space: Your Space: ``"example"``, ``"example.signalwire.com"`` or
            ``"https://example.signalwire.com"``; defaults to ``$SIGNALWIRE_SPACE``.
        base_url: Any other server (a local fake, a proxy); overrides ``space``. Defaults to
            ``$SIGNALWIRE_BASE_URL`` when no ``space`` is passed. Plain ``http://`` is accepted
            for loopback hosts only.
        timeout: Seconds or an `httpx.Timeout`; ``None`` disables timeouts. Defaults to
            60 s (10 s to connect). It bounds each network operation and also each attempt as
            a whole: connecting, the headers and the body must all arrive within the seconds
            given (the read timeout of an `httpx.Timeout`), however slowly the server
            trickles them. Each retry gets a fresh deadline.
        max_retries: Retries of connection errors, timeouts, 408, 429 and 5xx (default 2), with
            exponential backoff and jitter, honouring ``Retry-After``.
        max_response_bytes: The largest response body accepted, counted once decoded (after
            gzip or deflate); default 32 MiB, about sixty times a page of 1,000 logs. Reading
            stops there with [`ResponseTooLargeError`][signalwire_logs.ResponseTooLargeError].
        http_client: An `httpx.Client` to share (proxies, limits, event hooks); the
            client then does not close it. Without one, the client builds its own, which
            takes its proxy from ``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY`` (never for plain
            http, which would show the proxy your credentials).

    Raises:
        ConfigurationError: a credential or the space is missing or malformed.

    Example:
        ```python
        with SignalWireLogs(project_id="...", api_token="...", space="example") as client:
            for log in client.message_logs.list(created_after="2024-05-01", limit=100):
                print(log.id, log.status, log.error_code)
        ```

    """

    @cached_property
    def with_raw_response(self) -> SignalWireLogsWithRawResponse:
        """The single-record calls returning a [`RawResponse`][signalwire_logs.RawResponse]: the
        result and the HTTP response (``.headers``, ``.request_id``), e.g.
        ``client.with_raw_response.fax_logs.get(id)``."""
        return SignalWireLogsWithRawResponse(self)

    @cached_property
    def message_logs(self) -> MessageLogs:
        """Message logs: ``get(id)``, ``list(...)``."""
        return MessageLogs(self._transport)

    @cached_property
    def fax_logs(self) -> FaxLogs:
        """Fax logs: ``get(id)``, ``list(...)``."""
        return FaxLogs(self._transport)

    @cached_property
    def voice_logs(self) -> VoiceLogs:
        """Voice logs: ``get(id)``, ``list(...)``, ``events(id)``."""
        return VoiceLogs(self._transport)

    @cached_property
    def video_logs(self) -> VideoLogs:
        """Video logs: ``get(id)``, ``list(...)``."""
        return VideoLogs(self._transport)

    @cached_property
    def conference_logs(self) -> ConferenceLogs:
        """Conference logs: ``list(...)``."""
        return ConferenceLogs(self._transport)

    @cached_property
    def cxml_messages(self) -> CxmlMessages:
        """cXML messages: ``get(sid)``, ``get_for_log(log)``, ``list(...)``."""
        return CxmlMessages(self._transport)


class AsyncSignalWireLogs(AsyncAPIClient):
    """The asyncio (or trio) twin of [`SignalWireLogs`][signalwire_logs.SignalWireLogs]: same
    arguments, same resources.

    ``get`` methods are awaited; ``list`` returns a paginator used with ``async for``.

    Example:
        ```python
        async with AsyncSignalWireLogs() as client:  # credentials from the environment
            async for log in client.fax_logs.list(include_deleted=True, limit=500):
                print(log.id, log.status)
        ```

    """

    @cached_property
    def with_raw_response(self) -> AsyncSignalWireLogsWithRawResponse:
        """The single-record calls, each awaited to a [`RawResponse`][signalwire_logs.RawResponse],
        e.g. ``await client.with_raw_response.fax_logs.get(id)``."""
        return AsyncSignalWireLogsWithRawResponse(self)

    @cached_property
    def message_logs(self) -> AsyncMessageLogs:
        """Message logs: ``await get(id)``, ``async for`` over ``list(...)``."""
        return AsyncMessageLogs(self._transport)

    @cached_property
    def fax_logs(self) -> AsyncFaxLogs:
        """Fax logs: ``await get(id)``, ``async for`` over ``list(...)``."""
        return AsyncFaxLogs(self._transport)

    @cached_property
    def voice_logs(self) -> AsyncVoiceLogs:
        """Voice logs: ``await get(id)``, ``async for`` over ``list(...)``, ``await events(id)``."""
        return AsyncVoiceLogs(self._transport)

    @cached_property
    def video_logs(self) -> AsyncVideoLogs:
        """Video logs: ``await get(id)``, ``async for`` over ``list(...)``."""
        return AsyncVideoLogs(self._transport)

    @cached_property
    def conference_logs(self) -> AsyncConferenceLogs:
        """Conference logs: ``async for`` over ``list(...)``."""
        return AsyncConferenceLogs(self._transport)

    @cached_property
    def cxml_messages(self) -> AsyncCxmlMessages:
        """cXML messages: ``await get(sid)``, ``await get_for_log(log)``, ``list(...)``."""
        return AsyncCxmlMessages(self._transport)
