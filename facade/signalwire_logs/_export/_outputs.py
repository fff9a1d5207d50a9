"""The files of one export: the lock on its output, which files are its own, a writer per
shard, the join of the parts, and the clean-up of what a failed run created.

Ownership comes first: a file an export writes is recorded in its cursor file (the shard's
``opened``) before it is created, and only a file so recorded is ever truncated or deleted.
A file at an export's path that its cursor file does not name (a stale part of an earlier
export, a symlink planted there) is refused, untouched, with a clear error.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .._exceptions import ConfigurationError
from . import _files
from ._formats import Format, Writer
from ._saver import CursorSaver
from ._shards import Plan, Shard


def take_lock(output: Path) -> _files.OutputLock:
    """The lock of ``output``, held (`ExportFileError` if another export has it)."""
    lock = _files.OutputLock(output)
    with _files.file_errors(output):
        lock.acquire()
    return lock


def check_parts(output: Path, owned: set[int]) -> None:
    """Refuse to start while a file named as a part of ``output`` is there that the cursor
    file does not record as this export's (the shards ``owned``): a shard's walk would
    stop on it half-way; better to say so before the first request (the CLI: exit 2)."""
    for index, part in sorted(_files.parts(output).items()):
        if index not in owned:
            raise _in_the_way(part)


def _in_the_way(path: Path) -> ConfigurationError:
    return ConfigurationError(
        f"{path} is in the way: this export would write there, and its cursor file does "
        "not say it wrote this file (left by an earlier export?). Remove it, or resume the "
        "export it belongs to."
    )


class OutputFiles:
    """What one export writes to: its output (or its parts, one per shard, when
    ``sharded``), or a stream (``output`` None: stdout, nothing owned, nothing locked).

    Writers are opened as their shard's first page comes, by one thread at a time per shard
    (a shard is walked by one worker at a time).
    """

    def __init__(
        self,
        fmt: Format,
        plan: Plan,
        saver: CursorSaver,
        *,
        output: Path | None,
        stream: BinaryIO | None,
        sharded: bool,
        lock: _files.OutputLock | None,
    ) -> None:
        self._fmt = fmt
        self._plan = plan
        self._saver = saver
        self._output = output
        self._stream = stream
        self._sharded = sharded
        self._lock = lock
        self._writers: dict[int, Writer] = {}
        self._created: set[Path] = set()  # what this run created: all a clean-up may remove

    @property
    def open_writers(self) -> int:
        """How many writers are open (one per shard written to, until `close()`)."""
        return len(self._writers)

    def writer(self, shard: Shard) -> Writer:
        """The writer of ``shard``'s part (or of the whole output), opened on first use."""
        writer = self._writers.get(shard.index)
        if writer is None:
            if self._stream is not None:
                writer = self._fmt.stream(self._stream)
            else:
                writer = self._open(shard)
            self._writers[shard.index] = writer
        return writer

    def _open(self, shard: Shard) -> Writer:
        """A shard's writer: resumed at its state, or a new file, which the cursor file
        records as this export's before it exists. Only a file so recorded is ever
        truncated or deleted; anything else is refused, untouched."""
        path = self.path(shard)
        if shard.state is not None:
            if not self._saver.saved:
                self._saver.save(wait=True)
            return self._fmt.open(path, shard.state, whole=not self._sharded)
        if shard.opened:
            self._fmt.discard(path)  # a torn first page of a killed run, if any: ours
        elif _files.is_present(path):
            raise _in_the_way(path)
        self._plan.mark_opened(shard, True)
        self._saver.save(wait=True)  # the cursor file exists, and owns the part, before any byte
        self._created.add(path)
        try:
            return self._fmt.open(path, None, whole=not self._sharded)
        except FileExistsError:  # planted since the check above: not ours after all
            self._created.discard(path)
            self._plan.mark_opened(shard, False)
            self._saver.save(wait=True)
            raise _in_the_way(path) from None

    def path(self, shard: Shard) -> Path:
        """Where ``shard`` writes: its part, or the output of an unsharded export."""
        assert self._output is not None
        if not self._sharded:
            return self._output
        return _files.part(self._output, shard.index)

    def close(self) -> None:
        """Close every writer (what was not committed may be lost)."""
        writers, self._writers = self._writers, {}
        for writer in writers.values():
            writer.close()

    def complete(self, shards: Sequence[Shard]) -> None:
        """Make the output whole once every shard is walked: an unsharded export with no
        record still gets its (empty) output; the parts of a sharded one are joined,
        newest window first. Its parts stay until `discard_parts()`."""
        assert self._output is not None
        if not self._sharded:
            if shards[0].state is None:  # no record: still an output
                shards[0].state = self.writer(shards[0]).commit(last=True)
                self.close()
            return
        newest_first = sorted(shards, key=_high, reverse=True)
        self._fmt.join([self.path(s) for s in newest_first if s.state is not None], self._output)

    def discard_parts(self, shards: Sequence[Shard]) -> None:
        """Remove the joined parts of a sharded export (only those it owns)."""
        if self._sharded:
            for shard in shards:
                if shard.opened:  # its part is this export's
                    self._fmt.discard(self.path(shard))

    def remove_created(self) -> None:
        """Remove what this run created (a new export that wrote no page), nothing else."""
        for path in self._created:
            self._fmt.discard(path)

    def release(self) -> None:
        """Release the lock on the output."""
        if self._lock is not None:
            self._lock.release()


def _high(shard: Shard) -> datetime.datetime:
    assert shard.high is not None  # every shard of a sharded export has a window
    return shard.high
