"""One command group per log family (list, get, events) and the cXML message group."""

from __future__ import annotations

import json
from typing import Any

import click

from ._families import CXML_COLUMNS, RESOURCES
from ._options import Options, filter_options, output_options
from ._output import print_json, print_records


def log_group(name: str) -> click.Group:
    """The ``NAME list|get|events`` group of one log family."""
    family = RESOURCES[name]
    resource_class = family.resource
    verbs = "get one, or list them" if hasattr(resource_class, "get") else "list them"

    @click.group(name=name, help=f"{resource_class.item_model.__name__} records: {verbs}.")
    def group() -> None:
        pass

    if hasattr(resource_class, "get"):

        @group.command("get")
        @click.argument("log_id", metavar="ID")
        @click.pass_obj
        def get(options: Options, log_id: str) -> None:
            """Print one log as JSON."""
            print_json(options.resource(name).get(log_id).to_dict())  # type: ignore[attr-defined]

    if hasattr(resource_class, "events"):

        @group.command("events")
        @click.argument("log_id", metavar="ID")
        @click.pass_obj
        def events(options: Options, log_id: str) -> None:
            """Print the events of one call, as JSON lines, in order."""
            for event in options.resource(name).events(log_id).data:  # type: ignore[attr-defined]
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))

    @group.command("list")
    @filter_options
    @output_options
    @click.pass_obj
    def list_(
        options: Options, /, limit: int, page_size: int | None, fmt: str | None, **filters: Any
    ) -> None:
        """List logs, newest first."""
        records = options.resource(name).list(**filters, page_size=page_size, limit=limit)
        print_records(records, family.columns, fmt)

    return group


@click.group("cxml-message")
def cxml_message() -> None:
    """cXML (LaML) messages: get one, or list them."""


@cxml_message.command("get")
@click.argument("sid")
@click.option("--account-sid", help="The project the message belongs to [default: the project ID].")
@click.pass_obj
def cxml_message_get(options: Options, sid: str, account_sid: str | None) -> None:
    """Print one cXML message as JSON."""
    print_json(options.client().cxml_messages.get(sid, account_sid=account_sid).to_dict())


@cxml_message.command("list")
@click.option("--date-sent", help="Only messages sent on this day (YYYY-MM-DD, UTC).")
@click.option("--date-sent-before", help="Only messages sent before this day.")
@click.option("--date-sent-after", help="Only messages sent after this day.")
@click.option("--from", "from_", help="Only messages from this number (E.164).")
@click.option("--to", help="Only messages to this number (E.164).")
@click.option("--status", help="Only messages with this status (delivered, failed...).")
@click.option("--account-sid", help="The project whose messages to list [default: the project ID].")
@output_options
@click.pass_obj
def cxml_message_list(options: Options, /, fmt: str | None, **arguments: Any) -> None:
    """List cXML messages, newest first."""
    records = options.client().cxml_messages.list(**arguments)
    print_records(records, CXML_COLUMNS, fmt)
