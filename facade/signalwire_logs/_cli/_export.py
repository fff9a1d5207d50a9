"""``signalwire-logs export``: every log of a family to a file, resumably."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from .._export import FORMATS, MAX_CONCURRENCY, ExportResult, export_logs
from .._families import MESSAGES
from ._errors import warnings_as_lines
from ._families import ALIASES, CXML, LOG_NAMES
from ._options import Options, cxml_filter_options, filter_options, status_option
from ._output import contradiction, format_of
from ._progress import progress
from ._safe import echo

_LOG_FILTERS = ("created_after", "created_before", "created_on", "include_deleted")
_CXML_FILTERS = ("date_sent", "date_sent_before", "date_sent_after", "from_", "to")


@click.command("export")
@click.argument("resource", type=click.Choice([*LOG_NAMES, CXML, *ALIASES]))
@click.option(
    "--output", "-o", required=True, help="The file to write, or - for stdout (not resumable)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Default: by OUTPUT's suffix (.csv, .parquet; .jsonl), else jsonl.",
)
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
@click.option(
    "--part-rows",
    type=click.IntRange(min=1),
    help="Parquet: close a part file once it holds this many records [default: 100,000].",
)
@click.option(
    "--part-mb",
    type=click.IntRange(min=1),
    help="Parquet: ... or this many megabytes (MiB), whichever comes first [default: 64].",
)
@click.option(
    "--hash",
    "hash_columns",
    multiple=True,
    metavar="COLUMN",
    help="Write COLUMN (from, to...) as the HMAC-SHA-256 of its value, keyed by "
    "$SIGNALWIRE_HASH_KEY. Repeatable.",
)
@click.option(
    "--drop",
    "drop_columns",
    multiple=True,
    metavar="COLUMN",
    help="Leave COLUMN out (extra_fields: every undocumented field). Repeatable.",
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
@status_option(
    "Only records with this status; repeatable, or comma-separated. Message logs: filtered "
    "by this client, as the API has no status filter (every log of the other filters is "
    "read; a --resume must ask for the same). cxml-message: one status, the server's filter."
)
@cxml_filter_options
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
    part_rows: int | None,
    part_mb: int | None,
    hash_columns: tuple[str, ...],
    drop_columns: tuple[str, ...],
    page_size: int,
    concurrency: int,
    account_sid: str | None,
    status: tuple[str, ...] | None,
    **filters: Any,
) -> None:
    """Export every log to a JSONL or CSV file, or a directory of Parquet files, resumably.

    Progress is recorded in OUTPUT.cursor as pages are written; after an interruption, run
    the same command with --resume to continue without gaps or duplicates.

    cxml-message takes the cXML filters (--date-sent, --date-sent-before, --date-sent-after:
    days, inclusive; --from, --to, --status, --account-sid) instead of --created-* and
    --include-deleted, and is one walk (--concurrency 1): its list filters by day sent.
    """
    fmt = _format(fmt, output)
    resource = ALIASES.get(resource, resource)
    filters["status"] = _status(resource, status)
    source, arguments = _what_to_export(
        options, resource, concurrency, partition_by_day, account_sid, filters
    )
    noun = "cXML messages" if resource == CXML else resource
    started = time.monotonic()
    with progress(f"Exporting {noun}") as reporter, warnings_as_lines():
        result = export_logs(
            source,
            output if output == "-" else Path(output),
            format=fmt,
            concurrency=concurrency,
            page_size=page_size,
            resume=resume,
            # Flags not given are None: a resume takes the export's own.
            neutralize_formulas=False if keep_formulas else None,
            partition_by_day=True if partition_by_day else None,
            part_rows=part_rows,
            part_bytes=None if part_mb is None else part_mb * 1024 * 1024,
            hash_columns=hash_columns,
            drop_columns=drop_columns,
            on_progress=lambda done: reporter.update(
                done.records, fraction=done.fraction, before=done.records - done.written
            ),
            **arguments,
        )
        reporter.finish(result.records)
    if resume and not result.resumed:
        echo(f"Nothing to resume at {output}: started a new export.", err=True)
    echo(_closing_line(result, noun, time.monotonic() - started), err=True)


def _what_to_export(
    options: Options,
    resource: str,
    concurrency: int,
    partition_by_day: bool,
    account_sid: str | None,
    filters: dict[str, Any],
) -> tuple[Any, dict[str, Any]]:
    """The resource to export and export_logs' filter arguments, checked (a cXML export's
    before the client is made)."""
    given = {name for name, value in filters.items() if value is not None}
    if resource == CXML:
        arguments = _cxml_arguments(given, concurrency, partition_by_day, account_sid, filters)
        return options.client().cxml_messages, arguments
    return options.resource(resource), _log_arguments(resource, given, account_sid, filters)


def _closing_line(result: ExportResult, noun: str, elapsed: float) -> str:
    """What an export did, in one line; its rate counts the records this run wrote."""
    output, records, written = result.output, result.records, result.written
    if result.resumed and not written:
        return f"Already complete: {output} holds all {records:,} {noun}; nothing to add."
    rate = f", {written / elapsed:,.0f}/s" if elapsed > 0.5 else ""
    if result.resumed:
        return (
            f"Resumed {output}: {records - written:,} {noun} already written; added "
            f"{written:,} ({records:,} in all) in {elapsed:.1f} s{rate}"
        )
    return f"Exported {records:,} {noun} to {output} in {elapsed:.1f} s{rate}"


def _format(fmt: str | None, output: str) -> str | None:
    """--format, else the one OUTPUT's suffix says, else None (jsonl; a resume: the
    export's own); a contradiction is an error."""
    by_suffix = None if output == "-" else format_of(output, FORMATS)
    if fmt is not None and by_suffix is not None and by_suffix != fmt:
        raise contradiction(fmt, output, by_suffix)
    return fmt or by_suffix


