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
    from .._resources import CxmlMessages, MessageLogs

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
    part_rows: int | None = None,
    part_bytes: int | None = None,
    hash_columns: Sequence[str] | None = None,
    drop_columns: Sequence[str] | None = None,
    hash_key: str | bytes | None = None,
    on_progress: Callable[[ExportProgress], None] | None = None,
) -> ExportResult:
    """Export every record of a list (``client.message_logs``, ...) to a file, resumably.

    It records its place in ``<output>.cursor`` (at most every 0.1 s, and when it stops)
    and holds ``<output>.lock`` while it runs. With ``concurrency`` > 1, that many threads
    over the same client walk time windows of ``created_after``..``created_before``; one out
    of work splits the window with the most records left; the parts are joined, newest first.

    Args:
        resource: A list resource of a [`SignalWireLogs`][signalwire_logs.SignalWireLogs]
            (``client.fax_logs``...).
        output: The file to write; ``"-"`` streams to stdout (one walk, not resumable).
        format: ``"jsonl"`` (records exactly as sent), ``"csv"`` or ``"parquet"`` (a
            directory of typed part files; needs the ``parquet`` extra).
        concurrency: Threads walking time windows at once, 1 to 64 (> 1 needs both dates).
        include_deleted: Include logs for deleted activity.
        created_before: Only activity before this date or date-time (naive means UTC).
        created_on: Only activity on this date (unsharded exports only).
        created_after: Only activity after this date or date-time (naive means UTC).
        filters: The filters of the family's ``list()``, typed per family (a checker
            rejects one the family does not take):
            [`CxmlMessageFilters`][signalwire_logs.CxmlMessageFilters] for
            ``client.cxml_messages`` (``{"status": "failed", "date_sent_after":
            "2024-05-01"}``), [`MessageLogFilters`][signalwire_logs.MessageLogFilters],
            else [`LogFilters`][signalwire_logs.LogFilters].
        page_size: Records per request, 1 to 1000.
        resume: Continue the export ``<output>.cursor`` describes (a finished one returns at
            once); with no cursor file and no output, start a new one.
        neutralize_formulas: CSV only: prefix text cells a spreadsheet would run as
            formulas (``=``, ``+``, ``-``, ``@``, tab, newline first) with ``'``.
        partition_by_day: Parquet only: Hive partitions by the UTC day of ``created_at``
            (``day=2024-06-14/part-00000.parquet``).
        part_rows: Parquet only: a part file is closed once it holds this many records
            (default 100,000). A resume after a crash fetches the pages of the part being
            written again: at most one part per window.
        part_bytes: Parquet only: ... or this many bytes, whichever comes first (default
            64 MiB).
        hash_columns: Columns to hash, by wire name (`["from", "to"]`): each value becomes
            the HMAC-SHA-256 of its text under `hash_key`, as 64 hex digits (a null stays
            null), so counts and joins still work and the clear value is written nowhere.
        drop_columns: Columns to leave out (`"extra_fields"`: every field the spec does
            not document). `id` and `created_at` are never hashed or dropped.
        hash_key: The key (16 bytes or more); default: the `SIGNALWIRE_HASH_KEY`
            environment variable. The cursor file records only its fingerprint, so a resume
            with another key is refused.
        on_progress: Called after each page with an
            [`ExportProgress`][signalwire_logs.ExportProgress] (records so far, share of the
            range walked), from the worker threads when ``concurrency`` > 1.

    Returns:
        An [`ExportResult`][signalwire_logs.ExportResult] (records in the output, records
            written by this call, whether it resumed).

    Raises:
        ConfigurationError: bad arguments; the output exists without ``resume``; the cursor
            file is damaged or belongs to another export.
        ExportFileError: a file cannot be read, written or locked (another export holds it).
        SignalWireError: an API error; pages written so far stay resumable, and a new export
            that failed before its first page leaves no file behind.
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
