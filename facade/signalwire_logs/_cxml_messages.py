"""The cXML (LaML) messages resource: the compatibility-API record behind a LaML message log.

Its list filters by day (``DateSent``, ``DateSent<``, ``DateSent>``) and follows cXML's
``next_page_uri``; its get names the account and the message, and checks that the answer is
that message (``_asked.py``). It shares the resource base of the log families
(``_resources.py``) and takes its operations from its registry entry (``_families.CXML``).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, TypeVar
from uuid import UUID

from signalwire_logs_api.models import CxmlMessage, CxmlMessageStatus, MessageLog

from ._arguments import checked_status, checked_text, checked_uuid, paging, resumed
from ._asked import Get, cxml_message, cxml_message_of
from ._dates import DateLike, cxml_day_filters
from ._families import CXML, Registered
from ._resources import Resource
from ._transport import AsyncTransport, BaseTransport, SyncTransport
from .pagination import AsyncPaginator, BasePaginator, PageCursor, SyncPaginator

__all__ = ["AsyncCxmlMessages", "CxmlMessages"]

_TransportT = TypeVar("_TransportT", bound=BaseTransport[Any])
_PagerT = TypeVar("_PagerT", bound=BasePaginator[Any])


class _CxmlMessagesBase(Resource[_TransportT, _PagerT]):
    # Set from _families.CXML by Registered. cXML lists filter by day only: time_field is
    # None, so an export of them is not split into time windows.
    #: The family's name as exports call it.
    family: str
    #: The generated model of one record.
    item_model: type[CxmlMessage]
    time_field: str | None
    _get_operation: ModuleType

    def list(
        self,
        *,
        date_sent: DateLike | None = None,
        date_sent_before: DateLike | None = None,
        date_sent_after: DateLike | None = None,
        from_: str | None = None,
        to: str | None = None,
        status: CxmlMessageStatus | str | None = None,
        page_size: int | None = None,
        page: int | None = None,
        page_token: str | None = None,
        limit: int | None = None,
        account_sid: str | UUID | None = None,
        resume: PageCursor | None = None,
    ) -> _PagerT:
        """List cXML messages, newest first, following ``next_page_uri`` as the result is
        iterated (it never leaves the client's Space).

        Args:
            date_sent: Only messages sent on this day (UTC; ``"2024-05-01"`` or a date).
            date_sent_before: Only messages sent before this day (``DateSent<``).
            date_sent_after: Only messages sent after this day (``DateSent>``).
            from_: Only messages from this number (E.164).
            to: Only messages to this number (E.164).
            status: Only messages with this status: a
                [`CxmlMessageStatus`][signalwire_logs.CxmlMessageStatus] or its value
                (``"queued"``, ``"initiated"``, ``"sent"``, ``"delivered"``,
                ``"undelivered"``, ``"failed"``, ``"received"``). Any other string is sent
                as given, with a `UserWarning` (a status SignalWire adds later).
            page_size: Messages per request (``PageSize``), 1 to 1000. By default the
                largest page, 1000, or ``limit`` when it is smaller; with ``resume``, the
                cursor's size (another size is refused).
            page: Resume at this zero-based page; needs ``page_token`` when greater than 0.
            page_token: Resume from this cursor
                ([`Page.next_page_token`][signalwire_logs.Page.next_page_token]).
            limit: Stop after this many messages.
            account_sid: The project whose messages to list; defaults to the client's.
            resume: Continue a walk from a saved
                [`Page.cursor`][signalwire_logs.Page.cursor] (instead of
                ``page``/``page_token``); a finished cursor yields nothing. The walk
                asks the cursor's page size (``limit`` then only stops it).

        Returns:
            A [`SyncPaginator`][signalwire_logs.SyncPaginator] of
                [`CxmlMessage`][signalwire_logs.CxmlMessage] (``for``), or an
                [`AsyncPaginator`][signalwire_logs.AsyncPaginator] (``async for``) on the
                async client; nothing is requested until it is iterated.

        Raises:
            ConfigurationError: an argument is out of range, or ``page_size`` differs from
                the ``resume`` cursor's, before any request.
        """
        page, page_token, page_size, done = resumed(resume, "page", page, page_token, page_size)
        page_size, page = paging(limit, page_size, "page", page, page_token)
        days = cxml_day_filters(
            date_sent=date_sent, date_sent_before=date_sent_before, date_sent_after=date_sent_after
        )
        params = {
            "account_sid": self._account(account_sid),
            "date_sent": days.pop("DateSent"),
            "from_": checked_text("from_", from_),
            "to": checked_text("to", to),
            "status": checked_status(status),
            "page": page,
            "page_size": page_size,
            "page_token": page_token,
        }
        # DateSent< and DateSent> are not in the generated operation (see spec/overlay.yaml).
        extra = {wire: day for wire, day in days.items() if day is not None}
        return self._paginate(params, limit, done, extra_query=extra)

    def _account(self, account_sid: str | UUID | None) -> UUID:
        """The AccountSid to use: the one given, or the client's project."""
        return checked_uuid(
            "account_sid", self._transport.project_id if account_sid is None else account_sid
        )

    def _get_params(self, sid: str | UUID, account_sid: str | UUID | None) -> Get:
        return cxml_message(self._account(account_sid), checked_uuid("sid", sid))

    def _params_for_log(self, log: MessageLog) -> Get:
        account, sid = cxml_message_of(log, self._transport.base_url)
        return self._get_params(sid, account)


class CxmlMessages(
    Registered, _CxmlMessagesBase[SyncTransport, SyncPaginator[CxmlMessage]], family=CXML
):
    """cXML (LaML) messages: the compatibility-API record behind a LaML message log."""

    _paginator = SyncPaginator

    def get(self, sid: str | UUID, *, account_sid: str | UUID | None = None) -> CxmlMessage:
        """Fetch one cXML message.

        Args:
            sid: The message's Sid, a UUID (as a string or a `uuid.UUID`).
            account_sid: The project it belongs to; defaults to the client's project ID.

        Returns:
            The [`CxmlMessage`][signalwire_logs.CxmlMessage].

        Raises:
            ConfigurationError: ``sid`` or ``account_sid`` is not a UUID (nothing is sent).
            NotFoundError: no such message (the cXML error body is in ``err.body``).
            RecordMismatchError: the server answered with another message.
        """
        return self._transport.fetch(
            self._get_operation, CxmlMessage, *self._get_params(sid, account_sid)
        )

    def get_for_log(self, log: MessageLog) -> CxmlMessage:
        """Fetch the cXML message a LaML message log points to (its ``url``).

        Args:
            log: A [`MessageLog`][signalwire_logs.MessageLog] of a LaML message.

        Returns:
            The [`CxmlMessage`][signalwire_logs.CxmlMessage] behind the log (its status,
                price and dates as the compatibility API has them).

        Raises:
            ConfigurationError: the log has no url (Relay messages) or it points elsewhere.
            NotFoundError: the message is gone.
            RecordMismatchError: the server answered with another message.
        """
        return self._transport.fetch(self._get_operation, CxmlMessage, *self._params_for_log(log))


class AsyncCxmlMessages(
    Registered, _CxmlMessagesBase[AsyncTransport, AsyncPaginator[CxmlMessage]], family=CXML
):
    """cXML (LaML) messages: the compatibility-API record behind a LaML message log."""

    _paginator = AsyncPaginator

    async def get(self, sid: str | UUID, *, account_sid: str | UUID | None = None) -> CxmlMessage:
        """Fetch one cXML message.

        Args:
            sid: The message's Sid, a UUID (as a string or a `uuid.UUID`).
            account_sid: The project it belongs to; defaults to the client's project ID.

        Returns:
            The [`CxmlMessage`][signalwire_logs.CxmlMessage].

        Raises:
            ConfigurationError: ``sid`` or ``account_sid`` is not a UUID (nothing is sent).
            NotFoundError: no such message (the cXML error body is in ``err.body``).
            RecordMismatchError: the server answered with another message.
        """
        return await self._transport.fetch(
            self._get_operation, CxmlMessage, *self._get_params(sid, account_sid)
        )

    async def get_for_log(self, log: MessageLog) -> CxmlMessage:
        """Fetch the cXML message a LaML message log points to (its ``url``).

        Args:
            log: A [`MessageLog`][signalwire_logs.MessageLog] of a LaML message.

        Returns:
            The [`CxmlMessage`][signalwire_logs.CxmlMessage] behind the log (its status,
                price and dates as the compatibility API has them).

        Raises:
            ConfigurationError: the log has no url (Relay messages) or it points elsewhere.
            NotFoundError: the message is gone.
            RecordMismatchError: the server answered with another message.
        """
        return await self._transport.fetch(
            self._get_operation, CxmlMessage, *self._params_for_log(log)
        )
