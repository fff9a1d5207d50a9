"""Running an export on the caller's own client: threads over a ``SignalWireLogs``, or an
anyio task group on an ``AsyncSignalWireLogs`` with every file operation in a worker thread.

Both engines share everything but the walk itself: :func:`_prepare` (arguments, lock, cursor
file, plan; no network) and :class:`_Job` (one page written, committed and recorded; the
join; the clean-up of a run that wrote nothing). Each page is written and made durable
before the cursor file records it, and the cursor file is replaced atomically: a run killed
at any moment leaves a cursor from which a resume truncates the half-written page and goes
on, with no gap and no duplicate.
"""

from __future__ import annotations

import contextlib
import datetime
import inspect
import os
import sys
import threading
import time
from collections.abc import AsyncIterable, Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, Protocol, overload

import anyio
import anyio.to_thread
import msgspec

from .._dates import DateLike, as_utc, moment
from .._exceptions import ConfigurationError
from ..pagination import (
    AsyncPageIterator,
    AsyncPaginator,
    Page,
    PageCursor,
    SyncPageIterator,
    SyncPaginator,
)
from . import _files
from ._cursor import CursorFile
from ._formats import ExportFormat, Format, Records, Writer, format_for
from ._shards import RANGE as _RANGE
from ._shards import WAIT, Plan, Shard

#: How long an idle worker waits before asking again for a window to split.
_IDLE = 0.005
#: The cursor file is rewritten at most this often while pages keep coming (and always
#: when the export stops): each save is an fsync and a rename, and a page committed but not
#: yet recorded is only fetched and written again by a resume after a crash.
SAVE_INTERVAL = 0.1
#: The most workers (and first windows) an export takes.
MAX_CONCURRENCY = 64


def _times(page: Page[Any], name: str, model: type[Any]) -> list[datetime.datetime]:
    """Each record's ``name`` (an ISO 8601 date-time) parsed, without building the records;
    a record without one fails as its model would have: APIResponseValidationError."""
    parse = datetime.datetime.fromisoformat
    try:
        return list(map(parse, page.body.times(name)))  # read with the ids, in one pass
    except (LookupError, TypeError, ValueError):
        for raw in page.raw_items:  # find the record at fault, for the error
            try:
                parse(raw[name])
            except (LookupError, TypeError, ValueError) as err:
                raise page._invalid(model, raw, err) from err
        raise


class _Source(Protocol):
    """What an export needs of a resource, but its list."""

    @property
    def family(self) -> str:
        """The family's name, saved in the cursor file (``"messages"``)."""
        ...

    @property
    def item_model(self) -> type[Any]:
        """The generated model of one record (gives the CSV columns)."""
        ...

    @property
    def time_field(self) -> str | None:
        """The record field time windows split on; None: the export cannot be sharded."""
        ...


class ExportSource(_Source, Protocol):
    """What :func:`export_logs` needs of a resource; every list resource of
    :class:`SignalWireLogs` has it (``client.message_logs``, ..., ``client.cxml_messages``)."""

    def list(
        self, *, page_size: int | None = ..., resume: PageCursor | None = ...
    ) -> SyncPaginator[Any]:
        """The records, newest first, from ``resume`` on."""
        ...


class AsyncExportSource(_Source, Protocol):
    """What :func:`aexport_logs` needs of a resource: a list resource of
    :class:`AsyncSignalWireLogs`."""

    def list(
        self, *, page_size: int | None = ..., resume: PageCursor | None = ...
    ) -> AsyncPaginator[Any]:
        """The records, newest first, from ``resume`` on."""
        ...


@dataclass(frozen=True)
class ExportProgress:
    """How far an export has come, given to ``on_progress`` after each page."""

    #: Records written so far (in the output, including those of earlier runs).
    records: int
    #: The share of the date range walked so far, 0 to 1; None when the range is open
    #: (lists are newest first: a window is done down to the oldest record it has read).
    fraction: float | None


