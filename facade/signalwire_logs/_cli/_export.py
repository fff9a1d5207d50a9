"""``signalwire-logs export``: every log of a family to a file, resumably."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .._export import FORMATS, export_logs
from ._errors import EXIT_INTERRUPTED
from ._families import RESOURCES
from ._options import Options, filter_options
from ._progress import progress


@click.command("export")
@click.argument("resource", type=click.Choice(list(RESOURCES)))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--resume", is_flag=True, help="Continue the export recorded in OUTPUT.cursor.")
@click.option("--page-size", type=click.IntRange(1, 1000), default=1000, show_default=True)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 64),
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
    output: Path,
    fmt: str,
    resume: bool,
    page_size: int,
    concurrency: int,
    **filters: Any,
) -> None:
    """Export every log to a JSONL or CSV file, resumably.

    Progress is saved after every page in OUTPUT.cursor; after an interruption, run the same
    command with --resume to continue without gaps or duplicates.
    """
    with progress(f"Exporting {resource}") as on_progress:
        try:
            cursor = export_logs(
                options.resource(resource),
                output,
                format=fmt,
                concurrency=concurrency,
                page_size=page_size,
                resume=resume,
                on_progress=on_progress,
                **filters,
            )
        except KeyboardInterrupt:
            click.echo("Interrupted: run the same command with --resume to continue.", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
    click.echo(f"Exported {cursor.records:,} {resource} to {output}", err=True)
