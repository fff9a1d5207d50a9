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
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from ._dates import DateLike
from .pagination import AsyncPaginator, PageCursor, SyncPaginator

__all__ = [
    "AsyncExportSource",
    "AsyncLogResource",
    "DateLike",
    "ExportSource",
    "LogResource",
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
