"""One command group per log family (list, get, events) and the cXML message group."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from .._families import CXML, MESSAGES, family, wire_names
from ._errors import warnings_as_lines
from ._families import cell, described
from ._options import (
    MESSAGE_STATUS_HELP,
    Options,
    cxml_filter_options,
    cxml_status_option,
    filter_options,
    list_options,
    output_options,
    status_option,
)
from ._output import Output, write_one, write_rows
from ._progress import progress, span_of


def log_group(name: str) -> click.Group:
    """The ``NAME list|get|events`` group of one log family."""
    logs = family(name)
    verbs = "get one, or list them" if logs.get_operation else "list them"

    help_text, short_help = described(logs, verbs)

    @click.group(name=name, help=help_text, short_help=short_help)
    def group() -> None:
        pass

    if logs.get_operation:

        @group.command("get")
        @click.argument("log_id", metavar="ID")
        @output_options("JSON")
        @click.pass_obj
        def get(options: Options, log_id: str, out: Output) -> None:
            """Print one log (JSON by default)."""
            record = options.resource(name).get(log_id)  # type: ignore[attr-defined]
            write_one(out, record.to_dict())

    if logs.events_operation:

        @group.command("events")
        @click.argument("log_id", metavar="ID")
        @output_options("JSON lines")
        @click.pass_obj
        def events(options: Options, log_id: str, out: Output) -> None:
            """Print the events of one call, in order (JSON lines by default)."""
            page = options.resource(name).events(log_id)  # type: ignore[attr-defined]
            model = type(page.data[0]) if page.data else None
            columns = wire_names(model) if model else ("event_at", "level", "name", "details")
            rows = [event.to_dict() for event in page.data]
            write_rows(out, rows, columns, available=None, default_format="jsonl")

    @click.pass_obj
    def list_(
        options: Options, /, limit: int, page_size: int | None, out: Output, **filters: Any
    ) -> None:
        available = (*wire_names(logs.model), "error")
        out.pick(logs.columns, available)  # a bad --columns fails before any request
        if filters.get("status") is None:
            filters.pop("status", None)
        with warnings_as_lines():  # an undocumented --status: one line
            records = options.resource(name).list(**filters, page_size=page_size, limit=limit)
        _write_records(out, records, logs.columns, available, logs.droppable, filters)

    command = list_options(output_options("a table on a terminal, JSON lines in a pipe")(list_))
    doc = "List logs, newest first."
    if logs is MESSAGES:  # the one family with a status filter (the client's)
        doc += " --limit counts the logs that match --status."
        command = status_option(MESSAGE_STATUS_HELP)(command)
    group.command("list", help=doc)(filter_options(command))
    return group


def _write_records(
    out: Output,
    records: Any,
    columns: tuple[str, ...],
    available: tuple[str, ...],
    droppable: tuple[str, ...],
    filters: dict[str, Any],
) -> None:
    # A table is gathered before it is printed, and a file is written away from the screen:
    # both show progress. Rows streamed to a terminal are progress enough; a pipe gets none.
    table = out.path is None and out.fmt in (None, "table") and out.to_terminal

    def write(rows: Iterable[dict[str, Any]]) -> None:
        write_rows(out, rows, columns, available=available, droppable=droppable, cell=cell)

    if not table and out.path is None:
        write(record.to_dict() for record in records)
        return
    with progress("Listing", span=span_of(filters)) as reporter:
        rows = (record.to_dict() for record in reporter.track(records))
        if not table:
            write(rows)
            return
        gathered = list(rows)
    write(gathered)  # once the progress line is gone


_HELP, _SHORT_HELP = described(CXML, "get one, or list them")


@click.group(CXML.cli_name, help=_HELP, short_help=_SHORT_HELP)
def cxml_message() -> None:
    pass


@cxml_message.command("get")
@click.argument("sid")
@click.option("--account-sid", help="The project the message belongs to [default: the project ID].")
@output_options("JSON")
@click.pass_obj
def cxml_message_get(options: Options, sid: str, account_sid: str | None, out: Output) -> None:
    """Print one cXML message (JSON by default)."""
    write_one(out, options.client().cxml_messages.get(sid, account_sid=account_sid).to_dict())


@cxml_message.command("list")
@cxml_filter_options
@cxml_status_option
@list_options
@output_options("a table on a terminal, JSON lines in a pipe")
@click.pass_obj
def cxml_message_list(options: Options, /, out: Output, **arguments: Any) -> None:
    """List cXML messages, newest first."""
    available = (*wire_names(CXML.model), "error")
    out.pick(CXML.columns, available)
    with warnings_as_lines():  # an unknown --status: one line
        records = options.client().cxml_messages.list(**arguments)
    _write_records(out, records, CXML.columns, available, CXML.droppable, {})
