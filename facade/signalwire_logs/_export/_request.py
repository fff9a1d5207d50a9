"""What an export was asked for, checked once: the `ExportRequest` that
`export_logs()` and `aexport_logs()` both build
from their arguments before any file is touched or any request sent.

Some checks wait for the files: a resume follows its cursor file (its windows, its page
size), so the range a new sharded export splits is checked only when a new plan is made.
"""

from __future__ import annotations

import datetime
import inspect
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import msgspec

from .._arguments import checked_statuses
from .._dates import DateLike, moment
from .._exceptions import ConfigurationError
from .._families import MESSAGES, wire_names
from .._personal import PersonalData
from .._types import AsyncExportSource as AsyncExportSource  # the resource protocols: one
from .._types import ExportSource as ExportSource  # definition, for the export too
from ._cursor import CursorFile
from ._formats import ExportFormat, Format, format_for
from ._shards import RANGE, Plan, Shard, range_of

if TYPE_CHECKING:
    from ._job import ExportProgress

#: The most workers (and first windows) an export takes.
MAX_CONCURRENCY = 64


class ExportOptions(TypedDict, total=False):
    """The keyword arguments of `export_logs()` but ``filters`` (typed per family by its
    overloads), with the types `check()` takes: written once, for every overload."""

    format: ExportFormat | None
    concurrency: int
    include_deleted: bool | None
    created_before: DateLike | None
    created_on: DateLike | None
    created_after: DateLike | None
    page_size: int
    resume: bool
    neutralize_formulas: bool | None
    partition_by_day: bool | None
    part_rows: int | None
    part_bytes: int | None
    hash_columns: Sequence[str] | None
    drop_columns: Sequence[str] | None
    hash_key: str | bytes | None
    on_progress: Callable[[ExportProgress], None] | None


@dataclass(frozen=True)
class ExportRequest:
    """One export's arguments, checked: built by `check()`, never changed after."""

    #: The family's name, saved in the cursor file, and its records' time field (None: the
    #: export cannot be split into time windows).
    family: str
    time_field: str | None
    #: The output format, for the family's record model and the caller's options.
    fmt: Format
    #: The list filters, as the cursor file saves them (plain JSON values).
    filters: dict[str, Any]
    page_size: int
    concurrency: int
    resume: bool
    #: The file to write; None: stdout (one walk, not resumable).
    output: Path | None
    #: The output as the caller named it, for error messages (``"-"`` for stdout).
    named: str
    on_progress: Callable[[ExportProgress], None] | None
    #: The signature of the resource's ``list``: which filters it takes.
    takes: inspect.Signature

    @classmethod
    def check(
        cls,
        resource: ExportSource | AsyncExportSource,
        output: str | os.PathLike[str],
        *,
        format: ExportFormat | None = None,
        concurrency: int = 1,
        include_deleted: bool | None = None,
        created_before: DateLike | None = None,
        created_on: DateLike | None = None,
        created_after: DateLike | None = None,
        filters: Mapping[str, Any] | None = None,
        page_size: int = 1000,
        resume: bool = False,
        neutralize_formulas: bool | None = None,
        partition_by_day: bool | None = None,
        part_rows: int | None = None,
        part_bytes: int | None = None,
        hash_columns: Sequence[str] | None = None,
        drop_columns: Sequence[str] | None = None,
        hash_key: str | bytes | None = None,
        on_progress: Callable[[ExportProgress], None] | None = None,
    ) -> ExportRequest:
        """The arguments of `export_logs()` (the same names and defaults), checked;
        `ConfigurationError` says what is wrong. No I/O but a resume's cursor file: each
        format argument not given is the one the export was started with."""
        chosen = _as_started(
            output,
            resume,
            format=format,
            neutralize_formulas=neutralize_formulas,
            partition_by_day=partition_by_day,
            part_rows=part_rows,
            part_bytes=part_bytes,
            hash_columns=hash_columns,
            drop_columns=drop_columns,
        )
        options = _format_options(resource, chosen)
        dates = {
            "include_deleted": include_deleted,
            "created_before": created_before,
            "created_on": created_on,
            "created_after": created_after,
        }
        listed = _listed(resource, dates, filters)
        _check_sizes(page_size, concurrency)
        hashed, dropped = chosen["hash_columns"], chosen["drop_columns"]
        personal = _personal(resource, hashed, dropped, hash_key, listed, options)
        fmt = format_for(chosen["format"], resource.item_model, options, personal)
        takes = inspect.signature(resource.list)
        _check_query(takes, listed, "Bad filters")
        path = _output_path(resource, output, resume, concurrency)
        return cls(
            family=resource.family,
            time_field=resource.time_field,
            fmt=fmt,
            filters=listed,
            page_size=page_size,
            concurrency=concurrency,
            resume=resume,
            output=path,
            named=os.fspath(output),
            on_progress=on_progress,
            takes=takes,
        )

    @property
    def sharded(self) -> bool:
        """Whether a new export of this request is split into time windows."""
        return self.concurrency > 1

    def check_query(self, query: Mapping[str, Any], problem: str) -> None:
        """A `ConfigurationError` unless the resource's list takes ``query`` (a
        misspelt filter, or a hand-edited cursor file's, is one clear error)."""
        _check_query(self.takes, query, problem)

    def new_plan(self) -> Plan:
        """The plan of a new export (a resumed one follows its cursor file instead)."""
        filters = self.filters
        if not self.sharded:
            only = Shard(index=0, low=None, high=None, first=True, query=filters)
            return Plan([only], filters=None, bounds=range_of(filters))
        low, high = filters.get("created_after"), filters.get("created_before")
        if low is None or high is None:
            raise ConfigurationError(
                "A concurrent export splits a time range: pass both created_after and "
                "created_before."
            )
        if "created_on" in filters:
            raise ConfigurationError("A concurrent export splits a range: no created_on.")
        window = moment("created_after", low), moment("created_before", high)
        if not window[0] < window[1]:
            raise ConfigurationError("created_after must be earlier than created_before")
        base = {k: v for k, v in filters.items() if k not in RANGE}
        return Plan.windows(
            base, window[0], window[1], self.concurrency, min_split=2 * self.page_size
        )


