"""Parquet exports: a directory of part files, typed as :mod:`signalwire_logs.arrow` says.

Each page becomes one part file (``part-00000.parquet``, newest records first), written
under a temporary name, synced and renamed into place before the page is committed, so a
part file on disk is always whole. The resume state lists the committed part files; a
resumed export deletes anything else it finds in the directory (a part written by a run that
died before its cursor was saved), so no record is lost or written twice. With
``partition_by_day`` the parts go into Hive partitions by the UTC day of ``created_at``
(``day=2024-06-14/part-00000.parquet``), which DuckDB, polars, pyarrow, Spark and Trino read
as a ``day`` column. Memory holds one page at a time, however long the export.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import msgspec

from .._exceptions import ConfigurationError
from ._formats import Format, Records, Writer

_PART = "part-{:05d}.parquet"
_DAY = "day"


def _arrow() -> Any:
    """pyarrow and the conversion, imported when a Parquet export starts (an extra)."""
    try:
        import pyarrow.parquet

        from .. import arrow
    except ImportError:
        raise ConfigurationError(
            "Parquet exports need pyarrow: pip install 'signalwire-logs[parquet]'"
        ) from None
    return pyarrow, pyarrow.parquet, arrow


def _fsync_directory(path: Path) -> None:
    """Make a rename inside ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ParquetFormat(Format):
    """A directory of Parquet part files, one per page (``partition_by_day``: by day)."""

    name = "parquet"
    directory = True
    models = False  # Arrow checks every value against its column as it converts the JSON
    sent = True  # Arrow's JSON reader reads the records as sent

    def __init__(self, model: type[Any], options: Mapping[str, Any]) -> None:
        super().__init__(model, options)
        self.by_day = bool(self.options.get("partition_by_day", False))
        self.pa, self.pq, self.arrow = _arrow()

    def open(self, path: Path, state: Mapping[str, Any] | None, *, whole: bool) -> Writer:
        if state is None:
            os.mkdir(path)  # nothing may be there (the engine removed a torn first attempt)
            return _PartWriter(self, path, [])
        files = list(state["files"])
        keep = {path / name for name in files}
        for found in sorted(path.rglob("*"), reverse=True):  # files before their directories
            if found.is_dir() and not found.is_symlink():
                if not any(found.iterdir()):
                    found.rmdir()
            elif found not in keep:
                found.unlink()  # written after the last commit: its page comes again
        return _PartWriter(self, path, files)

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
        """Move every part file of the shards (newest first) into one directory."""
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
        try:
            for number, part in enumerate(parts):
                for found in sorted(part.rglob("*.parquet")):
                    relative = found.relative_to(part)
                    target = staging / relative.parent / f"shard-{number:03d}-{relative.name}"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(found, target)
            for directory in [staging, *(d for d in staging.rglob("*") if d.is_dir())]:
                _fsync_directory(directory)
            os.replace(staging, output)
            _fsync_directory(output.parent)
        except BaseException:
            self.discard(staging)
            raise


class _PartWriter(Writer):
    def __init__(self, fmt: ParquetFormat, path: Path, files: list[str]) -> None:
        self._format = fmt
        self._path = path
        self._files = files
        self._pending: list[Any] = []

    def write(self, records: Records) -> int:
        raws = [raw for _model, raw in records]
        arrow = self._format.arrow
        try:
            if raws and isinstance(raws[0], bytes | msgspec.Raw):  # as sent, one per line
                table = arrow.from_json_lines(raws, self._format.model)
            else:  # no record (every page comes as sent: see Format.sent)
                table = arrow.to_arrow(raws, self._format.model)
        except ValueError as err:
            raise ConfigurationError(
                f"A record cannot be written as Parquet ({err}); export this range as JSONL."
            ) from None
        self._pending.append(table)
        return int(table.num_rows)

    def commit(self) -> dict[str, Any]:
        pending, self._pending = self._pending, []
        for table in pending:
            if self._format.by_day:
                for day, rows in self._by_day(table):
                    self._write_part(rows, f"{_DAY}={day}")
            elif table.num_rows or not self._files:  # an empty export still has a schema
                self._write_part(table, "")
        return {"files": list(self._files)}

    def _by_day(self, table: Any) -> list[tuple[str, Any]]:
        pc = self._format.pa.compute
        days = pc.strftime(table.column("created_at"), format="%Y-%m-%d", locale="C")
        pieces = []
        for day in pc.unique(days).to_pylist():
            pieces.append((day, table.filter(pc.equal(days, day))))
        return pieces

    def _write_part(self, table: Any, folder: str) -> None:
        directory = self._path / folder if folder else self._path
        directory.mkdir(exist_ok=True)
        name = _PART.format(len(self._files))
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                self._format.pq.write_table(table, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, directory / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _fsync_directory(directory)
        self._files.append(str(PurePosixPath(folder, name)) if folder else name)

    def close(self) -> None:
        self._pending = []
