"""The API's resources: message logs, fax logs and cXML messages, for both clients.

Each resource names the generated operation modules it calls and the models they return. The
list methods are shared by the sync and async clients (they return a lazy
:class:`~signalwire_logs.pagination.Paginator`, which does the I/O when iterated); ``get``
differs only in being awaited.
"""

from __future__ import annotations

import datetime
import re
from types import ModuleType
from typing import Any, Generic, TypeVar
from uuid import UUID

from signalwire_logs_api.api.cxml_messages import get_cxml_message
from signalwire_logs_api.api.fax_logs import get_fax_log, list_fax_logs
from signalwire_logs_api.api.message_logs import get_message_log, list_message_logs
from signalwire_logs_api.models import (
    CxmlMessage,
    FaxLog,
    FaxLogListResponse,
    MessageLog,
    MessageLogListResponse,
)
from signalwire_logs_api.types import Unset

from ._base_client import AsyncAPIClient, BaseClient, Model, SyncAPIClient
from ._constants import PAGE_SIZE_MAX, PAGE_SIZE_MIN
from ._exceptions import ConfigurationError
from .pagination import ListResponse, Paginator

_ItemT = TypeVar("_ItemT", bound=Model)
_ClientT = TypeVar("_ClientT", bound=BaseClient[Any])

#: A date filter: ``"2024-05-01"``, an ISO 8601 date-time string, a date or a datetime.
DateLike = str | datetime.date

_CXML_MESSAGE_PATH = re.compile(
    r"^/api/laml/2010-04-01/Accounts/(?P<account>[^/]+)/Messages/(?P<sid>[^/.]+)(?:\.json)?$"
)


def _uuid(name: str, value: str | UUID) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise ConfigurationError(
            f"{name} must be a UUID such as 'b7182dc2-00f3-40e4-a5ce-20f164b329df', got {value!r}"
        ) from None


def _date(name: str, value: DateLike | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.date):  # datetime is a date too
        return value.isoformat()
    raise ConfigurationError(f"{name} must be a date, a datetime or a string, got {value!r}")


def _int(name: str, value: int | None, minimum: int, maximum: int | None = None) -> int | None:
    if value is None:
        return None
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if not is_int or value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
        raise ConfigurationError(f"{name} must be an integer {bounds}, got {value!r}")
    return value


def list_params(
    *,
    include_deleted: bool | None,
    created_before: DateLike | None,
    created_on: DateLike | None,
    created_after: DateLike | None,
    page_size: int | None,
    page_number: int | None,
    page_token: str | None,
    limit: int | None,
) -> dict[str, Any]:
    """Validate a log list's arguments; None means "not sent" (the server default applies)."""
    if include_deleted is not None and not isinstance(include_deleted, bool):
        raise ConfigurationError(f"include_deleted must be True or False, got {include_deleted!r}")
    limit = _int("limit", limit, 1)
    page_size = _int("page_size", page_size, PAGE_SIZE_MIN, PAGE_SIZE_MAX)
    page_number = _int("page_number", page_number, 0)
    if page_number and not page_token:
        raise ConfigurationError(
            "page_number > 0 requires page_token: resume with both values of a Page "
            "(page.next_page_number, page.next_page_token)."
        )
    if limit is not None and page_size is None:
        page_size = min(limit, PAGE_SIZE_MAX)  # fewer round trips than the default of 50
    return {
        "include_deleted": include_deleted,
        "created_before": _date("created_before", created_before),
        "created_on": _date("created_on", created_on),
        "created_after": _date("created_after", created_after),
        "page_size": page_size,
        "page_number": page_number,
        "page_token": page_token,
    }


class _Resource(Generic[_ClientT]):
    def __init__(self, client: _ClientT) -> None:
        self._client = client


class _LogList(_Resource[_ClientT], Generic[_ClientT, _ItemT]):
    """The list method shared by every log family and both clients."""

    _list_operation: ModuleType
    _list_model: type[ListResponse[_ItemT]]
    _get_operation: ModuleType

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
    ) -> Paginator[_ItemT]:
        """List logs, newest first, fetching pages lazily as the result is iterated.

        Args:
            include_deleted: Include logs for deleted activity (server default: False).
            created_before: Only activity before this date (``"2024-05-01"``, an ISO 8601
                date-time, a :class:`~datetime.date` or :class:`~datetime.datetime`).
            created_on: Only activity on this date.
            created_after: Only activity after this date.
            page_size: Records per request, 1 to 1000 (server default: 50; with ``limit``
                and no ``page_size``, ``min(limit, 1000)``).
            page_number: Resume at this page; needs ``page_token`` when greater than 0.
            page_token: Resume from this cursor (:attr:`Page.next_page_token`).
            limit: Stop after this many records.

        Returns:
            A :class:`~signalwire_logs.pagination.Paginator`: iterate it for the records, or
            call ``.pages()`` for the pages and their cursors. Nothing is requested until
            then.

        Raises:
            ConfigurationError: an argument is out of range, before any request.
        """
        params = list_params(
            include_deleted=include_deleted,
            created_before=created_before,
            created_on=created_on,
            created_after=created_after,
            page_size=page_size,
            page_number=page_number,
            page_token=page_token,
            limit=limit,
        )
        return Paginator(self._client, self._list_operation, self._list_model, params, limit)


