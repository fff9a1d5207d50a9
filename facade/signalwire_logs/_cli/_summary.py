"""``signalwire-logs summary``: counts and charges of a family (or of each), grouped by one
key."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import click

from .._exceptions import FieldValueError
from .._families import MESSAGES
from ..error_codes import explain
from ._errors import warnings_as_lines
from ._families import LOG_NAMES, text, value
from ._options import MESSAGE_STATUS_HELP, Options, filter_options, output_options, status_option
from ._output import Output, stdout_is_terminal, write_rows
from ._progress import progress, span_of
from ._safe import echo

SUMMARY_KEYS = ("status", "error_code", "direction", "type", "day")


@click.command("summary")
@click.argument("resource", type=click.Choice(LOG_NAMES), required=False, metavar="[FAMILY]")
@click.option("--by", "key", type=click.Choice(SUMMARY_KEYS), default="status", show_default=True)
@filter_options
@status_option(MESSAGE_STATUS_HELP + " Message logs only.")
@output_options("a table on a terminal, TSV in a pipe")
@click.pass_obj
def summary(
    options: Options, /, resource: str | None, key: str, out: Output, **filters: Any
) -> None:
    """Count logs and add up their charges (USD), by status, error code, direction, type or day.

    FAMILY is one of messages, faxes, voice, video, conferences; without it, every one of
    them, each group in a row of its own (a family column first).

    By error code, each code's meaning comes from SignalWire's documented error codes (see
    `signalwire-logs explain CODE`) next to the most common error message the logs carry.
    A table ends with a total row; the machine formats (tsv, csv, jsonl, json) carry the groups
    only, with raw numbers.
    """
    columns = ([] if resource else ["family"]) + [key, "count", "charge_usd"]
    if key == "error_code":
        columns += ["meaning", "error_message"]
    out.pick(columns, columns)
    if filters.get("status") is None:
        filters.pop("status", None)
    elif resource != MESSAGES.cli_name:
        problem = f"{resource} has no status filter" if resource else "name the family"
        raise click.BadParameter(
            f"{problem}: message logs have one (summary messages --status ...)",
            param_hint="--status",
        )
    rows: list[dict[str, Any]] = []
    warnings: list[tuple[str, _Unreadable]] = []
    for name in [resource] if resource else LOG_NAMES:
        family_rows, unreadable = _rows(options, name, key, filters)
        rows += [row if resource else {"family": name, **row} for row in family_rows]
        if unreadable:
            warnings.append((name, unreadable))
    fmt = out.resolve("table" if stdout_is_terminal() else "tsv")
    if out.table(fmt):
        count = sum(row["count"] for row in rows)
        charge = sum((row["charge_usd"] for row in rows), Decimal(0))
        rows.append({columns[0]: "total", "count": count, "charge_usd": charge})
    write_rows(out, rows, columns, available=columns, default_format=fmt)
    for name, unreadable in warnings:
        _warn_unreadable(name, unreadable)


def _rows(
    options: Options, resource: str, key: str, filters: dict[str, Any]
) -> tuple[list[dict[str, Any]], _Unreadable]:
    """The groups of one family, most logs first (by day: in order)."""
    with warnings_as_lines():  # an undocumented --status: one line
        records = options.resource(resource).list(**filters, page_size=1000)
    with progress(f"Reading {resource}", span=span_of(filters)) as reporter:
        counts, charges, messages, unreadable = _group(reporter.track(records), key)
    rows: list[dict[str, Any]] = []
    for group_key in sorted(counts, key=lambda k: (k if key == "day" else -counts[k], k)):
        row: dict[str, Any] = {
            key: group_key,
            "count": counts[group_key],
            "charge_usd": charges[group_key],
        }
        if key == "error_code":
            common = messages[group_key].most_common(1)
            row["meaning"] = _meaning(group_key)
            row["error_message"] = common[0][0] if common else None
        rows.append(row)
    return rows, unreadable


def _meaning(code: str) -> str | None:
    if not code[:1].isalnum():  # "(none)", "(no code)"
        return None
    explained = explain(code)
    return explained.meaning if explained.documented else "(not in SignalWire's error codes)"


class _Unreadable:
    """The logs whose charge is no amount (a conference's charge is any text upstream)."""

    def __init__(self) -> None:
        self.count = 0
        #: The first such charge, as sent.
        self.example: object = None

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, error: FieldValueError) -> None:
        if not self.count:
            self.example = error.value
        self.count += 1


def _warn_unreadable(resource: str, unreadable: _Unreadable) -> None:
    shown = repr(unreadable.example)
    shown = shown if len(shown) <= 40 else shown[:40] + "…"
    logs = "log's" if unreadable.count == 1 else "logs'"
    echo(
        f"Warning: {unreadable.count:,} {resource} {logs} charge is not a number (such as "
        f"{shown}): counted, but left out of charge_usd.",
        err=True,
    )


def _group(
    records: Iterable[Any], key: str
) -> tuple[Counter[str], defaultdict[str, Decimal], defaultdict[str, Counter[str]], _Unreadable]:
    counts: Counter[str] = Counter()
    # Decimal: a sum of thousands of float charges drifts in the last digits.
    charges: defaultdict[str, Decimal] = defaultdict(Decimal)
    messages: defaultdict[str, Counter[str]] = defaultdict(Counter)
    unreadable = _Unreadable()
    for record in records:
        error_message = value(record, "error_message")
        if key == "day":
            group_key = record.created_at.date().isoformat()
        elif key == "error_code":
            code = value(record, "error_code")
            group_key = code or ("(no code)" if error_message else "(none)")
            if error_message:
                messages[group_key][error_message] += 1
        else:
            group_key = text(record, key) or "(none)"
        counts[group_key] += 1
        if value(record, "charge") is not None:  # a float, or any text in conference logs
            try:
                charges[group_key] += record.charge_decimal  # the digits sent
            except FieldValueError as err:  # "n/a": no amount
                unreadable.add(err)
    return counts, charges, messages, unreadable
