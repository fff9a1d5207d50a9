"""Types for annotating code that uses the client: the resource protocols, and dates.

A function that works with any log family takes a
[`LogResource`][signalwire_logs.LogResource] (or an
[`AsyncLogResource`][signalwire_logs.AsyncLogResource]), so a type checker knows the
records it gets:

```python
def failed(resource: LogResource[MessageLog]) -> list[MessageLog]:
    return [log for log in resource.list(limit=100) if log.error_code]

failed(client.message_logs)  # accepted; failed(client.fax_logs) is not
```

There is one resource protocol, in two steps:
[`ExportSource`][signalwire_logs.ExportSource] is what every list resource has (its
family's name, record model and time field, and a ``list`` that takes ``page_size=`` and
``resume=``; the cXML messages too), and [`LogResource`][signalwire_logs.LogResource] adds
every argument a log family's ``list`` takes. Each has an async twin.

The filters an export passes to a family's ``list`` are typed per family:
[`LogFilters`][signalwire_logs.LogFilters],
[`MessageLogFilters`][signalwire_logs.MessageLogFilters] and
[`CxmlMessageFilters`][signalwire_logs.CxmlMessageFilters], so a checker rejects a filter
the family does not take (``tests/test_families.py`` holds them to each ``list()``).
"""

from __future__ import annotations

from typing import Any, Protocol, TypedDict, TypeVar
from uuid import UUID

from signalwire_logs_api.models import CxmlMessageStatus

from ._arguments import MessageStatuses
from ._dates import DateLike
from .pagination import AsyncPaginator, PageCursor, SyncPaginator

__all__ = [
    "AsyncExportSource",
    "AsyncLogResource",
    "CxmlMessageFilters",
    "DateLike",
    "ExportSource",
    "LogFilters",
    "LogResource",
    "MessageLogFilters",
]

# Invariant, as the paginators are: a LogResource[FaxLog] is not a LogResource[object].
_ItemT = TypeVar("_ItemT")


class _Family(Protocol):
    """What every list resource tells of its family (read from the family registry)."""

    @property
    def family(self) -> str:
        """The family's name, saved in an export's cursor file (``"messages"``)."""
        ...

    @property
    def item_model(self) -> type[Any]:
        """The generated model of one record (gives the CSV columns and Arrow schema)."""
        ...

    @property
    def time_field(self) -> str | None:
        """The record field time windows split on; None: the list filters by day only."""
        ...


class ExportSource(_Family, Protocol):
    """What [`export_logs()`][signalwire_logs.export_logs] needs of a resource; every list
    resource of [`SignalWireLogs`][signalwire_logs.SignalWireLogs] has it
    (``client.message_logs``, ..., ``client.cxml_messages``)."""

    def list(
        self, *, page_size: int | None = ..., resume: PageCursor | None = ...
    ) -> SyncPaginator[Any]:
        """The records, newest first, from ``resume`` on."""
        ...


class AsyncExportSource(_Family, Protocol):
    """What [`aexport_logs()`][signalwire_logs.aexport_logs] needs of a resource: a list
    resource of [`AsyncSignalWireLogs`][signalwire_logs.AsyncSignalWireLogs]."""

    def list(
        self, *, page_size: int | None = ..., resume: PageCursor | None = ...
    ) -> AsyncPaginator[Any]:
        """The records, newest first, from ``resume`` on."""
        ...


class LogResource(ExportSource, Protocol[_ItemT]):
    """A log family of [`SignalWireLogs`][signalwire_logs.SignalWireLogs]
    (``client.message_logs``, ``client.fax_logs``, ``voice_logs``, ``video_logs``,
    ``conference_logs``): an [`ExportSource`][signalwire_logs.ExportSource] whose ``list``
    takes every log filter."""

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
        resume: PageCursor | None = ...,
    ) -> SyncPaginator[_ItemT]:
        """List the family's logs, newest first (see ``client.message_logs.list``)."""
        ...


class AsyncLogResource(AsyncExportSource, Protocol[_ItemT]):
    """A log family of [`AsyncSignalWireLogs`][signalwire_logs.AsyncSignalWireLogs]: an
    [`AsyncExportSource`][signalwire_logs.AsyncExportSource] whose ``list`` takes every log
    filter."""

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
        resume: PageCursor | None = ...,
    ) -> AsyncPaginator[_ItemT]:
        """List the family's logs, newest first (see ``client.message_logs.list``)."""
        ...


# The filters of each family's list() (not its paging), typed as list() takes them: an export
# passes them on unchanged. Not total: every filter may be left out.


class LogFilters(TypedDict, total=False):
    """The filters of a log family's ``list()`` (fax, voice, video and conference logs), as
    [`export_logs(filters=...)`][signalwire_logs.export_logs] takes them.

    Example:
        ```python
        from signalwire_logs import LogFilters, export_logs

        filters: LogFilters = {"include_deleted": True, "created_on": "2024-05-01"}
        export_logs(client.fax_logs, "faxes.jsonl", filters=filters)
        ```
    """

    #: Include logs for deleted activity.
    include_deleted: bool | None
    #: Only activity before this date or date-time.
    created_before: DateLike | None
    #: Only activity on this date.
    created_on: DateLike | None
    #: Only activity after this date or date-time.
    created_after: DateLike | None


class MessageLogFilters(LogFilters, total=False):
    """The filters of ``client.message_logs.list()``, as
    [`export_logs(filters=...)`][signalwire_logs.export_logs] takes them: the log filters
    (see [`LogFilters`][signalwire_logs.LogFilters]) and ``status``."""

    #: Only logs with this status, or with any of these (``["failed", "undelivered"]``);
    #: applied by the client, the API has no status filter.
    status: MessageStatuses | None


class CxmlMessageFilters(TypedDict, total=False):
    """The filters of ``client.cxml_messages.list()``, as
    [`export_logs(filters=...)`][signalwire_logs.export_logs] takes them: days sent, numbers,
    status and project, no ``created_*``.

    Example:
        ```python
        from signalwire_logs import CxmlMessageFilters, export_logs

        failed: CxmlMessageFilters = {"status": "failed", "date_sent": "2024-05-01"}
        export_logs(client.cxml_messages, "failed.jsonl", filters=failed)
        ```
    """

    #: Only messages sent on this day (UTC).
    date_sent: DateLike | None
    #: Only messages sent before this day (``DateSent<``, inclusive).
    date_sent_before: DateLike | None
    #: Only messages sent after this day (``DateSent>``, inclusive).
    date_sent_after: DateLike | None
    #: Only messages from this number (E.164).
    from_: str | None
    #: Only messages to this number (E.164).
    to: str | None
    #: Only messages with this status.
    status: CxmlMessageStatus | str | None
    #: The project whose messages to list; defaults to the client's.
    account_sid: str | UUID | None
