"""Saving an export's plan to its cursor file: spaced while pages keep coming, at once when
a file is about to be created or the export stops.

Every saved plan is whole and consistent (the cursor file is replaced atomically), and a
page is recorded only after it is committed: a page committed but not yet saved is only
fetched and written again by a resume after a crash, never lost or doubled.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

from . import _files
from ._cursor import CursorFile
from ._shards import Plan

#: The cursor file is rewritten at most this often while pages keep coming (and always
#: when the export stops): each save is an fsync and a rename, and a page committed but not
#: yet recorded is only fetched and written again by a resume after a crash.
SAVE_INTERVAL = 0.1


class CursorSaver:
    """Records one export's plan in its cursor file (thread-safe).

    An export to stdout has no cursor file (``cursor`` None): every save is then a no-op.
    """

    def __init__(self, plan: Plan, cursor: CursorFile | None, output: Path | None) -> None:
        self._plan = plan
        self._cursor = cursor
        self._path = None if cursor is None or output is None else CursorFile.path_for(output)
        self._lock = threading.Lock()
        self._saved = False  # a save of this run is done
        self._dirty = False  # the plan has changed since the last save
        self._next = 0.0  # time.monotonic() from which a page's save is due again

    @property
    def saved(self) -> bool:
        """Whether this run has saved the plan at least once."""
        return self._saved

    def save(self, *, wait: bool = False) -> None:
        """Record the plan in the cursor file.

        Saves are spaced (`SAVE_INTERVAL`) and grouped: a page that finds the last
        save too recent, or another thread saving, is left to the next save instead of
        queueing behind its fsync. ``wait``: return only once a save that includes the
        current plan is done.
        """
        if self._cursor is None or self._path is None:
            return
        self._dirty = True
        if not wait and time.monotonic() < self._next:
            return
        while self._dirty:
            if not self._lock.acquire(blocking=wait):
                return  # the saving thread sees _dirty and saves again
            try:
                while self._dirty:
                    self._dirty = False
                    try:
                        self._cursor.save(self._path, self._plan.to_list())
                    except BaseException:
                        self._dirty = True  # still unrecorded: abort tries once more
                        raise
                    self._saved = True
                    self._next = time.monotonic() + SAVE_INTERVAL
            finally:
                self._lock.release()

    def save_committed(self) -> None:
        """After a failure: record the pages committed since the last save, unless an
        interrupt left the plan half updated or a save half done (its lock still held).
        Any failure here only means those pages are fetched again on resume."""
        if self._cursor is None or self._path is None:
            return
        if not self._dirty or self._plan.torn or not self._lock.acquire(timeout=1.0):
            return
        try:
            with contextlib.suppress(Exception):
                self._cursor.save(self._path, self._plan.to_list())
        finally:
            self._lock.release()

    def remove(self) -> None:
        """Remove the cursor file (a new export that wrote nothing leaves nothing)."""
        if self._path is not None:
            _files.remove(self._path)