def _flag(name: str) -> str:
    return "--" + name.rstrip("_").replace("_", "-")


def _cxml_arguments(
    given: set[str],
    concurrency: int,
    partition_by_day: bool,
    account_sid: str | None,
    filters: dict[str, Any],
) -> dict[str, Any]:
    """export_logs' arguments for the cXML messages: their own filters, checked first."""
    unsupported = [_flag(name) for name in _LOG_FILTERS if name in given]
    if unsupported:
        raise click.UsageError(
            f"{CXML} has no {', '.join(unsupported)}: its list filters by the day a message "
            "was sent (--date-sent, --date-sent-after, --date-sent-before; days, inclusive)."
        )
    if concurrency > 1:
        raise click.UsageError(
            f"An export of {CXML} is one walk (its list filters by day sent, so it cannot be "
            "split into time windows): use --concurrency 1."
        )
    if partition_by_day:
        raise click.UsageError(
            f"--partition-by-day is for the log families (by created_at), not {CXML}."
        )
    cxml = {name: filters[name] for name in (*_CXML_FILTERS, "status") if name in given}
    if account_sid is not None:
        cxml["account_sid"] = account_sid
    return {"filters": cxml}


def _status(resource: str, status: tuple[str, ...] | None) -> str | list[str] | None:
    """--status as the family takes it: one for cXML messages (the server's filter), any
    number for message logs (the client's); the other families have none."""
    if status is None:
        return None
    if resource == CXML:
        if len(status) > 1:
            raise click.BadParameter(f"{CXML} takes one status", param_hint="--status")
        return status[0]
    if resource != MESSAGES.cli_name:
        raise click.BadParameter(
            f"{resource} has no status filter (message logs and {CXML} have one)",
            param_hint="--status",
        )
    return list(status)


def _log_arguments(
    resource: str, given: set[str], account_sid: str | None, filters: dict[str, Any]
) -> dict[str, Any]:
    """export_logs' arguments for a log family: no cXML filter."""
    unsupported = [_flag(name) for name in _CXML_FILTERS if name in given]
    if account_sid is not None:
        unsupported.append("--account-sid")
    if unsupported:
        raise click.UsageError(
            f"{', '.join(unsupported)} {'filter' if len(unsupported) > 1 else 'filters'} "
            f"{CXML} only; {resource} takes --created-after, --created-before, --created-on "
            "and --include-deleted."
        )
    arguments = {name: filters[name] for name in _LOG_FILTERS}
    if filters.get("status") is not None:  # message logs' (checked by _status)
        arguments["filters"] = {"status": filters["status"]}
    return arguments
