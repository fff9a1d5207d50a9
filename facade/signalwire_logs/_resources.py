"""The log families' resources: message, fax, voice, video and conference logs (the cXML
messages resource, which shares their base, is in ``_cxml_messages.py``).

Each resource names the generated operation modules it calls and the models they return, and
sends its requests through the transport its client handed it: ``transport.fetch`` for one
record, whose answer must be the record asked for (``_asked.py``). The list methods are shared
by the sync and async clients: each checks its arguments into a ``ListCall`` (``_walk.py``)
and returns a lazy paginator (`SyncPaginator` or `AsyncPaginator`, named by the resource
class) whose walk does the I/O when iterated; ``get`` differs only in being awaited.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from types import ModuleType
from typing import Any, Generic, TypeVar
from uuid import UUID

from signalwire_logs_api.models import (
    ConferenceLog,
    FaxLog,
    MessageLog,
    VideoLog,
    VoiceLog,
    VoiceLogEventListResponse,
)

from ._arguments import (
    MessageStatuses,
    checked_statuses,
    list_params,
    resumed,
)
from ._asked import events_of, one_log
from ._constants import PAGE_SIZE_MAX
from ._dates import DateLike
from ._families import CONFERENCES, FAXES, MESSAGES, VIDEO, VOICE, Registered
from ._follow import (
    DEFAULT_INTERVAL,
    DEFAULT_WINDOW,
    FollowEvent,
    FollowState,
    follow_async,
    follow_sync,
)
from ._follow import start as follow_start
from ._page import LINKS, Envelope
from ._response import Model
from ._transport import AsyncTransport, BaseTransport, SyncTransport
from ._walk import ListCall
from .pagination import AsyncPaginator, BasePaginator, PageCursor, SyncPaginator

_ItemT = TypeVar("_ItemT", bound=Model)
_TransportT = TypeVar("_TransportT", bound=BaseTransport[Any])
#: The paginator a list returns: SyncPaginator[item] or AsyncPaginator[item].
_PagerT = TypeVar("_PagerT", bound=BasePaginator[Any])


class Resource(Generic[_TransportT, _PagerT]):
    """A resource of a client: it sends its requests through the client's transport."""

    #: SyncPaginator or AsyncPaginator: the only difference between a sync and an async list.
    _paginator: Callable[[ListCall], _PagerT]

    _list_operation: ModuleType
    _list_model: type[Model]
    #: How the list's answers carry their records and next link.
    _envelope: Envelope = LINKS
    #: The generated model of one record.
    item_model: type[Any]

    def __init__(self, transport: _TransportT) -> None:
        self._transport = transport

    def _paginate(
        self,
        params: dict[str, Any],
        limit: int | None,
        done: bool,
        extra_query: Mapping[str, str] | None = None,
        only: tuple[str, frozenset[str]] | None = None,
    ) -> _PagerT:
        """The lazy paginator of this resource's list, its arguments checked into ``params``
        (``only``: a filter the client applies, see `ListCall.only`)."""
        call = ListCall(
            self._transport,
            self._list_operation,
            self._list_model,
            self.item_model,
            params,
            limit,
            self._envelope,
            extra_query,
            done,
            only,
        )
        return self._paginator(call)


