"""An export's page handling: the walk of one window, and each page of it written,
committed and recorded, keeping only the records inside the window.

The one place the export reads a page, through its public face: ``page.body`` (the answer
as sent: each record's bytes, on one line for JSON lines, and their times), the records
decoded or built as models for the formats that need them, ``page.cursor`` and
``page.request`` (to name the response a bad record came in). Every record is checked before any
is written, so no page is written half; a page is made durable before the plan records it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, overload

from .._families import MESSAGES
from .._response import mismatch
from ..pagination import AsyncPageIterator, Page, SyncPageIterator
from ._formats import Format, Records
from ._order import Span, span_of
from ._outputs import OutputFiles
from ._request import AsyncExportSource, ExportSource
from ._saver import CursorSaver
from ._shards import Plan, Shard


class PageHandler:
    """Walks an export's windows and writes their pages (one page at a time per shard;
    pages of different shards at once, from several threads)."""

    def __init__(
        self,
        plan: Plan,
        fmt: Format,
        time_field: str | None,
        page_size: int,
        outputs: OutputFiles,
        saver: CursorSaver,
        family: str | None = None,
    ) -> None:
        self._plan = plan
        self._family = family  # the family's name: message logs filter by status here
        self._fmt = fmt
        self._time_field = time_field
        self._page_size = page_size
        self._outputs = outputs
        self._saver = saver

    @overload
    def walk(self, source: ExportSource, shard: Shard) -> SyncPageIterator[Any]: ...
    @overload
    def walk(self, source: AsyncExportSource, shard: Shard) -> AsyncPageIterator[Any]: ...
    def walk(
        self, source: ExportSource | AsyncExportSource, shard: Shard
    ) -> SyncPageIterator[Any] | AsyncPageIterator[Any]:
        """The pages of ``shard``'s window from where its walk stands (each page's times
        are read by `handle()`, when wanted)."""
        query = dict(shard.query)
        if source.family == MESSAGES.name:
            # Message logs' status is a filter of the client: applied by `_select()` once the
            # page's times are read, so the window's walk and progress see every record sent.
            query.pop("status", None)
        arguments = {**query, "page_size": self._page_size, "resume": shard.cursor}
        return source.list(**arguments).pages()

    def handle(self, shard: Shard, page: Page[Any]) -> bool:
        """Write, commit and record one page of ``shard``; True when its walk is over."""
        keep = self._plan.begin_page(shard)
        try:
            records, span = self._select(page, keep, _statuses(shard, self._family))
            self._plan.check_page(shard, span)  # before any record of it is written
            writer = self._outputs.writer(shard)
            written = writer.write(records)
            oldest = None if span is None else span.oldest
            state = writer.commit(last=self._plan.ends_walk(shard, page.cursor, oldest))
        except BaseException:
            self._plan.abandon_page(shard)
            raise
        self._plan.end_page(
            shard,
            written=written,
            oldest=oldest,
            newest=None if span is None else span.newest,
            cursor=page.cursor,
            state=state or None,
        )
        self._saver.save()
        return shard.done or self._plan.stopped

    def _select(
        self,
        page: Page[Any],
        keep: Callable[[datetime.datetime], bool],
        statuses: frozenset[str] | None,
    ) -> tuple[Records, Span | None]:
        """The records of ``page`` inside the shard's window (and of one of ``statuses``,
        when given), and the span of their times (of every record sent: the window's walk
        goes by them, whatever the status).

        Every record is checked before any is written: built as its model when the format
        needs models, else only its time field is parsed (the one value an export reads).
        A format that writes records as sent gets each one's bytes from the page body,
        whichever way the body was cut: a record one decoder refuses never changes how the
        others are written.
        The window test runs per page, not per record, unless the page straddles an edge:
        a window is an interval, so a page whose oldest and newest records are in it is
        wholly in it (per-record Python is most of what an export costs).
        """
        if self._fmt.sent:
            records: Records = [(None, record) for record in page.body.lines()]
        elif self._fmt.models:
            records = list(zip(page.items, page.raw_items, strict=True))
        else:
            records = [(None, raw) for raw in page.raw_items]
        name = self._time_field
        if name is None or not records:
            return _of_status(page, records, statuses), None
        if self._fmt.models:
            times = [getattr(model, name) for model, _raw in records]
        else:
            times = _times(page, name, self._fmt.model)
        # Naive means UTC, as for the bounds (``keep`` takes either): aware times compare
        # as instants whatever their offset, and naive ones among themselves; only a page
        # mixing the two has every time converted first (span_of does).
        span = span_of(times)
        assert span is not None  # records, so times
        if keep(span.oldest) and keep(span.newest):
            return _of_status(page, records, statuses), span
        kept = [keep(at) for at in times]
        records = [record for record, inside in zip(records, kept, strict=True) if inside]
        if statuses is None:
            return records, span
        found = [status for status, inside in zip(_status_of(page), kept, strict=True) if inside]
        return [r for r, status in zip(records, found, strict=True) if status in statuses], span


def _statuses(shard: Shard, family: str | None) -> frozenset[str] | None:
    """The statuses a message log export keeps (None: every record)."""
    statuses = shard.query.get("status")
    return None if statuses is None or family != MESSAGES.name else frozenset(statuses)


def _status_of(page: Page[Any]) -> list[Any]:
    """Each record's status as sent (a string; anything else matches no status)."""
    return [s if isinstance(s, str) else None for s in page.body.times("status")]


def _of_status(page: Page[Any], records: Records, statuses: frozenset[str] | None) -> Records:
    """``records`` (every record of ``page``, in order) of one of ``statuses``."""
    if statuses is None or not records:
        return records
    found = _status_of(page)
    return [r for r, status in zip(records, found, strict=True) if status in statuses]


def _times(page: Page[Any], name: str, model: type[Any]) -> list[datetime.datetime]:
    """Each record's ``name`` (an ISO 8601 date-time) parsed, without building the records;
    a record without one fails as its model would have: APIResponseValidationError."""
    parse = datetime.datetime.fromisoformat
    body = page.body
    try:
        return list(map(parse, body.times(name)))  # read with the ids, in one pass
    except (TypeError, ValueError):
        for record in body.decoded():  # find the record at fault, for the error
            try:
                parse(record[name])
            except (LookupError, TypeError, ValueError) as err:
                raise _mismatch(page, model, record, err) from err
        raise


def _mismatch(page: Page[Any], model: type[Any], record: Any, error: Exception) -> Exception:
    """What ``error``, raised by reading ``record`` of ``page``, means: the response does
    not match ``model`` (or, on a page made by hand, ``error`` itself)."""
    if page.request is None:
        return error
    return mismatch(model, record, page.request, error)
