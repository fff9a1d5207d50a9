"""What commands print: a table for people, TSV, CSV, JSON lines or JSON for programs.

Commands hand over rows as dicts of JSON values (raw numbers, ISO timestamps) and the
columns to show by default; the format decides the rest:

- ``table`` (the default on a terminal) never truncates an id, a phone number or a
  timestamp: prose columns fold first, then whole columns are left out (said on stderr), and
  ``--columns`` picks others. Written to a pipe, a table is tab-separated text.
- ``tsv`` and ``csv`` carry raw values (no thousands separators); nested values as JSON.
- ``jsonl`` is one JSON object per line; ``json`` one document (a list, or the one object).

Whatever the format, what reaches a terminal is text (``_safe``): a table shows control and
bidi characters as escapes and never reads rich markup; JSON, CSV and TSV written to a terminal
escape what their syntax leaves raw. In files and pipes JSON and CSV carry the data exactly.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import decimal
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click
from rich import box
from rich.console import JustifyMethod
from rich.table import Table

from .._export._files import umask_mode
from . import _safe

FORMATS = ("table", "tsv", "csv", "jsonl", "json")
#: Columns of free text, which may fold over several lines in a table.
PROSE = frozenset(
    {"error", "error_message", "meaning", "body", "name", "room_name", "details", "description"}
)
#: Columns of amounts of money (USD): right-aligned, one number of decimals per column.
MONEY = frozenset({"charge", "charge_usd", "price"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_MOMENT = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?(?:Z|[+-]00:?00)$")


@dataclass(frozen=True)
class Output:
    """Where and how a command prints: ``--format``, ``--columns`` and ``-o``."""

    fmt: str | None
    columns: tuple[str, ...] | None
    path: Path | None

    def resolve(self, default: str) -> str:
        """The format to write: the one asked for, else by the file's suffix, else default.

        Raises:
            click.UsageError: ``--format`` names another format than the file's suffix.
        """
        by_suffix = None if self.path is None else format_of(self.path.name, FORMATS[1:])
        if self.fmt is not None:
            if by_suffix is not None and by_suffix != self.fmt:
                raise contradiction(self.fmt, str(self.path), by_suffix)
            return self.fmt
        if self.path is not None:
            return by_suffix or "jsonl"
        return default

    def table(self, fmt: str) -> bool:
        """Whether to draw a table: asked for with --format (wherever stdout goes), or the
        default on a terminal or in a file (a pipe gets TSV by default)."""
        return fmt == "table" and (
            self.fmt == "table" or self.path is not None or stdout_is_terminal()
        )

    @property
    def to_terminal(self) -> bool:
        """Whether rows go to a terminal that a person reads (not a file, not a pipe)."""
        return self.path is None and stdout_is_terminal()

    def pick(self, default: Sequence[str], available: Iterable[str] | None) -> tuple[str, ...]:
        """The columns to write: ``--columns`` (checked against what exists) or the default."""
        if self.columns is None:
            return tuple(default)
        if available is not None:
            known = set(available)
            unknown = [c for c in self.columns if c not in known]
            if unknown:
                raise click.BadParameter(
                    f"no column {', '.join(map(repr, unknown))}; choose from "
                    f"{', '.join(sorted(known))}",
                    param_hint="--columns",
                )
        return self.columns

    @contextlib.contextmanager
    def stream(self, fmt: str) -> Iterator[IO[str]]:
        """The text stream to write format ``fmt`` to: stdout, or the -o file.

        On a terminal, stdout is guarded: what the format leaves raw and a terminal would act
        on (a C1 control, a bidi override) is written as an escape (`_safe.guard()`).

        The file appears only complete: it is written under a temporary name in the same
        directory (created exclusively, never through a symlink) and renamed over the target
        once everything is written; after a failure the target is untouched.
        """
        if self.path is None:
            yield _safe.guard(sys.stdout, fmt) if stdout_is_terminal() else sys.stdout
            return
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            os.fchmod(descriptor, umask_mode())  # the file as the umask says, not 0o600
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
                yield handle
            os.replace(temporary, self.path)
        except BaseException:
            os.unlink(temporary)
            raise


def format_of(name: str, formats: Sequence[str]) -> str | None:
    """The format a file name's suffix says (``m.csv``: csv; ``.ndjson``: jsonl), if any."""
    suffix = Path(name).suffix.lower().lstrip(".")
    suffix = "jsonl" if suffix == "ndjson" else suffix
    return suffix if suffix in formats else None


