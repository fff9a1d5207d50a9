"""How the sync reads a family: time windows walked at once on the caller's client.

A first load (no cursor yet: the first sync of a family, or ``--full-refresh``) reads the
family's whole history. It first finds where that history lies, with requests of one record
each, sent at once: the newest record, and the newest before 1, 4, 16, 64, 256, 1,024 and
4,096 days ago. The first of those that finds nothing brackets the oldest record; seven more
narrow the bracket to an eighth. That range is cut into ``concurrency`` equal windows (8 by
default), walked at once by the export's plan (`_export/_shards.py`): a worker that runs
out of windows splits the one with the most records left, estimated from how densely its
last page held them, so a burst of traffic is shared out as soon as it is found. An
incremental run (the look-back window and whatever is newer) starts as one window, which
the same plan splits only once a page shows that more than two pages are left: a short
window costs one request, a long one (a sync not run for weeks) is read in parallel.

Why 8: at 50 ms an answer, 8 windows read a first load's pages four to five times faster
than one walk on a 2-core machine; beyond that the client's own work (decoding, Arrow, dlt)
is the limit on a small machine, and each window costs a request at least. SignalWire
documents GET requests as effectively unlimited; ``concurrency=1`` reads as one walk.

Each record belongs to exactly one window (a window's query is a second wider on each side
and what falls outside is dropped, as in an export), so none reaches dlt twice. Pages go to
dlt whole, converted to Arrow by the worker that fetched them, through a bounded queue:
memory holds at most four pages per window (four, so the walks go on while dlt writes the
tables it is given: with two they waited on it), and the pages being joined for dlt (50,000
rows: `_sync_resource.BATCH_ROWS`), however long the history. Nothing is committed
before dlt's load, so a first load interrupted and run again reads everything again and
ends as an uninterrupted one.
"""

from __future__ import annotations

import datetime
import queue
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from ._dates import as_utc
from ._exceptions import ConfigurationError, PaginationError, UnprocessableEntityError
from ._export._order import Span, span_of
from ._export._shards import IDLE, WAIT, Plan, Shard

#: Windows walked at once by default (see the module's docstring for why).
DEFAULT_CONCURRENCY = 8
#: The most windows a sync walks at once.
MAX_CONCURRENCY = 64
#: The probes for the oldest record: the newest record before this many days ago, sent
#: with the probe for the newest record (eight requests at once), then the older ones.
_PROBE_DAYS = ((1, 4, 16, 64, 256, 1024, 4096), (16384, 65536))

#: What a worker makes of a page's records in its window (as sent), given the request that
#: fetched them (for errors): the items handed over (Arrow tables).
Convert = Callable[[list[Any], Any], list[Any]]


def check_concurrency(value: int) -> int:
    """``value`` if it is a number of windows a sync may walk at once."""
    if type(value) is not int or not 1 <= value <= MAX_CONCURRENCY:
        raise ConfigurationError(
            f"concurrency must be an integer from 1 to {MAX_CONCURRENCY}, got {value!r}"
        )
    return value


class _Stop:
    """Marks the end of the workers' output on the queue."""


def walk(
    logs: Any,
    convert: Convert,
    *,
    time_field: str,
    start: datetime.datetime | None,
    filters: dict[str, Any],
    page_size: int,
    concurrency: int,
    now: datetime.datetime | None = None,
) -> Iterator[Any]:
    """What ``convert`` makes of each page of ``logs`` created after ``start`` (None: all of
    them), walked in time windows by ``concurrency`` threads on the same client.

    Args:
        logs: A list resource (``client.message_logs``).
        convert: Turns a page's records in a window (as sent) and its request into what is
            yielded (Arrow tables); runs in the worker threads.
        time_field: The field windows split on (``created_at``).
        start: Only records created after this (None: a first load, bounds found by probes).
        filters: The list's other filters (``include_deleted``).
        page_size: Records per request.
        concurrency: Windows walked at once.
        now: The top of an incremental run's window (default: the current time).
    """
    plan = _plan(logs, time_field, start, filters, page_size, concurrency, now)
    if plan is None:
        return
    out: queue.Queue[Any] = queue.Queue(maxsize=4 * concurrency)
    failures: list[BaseException] = []
    workers = _Workers(logs, convert, plan, out, failures, time_field, page_size)
    with ThreadPoolExecutor(concurrency, thread_name_prefix="sync") as pool:
        running = [pool.submit(workers.run) for _ in range(concurrency)]
        finished = 0
        try:
            while finished < len(running):
                item = out.get()
                if isinstance(item, _Stop):
                    finished += 1
                elif not failures:
                    yield item
        finally:
            plan.stop()  # dlt stopped early, or a worker failed: the others end after a page
            while finished < len(running):  # let blocked workers put and see the stop
                if isinstance(out.get(), _Stop):
                    finished += 1
    _release_memory()
    if failures:
        raise failures[0]


