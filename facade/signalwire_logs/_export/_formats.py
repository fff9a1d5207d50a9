"""Output formats of an export: how a page of records becomes bytes on disk.

The seam: a `Format` opens a `Writer` on a path (new, or resumed at the state
a previous `Writer.commit()` returned), checks such a state against the disk before a
resume, joins the parts of a sharded export into the output, and removes what it wrote. A
writer takes a page of ``(model, raw JSON)`` pairs (the model is None for a format that
says ``models = False``, the JSON is the bytes sent for one that says ``sent = True``:
building a model, or even a dict, per record costs more than writing it), and its
`Writer.commit()` is the
durable point: once it returns, what was written survives a crash, and the state it returns
(plain JSON values, saved in the cursor file) reopens the output exactly there. A format
whose output is a directory of part files sets ``directory = True`` and keeps whatever it
needs in that state. JSONL and CSV are byte files whose state is one offset.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Final, Literal

from .._exceptions import ConfigurationError
from .._families import wire_names
from .._personal import PersonalData
from . import _files

#: The formats `export_logs()` writes.
ExportFormat = Literal["jsonl", "csv", "parquet"]

#: Records to write: each as its generated model (None unless the format needs models) and
#: as the JSON the server sent.
Records = Sequence[tuple[Any, Any]]
#: A piece of a page's bytes as a line format writes it (a record as sent is a
#: ``msgspec.Raw``, which its stubs call bytes).
Piece = bytes | bytearray


#: What `Writer.commit()` answers while the pages written since its last state are not
#: durable yet (a format that gathers pages into bigger files): the walk's saved place stays
#: where that state was, and a resume after a crash fetches those pages again.
PENDING: Final = "pending"


class Writer(ABC):
    """Writes one output (a file, a part, a directory) page by page."""

    @abstractmethod
    def write(self, records: Records) -> int:
        """Write a page; returns how many records. Every record was checked before (built as
        its model, or its time field parsed), so no page is written half."""

    @abstractmethod
    def commit(self, *, last: bool = False) -> dict[str, Any] | Any:
        """Make what was written durable; returns the state that resumes right here, or
        `PENDING` when the format makes pages durable only in bigger steps (never
        when ``last``: the walk of this output is over, and all of it must be durable)."""

    @abstractmethod
    def close(self) -> None:
        """Release the output (what was not committed may be lost)."""


class Format(ABC):
    """One output format, for one record model and the caller's options."""

    #: The name users pass (``format="jsonl"``).
    name: ClassVar[str]
    #: Whether the output is a directory of part files rather than one file.
    directory: ClassVar[bool] = False
    #: Whether `Writer.write()` needs each record's generated model; when False it gets
    #: None in its place, and only the record's time field is checked.
    models: ClassVar[bool] = True
    #: Whether `Writer.write()` takes each record as the JSON bytes the server sent (a
    #: bytes-like ``msgspec.Raw``, on one line) rather than decoded: every page comes so,
    #: and no record is decoded.
    sent: ClassVar[bool] = False

    def __init__(
        self, model: type[Any], options: Mapping[str, Any], personal: PersonalData | None = None
    ) -> None:
        self.model = model
        self.options = dict(options)
        #: The columns hashed or dropped before anything is written (None: none).
        self.personal = personal

    @abstractmethod
    def open(self, path: Path, state: Mapping[str, Any] | None, *, whole: bool) -> Writer:
        """A writer at ``path``: new when ``state`` is None (nothing may exist there), else
        resumed at ``state``. ``whole``: ``path`` is the output itself, not a part to join."""

    @abstractmethod
    def check(self, path: Path, state: Mapping[str, Any]) -> None:
        """Raise `ConfigurationError` unless ``state`` can resume the output at ``path``."""

    @abstractmethod
    def join(self, parts: Sequence[Path], output: Path) -> None:
        """Join the parts of a sharded export, newest first, into ``output`` (absent)."""

    def discard(self, path: Path) -> None:
        """Remove an output or a part this format wrote."""
        if self.directory and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            _files.remove(path)

    def stream(self, stream: BinaryIO) -> Writer:
        """A writer on an open stream (``-o -``): not resumable."""
        raise ConfigurationError(f"The {self.name} format cannot be written to stdout.")


# -- byte files: JSONL and CSV --------------------------------------------------------------


