"""Types for annotating code that uses the client: resources and dates.

A function that works with any log family takes a :class:`LogResource` (or an
:class:`AsyncLogResource`), so a type checker knows the records it gets::

    def failed(resource: LogResource[MessageLog]) -> list[MessageLog]:
        return [log for log in resource.list(limit=100) if log.error_code]

    failed(client.message_logs)  # accepted; failed(client.fax_logs) is not
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from ._dates import DateLike
from .pagination import AsyncPaginator, SyncPaginator

__all__ = ["AsyncLogResource", "DateLike", "LogResource"]

# Invariant, as the paginators are: a LogResource[FaxLog] is not a LogResource[object].
_ItemT = TypeVar("_ItemT")


class LogResource(Protocol[_ItemT]):
    """A log family of :class:`~signalwire_logs.SignalWireLogs` (``client.message_logs``,
    ``client.fax_logs``, ``voice_logs``, ``video_logs``, ``conference_logs``)."""

    def list(
        self,
        *,
        include_deleted: bool | None = ...,
        created_before: DateLike | None = ...,
        created_on: DateLike | None = ...,
        created_after: DateLike | None = ...,
        page_size: int | None = ...,
        page_number: int | None = ...,
        page_token: str | None = ...,
        limit: int | None = ...,
    ) -> SyncPaginator[_ItemT]:
        """List the family's logs, newest first (see ``client.message_logs.list``)."""
        ...


class AsyncLogResource(Protocol[_ItemT]):
    """A log family of :class:`~signalwire_logs.AsyncSignalWireLogs`."""

    def list(
        self,
        *,
        include_deleted: bool | None = ...,
        created_before: DateLike | None = ...,
        created_on: DateLike | None = ...,
        created_after: DateLike | None = ...,
        page_size: int | None = ...,
        page_number: int | None = ...,
        page_token: str | None = ...,
        limit: int | None = ...,
    ) -> AsyncPaginator[_ItemT]:
        """List the family's logs, newest first (see ``client.message_logs.list``)."""
        ...