def _release_memory() -> None:
    """Give back to the system what the worker threads' allocators keep for reuse: each
    thread's Arrow allocations are cached per thread (about 15 MB each), which would sit
    beside DuckDB's memory through the load that follows."""
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - the sync needs pyarrow; a bare walk may not
        return
    pyarrow.default_memory_pool().release_unused()


class _Workers:
    """The threads of one walk: take a window, walk it, hand its pages over."""

    def __init__(
        self,
        logs: Any,
        convert: Convert,
        plan: Plan,
        out: queue.Queue[Any],
        failures: list[BaseException],
        time_field: str,
        page_size: int,
    ) -> None:
        self._logs = logs
        self._convert = convert
        self._plan = plan
        self._out = out
        self._failures = failures
        self._time_field = time_field
        self._page_size = page_size

    def run(self) -> None:
        try:
            while (shard := self._plan.take()) is not None:
                if shard == WAIT:
                    time.sleep(IDLE)
                    continue
                assert isinstance(shard, Shard)
                try:
                    self._walk(shard)
                finally:
                    self._plan.release(shard)
        except BaseException as err:
            self._failures.append(err)
            self._plan.stop()
        finally:
            self._out.put(_Stop())

    def _walk(self, shard: Shard) -> None:
        paginator = self._logs.list(**shard.query, page_size=self._page_size)
        for page in paginator.pages():
            keep = self._plan.begin_page(shard)
            try:
                lines, span = self._select(page, keep)
                self._plan.check_page(shard, span)  # the order the window relies on
                converted = self._convert(lines, page.request) if lines else []
            except BaseException:
                self._plan.abandon_page(shard)
                raise
            for item in converted:
                self._out.put(item)
            self._plan.end_page(
                shard,
                written=len(lines),
                oldest=None if span is None else span.oldest,
                newest=None if span is None else span.newest,
                cursor=page.cursor,
                state=None,
            )
            if shard.done or self._plan.stopped:
                return

    def _select(
        self, page: Any, keep: Callable[[datetime.datetime], bool]
    ) -> tuple[list[Any], Span | None]:
        """The records of ``page`` inside the window (as sent), and the span of their times."""
        body = page.body
        lines = body.lines()
        if not lines:
            return [], None
        try:  # as sent (naive means UTC): the window test and the span compare in UTC
            times = list(map(datetime.datetime.fromisoformat, body.times(self._time_field)))
        except (TypeError, ValueError):
            page.items  # noqa: B018 - a record without a readable time: its model says which
            raise
        span = span_of(times)
        assert span is not None  # lines, so times
        if keep(span.oldest) and keep(span.newest):
            return list(lines), span
        return [line for line, at in zip(lines, times, strict=True) if keep(at)], span


