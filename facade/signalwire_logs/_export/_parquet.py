"""Parquet exports: a directory of part files laid out for readers, typed as
`signalwire_logs.arrow` says.

Layout: pages are gathered into part files of at least ``part_rows`` records (100,000 by
default) or ``part_bytes`` bytes (64 MiB), whichever comes first, each made of row groups of
up to `ROW_GROUP_ROWS` records, compressed with zstd: a million message logs make ten
files of ten megabytes or so, newest records first (``part-00000.parquet``...). DuckDB,
polars, pyarrow, Spark and Trino pay per file and per row group, and data lakes expect
files of tens to hundreds of megabytes, not a thousand files of one page each. With
``partition_by_day`` the parts go into Hive partitions by the UTC day of ``created_at``
(``day=2024-06-14/part-00003.parquet``), read as a ``day`` column: a part writes one file
in each day it holds.

Durability: a part is written under a temporary name and, once whole, synced and renamed
into place, so a part file on disk is always whole. The resume state lists the parts in
place; a resumed export deletes anything else it finds in the directory (a part still being
written, or renamed but not yet recorded, when a run died). The pages of the part being
written become durable with it: until then `_PartWriter.commit()` answers
`PENDING`, and the cursor file keeps the walk's place at the last whole
part. The trade-off: a resume after a crash fetches the pages of that part again, at most
one part per window being walked (100 requests with the defaults and pages of 1,000), in
exchange for files readers like; ``part_rows=1000`` gives back one part per page, which
refetches nothing and makes a thousand files per million records.

Memory: the rows of one row group per window being walked (about 13 MB of Arrow for 50,000
message logs), however long the export.
"""

from __future__ import annotations

import collections
import contextlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any

import msgspec

from .._exceptions import ConfigurationError
from .._extras import needs_extra
from .._personal import PersonalData
from ._files import umask_mode
from ._formats import PENDING, Format, Records, Writer

_PART = "part-{:05d}.parquet"
_DAY = "day"
#: Records per row group: tens of thousands, as readers like them (each is read, skipped by
#: its statistics, or given to a thread as a whole), few enough to hold in memory.
ROW_GROUP_ROWS = 50_000
#: A part file is closed once it holds this many records...
DEFAULT_PART_ROWS = 100_000
#: ... or this many bytes, whichever comes first (both are checked between pages).
DEFAULT_PART_BYTES = 64 * 1024 * 1024
#: Pages converted ahead of the one being added to its part: one, so two pages at most are
#: held as Arrow beside the row group being gathered.
_AHEAD = 1
#: A column's dictionary stops growing here and the column is written plainly: a column of
#: unique values (ids) gives up after a few thousand instead of hashing the whole group.
_DICTIONARY_PAGE = 64 * 1024


def _arrow() -> Any:
    """pyarrow and the conversion, imported when a Parquet export starts (an extra)."""
    try:
        import pyarrow.parquet

        from .. import arrow
    except ImportError:
        raise ConfigurationError(needs_extra("Parquet exports need pyarrow", "parquet")) from None
    return pyarrow, pyarrow.parquet, arrow


