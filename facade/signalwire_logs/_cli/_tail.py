"""`signalwire-logs tail`: each new log and each status change, as they happen."""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import time
from typing import Any

import click

from .._families import LogFamily, family
from .._follow import (
    DEFAULT_INTERVAL,
    DEFAULT_WINDOW,
    TRANSIENT_ERRORS,
    FollowEvent,
    FollowState,
    poll,
    start,
)
from ._errors import plain
from ._families import LOG_NAMES, cell
from ._families import text as field_text
from ._options import Options
from ._output import cells
from ._safe import echo, echo_row

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SPAN = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def _span(value: str, param: str) -> datetime.timedelta:
    match = _SPAN.fullmatch(value.strip())
    if not match:
        raise click.BadParameter(
            f"{value!r} is not a span like 30s, 10m, 2h or 1d", param_hint=param
        )
    return datetime.timedelta(seconds=float(match[1]) * _UNITS[match[2]])


def _since(value: str | None) -> datetime.datetime | datetime.timedelta | None:
    if value is None:
        return None
    if _SPAN.fullmatch(value.strip()):
        return _span(value, "--since")
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is neither a span (10m) nor an ISO 8601 date-time", param_hint="--since"
        ) from None


def _print(name: str, entry: LogFamily, event: FollowEvent[Any], fmt: str) -> None:
    """Print one event as a line of ``fmt`` (each line flushed as it is printed)."""
    status = field_text(event.record, "status")
    change = "new" if event.is_new else f"{event.previous_status} -> {status}"
    if fmt == "jsonl":
        record: dict[str, Any] = event.record.to_dict()
        wrapped = {"family": name, "change": change, "previous_status": event.previous_status}
        # ensure_ascii: control characters and every non-ASCII character escaped.
        echo(json.dumps({**wrapped, "record": record}, ensure_ascii=True, default=str))
        return
    row = event.record.to_dict()
    values = cells([cell(row, column) for column in entry.columns], fmt)
    echo_row([name, change, *values], sep="\t" if fmt == "tsv" else "  ")


@click.command("tail")
@click.argument("families", nargs=-1, type=click.Choice(LOG_NAMES))
@click.option("--status", "statuses", multiple=True, help="Only logs with this status (repeat).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "tsv", "jsonl"]),
    default="table",
    show_default=True,
)
@click.option("--since", help="Start in the past: a span back from now (10m, 2h) or a date-time.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_INTERVAL,
    show_default=True,
    help="Seconds between two polls of each family.",
)
@click.option("--window", default="15m", show_default=True, help="How far back each poll looks.")
@click.pass_obj
def tail(
    options: Options,
    /,
    families: tuple[str, ...],
    statuses: tuple[str, ...],
    fmt: str,
    since: str | None,
    interval: float,
    window: str,
) -> None:
    """Print each new log, and each status change of a recent one, until Ctrl-C.

    FAMILIES: which logs to follow (default: every family).

    Polls each family's list every --interval seconds (default 2: far below SignalWire's
    documented rate limits) with created_after a --window behind the newest log seen, so a
    message going from queued to delivered, or a call ending, is printed once. Transient
    failures (network, 429, 5xx) print one line on stderr and it goes on; an error that
    asking again cannot fix (bad credentials) stops it with its exit code.
    """
    names = families or LOG_NAMES
    span = _span(window, "--window") if window != "15m" else DEFAULT_WINDOW
    moment = start(_since(since))
    follows = []
    for name in dict.fromkeys(names):
        resource = options.resource(name)
        state: FollowState[Any] = FollowState(since=moment, window=span)
        follows.append(
            (name, family(name), state, functools.partial(resource.list, page_size=1000))
        )
    try:
        while True:
            for name, entry, state, list_page in follows:
                try:
                    events = poll(list_page, state)
                except TRANSIENT_ERRORS as error:
                    echo(f"Warning: {name}: {plain(error)}; retrying", err=True)
                    continue
                for event in events:
                    status = getattr(event.record, "status", None)
                    if statuses and str(getattr(status, "value", status)) not in statuses:
                        continue
                    _print(name, entry, event, fmt)
            time.sleep(interval)
    except KeyboardInterrupt:
        if os.isatty(2):
            echo("", err=True)  # past the ^C the terminal echoed: the notice on its own line
        raise
