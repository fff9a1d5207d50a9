"""``signalwire-logs report``: one self-contained HTML page of charts over a date range."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import click

from .._extras import needs_extra
from ._options import Options
from ._safe import echo

_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
_AGO = re.compile(r"(\d+(?:\.\d+)?)([mhdw])")


class Moment(click.ParamType[Any, Any]):
    """A day, an ISO 8601 date-time, or a time ago: ``7d``, ``12h``, ``2w``, ``90m``."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str):
            return value
        match = _AGO.fullmatch(value.strip().lower())
        if match is None:
            return value  # a date or a date-time: checked (and refused) by the report
        number, unit = match.groups()
        ago = datetime.timedelta(seconds=float(number) * _UNITS[unit])
        return datetime.datetime.now(datetime.UTC) - ago


@click.command("report")
@click.option(
    "--database",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A DuckDB file written by `signalwire-logs sync` [default: read the API].",
)
@click.option(
    "--dataset", default="signalwire_logs", show_default=True, help="Schema of the synced tables."
)
@click.option(
    "--since",
    type=Moment(),
    help="Logs created at or after this: 2024-06-01, an ISO 8601 date-time, or 7d, 12h, 2w ago.",
)
@click.option("--until", type=Moment(), help="Logs created before this (the same forms).")
@click.option("--include-deleted", is_flag=True, help="Count logs of deleted activity too.")
@click.option("--title", default="SignalWire logs report", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=Path("signalwire-logs-report.html"),
    show_default=True,
    help="The HTML file to write (replaced if it exists).",
)
@click.pass_obj
def report_command(
    options: Options,
    /,
    database: Path | None,
    dataset: str,
    since: Any,
    until: Any,
    include_deleted: bool,
    title: str,
    output: Path,
) -> None:
    """Write a delivery report: one HTML file, charts and their numbers, light or dark.

    Messages by status over time and the delivery rate, failures by error code with what
    each code means, the cost per day by family, and calls by type and duration. Reads a
    database written by `signalwire-logs sync` (--database), or the API. The file needs
    nothing else when opened (no script, font or style is fetched). Prints its path.
    """
    try:
        from ..report import collect, render
    except ImportError:
        raise click.UsageError(
            needs_extra("report needs vl-convert and DuckDB", "report")
        ) from None
    arguments: dict[str, Any] = {
        "since": since,
        "until": until,
        "dataset": dataset,
        "include_deleted": include_deleted,
    }
    if database is not None:
        data = collect(database=database, **arguments)
    else:
        from ._progress import progress

        done: dict[str, int] = {}
        with progress("Reading logs") as reporter:

            def on_progress(family: str, records: int) -> None:
                done[family] = records
                reporter.update(sum(done.values()))

            data = collect(client=options.client(), on_progress=on_progress, **arguments)
    page = render(data, title=title)
    # Written beside the target and renamed over it: a failed run leaves no half a page.
    partial = output.with_name(output.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, output)
    echo(str(output))