class _LogList(Resource[_TransportT, _PagerT], Generic[_TransportT, _PagerT, _ItemT]):
    """The list method shared by every log family and both clients."""

    #: The family's name as exports and the CLI call it (``"messages"``, ``"faxes"``...).
    family: str
    #: The generated model of one record.
    item_model: type[_ItemT]
    #: The record field a sharded export splits into time windows (None: cannot be split).
    time_field: str | None = "created_at"

    def list(
        self,
        *,
        include_deleted: bool | None = None,
        created_before: DateLike | None = None,
        created_on: DateLike | None = None,
        created_after: DateLike | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        page_token: str | None = None,
        limit: int | None = None,
        resume: PageCursor | None = None,
    ) -> _PagerT:
        """List logs, newest first, fetching pages lazily as the result is iterated.

        Args:
            include_deleted: Include logs for deleted activity (server default: False).
            created_before: Only activity before this date (``"2024-05-01"``, an ISO 8601
                date-time, a `datetime.date` or a `datetime.datetime`; see
                [`DateLike`][signalwire_logs.DateLike]).
            created_on: Only activity on this date.
            created_after: Only activity after this date.
            page_size: Records per request, 1 to 1000. By default the largest page, 1000,
                or ``limit`` when it is smaller; with ``resume``, the cursor's size (another
                size is refused).
            page_number: Resume at this page; needs ``page_token`` when greater than 0.
            page_token: Resume from this cursor
                ([`Page.next_page_token`][signalwire_logs.Page.next_page_token]).
            limit: Stop after this many records.
            resume: Continue a walk from a saved
                [`Page.cursor`][signalwire_logs.Page.cursor] (instead of
                ``page_number``/``page_token``); a finished cursor yields nothing. The
                walk asks the cursor's page size (``limit`` then only stops it).

        Returns:
            A [`SyncPaginator`][signalwire_logs.SyncPaginator] (``for``), or an
                [`AsyncPaginator`][signalwire_logs.AsyncPaginator] (``async for``) on the
                async client. Iterate it for the records, or call ``.pages()`` for the pages
                and their cursors; nothing is requested until then.

        Raises:
            ConfigurationError: an argument is out of range, or ``page_size`` differs from
                the ``resume`` cursor's, before any request.

        Example:
            ```python
            for log in client.message_logs.list(created_after="2024-05-01", limit=100):
                print(log.created_at, log.status, log.error_code)
            ```
        """
        return self._log_list(locals())

    def _log_list(
        self, arguments: dict[str, Any], only: tuple[str, frozenset[str]] | None = None
    ) -> _PagerT:
        """The paginator of `list()`, given its arguments by name."""
        page_number, page_token, page_size, done = resumed(
            arguments["resume"],
            "page_number",
            arguments["page_number"],
            arguments["page_token"],
            arguments["page_size"],
        )
        if only is not None and page_size is None:
            # Most logs may not match (and limit counts those kept): the fewest requests.
            page_size = PAGE_SIZE_MAX
        limit = arguments["limit"]
        params = list_params(
            include_deleted=arguments["include_deleted"],
            created_before=arguments["created_before"],
            created_on=arguments["created_on"],
            created_after=arguments["created_after"],
            page_size=page_size,
            page_number=page_number,
            page_token=page_token,
            limit=limit,
        )
        return self._paginate(params, limit, done, only=only)


class _ByStatus(_LogList[_TransportT, _PagerT, _ItemT]):
    """The list of message logs: the log list, and ``status=``, a filter the client applies
    (the API has none)."""

    def list(
        self,
        *,
        status: MessageStatuses | None = None,
        include_deleted: bool | None = None,
        created_before: DateLike | None = None,
        created_on: DateLike | None = None,
        created_after: DateLike | None = None,
        page_size: int | None = None,
        page_number: int | None = None,
        page_token: str | None = None,
        limit: int | None = None,
        resume: PageCursor | None = None,
    ) -> _PagerT:
        """List message logs, newest first, fetching pages lazily as the result is iterated.

        Args:
            status: Only logs with this status, or with any of these: a
                [`MessageLogStatus`][signalwire_logs.MessageLogStatus] or its value
                (``"failed"``, ``["failed", "undelivered"]``, ``"failed,undelivered"``).
                The API has no status filter: every log of the other filters is fetched
                and the client keeps the matching ones, so a rare status may take many
                requests (``page_size`` defaults to 1000 then). ``limit`` counts the logs
                kept, and ``.pages()`` yields pages holding only them. A status that is not
                documented is kept, with a `UserWarning`.
            include_deleted: Include logs for deleted activity (server default: False).
            created_before: Only activity before this date (``"2024-05-01"``, an ISO 8601
                date-time, a `datetime.date` or a `datetime.datetime`; see
                [`DateLike`][signalwire_logs.DateLike]).
            created_on: Only activity on this date.
            created_after: Only activity after this date.
            page_size: Records per request, 1 to 1000. By default the largest page, 1000,
                or ``limit`` when it is smaller and no ``status`` is given; with
                ``resume``, the cursor's size (another size is refused).
            page_number: Resume at this page; needs ``page_token`` when greater than 0.
            page_token: Resume from this cursor
                ([`Page.next_page_token`][signalwire_logs.Page.next_page_token]).
            limit: Stop after this many records (that match ``status``, when given).
            resume: Continue a walk from a saved
                [`Page.cursor`][signalwire_logs.Page.cursor] (instead of
                ``page_number``/``page_token``); a finished cursor yields nothing. The
                walk asks the cursor's page size (``limit`` then only stops it).

        Returns:
            A [`SyncPaginator`][signalwire_logs.SyncPaginator] (``for``), or an
                [`AsyncPaginator`][signalwire_logs.AsyncPaginator] (``async for``) on the
                async client; nothing is requested until it is iterated.

        Raises:
            ConfigurationError: an argument is out of range, or ``page_size`` differs from
                the ``resume`` cursor's, before any request.

        Example:
            ```python
            for log in client.message_logs.list(status=["failed", "undelivered"], limit=20):
                print(log.created_at, log.status, log.error_code)
            ```
        """
        arguments = locals()
        statuses = checked_statuses(arguments.pop("status"))
        if statuses is None:
            return self._log_list(arguments)
        return self._log_list(arguments, only=("status", frozenset(statuses)))