class _LineFormat(Format):
    """A file of lines (records), maybe after a header; its resume state is a byte offset."""

    @abstractmethod
    def encode(self, records: Records) -> Sequence[Piece]:
        """The bytes of a page of records, in pieces written one after another."""

    def header(self) -> bytes:
        return b""

    def open(self, path: Path, state: Mapping[str, Any] | None, *, whole: bool) -> Writer:
        if state is None:
            handle = _files.create(path)
            if whole:
                handle.write(self.header())
            return _FileWriter(self, handle, durable=True)
        handle = _files.reopen(path)
        handle.truncate(state["offset"])  # drops a page that was being written when a run died
        handle.seek(state["offset"])
        return _FileWriter(self, handle, durable=True)

    def check(self, path: Path, state: Mapping[str, Any]) -> None:
        offset = state.get("offset") if isinstance(state, Mapping) else None
        if type(offset) is not int or offset < 0 or set(state) != {"offset"}:
            raise ConfigurationError(f"the saved state of {path} is not a byte offset: {state!r}")
        if not os.path.isfile(path) or os.path.islink(path):
            raise ConfigurationError(f"{path} is missing (or not a regular file)")
        with _files.reopen(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if offset > size:
                raise ConfigurationError(
                    f"{path} holds {size} bytes, fewer than the {offset} the cursor recorded"
                )
            if offset:
                handle.seek(offset - 1)
                if handle.read(1) != b"\n":
                    raise ConfigurationError(
                        f"the cursor's offset {offset} is not at the end of a line of {path}"
                    )

    def join(self, parts: Sequence[Path], output: Path) -> None:
        with _files.staged(output) as (target, _):
            target.write(self.header())
            for part in parts:
                with _files.reopen(part) as source:
                    _files.append(source, target)

    def stream(self, stream: BinaryIO) -> Writer:
        stream.write(self.header())
        return _FileWriter(self, stream, durable=False)


class _FileWriter(Writer):
    def __init__(self, fmt: _LineFormat, handle: BinaryIO, *, durable: bool) -> None:
        self._format = fmt
        self._handle = handle
        self._durable = durable  # a pipe cannot be fsynced, nor resumed

    def write(self, records: Records) -> int:
        pieces = self._format.encode(records)
        if self._durable:
            _files.write_pieces(self._handle, pieces)
        else:  # a pipe, or any stream the caller gave
            self._handle.writelines(pieces)
        return len(records)

    def commit(self, *, last: bool = False) -> dict[str, Any]:
        self._handle.flush()
        if not self._durable:
            return {}
        os.fsync(self._handle.fileno())
        return {"offset": self._handle.tell()}

    def close(self) -> None:
        if self._durable:
            self._handle.close()
        else:
            self._handle.flush()


_NEWLINE = b"\n"


class JsonlFormat(_LineFormat):
    """One JSON object per line: each record exactly as the server sent it (its bytes: key
    order, numbers as written, escapes as sent), whatever another record of its page holds."""

    name = "jsonl"
    models = False  # the JSON as sent is what is written
    sent = True

    def encode(self, records: Records) -> Sequence[Piece]:
        if self.personal is not None:  # each record decoded, changed and encoded again
            line = self.personal.line
            return [b"".join([line(raw) + _NEWLINE for _model, raw in records])]
        # Each record's bytes, on one line (see PageBody.lines), a newline after each. No
        # joined copy of the page: on a fresh buffer of half a megabyte, the kernel's page
        # faults cost ten times the copying.
        pieces: list[Piece] = [_NEWLINE] * (2 * len(records))
        pieces[::2] = [raw for _model, raw in records]
        return pieces


# OWASP's CSV injection rule: a text cell starting with one of these is read as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# ...but numbers (-1.5, 1e3) and E.164 numbers (+12065551212) are data: left as they are.
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralize(cell: str) -> str:
    """A text cell a spreadsheet will not run: ``'`` before a leading ``= + - @`` tab or
    newline, unless the cell is a number (OWASP, "CSV Injection")."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


class CsvFormat(_LineFormat):
    """One column per documented field (by wire name), then ``extra_fields`` (JSON of any
    field the server added). Text cells that a spreadsheet would run as formulas are
    prefixed with ``'`` unless ``neutralize_formulas=False``."""

    name = "csv"

    def __init__(
        self, model: type[Any], options: Mapping[str, Any], personal: PersonalData | None = None
    ) -> None:
        super().__init__(model, options, personal)
        self._safe = bool(self.options.get("neutralize_formulas", True))
        documented = list(wire_names(model))
        #: The columns written: the documented ones (but those dropped), then extra_fields.
        self.columns = documented if personal is None else personal.columns(documented)
        self._documented = frozenset(documented)
        self._extra = personal is None or "extra_fields" not in personal.dropped

    def header(self) -> bytes:
        return self._rows([[*self.columns, *(["extra_fields"] if self._extra else [])]])

    def encode(self, records: Records) -> Sequence[Piece]:
        rows = []
        documented, personal = self._documented, self.personal
        for record, _raw in records:
            data = record.to_dict()
            if personal is not None:
                data = personal.record(data)
            row = [self._cell(data.get(c)) for c in self.columns]
            if self._extra:
                extra = {k: v for k, v in data.items() if k not in documented}
                row.append(self._cell(extra or None))
            rows.append(row)
        return [self._rows(rows)]

    def _cell(self, value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, dict | list):
            value = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        if isinstance(value, str) and self._safe:
            return neutralize(value)
        return value

    @staticmethod
    def _rows(rows: list[list[Any]]) -> bytes:
        buffer = io.StringIO()
        # QUOTE_MINIMAL with "\r\n" as the terminator quotes any cell holding \r or \n
        # (with "\n" alone a bare \r went unquoted and split a record into rows); RFC 4180.
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode("utf-8", "backslashreplace")


def _parquet() -> type[Format]:
    from ._parquet import ParquetFormat  # pyarrow is imported only when one is written

    return ParquetFormat


_FORMATS: dict[str, type[Format] | Callable[[], type[Format]]] = {
    "jsonl": JsonlFormat,
    "csv": CsvFormat,
    "parquet": _parquet,
}
#: The format names, for choices and messages.
FORMATS: tuple[str, ...] = tuple(_FORMATS)


def format_for(
    name: str,
    model: type[Any],
    options: Mapping[str, Any],
    personal: PersonalData | None = None,
) -> Format:
    """The format called ``name``, for records of ``model`` (``personal``: the columns to
    hash or drop before anything is written)."""
    try:
        entry = _FORMATS[name]
    except (KeyError, TypeError):
        raise ConfigurationError(
            f"Unknown format {name!r}: expected one of {', '.join(FORMATS)}"
        ) from None
    cls: type[Format] = entry if isinstance(entry, type) else entry()
    return cls(model, options, personal)
