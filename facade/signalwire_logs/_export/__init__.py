"""Resumable exports of a log list to a file: see `export_logs()`.

In parts named for what they hold, none reading another's private state:

- ``_request``: what was asked, checked once (`ExportRequest`), shared by both entries;
- ``_shards``: the plan, its time windows and work stealing (no I/O);
- ``_cursor``: the cursor file; ``_saver``: when the plan is saved to it;
- ``_outputs``: the files an export owns (the lock, a writer per shard, the join);
- ``_pages``: the walk of a window, each page's records kept and written (the one place a
  page is read);
- ``_job``: one export being run, from its opening to its finish or abort;
- ``_threads`` and ``_tasks``: `export_logs()` on threads, `aexport_logs()` on an
  anyio task group;
- ``_formats`` (and ``_parquet``): how a page becomes bytes (the seam a new format plugs
  into); ``_files``: safe file creation, atomic replacement and file errors.
"""

from ._formats import FORMATS, ExportFormat, Format, Writer, format_for
from ._job import ExportProgress, ExportResult
from ._request import MAX_CONCURRENCY, AsyncExportSource, ExportSource
from ._tasks import aexport_logs
from ._threads import export_logs

__all__ = [
    "FORMATS",
    "MAX_CONCURRENCY",
    "AsyncExportSource",
    "ExportFormat",
    "ExportProgress",
    "ExportResult",
    "ExportSource",
    "Format",
    "Writer",
    "aexport_logs",
    "export_logs",
    "format_for",
]