class _SyncLogs(_LogList[SyncAPIClient, _ItemT]):
    _item_model: type[_ItemT]

    def get(self, id: str | UUID) -> _ItemT:
        """Fetch one log by its ID.

        Raises:
            ConfigurationError: ``id`` is not a UUID (nothing is sent).
            NotFoundError: no log has this ID.
        """
        return self._client._request(self._get_operation, self._item_model, {"id": _uuid("id", id)})


class _AsyncLogs(_LogList[AsyncAPIClient, _ItemT]):
    _item_model: type[_ItemT]

    async def get(self, id: str | UUID) -> _ItemT:
        """Fetch one log by its ID.

        Raises:
            ConfigurationError: ``id`` is not a UUID (nothing is sent).
            NotFoundError: no log has this ID.
        """
        return await self._client._request(
            self._get_operation, self._item_model, {"id": _uuid("id", id)}
        )


class _MessageLogFamily:
    """What both message-log resources call: the generated operations and models."""

    _list_operation = list_message_logs
    _list_model: type[ListResponse[MessageLog]] = MessageLogListResponse
    _get_operation = get_message_log
    _item_model = MessageLog
    _export_name = "messages"
    _client_attribute = "message_logs"


class _FaxLogFamily:
    """What both fax-log resources call: the generated operations and models."""

    _list_operation = list_fax_logs
    _list_model: type[ListResponse[FaxLog]] = FaxLogListResponse
    _get_operation = get_fax_log
    _item_model = FaxLog
    _export_name = "faxes"
    _client_attribute = "fax_logs"


class MessageLogs(_MessageLogFamily, _SyncLogs[MessageLog]):
    """Message logs (``/api/messaging/logs``): SMS and MMS, LaML and Relay."""


class AsyncMessageLogs(_MessageLogFamily, _AsyncLogs[MessageLog]):
    """Message logs (``/api/messaging/logs``): SMS and MMS, LaML and Relay."""


class FaxLogs(_FaxLogFamily, _SyncLogs[FaxLog]):
    """Fax logs (``/api/fax/logs``)."""


class AsyncFaxLogs(_FaxLogFamily, _AsyncLogs[FaxLog]):
    """Fax logs (``/api/fax/logs``)."""


class _CxmlMessagesBase(_Resource[_ClientT]):
    _get_operation = get_cxml_message

    def _get_params(self, sid: str | UUID, account_sid: str | UUID | None) -> dict[str, Any]:
        account = self._client.project_id if account_sid is None else account_sid
        return {"account_sid": _uuid("account_sid", account), "sid": _uuid("sid", sid)}

    def _params_for_log(self, log: MessageLog) -> dict[str, Any]:
        url = log.url
        if url is None or isinstance(url, Unset):
            raise ConfigurationError(
                f"Message log {log.id} has no cXML message: its url is null "
                "(Relay messages have none)."
            )
        base = self._client.base_url
        target = base.join(url)
        match = _CXML_MESSAGE_PATH.match(target.path)
        if target.host != base.host or match is None:
            raise ConfigurationError(
                f"Message log {log.id} points to {url!r}, not to a cXML message of this space."
            )
        return self._get_params(match["sid"], match["account"])


class CxmlMessages(_CxmlMessagesBase[SyncAPIClient]):
    """cXML (LaML) messages: the compatibility-API record behind a LaML message log."""

    def get(self, sid: str | UUID, *, account_sid: str | UUID | None = None) -> CxmlMessage:
        """Fetch one cXML message.

        Args:
            sid: The message's Sid.
            account_sid: The project it belongs to; defaults to the client's project ID.
        """
        return self._client._request(
            self._get_operation, CxmlMessage, self._get_params(sid, account_sid)
        )

    def get_for_log(self, log: MessageLog) -> CxmlMessage:
        """Fetch the cXML message a LaML message log points to (its ``url``).

        Raises:
            ConfigurationError: the log has no url (Relay messages) or it points elsewhere.
        """
        return self._client._request(self._get_operation, CxmlMessage, self._params_for_log(log))


class AsyncCxmlMessages(_CxmlMessagesBase[AsyncAPIClient]):
    """cXML (LaML) messages: the compatibility-API record behind a LaML message log."""

    async def get(self, sid: str | UUID, *, account_sid: str | UUID | None = None) -> CxmlMessage:
        """Fetch one cXML message.

        Args:
            sid: The message's Sid.
            account_sid: The project it belongs to; defaults to the client's project ID.
        """
        return await self._client._request(
            self._get_operation, CxmlMessage, self._get_params(sid, account_sid)
        )

    async def get_for_log(self, log: MessageLog) -> CxmlMessage:
        """Fetch the cXML message a LaML message log points to (its ``url``).

        Raises:
            ConfigurationError: the log has no url (Relay messages) or it points elsewhere.
        """
        return await self._client._request(
            self._get_operation, CxmlMessage, self._params_for_log(log)
        )