def _plan(
    logs: Any,
    time_field: str,
    start: datetime.datetime | None,
    filters: dict[str, Any],
    page_size: int,
    concurrency: int,
    now: datetime.datetime | None,
) -> Plan | None:
    """The windows to walk; None when there is no record at all."""
    min_split = 2 * page_size
    if start is not None:  # an incremental run: one window, split when it proves long
        low = as_utc(start)
        high = as_utc(now) if now is not None else datetime.datetime.now(datetime.UTC)
        high = max(high, low + datetime.timedelta(seconds=1))
        return Plan.windows(filters, low, high, 1, min_split=min_split)
    bounds = _history(logs, time_field, filters, concurrency)
    if bounds is None:
        return None
    low, high = bounds
    return Plan.windows(filters, low, high, concurrency, min_split=min_split)


def _history(
    logs: Any, time_field: str, filters: dict[str, Any], concurrency: int
) -> tuple[datetime.datetime, datetime.datetime] | None:
    """A range holding every record: (a moment before the oldest, just after the newest);
    None when there is none. Probes are sent ``concurrency`` at a time."""
    # Counted from the next midnight (UTC), not from now: a run the same day asks the same
    # questions, which a cache (a proxy's, the fake's) can answer.
    today = datetime.datetime.now(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    now = today + datetime.timedelta(days=1)
    probe = partial(_newest, logs, time_field, filters)
    with ThreadPoolExecutor(concurrency, thread_name_prefix="sync-probe") as pool:
        moments = [now - datetime.timedelta(days=days) for days in _PROBE_DAYS[0]]
        newest, *found = pool.map(probe, [None, *moments])
        if newest is None:
            return None
        for more_days in _PROBE_DAYS[1:]:
            if None in found:
                break
            more = [now - datetime.timedelta(days=days) for days in more_days]
            moments += more
            found += pool.map(probe, more)
        # The top of the range rests on the list being newest first: nothing may come after
        # the record its first page holds (checked while the bracket is narrowed).
        after = pool.submit(_first_after, logs, time_field, filters, newest)
        high = newest + datetime.timedelta(seconds=1)
        if None not in found:  # records older than 180 years: read from the start of time
            _check_newest(newest, after.result())
            return datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC), high
        empty = found.index(None)
        # Nothing before moments[empty]; something before the probe newer than it. Seven
        # more probes inside that bracket find a tighter bound.
        low = moments[empty]
        top = min(moments[empty - 1], newest) if empty else newest
        inside = [low + (top - low) * i / 8 for i in range(1, 8)]
        for moment, record in zip(inside, pool.map(probe, inside), strict=True):
            if record is not None:
                break
            low = moment
        _check_newest(newest, after.result())
        return low, high


def _first_after(
    logs: Any, time_field: str, filters: dict[str, Any], moment: datetime.datetime
) -> datetime.datetime | None:
    """The time of the first record the list gives after ``moment`` (None: none)."""
    page = next(iter(logs.list(page_size=1, created_after=moment, **filters).pages()))
    times = page.body.times(time_field) if len(page) else []
    if not times or not isinstance(times[0], str):
        return None
    return as_utc(datetime.datetime.fromisoformat(times[0]))


def _check_newest(newest: datetime.datetime, after: datetime.datetime | None) -> None:
    """Raise PaginationError if a record newer than the list's first one was found: the
    list is not newest first, and the range would leave out what is newer."""
    if after is not None and after > newest:
        raise PaginationError(
            f"The server listed a record of {after.isoformat()} after its first one, of "
            f"{newest.isoformat()}: a sync in time windows needs each list newest first, as "
            "SignalWire sends it; sync with concurrency=1 (one walk, which does not rely on "
            "the order)."
        )


def _newest(
    logs: Any, time_field: str, filters: dict[str, Any], before: datetime.datetime | None
) -> datetime.datetime | None:
    """The time of the newest record created before ``before`` (None: at all); None when
    there is none, or SignalWire refuses the date as beyond the history it keeps (422)."""
    query = dict(filters)
    if before is not None:
        query["created_before"] = before.isoformat()
    try:
        page = next(iter(logs.list(page_size=1, **query).pages()))
    except UnprocessableEntityError:
        if before is None:
            raise
        return None
    times = page.body.times(time_field) if len(page) else []
    if not times or not isinstance(times[0], str):
        return None
    return as_utc(datetime.datetime.fromisoformat(times[0]))