def _output_path(
    source: ExportSource | AsyncExportSource,
    output: str | os.PathLike[str],
    resume: bool,
    concurrency: int,
) -> Path | None:
    """Where the export writes (None: stdout), checked against how it walks."""
    if concurrency > 1 and source.time_field is None:
        raise ConfigurationError(
            f"An export of {source.family} cannot be split into time windows: use concurrency=1."
        )
    path = None if str(output) == "-" and not isinstance(output, Path) else Path(output)
    if path is None and resume:
        raise ConfigurationError("An export to stdout (-) cannot be resumed: write a file.")
    if path is None and concurrency > 1:
        raise ConfigurationError("An export to stdout (-) is one walk: use concurrency=1.")
    return path


def _as_started(output: str | os.PathLike[str], resume: bool, **given: Any) -> dict[str, Any]:
    """The format arguments ``given``, those not given (None; no columns) on a resume taken
    from the export at ``output`` as it was started (a resume needs no other argument), then
    the defaults: jsonl, formulas neutralized, no partitions. One given is kept, and checked
    against the cursor file as the export opens (a resume asking for another is refused)."""
    started = CursorFile.started_with(Path(output)) if resume and str(output) != "-" else {}
    if given["format"] not in (None, started.get("format")):
        started = {}  # another format: refused as another export, whatever its options
    chosen = {
        name: started.get(name) if value is None or value in ((), []) else value
        for name, value in given.items()
    }
    chosen["format"] = chosen["format"] or "jsonl"
    chosen["neutralize_formulas"] = chosen["neutralize_formulas"] is not False
    chosen["partition_by_day"] = bool(chosen["partition_by_day"])
    return chosen


def _format_options(
    source: ExportSource | AsyncExportSource, chosen: dict[str, Any]
) -> dict[str, Any]:
    """The format options of an export (``chosen`` by `_as_started`), as the cursor file
    saves them."""
    format, options = chosen["format"], {}
    if format == "csv":
        options["neutralize_formulas"] = chosen["neutralize_formulas"]
    if chosen["partition_by_day"]:
        if format != "parquet" or source.time_field != "created_at":
            raise ConfigurationError(
                "partition_by_day is for Parquet exports of the log families (by created_at)."
            )
        options["partition_by_day"] = True
    for name in ("part_rows", "part_bytes"):
        size = chosen[name]
        if size is not None:  # saved only when set: a resume asks for the same parts
            if format != "parquet":
                raise ConfigurationError(f"{name} is for Parquet exports.")
            options[name] = size
    return options


def _personal(
    source: ExportSource | AsyncExportSource,
    hash_columns: Sequence[str] | None,
    drop_columns: Sequence[str] | None,
    hash_key: str | bytes | None,
    listed: Mapping[str, Any],
    options: dict[str, Any],
) -> PersonalData | None:
    """The columns to hash or drop, checked, and recorded in ``options`` (the key by its
    fingerprint): a resume must ask for the same."""
    personal = PersonalData.from_arguments(
        hash_columns,
        drop_columns,
        hash_key,
        columns=wire_names(source.item_model),
        protected=("id", "sid", *([source.time_field] if source.time_field else [])),
    )
    if personal is not None:
        personal.check_filters(listed)  # a filter's value is saved in the cursor file
        options.update(personal.options())
    return personal


def _listed(
    source: ExportSource | AsyncExportSource,
    dates: dict[str, Any],
    filters: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The list filters of an export: the log families' date filters, then ``filters``."""
    given = _plain_values(**dates)
    if source.time_field is None and given:
        raise ConfigurationError(
            f"{source.family} has no {', '.join(given)} filter: "
            "pass its own filters as filters={...}."
        )
    listed = {**given, **_plain_values(**dict(filters or {}))}
    if source.family == MESSAGES.name and "status" in listed:
        # The client's filter (the API has none): saved sorted, so a resume asking for the
        # same statuses in another order matches the cursor file.
        listed["status"] = list(checked_statuses(listed["status"]) or ())
    return listed


def _check_sizes(page_size: int, concurrency: int) -> None:
    if type(page_size) is not int or not 1 <= page_size <= 1000:
        raise ConfigurationError(f"page_size must be an integer from 1 to 1000, got {page_size!r}")
    # Bounded as the CLI's --concurrency is: each worker is a thread (or task) and each
    # window a request and an entry in every save of the cursor, so 10,000 would all but hang.
    if type(concurrency) is not int or not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ConfigurationError(
            f"concurrency must be an integer from 1 to {MAX_CONCURRENCY}, got {concurrency!r}"
        )


def _check_query(takes: inspect.Signature, query: Mapping[str, Any], problem: str) -> None:
    try:
        takes.bind(**query)
    except TypeError as err:
        raise ConfigurationError(f"{problem}: {err}.") from None


def _plain_values(**values: Any) -> dict[str, Any]:
    """The filters as saved in the cursor file: dates as ISO strings, None left out, and
    everything else as the JSON value it is saved as (an enum as its value), so that a
    resume compares like with like."""
    return {key: _plain(key, value) for key, value in values.items() if value is not None}


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return msgspec.to_builtins(value)
    except TypeError:
        raise ConfigurationError(f"{name}={value!r} is not a filter value") from None