@dataclass(frozen=True)
class ExportResult:
    """What an export did."""

    #: The output path, or ``"-"`` for stdout.
    output: str
    #: Records in the output.
    records: int
    #: Records this call wrote (0 when it resumed a finished export).
    written: int
    #: Whether every record is in the output (always, unless the export raised).
    complete: bool
    #: Whether it continued a saved export; False when it started one (a ``resume=True``
    #: with no cursor file and no output starts a new export).
    resumed: bool


class _Job:
    """One export being run: its plan, format, writers and cursor file."""

    def __init__(
        self,
        *,
        plan: Plan,
        fmt: Format,
        time_field: str | None,
        page_size: int,
        output: Path | None,
        stream: BinaryIO | None,
        cursor: CursorFile | None,
        lock: _files.OutputLock | None,
        resumed: bool,
        on_progress: Callable[[ExportProgress], None] | None,
    ) -> None:
        self.plan = plan
        self.fmt = fmt
        self.time_field = time_field
        self.page_size = page_size
        self.output = output
        self.stream = stream
        self.cursor = cursor
        self.lock = lock
        self.resumed = resumed
        self.on_progress = on_progress
        self.error: BaseException | None = None
        self._start_records = plan.records
        self._writers: dict[int, Writer] = {}
        self._save_lock = threading.Lock()
        self._saved = False
        self._dirty = False
        self._next_save = 0.0  # time.monotonic() from which a page's save is due again
        self._workers = 0  # threads in work(): abort leaves their files to them
        self._workers_lock = threading.Lock()
        self._created: set[Path] = set()  # what this run created: all abort may remove

    # -- one page ---------------------------------------------------------------------------

    def list_arguments(self, shard: Shard) -> dict[str, Any]:
        return {**shard.query, "page_size": self.page_size, "resume": shard.cursor}

    def handle(self, shard: Shard, page: Page[Any]) -> bool:
        """Write, commit and record one page of ``shard``; True when its walk is over."""
        keep = self.plan.begin_page(shard)
        try:
            records, oldest = self._select(page, keep)
            writer = self._writer(shard)
            written = writer.write(records)
            state = writer.commit()
        except BaseException:
            self.plan.abandon_page(shard)
            raise
        self.plan.end_page(
            shard, written=written, oldest=oldest, cursor=page.cursor, state=state or None
        )
        self._save()
        return shard.done or self.plan.stopped

    def _select(
        self, page: Page[Any], keep: Callable[[datetime.datetime], bool]
    ) -> tuple[Records, datetime.datetime | None]:
        """The records of ``page`` inside the shard's window, and the oldest time it read.

        Every record is checked before any is written: built as its model when the format
        needs models, else only its time field is parsed (the one value an export reads).
        The window test runs per page, not per record, unless the page straddles an edge:
        a window is an interval, so a page whose oldest and newest records are in it is
        wholly in it (per-record Python is most of what an export costs).
        """
        if self.fmt.sent:
            records: Records = [(None, record) for record in page.body.lines()]
        elif self.fmt.models:
            records = list(zip(page.items, page.raw_items, strict=True))
        else:
            records = [(None, raw) for raw in page.raw_items]
        name = self.time_field
        if name is None or not records:
            return records, None
        if self.fmt.models:
            times = [getattr(model, name) for model, _raw in records]
        else:
            times = _times(page, name, self.fmt.model)
        # Naive means UTC, as for the bounds (``keep`` takes either): aware times compare
        # as instants whatever their offset, and naive ones among themselves; only a page
        # mixing the two has every time converted first.
        try:
            oldest, newest = min(times), max(times)
        except TypeError:
            times = [as_utc(t) for t in times]
            oldest, newest = min(times), max(times)
        if keep(oldest) and keep(newest):
            return records, oldest
        return [record for record, at in zip(records, times, strict=True) if keep(at)], oldest

    @overload
    def _pages(self, paginator: SyncPaginator[Any]) -> SyncPageIterator[Any]: ...
    @overload
    def _pages(self, paginator: AsyncPaginator[Any]) -> AsyncPageIterator[Any]: ...
    def _pages(
        self, paginator: SyncPaginator[Any] | AsyncPaginator[Any]
    ) -> SyncPageIterator[Any] | AsyncPageIterator[Any]:
        """The walk of one window (each page's times are read by _times, when wanted)."""
        return paginator.pages()

    def _writer(self, shard: Shard) -> Writer:
        writer = self._writers.get(shard.index)
        if writer is None:
            writer = self._open(shard) if self.stream is None else self.fmt.stream(self.stream)
            self._writers[shard.index] = writer
        return writer

    def _open(self, shard: Shard) -> Writer:
        """The writer of a shard's part (or of the whole output): resumed at its state, or
        a new file, which the cursor file records as this export's before it exists. Only a
        file so recorded is ever truncated or deleted; anything else is refused, untouched."""
        path = self._path(shard)
        if shard.state is not None:
            if not self._saved:
                self._save(wait=True)
            return self.fmt.open(path, shard.state, whole=not self._sharded)
        if shard.opened:
            self.fmt.discard(path)  # a torn first page of a killed run, if any: ours
        elif _files.is_present(path):
            raise _in_the_way(path)
        self.plan.mark_opened(shard, True)
        self._save(wait=True)  # the cursor file exists, and owns the part, before any byte
        self._created.add(path)
        try:
            return self.fmt.open(path, None, whole=not self._sharded)
        except FileExistsError:  # planted since the check above: not ours after all
            self._created.discard(path)
            self.plan.mark_opened(shard, False)
            self._save(wait=True)
            raise _in_the_way(path) from None

    @property
    def _sharded(self) -> bool:
        return self.cursor is not None and self.cursor.sharded

    def _path(self, shard: Shard) -> Path:
        assert self.output is not None
        if not self._sharded:
            return self.output
        return _files.part(self.output, shard.index)

    def _save(self, *, wait: bool = False) -> None:
        """Record the plan in the cursor file.

        Saves are spaced (:data:`SAVE_INTERVAL`) and grouped: a page that finds the last
        save too recent, or another thread saving, is left to the next save instead of
        queueing behind its fsync. Every saved plan is whole and consistent, so a page not
        yet recorded when the run dies is only fetched again.
        ``wait``: return only once a save that includes the current plan is done.
        """
        if self.cursor is None or self.output is None:
            return
        self._dirty = True
        if not wait and time.monotonic() < self._next_save:
            return
        while self._dirty:
            if not self._save_lock.acquire(blocking=wait):
                return  # the saving thread sees _dirty and saves again
            try:
                while self._dirty:
                    self._dirty = False
                    try:
                        self.cursor.save(CursorFile.path_for(self.output), self.plan.to_list())
                    except BaseException:
                        self._dirty = True  # still unrecorded: abort tries once more
                        raise
                    self._saved = True
                    self._next_save = time.monotonic() + SAVE_INTERVAL
            finally:
                self._save_lock.release()

    def progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(ExportProgress(self.plan.records, self.plan.fraction()))

    def fail(self, error: BaseException) -> None:
        """A worker failed: remember the first error and give no more work out."""
        if self.error is None:
            self.error = error
        self.plan.stop()

    def raise_error(self) -> None:
        if self.error is not None:
            raise self.error

    # -- the end ----------------------------------------------------------------------------

    def _close_writers(self) -> None:
        writers, self._writers = self._writers, {}
        for writer in writers.values():
            writer.close()

    def finish(self) -> ExportResult:
        """Close, join the parts of a sharded export, and record that it is complete."""
        self._close_writers()
        if self.cursor is not None and self.output is not None and not self.cursor.complete:
            shards = self.plan.shards
            if not self._sharded and shards[0].state is None:  # no record: still an output
                writer = self._writer(shards[0])
                shards[0].state = writer.commit()
                self._close_writers()
            if self._sharded:
                newest_first = sorted(shards, key=_high, reverse=True)
                parts = [self._path(s) for s in newest_first if s.state is not None]
                self.fmt.join(parts, self.output)
            self.cursor.complete = True
            self._save(wait=True)
            if self._sharded:
                for shard in shards:
                    if shard.opened:  # its part is this export's
                        self.fmt.discard(self._path(shard))
        records = self.plan.records
        return ExportResult(
            output=str(self.output) if self.output is not None else "-",
            records=records,
            written=records - self._start_records,
            complete=True,
            resumed=self.resumed,
        )

    def abort(self) -> None:
        """After a failure: the cursor records every committed page, and resumes exactly;
        a new export that wrote nothing leaves nothing behind.

        Not while a worker thread is still writing (a second Ctrl-C cut the wait for them
        short): its files stay as they are, and the last save is exact.
        """
        if self._workers:
            return
        with contextlib.suppress(Exception):
            self._close_writers()
        if self.output is None or self.cursor is None:
            return
        if any(shard.state is not None for shard in self.plan.shards):
            self._save_committed()
            return
        if self.resumed:
            return
        with contextlib.suppress(OSError):
            for path in self._created:  # only what this run created: nothing else is its own
                self.fmt.discard(path)
            _files.remove(CursorFile.path_for(self.output))

    def _save_committed(self) -> None:
        """Record the pages committed since the last save, unless an interrupt left the plan
        half updated or a save half done (its lock still held). Any failure here only means
        those pages are fetched again on resume."""
        assert self.cursor is not None and self.output is not None
        if not self._dirty or self.plan.torn or not self._save_lock.acquire(timeout=1.0):
            return
        try:
            with contextlib.suppress(Exception):
                self.cursor.save(CursorFile.path_for(self.output), self.plan.to_list())
        finally:
            self._save_lock.release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()

    # -- the walks --------------------------------------------------------------------------

    def work(self, source: ExportSource) -> None:
        """Take windows and walk them until none is left (one thread)."""
        with self._workers_lock:
            self._workers += 1
        try:
            self._work(source)
        finally:
            with self._workers_lock:
                self._workers -= 1

    def _work(self, source: ExportSource) -> None:
        while (shard := self.plan.take()) is not None:
            if shard == WAIT:
                time.sleep(_IDLE)
                continue
            assert isinstance(shard, Shard)
            pages = self._pages(source.list(**self.list_arguments(shard)))
            try:
                for page in _ahead(pages):
                    stop = self.handle(shard, page)
                    self.progress()
                    if stop:
                        break
            finally:
                self.plan.release(shard)

    def work_or_fail(self, source: ExportSource) -> None:
        try:
            self.work(source)
        except Exception as err:
            self.fail(err)

    async def awork(self, source: AsyncExportSource) -> None:
        """Take windows and walk them until none is left (one task)."""
        try:
            while (shard := self.plan.take()) is not None:
                if shard == WAIT:
                    await anyio.sleep(_IDLE)
                    continue
                assert isinstance(shard, Shard)
                try:
                    pages = self._pages(source.list(**self.list_arguments(shard)))
                    await self._awalk(shard, pages)
                finally:
                    self.plan.release(shard)
        except Exception as err:
            self.fail(err)

    async def _awalk(self, shard: Shard, pages: AsyncIterable[Page[Any]]) -> None:
        """Walk one window: each next page is fetched while this one is written."""
        failures: list[Exception] = []
        send, receive = anyio.create_memory_object_stream[Page[Any]](0)

        async def fetch() -> None:
            async with send:
                walk = aiter(pages)
                try:
                    async with contextlib.aclosing(walk):  # type: ignore[type-var]
                        async for page in walk:
                            await send.send(page)
                except Exception as err:
                    failures.append(err)

        async with anyio.create_task_group() as group:
            group.start_soon(fetch)
            async with receive:
                async for page in receive:
                    try:
                        stop = await anyio.to_thread.run_sync(self.handle, shard, page)
                    except Exception as err:
                        failures.append(err)
                        stop = True
                    self.progress()
                    if stop:
                        group.cancel_scope.cancel()  # the page being fetched is not wanted
                        break
        if failures:
            raise failures[0]