def contradiction(fmt: str, name: str, by_suffix: str) -> click.UsageError:
    """The one-line error for ``--format csv -o m.json``."""
    return click.UsageError(
        f"--format {fmt} does not match {name} (a {by_suffix} file name): "
        "change one of them, or leave --format out to follow the suffix."
    )


def stdout_is_terminal() -> bool:
    return _safe.console().is_terminal


def write_rows(
    out: Output,
    rows: Iterable[dict[str, Any]],
    default_columns: Sequence[str],
    *,
    available: Iterable[str] | None = None,
    default_format: str | None = None,
    droppable: Sequence[str] = (),
    cell: Callable[[dict[str, Any], str], Any] | None = None,
) -> None:
    """Write rows in the chosen format.

    Args:
        out: The command's output options.
        rows: Dicts of JSON values; read once, lazily for the streaming formats.
        default_columns: Columns shown when --columns is not given (JSON formats then write
            whole rows).
        available: The column names --columns may choose from (None: anything).
        default_format: Without --format and -o: this, else a table on a terminal and JSON
            lines in a pipe.
        droppable: Default columns a narrow terminal may leave out, the first first.
        cell: A row's value for a column when it is not a key of the row (e.g. "error").
    """
    fmt = out.resolve(default_format or ("table" if stdout_is_terminal() else "jsonl"))
    columns = out.pick(default_columns, available)
    value = cell or (lambda row, column: row.get(column))
    if fmt in ("json", "jsonl"):
        picked = out.columns is not None
        records = ({c: value(r, c) for c in columns} if picked else r for r in rows)
        with out.stream(fmt) as stream:
            if fmt == "jsonl":
                for record in records:
                    stream.write(_json(record) + "\n")
            else:
                stream.write(_dumps(list(records), indent=2) + "\n")
        return
    lines = ([value(r, c) for c in columns] for r in rows)
    if out.table(fmt):
        keep = () if out.columns is not None else droppable
        gathered = [list(line) for line in lines]
        right = _amounts(columns, gathered)
        shown = [[_safe.visible(text(v)) for v in line] for line in gathered]
        _print_table(out, [_safe.visible(c) for c in columns], shown, keep, right)
        return
    with out.stream(fmt) as stream:
        if fmt == "csv":
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(columns)
            for line in lines:
                writer.writerow([_writable(_plain(v)) for v in line])
        else:  # tsv, or a table written to a pipe
            stream.write("\t".join(map(_safe.tsv, columns)) + "\n")
            for line in lines:
                stream.write("\t".join(_safe.tsv(_plain(v)) for v in line) + "\n")


def write_one(out: Output, record: dict[str, Any]) -> None:
    """Write one record: JSON by default, a field/value table, or one row of TSV/CSV."""
    fmt = out.resolve("json")
    if fmt == "table":
        rows = [{"field": k, "value": v} for k, v in record.items()]
        write_rows(Output("table", None, out.path), rows, ("field", "value"))
    elif fmt in ("tsv", "csv", "jsonl"):
        write_rows(Output(fmt, out.columns, out.path), [record], tuple(record), available=record)
    else:
        columns = out.pick(tuple(record), record)
        with out.stream(fmt) as stream:
            picked = {c: record.get(c) for c in columns}
            stream.write(_dumps(picked, indent=2) + "\n")


def cells(values: Sequence[Any], fmt: str) -> list[str]:
    """Values as the cells of one row: table text for ``"table"``, else TSV's raw values (not
    yet escaped: see `_safe`)."""
    return [text(value) if fmt == "table" else _plain(value) for value in values]


