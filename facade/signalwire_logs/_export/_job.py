"""One export being run, whatever walks it (threads or tasks): opened from its request (the
lock, the cursor file, the plan; no network), then its parts together (the plan, the cursor
saver, the output files, the page handling), its progress, the first error of its workers,
and how it ends: finished (the output whole, the cursor file complete) or aborted (every
committed page recorded; a new export that wrote nothing leaves nothing).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .._exceptions import ConfigurationError
from . import _files
from ._cursor import CursorFile
from ._outputs import OutputFiles, check_parts, take_lock
from ._pages import PageHandler
from ._request import ExportRequest
from ._saver import CursorSaver
from ._shards import Plan


@dataclass(frozen=True)
class ExportProgress:
    """How far an export has come, given to ``on_progress`` after each page."""

    #: Records written so far (in the output, including those of earlier runs).
    records: int
    #: The share of the date range walked so far, 0 to 1; None when the range is open
    #: (lists are newest first: a window is done down to the oldest record it has read).
    fraction: float | None
    #: Records this call has written (a resumed export's earlier records left out: its
    #: rate counts these).
    written: int = 0


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


class ExportJob:
    """One export being run: built by `open()`, walked by a runner's workers (each
    takes windows from `plan` and gives their pages to `pages`), then
    `finish()` or `abort()`, and always `release()`."""

    def __init__(
        self,
        request: ExportRequest,
        plan: Plan,
        *,
        cursor: CursorFile | None,
        lock: _files.OutputLock | None,
        resumed: bool,
    ) -> None:
        self.request = request
        #: The export's windows and how far each is walked (shared by every worker).
        self.plan = plan
        #: Whether it continues a saved export.
        self.resumed = resumed
        self._cursor = cursor
        self.saver = CursorSaver(plan, cursor, request.output)
        self.outputs = OutputFiles(
            request.fmt,
            plan,
            self.saver,
            output=request.output,
            stream=sys.stdout.buffer if request.output is None else None,
            sharded=cursor is not None and cursor.sharded,
            lock=lock,
        )
        page_size = request.page_size if cursor is None else cursor.page_size
        self.pages = PageHandler(
            plan,
            request.fmt,
            request.time_field,
            page_size,
            self.outputs,
            self.saver,
            request.family,
        )
        self._start_records = plan.records
        self._error: BaseException | None = None
        self._workers = 0  # threads walking windows: abort leaves their files to them
        self._workers_lock = threading.Lock()

    @classmethod
    def open(cls, request: ExportRequest) -> ExportJob:
        """Take the output's lock and load the export's cursor file, or plan a new export
        (``request.resume`` with no cursor file and no output starts one). No network."""
        if request.output is None:
            return cls(request, request.new_plan(), cursor=None, lock=None, resumed=False)
        path = request.output
        lock = take_lock(path)
        try:
            with _files.file_errors(path):
                cursor, resumed = _saved_or_new(request, path)
                plan = cursor.plan() if resumed else request.new_plan()
                if cursor.sharded and not cursor.complete:
                    check_parts(path, {shard.index for shard in plan.shards if shard.opened})
        except BaseException:
            lock.release()
            raise
        return cls(request, plan, cursor=cursor, lock=lock, resumed=resumed)

    # -- while it runs -----------------------------------------------------------------------

    @contextlib.contextmanager
    def working(self) -> Iterator[None]:
        """Count a worker thread in while it walks: `abort()` leaves its files alone."""
        with self._workers_lock:
            self._workers += 1
        try:
            yield
        finally:
            with self._workers_lock:
                self._workers -= 1

    def progress(self) -> None:
        """Tell ``on_progress`` how far the export has come (after each page)."""
        if self.request.on_progress is not None:
            records = self.plan.records
            written = records - self._start_records
            self.request.on_progress(ExportProgress(records, self.plan.fraction(), written))

    def fail(self, error: BaseException) -> None:
        """A worker failed: remember the first error and give no more work out."""
        if self._error is None:
            self._error = error
        self.plan.stop()

    def raise_error(self) -> None:
        """Raise the first error a worker met, if any."""
        if self._error is not None:
            raise self._error

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Run the export inside: an ``OSError`` becomes an `ExportFileError` naming
        the output, any exception (Ctrl-C included) aborts, and the lock is released."""
        try:
            with _files.file_errors(self.request.named):
                yield
        except BaseException:
            self.abort()
            raise
        finally:
            self.release()

    # -- the end -------------------------------------------------------------------------------

    def finish(self) -> ExportResult:
        """Close, join the parts of a sharded export, and record that it is complete."""
        self.outputs.close()
        cursor = self._cursor
        if cursor is not None and not cursor.complete:
            self.outputs.complete(self.plan.shards)
            cursor.complete = True
            self.saver.save(wait=True)
            self.outputs.discard_parts(self.plan.shards)
        records = self.plan.records
        return ExportResult(
            output=str(self.request.output) if self.request.output is not None else "-",
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
            self.outputs.close()
        if self._cursor is None:
            return
        if any(shard.state is not None for shard in self.plan.shards):
            self.saver.save_committed()
            return
        if self.resumed:
            return
        with contextlib.suppress(OSError):
            self.outputs.remove_created()  # only what this run created: nothing else is its own
            self.saver.remove()

    def release(self) -> None:
        """Release the output's lock."""
        self.outputs.release()


def _saved_or_new(request: ExportRequest, output: Path) -> tuple[CursorFile, bool]:
    """The cursor file of the export at ``output``, checked, and True; or a new one (not
    yet saved) and False. Nothing but a cursor file's own output is ever resumed."""
    cursor_path = CursorFile.path_for(output)
    if _files.is_present(cursor_path):
        if not request.resume:
            raise ConfigurationError(
                f"{output} belongs to an export ({cursor_path.name}): pass resume=True "
                "(--resume) to continue it, or remove both files to start over."
            )
        saved = CursorFile.load_matching(
            cursor_path, output, request.fmt, request.family, request.filters
        )
        for shard in saved.shards:
            request.check_query(shard.query, f"Cursor file {cursor_path} is damaged")
        return saved, True
    if _files.is_present(output):
        raise ConfigurationError(
            f"{output} exists and no cursor file says how far it got: "
            "remove it, or choose another output."
        )
    new = CursorFile(
        family=request.family,
        format=request.fmt.name,
        options=dict(request.fmt.options),
        filters=request.filters,
        page_size=request.page_size,
        sharded=request.sharded,
        complete=False,
        shards=[],
    )
    return new, False