def _ahead(pages: Iterable[Page[Any]]) -> Iterator[Page[Any]]:
    """The pages, each next one fetched (by a helper thread) while the caller writes this
    one: the walk waits for the server or for the disk, not for both in turn."""
    walk = iter(pages)
    with ThreadPoolExecutor(1, thread_name_prefix="export-fetch") as fetcher:
        upcoming = fetcher.submit(next, walk, None)
        while (page := upcoming.result()) is not None:
            upcoming = fetcher.submit(next, walk, None)
            yield page


def _prepare(
    source: _Source,
    output: str | os.PathLike[str],
    *,
    format: str,
    options: Mapping[str, Any],
    filters: dict[str, Any],
    page_size: int,
    concurrency: int,
    resume: bool,
    on_progress: Callable[[ExportProgress], None] | None,
) -> _Job:
    """Check the arguments, take the lock, load or create the plan. No network."""
    family, model, time_field = source.family, source.item_model, source.time_field
    if type(page_size) is not int or not 1 <= page_size <= 1000:
        raise ConfigurationError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
    # Bounded as the CLI's --concurrency is: each worker is a thread (or task) and each
    # window a request and an entry in every save of the cursor, so 10,000 would all but hang.
    if type(concurrency) is not int or not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ConfigurationError(
            f"concurrency must be an integer from 1 to {MAX_CONCURRENCY}, got {concurrency!r}"
        )
    fmt = format_for(format, model, options)
    _check_query(source, filters, "Bad filters")
    sharded = concurrency > 1
    if sharded and time_field is None:
        raise ConfigurationError(
            f"An export of {family} cannot be split into time windows: use concurrency=1."
        )

    def new_plan() -> Plan:
        """The plan of a new export (a resumed one follows its cursor file instead)."""
        if not sharded:
            only = Shard(index=0, low=None, high=None, first=True, query=filters)
            return Plan([only], filters=None, bounds=_bounds(filters))
        low, high = filters.get("created_after"), filters.get("created_before")
        if low is None or high is None:
            raise ConfigurationError(
                "A concurrent export splits a time range: pass both created_after and "
                "created_before."
            )
        if "created_on" in filters:
            raise ConfigurationError("A concurrent export splits a range: no created_on.")
        window = moment("created_after", low), moment("created_before", high)
        if not window[0] < window[1]:
            raise ConfigurationError("created_after must be earlier than created_before")
        base = {k: v for k, v in filters.items() if k not in _RANGE}
        return Plan.windows(base, window[0], window[1], concurrency, min_split=2 * page_size)

    if str(output) == "-" and not isinstance(output, Path):
        if resume:
            raise ConfigurationError("An export to stdout (-) cannot be resumed: write a file.")
        if sharded:
            raise ConfigurationError("An export to stdout (-) is one walk: use concurrency=1.")
        return _Job(
            plan=new_plan(),
            fmt=fmt,
            time_field=time_field,
            page_size=page_size,
            output=None,
            stream=sys.stdout.buffer,
            cursor=None,
            lock=None,
            resumed=False,
            on_progress=on_progress,
        )

    path = Path(output)
    cursor_path = CursorFile.path_for(path)
    lock = _files.OutputLock(path)
    with _files.file_errors(path):
        lock.acquire()
    try:
        with _files.file_errors(path):
            if _files.is_present(cursor_path):
                if not resume:
                    raise ConfigurationError(
                        f"{path} belongs to an export ({cursor_path.name}): pass resume=True "
                        "(--resume) to continue it, or remove both files to start over."
                    )
                saved = _load(cursor_path, path, fmt, family, options, filters)
                for shard in saved.shards:
                    _check_query(source, shard.query, f"Cursor file {cursor_path} is damaged")
                saved_base = {k: v for k, v in saved.filters.items() if k not in _RANGE}
                plan = Plan(
                    saved.shards,
                    filters=saved_base if saved.sharded else None,
                    min_split=2 * saved.page_size,
                    bounds=None if saved.sharded else _bounds(saved.filters),
                )
                cursor, resumed = saved, True
            else:
                if _files.is_present(path):
                    raise ConfigurationError(
                        f"{path} exists and no cursor file says how far it got: "
                        "remove it, or choose another output."
                    )
                plan = new_plan()
                cursor = CursorFile(
                    family=family,
                    format=fmt.name,
                    options=dict(options),
                    filters=filters,
                    page_size=page_size,
                    sharded=sharded,
                    complete=False,
                    shards=[],
                )
                resumed = False
            if cursor.sharded and not cursor.complete:
                _check_parts(path, {shard.index for shard in plan.shards if shard.opened})
    except BaseException:
        lock.release()
        raise
    return _Job(
        plan=plan,
        fmt=fmt,
        time_field=time_field,
        page_size=cursor.page_size,
        output=path,
        stream=None,
        cursor=cursor,
        lock=lock,
        resumed=resumed,
        on_progress=on_progress,
    )