def text(value: Any) -> str:
    """A value as table text: timestamps shortened (UTC), numbers with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, str):
        moment = _MOMENT.match(value)
        return f"{moment[1]} {moment[2]}" if moment else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime.datetime):
        return text(value.isoformat())
    if isinstance(value, float | decimal.Decimal):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _amounts(columns: Sequence[str], rows: list[list[Any]]) -> set[int]:
    """Ready the numbers of a table, in place; the indices of the columns to right-align.

    A money column (`MONEY`) is written with one number of decimals, enough for its most
    precise amount (``28.0354``, ``0.7900``, ``0.0000``, never a mix): each amount is read
    as a `decimal.Decimal` from the digits it was sent with (a float by its shortest
    form, which reads back to it), never through float arithmetic. Whole numbers (counts,
    durations) are right-aligned too.
    """
    right: set[int] = set()
    for index, name in enumerate(columns):
        values = [row[index] for row in rows if row[index] is not None]
        if name in MONEY:
            amounts = [_decimal(value) for value in values]
            if None in amounts:
                continue  # something else than an amount: shown as it is
            finite = [a for a in amounts if a is not None and a.is_finite()]
            places = max((-min(int(a.as_tuple().exponent), 0) for a in finite), default=0)
            for row in rows:
                amount = _decimal(row[index])
                if amount is not None and amount.is_finite():
                    row[index] = f"{amount:,.{places}f}"
            right.add(index)
        elif values and all(_is_number(value) for value in values):
            right.add(index)
    return right


def _decimal(value: Any) -> decimal.Decimal | None:
    """An amount as a Decimal (the digits sent), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, decimal.Decimal):
        return value
    if isinstance(value, int | float):
        return decimal.Decimal(repr(value))  # the shortest digits that read back to it
    if isinstance(value, str):
        try:
            return decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            return None
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def _plain(value: Any) -> str:
    """A value as a TSV/CSV cell: raw numbers, nested values as compact JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)
    return _dumps(value, separators=(",", ":"))


def _raw(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)  # a JSON number (money: the shortest float that reads back)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def _json(record: Any) -> str:
    return _dumps(record, separators=(", ", ": "))


def _dumps(data: Any, **layout: Any) -> str:
    return _writable(json.dumps(data, ensure_ascii=False, default=_raw, **layout))


def _writable(text: str) -> str:
    """``text`` as UTF-8 can carry it: a lone surrogate (a server may send one as a JSON
    escape) written ``\\udXXX``, a JSON escape that reads back to the same string (and
    what an export's CSV writes for it)."""
    return _SURROGATE.sub(_escape_surrogate, text)


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _print_table(
    out: Output,
    columns: list[str],
    rows: list[list[str]],
    droppable: Sequence[str],
    right: set[int],
) -> None:
    with out.stream("table") as stream:
        if out.path is not None or not stdout_is_terminal():
            # A file or a pipe has no width: nothing folds, nothing is left out.
            console = _safe.console(file=stream, width=1_000_000, no_color=True)
        else:
            console = _safe.console()
        shown = list(range(len(columns)))
        hidden: list[str] = []
        widths = [_least_width(name, [row[i] for row in rows]) for i, name in enumerate(columns)]
        for name in droppable:
            # Each column takes its least width plus 3 (padding and the gap between columns).
            if sum(widths[i] + 3 for i in shown) - 3 <= console.width:
                break
            if name in columns and columns.index(name) in shown:
                shown.remove(columns.index(name))
                hidden.append(name)
        table = _table(columns, rows, shown, right)
        console.print(table)
    if hidden:
        _safe.echo(
            f"({', '.join(hidden)} left out to fit {console.width} columns; choose with --columns)",
            err=True,
        )


def _least_width(name: str, cells: list[str]) -> int:
    """The narrowest a column may be: its longest value, or some words of prose."""
    widest = max([len(name), *map(len, cells)])
    return min(widest, 24) if name in PROSE else widest


def _table(columns: list[str], rows: list[list[str]], shown: list[int], right: set[int]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    for index in shown:
        name = columns[index]
        least = _least_width(name, [row[index] for row in rows])
        if name in PROSE:
            table.add_column(_safe.cell(name), overflow="fold", min_width=least)
        else:
            # Ids, numbers and timestamps are never cut: a user copies them into `get`.
            justify: JustifyMethod = "right" if index in right else "left"
            table.add_column(_safe.cell(name), no_wrap=True, min_width=least, justify=justify)
    for row in rows:
        table.add_row(*(_safe.cell(row[i]) for i in shown))
    return table


def print_json(data: Any) -> None:
    """Pretty JSON on stdout (``explain --format json`` and the like)."""
    with Output("json", None, None).stream("json") as stream:
        stream.write(_dumps(data, indent=2) + "\n")