class _SyncLogList(_LogList[SyncTransport, SyncPaginator[_ItemT], _ItemT]):
    _paginator = SyncPaginator

    def follow(
        self,
        *,
        since: datetime.datetime | datetime.timedelta | None = None,
        interval: float = DEFAULT_INTERVAL,
        window: datetime.timedelta = DEFAULT_WINDOW,
        page_size: int = 1000,
        on_error: Callable[[Exception], None] | None = None,
        sleep: Callable[[float], object] = time.sleep,
    ) -> Iterator[FollowEvent[_ItemT]]:
        """Yield each new log, and each status change of a recent one.

        Polls `list()` every ``interval`` seconds with ``created_after`` a ``window``
        behind the newest log seen; never yields the same (id, status) twice and remembers
        only the logs inside the window. Runs until the caller stops iterating.

        Args:
            since: Start here (a datetime, or a timedelta back from now); None: only logs
                that appear or change after the first poll.
            interval: Seconds between polls (see ``DEFAULT_INTERVAL`` for why 2).
            window: How far back each poll looks for status changes.
            page_size: Records per request.
            on_error: Called with each transient failure (connection, 429, 5xx, a bad
                body) that outlived the client's retries; the follow waits and goes on.
            sleep: How to wait ``interval`` (tests pass one that moves a fake clock).

        Yields:
            A [`FollowEvent`][signalwire_logs.FollowEvent] per new log or status change.

        Raises:
            AuthenticationError: and any other error that asking again cannot fix.
        """
        state: FollowState[_ItemT] = FollowState(since=follow_start(since), window=window)
        lister = functools.partial(self.list, page_size=page_size)
        return follow_sync(lister, state, interval=interval, sleep=sleep, on_error=on_error)


