"""Exports on an `AsyncSignalWireLogs`: `aexport_logs()`, and the
tasks of an anyio task group that walk its windows over the caller's own client.

Every file operation (opening the export, each page written and committed, the cursor
file, the join) runs in a worker thread, so the event loop never waits on the disk; each
walk fetches its next page while this one is written. Works under asyncio and trio.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterable, Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Unpack, overload

import anyio
import anyio.to_thread

from .._dates import DateLike
from .._types import AsyncLogResource, CxmlMessageFilters, LogFilters, MessageLogFilters
from ..pagination import Page
from . import _files
from ._formats import ExportFormat
from ._job import ExportJob, ExportProgress, ExportResult
from ._request import AsyncExportSource, ExportOptions, ExportRequest
from ._shards import IDLE, WAIT, Shard

if TYPE_CHECKING:
    from .._cxml_messages import AsyncCxmlMessages
    from .._resources import AsyncMessageLogs


# ``filters`` typed per family, as export_logs' (see its overloads).
@overload
async def aexport_logs(
    resource: AsyncMessageLogs,
    output: str | os.PathLike[str],
    *,
    filters: MessageLogFilters | None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
@overload
async def aexport_logs(
    resource: AsyncCxmlMessages,
    output: str | os.PathLike[str],
    *,
    filters: CxmlMessageFilters | None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
@overload
async def aexport_logs(
    resource: AsyncLogResource[Any],
    output: str | os.PathLike[str],
    *,
    filters: LogFilters | None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
@overload
async def aexport_logs(
    resource: AsyncExportSource,
    output: str | os.PathLike[str],
    *,
    filters: None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
async def aexport_logs(
    resource: AsyncExportSource,
    output: str | os.PathLike[str],
    *,
    format: ExportFormat | None = None,
    concurrency: int = 1,
    include_deleted: bool | None = None,
    created_before: DateLike | None = None,
    created_on: DateLike | None = None,
    created_after: DateLike | None = None,
    filters: Mapping[str, Any] | None = None,
    page_size: int = 1000,
    resume: bool = False,
    neutralize_formulas: bool | None = None,
    partition_by_day: bool | None = None,
    part_rows: int | None = None,
    part_bytes: int | None = None,
    hash_columns: Sequence[str] | None = None,
    drop_columns: Sequence[str] | None = None,
    hash_key: str | bytes | None = None,
    on_progress: Callable[[ExportProgress], None] | None = None,
) -> ExportResult:
    """The async twin of [`export_logs()`][signalwire_logs.export_logs], for the resources of
    an [`AsyncSignalWireLogs`][signalwire_logs.AsyncSignalWireLogs]: same arguments, same
    files, same guarantees.

    The windows are walked by ``concurrency`` tasks of an anyio task group on the caller's
    client; every file operation (writes, fsync, the cursor file, the join) runs in a worker
    thread, so the event loop never waits on the disk. Works under asyncio and trio.
    """
    check = partial(ExportRequest.check, **locals())  # every argument above, by name
    job = await anyio.to_thread.run_sync(lambda: ExportJob.open(check()))
    try:
        with _files.file_errors(job.request.named):
            await run_tasks(job, resource)
            return await anyio.to_thread.run_sync(job.finish)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(job.abort)
        raise
    finally:
        job.release()


async def run_tasks(job: ExportJob, source: AsyncExportSource) -> None:
    """Walk ``job``'s windows with as many tasks as it asked for until none is left or one
    fails (its error is raised)."""
    if job.plan.complete:
        return
    async with anyio.create_task_group() as group:
        for _ in range(job.request.concurrency):
            group.start_soon(_walk_windows, job, source)
    job.raise_error()


async def _walk_windows(job: ExportJob, source: AsyncExportSource) -> None:
    """Take windows and walk them until none is left (one task)."""
    try:
        while (shard := job.plan.take()) is not None:
            if shard == WAIT:
                await anyio.sleep(IDLE)
                continue
            assert isinstance(shard, Shard)
            try:
                await _walk(job, shard, job.pages.walk(source, shard))
            finally:
                job.plan.release(shard)
    except Exception as err:
        job.fail(err)


async def _walk(job: ExportJob, shard: Shard, pages: AsyncIterable[Page[Any]]) -> None:
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
                    stop = await anyio.to_thread.run_sync(job.pages.handle, shard, page)
                except Exception as err:
                    failures.append(err)
                    stop = True
                job.progress()
                if stop:
                    group.cancel_scope.cancel()  # the page being fetched is not wanted
                    break
    if failures:
        raise failures[0]