def _in_the_way(path: Path) -> ConfigurationError:
    return ConfigurationError(
        f"{path} is in the way: this export would write there, and its cursor file does "
        "not say it wrote this file (left by an earlier export?). Remove it, or resume the "
        "export it belongs to."
    )


def _check_parts(output: Path, owned: set[int]) -> None:
    """Refuse to start while a file named as a part of ``output`` is there that the cursor
    file does not record as this export's (the shards ``owned``): a shard's walk would
    stop on it half-way; better to say so before the first request (the CLI: exit 2)."""
    for index, part in sorted(_files.parts(output).items()):
        if index not in owned:
            raise _in_the_way(part)


def _check_query(source: _Source, query: Mapping[str, Any], problem: str) -> None:
    """A :class:`ConfigurationError` unless ``source.list`` takes ``query`` (a misspelt
    filter, or a hand-edited cursor file's, is one clear error rather than a TypeError)."""
    try:
        inspect.signature(source.list).bind(**query)  # type: ignore[attr-defined]
    except TypeError as err:
        raise ConfigurationError(f"{problem}: {err}.") from None


def _bounds(filters: Mapping[str, Any]) -> tuple[datetime.datetime, datetime.datetime] | None:
    """The date range of an unsharded export, for its progress; None if open or unreadable."""
    try:
        low = moment("created_after", filters["created_after"])
        high = moment("created_before", filters["created_before"])
    except (KeyError, ConfigurationError):
        return None
    return (low, high) if low < high else None


