"""``signalwire-logs export``: every log of a family to a file, resumably."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from .._export import FORMATS, MAX_CONCURRENCY, export_logs
from ._errors import EXIT_INTERRUPTED
from ._families import RESOURCES
from ._options import Options, filter_options
from ._progress import progress


@click.command("export")
@click.argument("resource", type=click.Choice(list(RESOURCES)))
@click.option(
    "--output", "-o", required=True, help="The file to write, or - for stdout (not resumable)."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue the export recorded in OUTPUT.cursor (starts one if there is none).",
)
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="CSV: write cells starting with = + - @ as they are (default: prefixed with ').",
)
@click.option(
    "--partition-by-day",
    is_flag=True,
    help="Parquet: Hive partitions by the UTC day of created_at (OUTPUT/day=2024-06-14/...).",
)
@click.option("--page-size", type=click.IntRange(1, 1000), default=1000, show_default=True)
@click.option(
    "--concurrency",
    type=click.IntRange(1, MAX_CONCURRENCY),
    default=1,
    show_default=True,
    help="Split --created-after..--created-before into this many time shards, walked at once.",
)
@filter_options
@click.pass_obj
def export_command(
    options: Options,
    /,
    resource: str,
    output: str,
    fmt: Any,
    resume: bool,
    keep_formulas: bool,
    partition_by_day: bool,
    page_size: int,
    concurrency: int,
    **filters: Any,
) -> None:
    """Export every log to a JSONL or CSV file, or a directory of Parquet files, resumably.

    Progress is saved after every page in OUTPUT.cursor; after an interruption, run the same
    command with --resume to continue without gaps or duplicates.
    """
    started = time.monotonic()
    with progress(f"Exporting {resource}") as reporter:
        try:
            result = export_logs(
                options.resource(resource),
                output if output == "-" else Path(output),
                format=fmt,
                concurrency=concurrency,
                page_size=page_size,
                resume=resume,
                neutralize_formulas=not keep_formulas,
                partition_by_day=partition_by_day,
                on_progress=lambda done: reporter.update(done.records, fraction=done.fraction),
                **filters,
            )
            reporter.finish(result.records)
        except KeyboardInterrupt:
            click.echo("Interrupted: run the same command with --resume to continue.", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
    if resume and not result.resumed:
        click.echo(f"Nothing to resume at {output}: started a new export.", err=True)
    elapsed = time.monotonic() - started
    rate = f", {result.records / elapsed:,.0f}/s" if elapsed > 0.5 else ""
    click.echo(
        f"Exported {result.records:,} {resource} to {output} in {elapsed:.1f} s{rate}", err=True
    )
