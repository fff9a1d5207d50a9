"""``client.with_raw_response``: the single-record calls, each returning a RawResponse.

Each view wraps the client's own resource methods (same arguments, checks and request);
only the result changes, to a `RawResponse` of it. Lists have no raw
form: they are lazy and make one request per page.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar
from uuid import UUID

from signalwire_logs_api.models import FaxLog, MessageLog, VideoLog, VoiceLog

from ._cxml_messages import AsyncCxmlMessages, CxmlMessages
from ._resources import AsyncVoiceLogs, VoiceLogs
from ._response import Model, to_async_raw, to_raw

if TYPE_CHECKING:
    from ._client import AsyncSignalWireLogs, SignalWireLogs

__all__ = ["AsyncSignalWireLogsWithRawResponse", "SignalWireLogsWithRawResponse"]

_ItemT = TypeVar("_ItemT", bound=Model)
_ItemT_co = TypeVar("_ItemT_co", bound=Model, covariant=True)


class _Gets(Protocol[_ItemT_co]):
    """A log resource of the sync client with a ``get``."""

    def get(self, id: str | UUID) -> _ItemT_co: ...


class _AsyncGets(Protocol[_ItemT_co]):
    """A log resource of the async client with a ``get``."""

    def get(self, id: str | UUID) -> Awaitable[_ItemT_co]: ...


class _Logs(Generic[_ItemT]):
    def __init__(self, logs: _Gets[_ItemT]) -> None:
        self.get = to_raw(logs.get)


class _VoiceLogs(_Logs[VoiceLog]):
    def __init__(self, logs: VoiceLogs) -> None:
        super().__init__(logs)
        self.events = to_raw(logs.events)


class _CxmlMessages:
    def __init__(self, messages: CxmlMessages) -> None:
        self.get = to_raw(messages.get)
        self.get_for_log = to_raw(messages.get_for_log)


class SignalWireLogsWithRawResponse:
    """``client.with_raw_response``: ``get``, ``events`` and ``get_for_log`` returning a
    `RawResponse` (the result, and the HTTP response's headers)."""

    def __init__(self, client: SignalWireLogs) -> None:
        self.message_logs = _Logs[MessageLog](client.message_logs)
        self.fax_logs = _Logs[FaxLog](client.fax_logs)
        self.voice_logs = _VoiceLogs(client.voice_logs)
        self.video_logs = _Logs[VideoLog](client.video_logs)
        self.cxml_messages = _CxmlMessages(client.cxml_messages)


class _AsyncLogs(Generic[_ItemT]):
    def __init__(self, logs: _AsyncGets[_ItemT]) -> None:
        self.get = to_async_raw(logs.get)


class _AsyncVoiceLogs(_AsyncLogs[VoiceLog]):
    def __init__(self, logs: AsyncVoiceLogs) -> None:
        super().__init__(logs)
        self.events = to_async_raw(logs.events)


class _AsyncCxmlMessages:
    def __init__(self, messages: AsyncCxmlMessages) -> None:
        self.get = to_async_raw(messages.get)
        self.get_for_log = to_async_raw(messages.get_for_log)


class AsyncSignalWireLogsWithRawResponse:
    """``client.with_raw_response`` of `AsyncSignalWireLogs`: the
    same calls, each awaited to a `RawResponse`."""

    def __init__(self, client: AsyncSignalWireLogs) -> None:
        self.message_logs = _AsyncLogs[MessageLog](client.message_logs)
        self.fax_logs = _AsyncLogs[FaxLog](client.fax_logs)
        self.voice_logs = _AsyncVoiceLogs(client.voice_logs)
        self.video_logs = _AsyncLogs[VideoLog](client.video_logs)
        self.cxml_messages = _AsyncCxmlMessages(client.cxml_messages)