def _high(shard: Shard) -> datetime.datetime:
    assert shard.high is not None  # every shard of a sharded export has a window
    return shard.high


def _load(
    cursor_path: Path,
    output: Path,
    fmt: Format,
    family: str,
    options: Mapping[str, Any],
    filters: Mapping[str, Any],
) -> CursorFile:
    """The saved export, checked against the one asked for and against the disk."""
    saved = CursorFile.load(cursor_path)
    asked = (family, fmt.name, dict(options))
    if asked != (saved.family, saved.format, saved.options) or (
        filters and filters != saved.filters
    ):
        raise ConfigurationError(
            f"Cursor file {cursor_path} belongs to another export ({saved.family}, "
            f"{saved.format}, filters {saved.filters}, options {saved.options})."
        )
    if saved.complete:
        if not _files.is_present(output):
            raise ConfigurationError(f"Cannot resume: {output} is missing.")
        return saved
    for shard in saved.shards:
        if shard.state is None:
            continue
        part = _files.part(output, shard.index) if saved.sharded else output
        try:
            fmt.check(part, shard.state)
        except ConfigurationError as err:
            raise ConfigurationError(f"Cannot resume from {cursor_path}: {err}.") from None
    return saved


def _filters(**values: Any) -> dict[str, Any]:
    """The filters as saved in the cursor file: dates as ISO strings, None left out, and
    everything else as the JSON value it is saved as (an enum as its value), so that a
    resume compares like with like."""
    return {key: _plain(key, value) for key, value in values.items() if value is not None}


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return msgspec.to_builtins(value)
    except TypeError:
        raise ConfigurationError(f"{name}={value!r} is not a filter value") from None


