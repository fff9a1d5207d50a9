"""``signalwire-logs sync``: logs into DuckDB (or any dlt destination), incrementally."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import click

from .._extras import needs_extra
from ._errors import warnings_as_lines
from ._families import LOG_NAMES
from ._options import Options
from ._safe import echo

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd]?)")


class Duration(click.ParamType[datetime.timedelta, Any]):
    """``48h``, ``90m``, ``2d``, ``3600s`` or plain seconds."""

    name = "duration"

    def convert(self, value: Any, param: Any, ctx: Any) -> datetime.timedelta:
        if isinstance(value, datetime.timedelta):
            return value
        match = _DURATION.fullmatch(str(value).strip().lower())
        if match is None:
            self.fail(f"{value!r} is not a duration such as 48h, 90m, 2d or 3600", param, ctx)
        number, unit = match.groups()
        return datetime.timedelta(seconds=float(number) * _UNITS[unit or "s"])


@click.command("sync")
@click.argument("families", nargs=-1, type=click.Choice(LOG_NAMES))
@click.option(
    "--destination",
    default="duckdb",
    show_default=True,
    help="A dlt destination (duckdb, postgres, bigquery, snowflake, filesystem...), "
    "configured by dlt's environment variables or .dlt/secrets.toml.",
)
@click.option(
    "--database",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("signalwire.duckdb"),
    show_default=True,
    help="The DuckDB file (duckdb only).",
)
@click.option(
    "--dataset", default="signalwire_logs", show_default=True, help="Schema of the tables."
)
@click.option(
    "--lag",
    type=Duration(),
    default="48h",
    show_default=True,
    help="How far behind the newest synced log each run re-reads, to pick up status changes "
    "(a message stays queued at most 48 h).",
)
@click.option(
    "--pipelines-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where dlt keeps the sync's state (what was loaded up to where) "
    "[default: dlt's, ~/.dlt/pipelines].",
)
@click.option("--full-refresh", is_flag=True, help="Drop the tables and read everything again.")
@click.option(
    "--include-deleted",
    is_flag=True,
    default=None,
    help="Also read logs of deleted activity, and remove them from the tables.",
)
@click.option("--page-size", type=click.IntRange(1, 1000), default=1000, show_default=True)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="Time windows read at once by a first load (or a long window); 1: one walk.",
)
@click.option(
    "--hash",
    "hash_columns",
    multiple=True,
    metavar="COLUMN",
    help="Load COLUMN (from, to...) as the HMAC-SHA-256 of its value, keyed by "
    "$SIGNALWIRE_HASH_KEY or dlt's secret signalwire_logs.hash_key. Repeatable.",
)
@click.option(
    "--drop",
    "drop_columns",
    multiple=True,
    metavar="COLUMN",
    help="Leave COLUMN out (extra_fields: every undocumented field). Repeatable.",
)
@click.pass_obj
def sync_command(
    options: Options,
    /,
    families: tuple[str, ...],
    destination: str,
    database: Path,
    dataset: str,
    lag: datetime.timedelta,
    pipelines_dir: Path | None,
    full_refresh: bool,
    include_deleted: bool | None,
    page_size: int,
    concurrency: int,
    hash_columns: tuple[str, ...],
    drop_columns: tuple[str, ...],
) -> None:
    """Sync logs into DuckDB or a warehouse: new ones, and recent ones that changed.

    FAMILIES: any of messages, faxes, voice, video, conferences (default: all). Each is one
    table keyed by id; each run reads what is newer than the last, plus the --lag window
    before it, and replaces those rows in place. Running it again after an interruption
    continues where the last completed load left off. Prints, per family, the rows that are
    new, updated (and deleted) and in the table.
    """
    try:
        from ..sync import sync
    except ImportError:
        raise click.UsageError(needs_extra("sync needs dlt and DuckDB", "sync")) from None
    from ._progress import progress

    chosen = list(families) or list(LOG_NAMES)
    done: dict[str, int] = {}
    # A field that cannot have a column of its own: one Warning: line per family and run.
    with progress(f"Syncing {', '.join(chosen)}") as reporter, warnings_as_lines():

        def on_page(family: str, records: int) -> None:
            done[family] = records
            reporter.update(sum(done.values()))

        results = sync(
            options.client(),
            chosen,
            destination=destination,
            database=database,
            dataset=dataset,
            lag=lag,
            pipelines_dir=pipelines_dir,
            full_refresh=full_refresh,
            include_deleted=include_deleted,
            page_size=page_size,
            concurrency=concurrency,
            hash_columns=hash_columns,
            drop_columns=drop_columns,
            on_page=on_page,
        )
    for result in results:
        echo(str(result))