def _fsync_directory(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _size(options: Mapping[str, Any], name: str, default: int) -> int:
    value = options.get(name, default)
    if type(value) is not int or value < 1:
        raise ConfigurationError(f"{name} must be a positive integer, got {value!r}")
    return value


class ParquetFormat(Format):
    """A directory of Parquet part files (``partition_by_day``: in a folder per day)."""

    name = "parquet"
    directory = True
    models = False  # Arrow checks every value against its column as it converts the JSON
    sent = True  # Arrow's JSON reader reads the records as sent

    def __init__(
        self, model: type[Any], options: Mapping[str, Any], personal: PersonalData | None = None
    ) -> None:
        super().__init__(model, options, personal)
        self.by_day = bool(self.options.get("partition_by_day", False))
        self.part_rows = _size(self.options, "part_rows", DEFAULT_PART_ROWS)
        self.part_bytes = _size(self.options, "part_bytes", DEFAULT_PART_BYTES)
        self.pa, self.pq, self.arrow = _arrow()
        schema = self.arrow.schema_for(model)
        self.schema = schema if personal is None else personal.schema(schema)

    def table(self, records: Records) -> Any:
        """A page of records as an Arrow table of the family's schema."""
        raws = [raw for _model, raw in records]
        try:
            if raws and isinstance(raws[0], bytes | msgspec.Raw):  # as sent, one per line
                table = self.arrow.from_json_lines(raws, self.model)
            else:  # no record (every page comes as sent: see Format.sent)
                table = self.arrow.to_arrow(raws, self.model)
        except ValueError as err:
            raise ConfigurationError(
                f"A record cannot be written as Parquet ({err}); export this range as JSONL."
            ) from None
        if self.personal is None:
            return table
        return self.personal.extras(self.personal.table(table))

    def new_file(self, directory: Path, name: str) -> _File:
        return _File(self, directory, name)

    def open(self, path: Path, state: Mapping[str, Any] | None, *, whole: bool) -> Writer:
        if state is None:
            os.mkdir(path)  # nothing may be there (the engine removed a torn first attempt)
            return _PartWriter(self, path, [], whole=whole)
        files = list(state["files"])
        keep = {path / name for name in files}
        for found in sorted(path.rglob("*"), reverse=True):  # files before their directories
            if found.is_dir() and not found.is_symlink():
                if not any(found.iterdir()):
                    found.rmdir()
            elif found not in keep:
                found.unlink()  # written after the last commit: its pages come again
        return _PartWriter(self, path, files, whole=whole)

    def check(self, path: Path, state: Mapping[str, Any]) -> None:
        files = state.get("files") if isinstance(state, Mapping) else None
        if set(state) != {"files"} or not isinstance(files, list):
            raise ConfigurationError(f"the saved state of {path} is not a list of parts: {state!r}")
        if not path.is_dir() or path.is_symlink():
            raise ConfigurationError(f"{path} is missing (or not a directory)")
        for name in files:
            relative = PurePosixPath(name) if isinstance(name, str) else None
            if relative is None or relative.is_absolute() or ".." in relative.parts:
                raise ConfigurationError(f"the cursor lists a part outside {path}: {name!r}")
            part = path / relative
            if not part.is_file() or part.is_symlink():
                raise ConfigurationError(f"{part}, listed in the cursor, is missing")

    def join(self, parts: Sequence[Path], output: Path) -> None:
        """Move every part file of the shards (newest first) into one directory; an export
        with no record at all still gets one (empty) part, for its schema."""
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
        try:
            moved = 0
            for number, part in enumerate(parts):
                for found in sorted(part.rglob("*.parquet")):
                    relative = found.relative_to(part)
                    target = staging / relative.parent / f"shard-{number:03d}-{relative.name}"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(found, target)
                    moved += 1
            if not moved:
                self.new_file(staging, _PART.format(0)).finish()
            for directory in [staging, *(d for d in staging.rglob("*") if d.is_dir())]:
                _fsync_directory(directory)
            os.replace(staging, output)
            _fsync_directory(output.parent)
        except BaseException:
            self.discard(staging)
            raise


class _File:
    """One Parquet file being written under a temporary name: row groups of
    `ROW_GROUP_ROWS` records, gathered from the pages in memory."""

    def __init__(self, fmt: ParquetFormat, directory: Path, name: str) -> None:
        self._format = fmt
        self.directory = directory
        self.name = name
        directory.mkdir(exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
        os.fchmod(fd, umask_mode())  # a part is a file of the user's, not mkstemp's 0o600
        self._temporary = Path(temporary)
        self._handle = os.fdopen(fd, "wb")
        try:
            self._writer = fmt.pq.ParquetWriter(
                self._handle,
                fmt.schema,
                compression="zstd",
                dictionary_pagesize_limit=_DICTIONARY_PAGE,
            )
        except BaseException:
            self._handle.close()
            self._temporary.unlink()
            raise
        self._pending: list[Any] = []
        self._buffered = 0
        self._size = 0

    def add(self, table: Any) -> None:
        self._pending.append(table)
        self._buffered += table.num_rows
        if self._buffered >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            table = self._format.pa.concat_tables(self._pending)
            self._pending, self._buffered = [], 0
            self._writer.write_table(table, row_group_size=ROW_GROUP_ROWS)

    @property
    def size(self) -> int:
        """Bytes written so far (row groups not yet flushed are not counted)."""
        return self._size if self._handle.closed else self._handle.tell()

    def close(self) -> None:
        """Write the last row group and the footer; the file stays under its temporary name."""
        self._flush()
        self._writer.close()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._size = self._handle.tell()
        self._handle.close()

    def finish(self) -> None:
        """Close it and put it in place (synced: on disk, a part file is always whole)."""
        if not self._handle.closed:
            self.close()
        os.replace(self._temporary, self.directory / self.name)

    def abandon(self) -> None:
        with contextlib.suppress(Exception):
            self._writer.close()
        with contextlib.suppress(OSError):
            self._handle.close()
        with contextlib.suppress(OSError):
            self._temporary.unlink()


class _PartWriter(Writer):
    """Writes a shard's records (or a whole export's) into part files."""

    def __init__(self, fmt: ParquetFormat, path: Path, files: list[str], *, whole: bool) -> None:
        self._format = fmt
        self._path = path
        self._files = files  #: the parts in place, as the cursor records them
        self._whole = whole  #: the output itself, not a shard's part to be joined
        #: The files of the part being written, by folder ("" or "day=..."): the one open
        #: last, and those closed since the part began (a day the walk has left).
        self._open: dict[str, _File] = {}
        self._closed: list[_File] = []
        self._rows = 0
        #: Pages being converted to Arrow, oldest first, by a thread of their own: Arrow's
        #: JSON reader leaves the interpreter to the walk meanwhile (the next page's fetch,
        #: this page's bookkeeping), and a page's bytes are converted while the one before
        #: is written.
        self._converting: collections.deque[Future[Any]] = collections.deque()
        self._converter: ThreadPoolExecutor | None = None

    def write(self, records: Records) -> int:
        if self._converter is None:
            self._converter = ThreadPoolExecutor(1, thread_name_prefix="parquet")
        self._converting.append(self._converter.submit(self._format.table, records))
        while len(self._converting) > _AHEAD:
            self._add(self._converting.popleft().result())
        self._rows += len(records)  # one row per record, or the conversion raises
        return len(records)

    def _drain(self) -> None:
        """Add every page still being converted (raising what a conversion raised)."""
        while self._converting:
            self._add(self._converting.popleft().result())

    def _add(self, table: Any) -> None:
        if self._format.by_day:
            for day, rows in self._by_day(table):
                self._file(f"{_DAY}={day}").add(rows)
        elif table.num_rows:
            self._file("").add(table)

    def _file(self, folder: str) -> _File:
        current = self._open.get(folder)
        if current is None:
            # Records come newest first: a new day means the walk has left the other one,
            # whose file is closed now (so one file at a time is open, however many days).
            for left in self._open.values():
                left.close()
                self._closed.append(left)
            self._open.clear()
            directory = self._path / folder if folder else self._path
            number = len(self._files) + len(self._closed)
            current = self._open[folder] = self._format.new_file(directory, _PART.format(number))
        return current

    def _by_day(self, table: Any) -> list[tuple[str, Any]]:
        if not table.num_rows:
            return []
        pc = self._format.pa.compute
        days = pc.strftime(table.column("created_at"), format="%Y-%m-%d", locale="C")
        first, last = days[0].as_py(), days[-1].as_py()
        if first == last and pc.all(pc.equal(days, first)).as_py():
            return [(first, table)]  # the usual page: one day
        return [(day, table.filter(pc.equal(days, day))) for day in pc.unique(days).to_pylist()]

    def commit(self, *, last: bool = False) -> dict[str, Any] | Any:
        """The state once the part being written is whole (or the walk is over);
        `PENDING` while it is not."""
        files = [*self._closed, *self._open.values()]
        full = self._rows >= self._format.part_rows or (
            sum(file.size for file in files) >= self._format.part_bytes
        )
        if (files or self._converting) and not (full or last):
            return PENDING
        self._drain()
        files = [*self._closed, *self._open.values()]
        if last and not self._files and not files and self._whole:
            files = [self._format.new_file(self._path, _PART.format(0))]  # a schema, no rows
        for file in files:
            file.finish()
        for directory in {file.directory for file in files}:
            _fsync_directory(directory)
        if any(file.directory != self._path for file in files):
            _fsync_directory(self._path)  # a new day's folder
        self._files += [self._relative(file) for file in files]
        self._open, self._closed, self._rows = {}, [], 0
        return {"files": list(self._files)}

    def _relative(self, file: _File) -> str:
        if file.directory == self._path:
            return file.name
        return str(PurePosixPath(file.directory.name, file.name))

    def close(self) -> None:
        """Drop the part being written, if any (its pages were not recorded as written)."""
        for converting in self._converting:
            converting.cancel()
        self._converting.clear()
        if self._converter is not None:
            self._converter.shutdown(wait=True)
            self._converter = None
        for file in [*self._closed, *self._open.values()]:
            file.abandon()
        self._open, self._closed, self._rows = {}, [], 0
