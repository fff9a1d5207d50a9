"""Resumable export of a log list to JSONL or CSV.

Each page is written and flushed before the cursor file records it, and the cursor file is
replaced atomically. A run killed at any moment therefore leaves a cursor whose byte offset
marks the end of the last complete page: resuming truncates the output there (dropping any
half-written page) and continues from the saved cursor, with no gap and no duplicate.
The cursor file holds the filters and the page cursor, never credentials.
"""

from __future__ import annotations

import asyncio
import csv
import datetime
import io
import json
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import attrs
import orjson

from ._exceptions import ConfigurationError
from .pagination import AsyncPaginator, Page, SyncPaginator

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


def _json_line(data: Any) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # what orjson cannot write (an integer beyond 64 bits): the slow way
        return (json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


class _Writer:
    def __init__(self, fmt: str, model: type[Any]) -> None:
        self.fmt = fmt
        # Every field the spec documents, by its wire name, then any field the server added.
        self.columns = [_wire_name(f.name) for f in attrs.fields(model) if f.init]

    def header(self) -> bytes:
        if self.fmt != "csv":
            return b""
        return self._csv_row([*self.columns, "extra_fields"])

    def rows(self, records: Iterable[tuple[Any, Any]]) -> tuple[bytes, int]:
        """The lines of (model, JSON) pairs, and how many; each model is let go once written."""
        out = bytearray()
        count = 0
        for record, raw in records:
            count += 1
            if self.fmt == "jsonl":
                # The record as the server sent it: lossless (timestamps, numbers, new fields).
                out += _json_line(raw)
                continue
            data = record.to_dict()
            extra = {k: v for k, v in data.items() if k not in self.columns}
            cells = [_plain(data.get(c)) for c in self.columns] + [_plain(extra or None)]
            out += self._csv_row(cells)
        return bytes(out), count

    @staticmethod
    def _csv_row(cells: list[Any]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue().encode("utf-8")


def _wire_name(python_name: str) -> str:
    # The generator appends `_` to names that clash with Python (`from_`, `type_`).
    return python_name[:-1] if python_name.endswith("_") else python_name


class _PageWriter:
    """One output file and its cursor: writes each page, then records that it did."""

    def __init__(
        self,
        *,
        resource: str,
        model: type[Any],
        output: Path,
        fmt: str,
        filters: dict[str, Any],
        page_size: int,
        resume: bool,
        header: bool = True,
        keep: Callable[[Any], bool] | None = None,
    ) -> None:
        if fmt not in FORMATS:
            raise ConfigurationError(
                f"Unknown format {fmt!r}: expected one of {', '.join(FORMATS)}"
            )
        self.cursor_path = Cursor.path_for(output)
        if resume:
            cursor = Cursor.load(self.cursor_path)
            wanted = {"resource": resource, "format": fmt}
            saved = {"resource": cursor.resource, "format": cursor.format}
            if wanted != saved or (filters and filters != cursor.filters):
                raise ConfigurationError(
                    f"Cursor file {self.cursor_path} belongs to another export "
                    f"({cursor.resource}, {cursor.format}, filters {cursor.filters})."
                )
            if not output.exists():
                raise ConfigurationError(f"Cannot resume: {output} is missing.")
        else:
            if output.exists():
                raise ConfigurationError(
                    f"{output} exists: pass --resume to continue that export, or remove the file."
                )
            cursor = Cursor(resource, fmt, filters, page_size)
        self.cursor = cursor
        self._keep = keep
        self._writer = _Writer(fmt, model)
        self._file = open(output, "r+b" if resume else "wb")  # noqa: SIM115  (closed in close())
        self._file.truncate(cursor.offset)  # drops a page being written when a run died
        self._file.seek(cursor.offset)
        if cursor.offset == 0 and header:
            self._file.write(self._writer.header())
        if not resume:
            cursor.save(self.cursor_path)  # resumable even when the first page fails

    def list_arguments(self) -> dict[str, Any]:
        """The list call that continues this export."""
        return {
            **self.cursor.filters,
            "page_size": self.cursor.page_size,
            "page_number": self.cursor.page_number,
            "page_token": self.cursor.page_token,
        }

    def write(self, page: Page[Any]) -> None:
        # Every record of the page is built (so checked against its model) before any byte
        # of it reaches the file; each is freed once its line is made.
        records: Iterable[tuple[Any, Any]] = zip(page._iter_items(), page.raw_items, strict=True)
        keep = self._keep
        if keep is not None:
            records = ((item, raw) for item, raw in records if keep(item))
        data, count = self._writer.rows(records)
        self._file.write(data)
        self._file.flush()
        os.fsync(self._file.fileno())
        cursor = self.cursor
        cursor.offset = self._file.tell()
        cursor.records += count
        cursor.page_number = page.next_page_number
        cursor.page_token = page.next_page_token
        cursor.complete = not page.has_next_page
        cursor.save(self.cursor_path)

    def close(self) -> None:
        self._file.close()


def export(
    *,
    resource: str,
    list_page: Callable[..., SyncPaginator[Any]],
    model: type[Any],
    output: Path,
    fmt: str,
    filters: dict[str, Any],
    page_size: int,
    resume: bool,
    on_progress: Callable[[int], None] | None = None,
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
        on_progress: Called with the number of records written after each page.

    Raises:
        ConfigurationError: the output exists (and not ``resume``), or the cursor does not
            match the export asked for.
    """
    writer = _PageWriter(
        resource=resource,
        model=model,
        output=output,
        fmt=fmt,
        filters=filters,
        page_size=page_size,
        resume=resume,
    )
    try:
        if writer.cursor.complete:
            return writer.cursor
        for page in list_page(**writer.list_arguments()).pages():
            writer.write(page)
            if on_progress is not None:
                on_progress(writer.cursor.records)
    finally:
        writer.close()
    return writer.cursor


def _moment(name: str, value: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            raise ConfigurationError(
                f"{name} must be a date or an ISO 8601 date-time, got {value!r}"
            ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Shard:
    """One time window of a sharded export: records with ``low <= created_at < high``."""

    index: int
    low: datetime.datetime
    high: datetime.datetime
    first: bool
    last: bool

    def filters(self) -> dict[str, str]:
        # A second wider on each side than the window, whatever the server's rounding or
        # inclusivity; keep() then cuts the exact window, so no record is lost or doubled.
        low = self.low if self.first else self.low - _MARGIN
        high = self.high if self.last else self.high + _MARGIN
        return {"created_after": low.isoformat(), "created_before": high.isoformat()}

    def keep(self, record: Any) -> bool:
        moment: datetime.datetime = record.created_at
        above = moment > self.low if self.first else moment >= self.low
        return above and moment < self.high


_MARGIN = datetime.timedelta(seconds=1)


def shards_for(created_after: Any, created_before: Any, count: int) -> list[Shard]:
    """Split the range ``(created_after, created_before)`` into ``count`` equal windows."""
    low = _moment("created_after", created_after)
    high = _moment("created_before", created_before)
    if not low < high:
        raise ConfigurationError("created_after must be earlier than created_before")
    if not isinstance(count, int) or count < 1:
        raise ConfigurationError(f"concurrency must be an integer >= 1, got {count!r}")
    step = (high - low) / count
    edges = [low + step * i for i in range(count)] + [high]
    return [
        Shard(i, edges[i], edges[i + 1], first=i == 0, last=i == count - 1) for i in range(count)
    ]


async def export_sharded(
    *,
    resource: str,
    list_page: Callable[..., AsyncPaginator[Any]],
    model: type[Any],
    output: Path,
    fmt: str,
    filters: dict[str, Any],
    created_after: Any,
    created_before: Any,
    concurrency: int,
    page_size: int,
    resume: bool,
    on_progress: Callable[[int], None] | None = None,
) -> Cursor:
    """Export a time range as ``concurrency`` shards walked at once (an async client's list).

    Each shard writes ``<output>.partN`` with its own cursor, so each resumes on its own;
    the parts are then joined, newest first, into ``output``.
    """
    if "created_on" in filters:
        raise ConfigurationError(
            "A sharded export splits created_after..created_before: no created_on"
        )
    shards = shards_for(created_after, created_before, concurrency)
    final = Cursor.path_for(output)
    if resume and final.exists() and Cursor.load(final).complete:
        return Cursor.load(final)
    if output.exists():
        raise ConfigurationError(f"{output} exists: remove it to export again.")
    parts = [output.with_name(f"{output.name}.part{shard.index}") for shard in shards]
    writers = [
        _PageWriter(
            resource=resource,
            model=model,
            output=part,
            fmt=fmt,
            filters={**filters, **shard.filters()},
            page_size=page_size,
            resume=resume and Cursor.path_for(part).exists(),
            header=False,
            keep=shard.keep,
        )
        for shard, part in zip(shards, parts, strict=True)
    ]

    async def walk(writer: _PageWriter) -> None:
        if writer.cursor.complete:
            return
        async for page in list_page(**writer.list_arguments()).pages():
            writer.write(page)
            if on_progress is not None:
                on_progress(sum(w.cursor.records for w in writers))

    try:
        await asyncio.gather(*(walk(writer) for writer in writers))
    finally:
        for writer in writers:
            writer.close()
    records = sum(writer.cursor.records for writer in writers)
    _join(output, [*reversed(parts)], _Writer(fmt, model).header())
    for part in parts:
        part.unlink()
        Cursor.path_for(part).unlink()
    done = Cursor(
        resource,
        fmt,
        filters,
        page_size,
        offset=output.stat().st_size,
        records=records,
        complete=True,
    )
    done.save(final)
    return done


def _join(output: Path, parts: list[Path], header: bytes) -> None:
    """Concatenate the parts into ``output`` (a temporary name first: no half-joined file)."""
    joining = output.with_name(output.name + ".joining")
    with open(joining, "wb") as target:
        target.write(header)
        for part in parts:
            with open(part, "rb") as source:
                shutil.copyfileobj(source, target, 1 << 20)
        target.flush()
        os.fsync(target.fileno())
    os.replace(joining, output)


def _resource_name(resource: Any) -> tuple[str, type[Any]]:
    name = getattr(resource, "_export_name", None)
    if name is None:
        raise ConfigurationError(
            f"{type(resource).__name__} cannot be exported: pass message or fax logs"
        )
    return name, resource._item_model


def _filters(**values: Any) -> dict[str, Any]:
    return {key: _plain_date(value) for key, value in values.items() if value is not None}


def _plain_date(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def export_logs(
    resource: Any,
    output: str | os.PathLike[str],
    *,
    format: str = "jsonl",
    concurrency: int = 1,
    include_deleted: bool | None = None,
    created_before: Any = None,
    created_on: Any = None,
    created_after: Any = None,
    page_size: int = 1000,
    resume: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> Cursor:
    """Export every log of ``client.message_logs`` or ``client.fax_logs`` to a file.

    Progress is saved after every page in ``<output>.cursor``; ``resume=True`` continues an
    interrupted export with no gap and no duplicate. With ``concurrency`` > 1 the range
    ``created_after``..``created_before`` is split into that many time shards, walked at once
    (through an async twin of the client) and joined, newest first, into one file.

    Args:
        resource: ``client.message_logs`` or ``client.fax_logs`` of a :class:`SignalWireLogs`.
        output: The JSONL or CSV file to write.
        format: ``"jsonl"`` or ``"csv"``.
        concurrency: How many time shards to walk at once (needs both date bounds when > 1).
        include_deleted: Include logs for deleted activity.
        created_before: Only activity before this date or date-time.
        created_on: Only activity on this date (sequential exports only).
        created_after: Only activity after this date or date-time.
        page_size: Records per request, 1 to 1000.
        resume: Continue the export recorded in ``<output>.cursor``.
        on_progress: Called with the number of records written so far, after each page.

    Returns:
        The final cursor: ``records`` written, ``complete``.
    """
    name, model = _resource_name(resource)
    filters = _filters(
        include_deleted=include_deleted,
        created_before=created_before,
        created_on=created_on,
        created_after=created_after,
    )
    path = Path(output)
    if concurrency == 1:
        return export(
            resource=name,
            list_page=resource.list,
            model=model,
            output=path,
            fmt=format,
            filters=filters,
            page_size=page_size,
            resume=resume,
            on_progress=on_progress,
        )

    async def sharded() -> Cursor:
        async with resource._client._async_twin() as twin:
            return await export_sharded(
                resource=name,
                list_page=getattr(twin, resource._client_attribute).list,
                model=model,
                output=path,
                fmt=format,
                filters=_without_range(filters),
                created_after=created_after,
                created_before=created_before,
                concurrency=concurrency,
                page_size=page_size,
                resume=resume,
                on_progress=on_progress,
            )

    _need_range(created_after, created_before)
    return asyncio.run(sharded())


async def aexport_logs(
    resource: Any,
    output: str | os.PathLike[str],
    *,
    format: str = "jsonl",
    concurrency: int = 1,
    include_deleted: bool | None = None,
    created_before: Any = None,
    created_after: Any = None,
    page_size: int = 1000,
    resume: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> Cursor:
    """The async twin of :func:`export_logs`, for ``AsyncSignalWireLogs`` resources.

    It always walks time shards (``concurrency`` of them, one by default), so it needs both
    ``created_after`` and ``created_before``.
    """
    name, model = _resource_name(resource)
    _need_range(created_after, created_before)
    return await export_sharded(
        resource=name,
        list_page=resource.list,
        model=model,
        output=Path(output),
        fmt=format,
        filters=_filters(include_deleted=include_deleted),
        created_after=created_after,
        created_before=created_before,
        concurrency=concurrency,
        page_size=page_size,
        resume=resume,
        on_progress=on_progress,
    )


def _need_range(created_after: Any, created_before: Any) -> None:
    if created_after is None or created_before is None:
        raise ConfigurationError(
            "A concurrent export splits a time range: pass both created_after and created_before."
        )


def _without_range(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in filters.items() if k not in ("created_after", "created_before")}