def _arguments(
    source: _Source,
    format: str,
    neutralize_formulas: bool,
    partition_by_day: bool,
    dates: dict[str, Any],
    filters: Mapping[str, Any] | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The format options and the list filters of an export."""
    options: dict[str, Any] = {}
    if format == "csv":
        options["neutralize_formulas"] = neutralize_formulas
    if partition_by_day:
        if format != "parquet" or source.time_field != "created_at":
            raise ConfigurationError(
                "partition_by_day is for Parquet exports of the log families (by created_at)."
            )
        options["partition_by_day"] = True
    given = _filters(**dates)
    if source.time_field is None and given:
        raise ConfigurationError(
            f"{source.family} has no {', '.join(given)} filter: "
            "pass its own filters as filters={...}."
        )
    return options, {**given, **_filters(**dict(filters or {}))}


@contextlib.contextmanager
def _running(job: _Job) -> Iterator[None]:
    try:
        yield
    except BaseException:
        job.abort()
        raise
    finally:
        job.release()


def export_logs(
    resource: ExportSource,
    output: str | os.PathLike[str],
    *,
    format: ExportFormat = "jsonl",
    concurrency: int = 1,
    include_deleted: bool | None = None,
    created_before: DateLike | None = None,
    created_on: DateLike | None = None,
    created_after: DateLike | None = None,
    filters: Mapping[str, Any] | None = None,
    page_size: int = 1000,
    resume: bool = False,
    neutralize_formulas: bool = True,
    partition_by_day: bool = False,
    on_progress: Callable[[ExportProgress], None] | None = None,
) -> ExportResult:
    """Export every record of a list (``client.message_logs``, ...) to a file, resumably.

    The export records its place in ``<output>.cursor`` as it goes (after a page, at most
    every :data:`SAVE_INTERVAL` seconds, and whenever it stops) and holds
    ``<output>.lock`` while it runs. With ``concurrency`` > 1 the range ``created_after``..
    ``created_before`` is split into time windows walked by that many threads over the
    same client; a thread that runs out of work splits the window with the most records
    still to read, and the parts are joined, newest first, into one file.

    Args:
        resource: A list resource of a :class:`SignalWireLogs` (``client.fax_logs``...).
        output: The file to write; ``"-"`` streams to stdout (one walk, not resumable).
        format: ``"jsonl"`` (records exactly as sent), ``"csv"`` or ``"parquet"`` (a
            directory of typed part files; needs ``signalwire-logs[parquet]``).
        concurrency: Threads walking time windows at once, 1 to 64 (> 1 needs both date
            bounds).
        include_deleted: Include logs for deleted activity.
        created_before: Only activity before this date or date-time (naive means UTC).
        created_on: Only activity on this date (unsharded exports only).
        created_after: Only activity after this date or date-time (naive means UTC).
        filters: The family's own filters, for ``client.cxml_messages`` (``{"status":
            "failed", "date_sent_after": "2024-05-01"}``).
        page_size: Records per request, 1 to 1000.
        resume: Continue the export ``<output>.cursor`` describes (a finished one returns at
            once); with no cursor file and no output, start a new one.
        neutralize_formulas: CSV only: prefix text cells a spreadsheet would run as
            formulas (``=``, ``+``, ``-``, ``@``, tab, newline first) with ``'``.
        partition_by_day: Parquet only: Hive partitions by the UTC day of ``created_at``
            (``day=2024-06-14/part-00000.parquet``).
        on_progress: Called with an :class:`ExportProgress` (records so far, share of the
            date range walked) after each page (from the worker threads when
            ``concurrency`` > 1).

    Returns:
        An :class:`ExportResult`: records in the output, written by this call, resumed.

    Raises:
        ConfigurationError: bad arguments; the output exists without ``resume``; the cursor
            file is damaged or belongs to another export.
        ExportFileError: a file cannot be read, written or locked (another export holds it).
        SignalWireError: an API error; pages written so far stay resumable, and a new export
            that failed before its first page leaves no file behind.
    """
    options, listed = _arguments(
        resource,
        format,
        neutralize_formulas,
        partition_by_day,
        {
            "include_deleted": include_deleted,
            "created_before": created_before,
            "created_on": created_on,
            "created_after": created_after,
        },
        filters,
    )
    job = _prepare(
        resource,
        output,
        format=format,
        options=options,
        filters=listed,
        page_size=page_size,
        concurrency=concurrency,
        resume=resume,
        on_progress=on_progress,
    )
    with _running(job), _files.file_errors(os.fspath(output)):
        if not job.plan.complete:
            if concurrency == 1:
                job.work(resource)
            else:
                with ThreadPoolExecutor(concurrency, thread_name_prefix="export") as pool:
                    futures = [pool.submit(job.work_or_fail, resource) for _ in range(concurrency)]
                    try:
                        wait_all(futures)
                    except BaseException:
                        job.plan.stop()  # Ctrl-C: each thread ends after its page
                        raise
                job.raise_error()
        return job.finish()


async def aexport_logs(
    resource: AsyncExportSource,
    output: str | os.PathLike[str],
    *,
    format: ExportFormat = "jsonl",
    concurrency: int = 1,
    include_deleted: bool | None = None,
    created_before: DateLike | None = None,
    created_on: DateLike | None = None,
    created_after: DateLike | None = None,
    filters: Mapping[str, Any] | None = None,
    page_size: int = 1000,
    resume: bool = False,
    neutralize_formulas: bool = True,
    partition_by_day: bool = False,
    on_progress: Callable[[ExportProgress], None] | None = None,
) -> ExportResult:
    """The async twin of :func:`export_logs`, for the resources of an
    :class:`AsyncSignalWireLogs`: same arguments, same files, same guarantees.

    The windows are walked by ``concurrency`` tasks of an anyio task group on the caller's
    client; every file operation (writes, fsync, the cursor file, the join) runs in a worker
    thread, so the event loop never waits on the disk. Works under asyncio and trio.
    """
    options, listed = _arguments(
        resource,
        format,
        neutralize_formulas,
        partition_by_day,
        {
            "include_deleted": include_deleted,
            "created_before": created_before,
            "created_on": created_on,
            "created_after": created_after,
        },
        filters,
    )
    job = await anyio.to_thread.run_sync(
        partial(
            _prepare,
            resource,
            output,
            format=format,
            options=options,
            filters=listed,
            page_size=page_size,
            concurrency=concurrency,
            resume=resume,
            on_progress=on_progress,
        )
    )
    try:
        with _files.file_errors(os.fspath(output)):
            if not job.plan.complete:
                async with anyio.create_task_group() as group:
                    for _ in range(concurrency):
                        group.start_soon(job.awork, resource)
                job.raise_error()
            return await anyio.to_thread.run_sync(job.finish)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(job.abort)
        raise
    finally:
        job.release()