class _AsyncLogList(_LogList[AsyncTransport, AsyncPaginator[_ItemT], _ItemT]):
    _paginator = AsyncPaginator

    def follow(
        self,
        *,
        since: datetime.datetime | datetime.timedelta | None = None,
        interval: float = DEFAULT_INTERVAL,
        window: datetime.timedelta = DEFAULT_WINDOW,
        page_size: int = 1000,
        on_error: Callable[[Exception], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> AsyncIterator[FollowEvent[_ItemT]]:
        """Yield each new log, and each status change of a recent one (``async for``).

        The sync client's ``follow``, as an async iterator: it polls `list()` every
        ``interval`` seconds with ``created_after`` a ``window`` behind the newest log seen,
        never yields the same (id, status) twice, and runs until the caller stops iterating.

        Args:
            since: Start here (a datetime, or a timedelta back from now); None: only logs
                that appear or change after the first poll.
            interval: Seconds between polls.
            window: How far back each poll looks for status changes.
            page_size: Records per request.
            on_error: Called with each transient failure (connection, 429, 5xx, a bad
                body) that outlived the client's retries; the follow waits and goes on.
            sleep: Awaited to wait ``interval`` (default `asyncio.sleep`).

        Yields:
            A [`FollowEvent`][signalwire_logs.FollowEvent] per new log or status change.

        Raises:
            AuthenticationError: and any other error that asking again cannot fix.
        """
        state: FollowState[_ItemT] = FollowState(since=follow_start(since), window=window)
        lister = functools.partial(self.list, page_size=page_size)
        return follow_async(lister, state, interval=interval, sleep=sleep, on_error=on_error)


class _SyncLogs(_SyncLogList[_ItemT]):
    _get_operation: ModuleType

    def get(self, id: str | UUID) -> _ItemT:
        """Fetch one log by its ID.

        Args:
            id: The log's ID, a UUID (as a string or a `uuid.UUID`).

        Returns:
            The record, of the family's model ([`MessageLog`][signalwire_logs.MessageLog]
                for ``client.message_logs``...).

        Raises:
            ConfigurationError: ``id`` is not a UUID (nothing is sent).
            NotFoundError: no log has this ID.
            RecordMismatchError: the server answered with another log.

        Example:
            ```python
            log = client.message_logs.get("a6d2c3e0-8d0a-4a4b-9f51-2c3b7d1e0f12")
            ```
        """
        return self._transport.fetch(
            self._get_operation, self.item_model, *one_log(self.item_model, id)
        )


class _AsyncLogs(_AsyncLogList[_ItemT]):
    _get_operation: ModuleType

    async def get(self, id: str | UUID) -> _ItemT:
        """Fetch one log by its ID (awaited).

        Args:
            id: The log's ID, a UUID (as a string or a `uuid.UUID`).

        Returns:
            The record, of the family's model ([`MessageLog`][signalwire_logs.MessageLog]
                for ``client.message_logs``...).

        Raises:
            ConfigurationError: ``id`` is not a UUID (nothing is sent).
            NotFoundError: no log has this ID.
            RecordMismatchError: the server answered with another log.
        """
        return await self._transport.fetch(
            self._get_operation, self.item_model, *one_log(self.item_model, id)
        )


class MessageLogs(
    Registered,
    _ByStatus[SyncTransport, SyncPaginator[MessageLog], MessageLog],
    _SyncLogs[MessageLog],
    family=MESSAGES,
):
    """Message logs (``/api/messaging/logs``): SMS and MMS, LaML and Relay."""


class AsyncMessageLogs(
    Registered,
    _ByStatus[AsyncTransport, AsyncPaginator[MessageLog], MessageLog],
    _AsyncLogs[MessageLog],
    family=MESSAGES,
):
    """Message logs (``/api/messaging/logs``): SMS and MMS, LaML and Relay."""


class FaxLogs(Registered, _SyncLogs[FaxLog], family=FAXES):
    """Fax logs (``/api/fax/logs``)."""


class AsyncFaxLogs(Registered, _AsyncLogs[FaxLog], family=FAXES):
    """Fax logs (``/api/fax/logs``)."""


class VoiceLogs(Registered, _SyncLogs[VoiceLog], family=VOICE):
    """Voice logs (``/api/voice/logs``): calls of every kind, and their events."""

    def events(self, id: str | UUID) -> VoiceLogEventListResponse:
        """Fetch every event of one call, in order; the list is not paged.

        Args:
            id: The voice log's ID, a UUID (as a string or a `uuid.UUID`).

        Returns:
            The events in ``.data``, each a [`VoiceLogEvent`][signalwire_logs.VoiceLogEvent].

        Raises:
            ConfigurationError: ``id`` is not a UUID (nothing is sent).
            NotFoundError: no voice log has this ID.
            RecordMismatchError: the server answered with another call's events.
        """
        return self._transport.fetch(
            self._events_operation, VoiceLogEventListResponse, *events_of(id)
        )


class AsyncVoiceLogs(Registered, _AsyncLogs[VoiceLog], family=VOICE):
    """Voice logs (``/api/voice/logs``): calls of every kind, and their events."""

    async def events(self, id: str | UUID) -> VoiceLogEventListResponse:
        """Fetch every event of one call, in order; the list is not paged.

        Args:
            id: The voice log's ID, a UUID (as a string or a `uuid.UUID`).

        Returns:
            The events in ``.data``, each a [`VoiceLogEvent`][signalwire_logs.VoiceLogEvent].

        Raises:
            ConfigurationError: ``id`` is not a UUID (nothing is sent).
            NotFoundError: no voice log has this ID.
            RecordMismatchError: the server answered with another call's events.
        """
        return await self._transport.fetch(
            self._events_operation, VoiceLogEventListResponse, *events_of(id)
        )


class VideoLogs(Registered, _SyncLogs[VideoLog], family=VIDEO):
    """Video logs (``/api/video/logs``): room and conference sessions."""


class AsyncVideoLogs(Registered, _AsyncLogs[VideoLog], family=VIDEO):
    """Video logs (``/api/video/logs``): room and conference sessions."""


class ConferenceLogs(Registered, _SyncLogList[ConferenceLog], family=CONFERENCES):
    """Conference logs (``/api/logs/conferences``): cXML, Relay and video conferences."""


class AsyncConferenceLogs(Registered, _AsyncLogList[ConferenceLog], family=CONFERENCES):
    """Conference logs (``/api/logs/conferences``): cXML, Relay and video conferences."""
