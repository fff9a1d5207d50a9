"""Exports on a `SignalWireLogs`: `export_logs()`, and the
threads that walk its windows over the caller's own client.

Each worker thread takes a window from the plan, walks it, and hands each page to the page
handling; the next page of its walk is fetched (by a helper thread) while this one is
written, so a walk waits for the server or for the disk, not for both in turn.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from typing import TYPE_CHECKING, Any, Unpack, overload

from .._dates import DateLike
from .._types import CxmlMessageFilters, LogFilters, LogResource, MessageLogFilters
from ..pagination import Page
from ._formats import ExportFormat
from ._job import ExportJob, ExportProgress, ExportResult
from ._request import ExportOptions, ExportRequest, ExportSource
from ._shards import IDLE, WAIT, Shard

if TYPE_CHECKING:
    from .._cxml_messages import CxmlMessages
    from .._resources import MessageLogs

# ``filters`` typed per family: a checker rejects a filter the family's list() does not take
# (the runtime check binds them to it). A resource of no known family takes none.


@overload
def export_logs(
    resource: MessageLogs,
    output: str | os.PathLike[str],
    *,
    filters: MessageLogFilters | None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
@overload
def export_logs(
    resource: CxmlMessages,
    output: str | os.PathLike[str],
    *,
    filters: CxmlMessageFilters | None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
@overload
def export_logs(
    resource: LogResource[Any],
    output: str | os.PathLike[str],
    *,
    filters: LogFilters | None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
@overload
def export_logs(
    resource: ExportSource,
    output: str | os.PathLike[str],
    *,
    filters: None = None,
    **options: Unpack[ExportOptions],
) -> ExportResult: ...
def export_logs(
    resource: ExportSource,
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
    """Export every record of a list (``client.message_logs``, ...) to a file, resumably.

    Its place is kept in ``<output>.cursor``; formats, shards and files: the exports guide.

    Args:
        resource: A list resource of a [`SignalWireLogs`][signalwire_logs.SignalWireLogs].
        output: The file to write; ``"-"`` streams to stdout (one walk, not resumable).
        format: ``"jsonl"`` (records as sent, the default), ``"csv"`` or ``"parquet"`` (a
            directory). Left out on a resume (as are the options below it): the export's own.
        concurrency: Threads walking time windows, 1 to 64 (> 1 needs both dates).
        include_deleted: Include logs for deleted activity.
        created_before: Only activity before this date or date-time (naive means UTC).
        created_on: Only activity on this date (unsharded exports only).
        created_after: Only activity after this date or date-time (naive means UTC).
        filters: The family's ``list()`` filters, typed per family: for instance
            [`CxmlMessageFilters`][signalwire_logs.CxmlMessageFilters].
        page_size: Records per request, 1 to 1000.
        resume: Continue the export ``<output>.cursor`` describes, if any.
        neutralize_formulas: CSV: prefix with ``'`` cells a spreadsheet would run (default
            True).
        partition_by_day: Parquet: Hive partitions by the UTC day of ``created_at`` (default
            False).
        part_rows: Parquet: records per part file (default 100,000).
        part_bytes: Parquet: bytes per part file (default 64 MiB), whichever comes first.
        hash_columns: Columns (wire names) written as HMAC-SHA-256 under ``hash_key``.
        drop_columns: Columns left out (``"extra_fields"``: the undocumented fields).
        hash_key: 16 bytes or more; default: ``SIGNALWIRE_HASH_KEY``.
        on_progress: Called with an [`ExportProgress`][signalwire_logs.ExportProgress].

    Returns:
        An [`ExportResult`][signalwire_logs.ExportResult].

    Raises:
        ConfigurationError: bad arguments, an output without ``resume``, a bad cursor file.
        ExportFileError: a file cannot be read, written or locked.
        SignalWireError: an API error; what was written stays resumable.
    """
    job = ExportJob.open(ExportRequest.check(**locals()))  # every argument above, by name
    with job.running():
        run_threads(job, resource)
        return job.finish()


def run_threads(job: ExportJob, source: ExportSource) -> None:
    """Walk ``job``'s windows on as many threads as it asked for (this one alone when 1)
    until none is left or one fails (its error is raised); Ctrl-C ends each thread after
    its page."""
    concurrency = job.request.concurrency
    if job.plan.complete:
        return
    if concurrency == 1:
        _walk_windows(job, source)
        return
    with ThreadPoolExecutor(concurrency, thread_name_prefix="export") as pool:
        futures = [pool.submit(_walk_windows_or_fail, job, source) for _ in range(concurrency)]
        try:
            wait_all(futures)
        except BaseException:
            job.plan.stop()  # Ctrl-C: each thread ends after its page
            raise
    job.raise_error()


def _walk_windows(job: ExportJob, source: ExportSource) -> None:
    """Take windows and walk them until none is left (one thread)."""
    with job.working():
        while (shard := job.plan.take()) is not None:
            if shard == WAIT:
                time.sleep(IDLE)
                continue
            assert isinstance(shard, Shard)
            pages = job.pages.walk(source, shard)
            try:
                for page in _ahead(pages):
                    stop = job.pages.handle(shard, page)
                    job.progress()
                    if stop:
                        break
            finally:
                job.plan.release(shard)


def _walk_windows_or_fail(job: ExportJob, source: ExportSource) -> None:
    try:
        _walk_windows(job, source)
    except Exception as err:
        job.fail(err)


def _ahead(pages: Iterable[Page[Any]]) -> Iterator[Page[Any]]:
    """The pages, each next one fetched (by a helper thread) while the caller writes this
    one: the walk waits for the server or for the disk, not for both in turn."""
    walk = iter(pages)
    with ThreadPoolExecutor(1, thread_name_prefix="export-fetch") as fetcher:
        upcoming = fetcher.submit(next, walk, None)
        while (page := upcoming.result()) is not None:
            upcoming = fetcher.submit(next, walk, None)
            yield page
