"""Resumable export of a log list to JSONL or CSV.

Each page is written and flushed before the cursor file records it, and the cursor file is
replaced atomically. A run killed at any moment therefore leaves a cursor whose byte offset
marks the end of the last complete page: resuming truncates the output there (dropping any
half-written page) and continues from the saved cursor, with no gap and no duplicate.
The cursor file holds the filters and the page cursor, never credentials.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import attrs

from ._exceptions import ConfigurationError
from .pagination import Page, Paginator

FORMATS = ("jsonl", "csv")
_CURSOR_VERSION = 1


@dataclass
class Cursor:
    """Where an export stands; saved next to the output as ``<output>.cursor``."""

    resource: str
    format: str
    filters: dict[str, Any]
    page_size: int
    page_number: int | None = None
    page_token: str | None = None
    offset: int = 0
    records: int = 0
    complete: bool = False
    version: int = field(default=_CURSOR_VERSION)

    @staticmethod
    def path_for(output: Path) -> Path:
        return output.with_name(output.name + ".cursor")

    @classmethod
    def load(cls, path: Path) -> Cursor:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != _CURSOR_VERSION:
                raise ValueError(f"unsupported cursor version {data.get('version')!r}")
            return cls(**data)
        except FileNotFoundError:
            raise ConfigurationError(f"Nothing to resume: no cursor file {path}") from None
        except (ValueError, TypeError) as err:
            raise ConfigurationError(f"Cursor file {path} is not readable: {err}") from None

    def save(self, path: Path) -> None:
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, path)


def _plain(value: Any) -> Any:
    """A JSON value as one CSV cell: nested values as compact JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


class _Writer:
    def __init__(self, fmt: str, model: type[Any]) -> None:
        self.fmt = fmt
        # Every field the spec documents, by its wire name, then any field the server added.
        self.columns = [_wire_name(f.name) for f in attrs.fields(model) if f.init]

    def header(self) -> bytes:
        if self.fmt != "csv":
            return b""
        return self._csv_row([*self.columns, "extra_fields"])

    def rows(self, records: Iterable[Any]) -> bytes:
        if self.fmt == "jsonl":
            lines = (
                json.dumps(r.to_dict(), separators=(",", ":"), ensure_ascii=False) for r in records
            )
            return "".join(f"{line}\n" for line in lines).encode("utf-8")
        out = bytearray()
        for record in records:
            data = record.to_dict()
            extra = {k: v for k, v in data.items() if k not in self.columns}
            cells = [_plain(data.get(c)) for c in self.columns] + [_plain(extra or None)]
            out += self._csv_row(cells)
        return bytes(out)

    @staticmethod
    def _csv_row(cells: list[Any]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue().encode("utf-8")


def _wire_name(python_name: str) -> str:
    # The generator appends `_` to names that clash with Python (`from_`, `type_`).
    return python_name[:-1] if python_name.endswith("_") else python_name


def export(
    *,
    resource: str,
    list_page: Callable[..., Paginator[Any]],
    model: type[Any],
    output: Path,
    fmt: str,
    filters: dict[str, Any],
    page_size: int,
    resume: bool,
    on_page: Callable[[Page[Any], Cursor], None] | None = None,
) -> Cursor:
    """Export every record of a list to ``output``; returns the final cursor.

    Args:
        resource: A name for the list, saved in the cursor ("messages", "faxes").
        list_page: The resource's ``list`` method.
        model: The generated model of one record (gives the CSV columns).
        output: The file to write; ``<output>.cursor`` tracks progress.
        fmt: ``"jsonl"`` or ``"csv"``.
        filters: The list's filters (``created_after``...), saved for resuming.
        page_size: Records per request.
        resume: Continue the export the cursor file describes, instead of starting anew.
        on_page: Called after each page is safely written.

    Raises:
        ConfigurationError: the output exists (and not ``resume``), or the cursor does not
            match the export asked for.
    """
    if fmt not in FORMATS:
        raise ConfigurationError(f"Unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    cursor_path = Cursor.path_for(output)
    if resume:
        cursor = Cursor.load(cursor_path)
        wanted = {"resource": resource, "format": fmt}
        saved = {"resource": cursor.resource, "format": cursor.format}
        if wanted != saved or (filters and filters != cursor.filters):
            raise ConfigurationError(
                f"Cursor file {cursor_path} belongs to another export "
                f"({cursor.resource}, {cursor.format}, filters {cursor.filters})."
            )
        if not output.exists():
            raise ConfigurationError(f"Cannot resume: {output} is missing.")
        if cursor.complete:
            return cursor
    else:
        if output.exists():
            raise ConfigurationError(
                f"{output} exists: pass --resume to continue that export, or remove the file."
            )
        cursor = Cursor(resource, fmt, filters, page_size)

    writer = _Writer(fmt, model)
    with open(output, "r+b" if resume else "wb") as file:
        file.truncate(cursor.offset)  # drops a page that was being written when the run died
        file.seek(cursor.offset)
        if cursor.offset == 0:
            file.write(writer.header())
        paginator = list_page(
            **cursor.filters,
            page_size=cursor.page_size,
            page_number=cursor.page_number,
            page_token=cursor.page_token,
        )
        for page in paginator.pages():
            file.write(writer.rows(page.items))
            file.flush()
            os.fsync(file.fileno())
            cursor.offset = file.tell()
            cursor.records += len(page.items)
            cursor.page_number = page.next_page_number
            cursor.page_token = page.next_page_token
            cursor.complete = not page.has_next_page
            cursor.save(cursor_path)
            if on_page is not None:
                on_page(page, cursor)
    return cursor
