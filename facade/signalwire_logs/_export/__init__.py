"""Resumable exports of a log list to a file: see :func:`export_logs`.

Split by concern: ``_engine`` runs an export on the caller's client (threads or an anyio
task group), ``_shards`` plans its time windows and work stealing, ``_formats`` turns pages
into bytes (the seam a new format plugs into), ``_cursor`` is the cursor file, and
``_files`` the lock, safe file creation and file errors.
"""

from ._engine import (
    MAX_CONCURRENCY,
    AsyncExportSource,
    ExportProgress,
    ExportResult,
    ExportSource,
    aexport_logs,
    export_logs,
)
from ._formats import FORMATS, ExportFormat, Format, Writer, format_for

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
