"""Commands of ``signalwire-logs``: thin wrappers over the public facade."""

from __future__ import annotations

import datetime
import enum
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from signalwire_logs_api.types import Unset

from .. import __version__
from .._client import SignalWireLogs
from .._config import is_loopback
from .._exceptions import ConfigurationError, SignalWireError
from .._export import FORMATS, export_logs
from .._resources import (
    ConferenceLogs,
    FaxLogs,
    MessageLogs,
    VideoLogs,
    VoiceLogs,
    _LogList,
)
from ..testing import FakeServer, FakeSignalWire


@dataclass(frozen=True)
class _Family:
    """A log family as the CLI shows it."""

    resource: type[Any]  # the sync resource class: its methods, client attribute and model
    columns: tuple[str, ...]  # of the list table, by wire name ("error": code and message)

    @property
    def attribute(self) -> str:
        name: str = self.resource._client_attribute
        return name


_MESSAGES = ("created_at", "id", "status", "direction", "from", "to", "error", "charge")
_CALLS = ("created_at", "id", "type", "status", "direction", "from", "to", "duration", "charge")
_SESSIONS = ("created_at", "id", "type", "status", "room_name", "started_at", "ended_at", "charge")
_CONFERENCES = ("created_at", "id", "type", "status", "name", "charge")
#: CLI name -> the family it lists.
RESOURCES: dict[str, _Family] = {
    "messages": _Family(MessageLogs, _MESSAGES),
    "faxes": _Family(FaxLogs, _MESSAGES),
    "voice": _Family(VoiceLogs, _CALLS),
    "video": _Family(VideoLogs, _SESSIONS),
    "conferences": _Family(ConferenceLogs, _CONFERENCES),
}
SUMMARY_KEYS = ("status", "error_code", "direction", "type", "day")


@dataclass
class _Options:
    project_id: str | None
    api_token: str | None = field(repr=False)  # a secret: never in a repr
    space: str | None
    base_url: str | None
    max_retries: int
    timeout: float | None
    _client: SignalWireLogs | None = None

    def client(self) -> SignalWireLogs:
        if self._client is None:
            options: dict[str, Any] = {"max_retries": self.max_retries}
            if self.timeout is not None:
                options["timeout"] = self.timeout
            self._client = SignalWireLogs(
                project_id=self.project_id,
                api_token=self.api_token,
                space=self.space,
                base_url=self.base_url,
                **options,
            )
            click.get_current_context().call_on_close(self._client.close)
        return self._client

    def resource(self, name: str) -> _LogList[Any, Any]:
        resource: _LogList[Any, Any] = getattr(self.client(), RESOURCES[name].attribute)
        return resource


class _Root(click.Group):
    """Turns the client's errors into one line on stderr and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigurationError as err:  # bad arguments or credentials: a usage error
            click.echo(f"Error: {err}", err=True)
            ctx.exit(2)
        except SignalWireError as err:
            click.echo(f"Error: {type(err).__name__}: {err}", err=True)
            ctx.exit(1)


def _stdout() -> Console:
    return Console(highlight=False)


def _print_table(columns: list[str], rows: Iterable[list[str]]) -> None:
    """A table on a terminal; tab-separated lines, no colours, in a pipe."""
    console = _stdout()
    if not console.is_terminal:
        for row in [columns, *rows]:
            click.echo("\t".join(row))
        return
    table = Table(*columns, header_style="bold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _value(record: Any, wire_name: str) -> Any:
    """A field of a record, or None when this record's shape lacks it."""
    python_name = wire_name + "_" if wire_name in ("from", "type") else wire_name
    value = getattr(record, python_name, None)
    return None if isinstance(value, Unset) else value


def _cell(record: Any, column: str) -> str:
    if column == "error":
        return " ".join(
            filter(None, [_value(record, "error_code"), _value(record, "error_message")])
        )
    value = _value(record, column)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _stacked(*options: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """One decorator applying click options in the order listed (as they appear in --help)."""

    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


_filter_options = _stacked(
    click.option("--created-after", help="Only activity after this date (YYYY-MM-DD or ISO 8601)."),
    click.option("--created-before", help="Only activity before this date."),
    click.option("--created-on", help="Only activity on this date (YYYY-MM-DD)."),
    click.option("--include-deleted", is_flag=True, default=None, help="Include deleted activity."),
)
#: --limit, --page-size and --format, shared by every list command.
_output_options = _stacked(
    click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True),
    click.option("--page-size", type=click.IntRange(1, 1000)),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "jsonl"]),
        help="Default: a table on a terminal, JSON lines in a pipe.",
    ),
)


@click.group(cls=_Root, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project-id", help="Project ID [default: $SIGNALWIRE_PROJECT_ID].")
@click.option(
    "--api-token",
    help="API token [default: $SIGNALWIRE_API_TOKEN; prefer it: flags show in process lists].",
)
@click.option(
    "--space", help="Your Space: 'example' or 'example.signalwire.com' [$SIGNALWIRE_SPACE]."
)
@click.option(
    "--base-url",
    help="Another server, e.g. a local fake: http://127.0.0.1:8765 [$SIGNALWIRE_BASE_URL].",
)
@click.option("--max-retries", type=click.IntRange(min=0), default=2, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Seconds per request.")
@click.version_option(__version__, prog_name="signalwire-logs")
@click.pass_context
def cli(ctx: click.Context, /, **options: Any) -> None:
    """Fetch, list, export and summarise SignalWire message and fax logs."""
    ctx.obj = _Options(**options)


def _log_commands(name: str) -> click.Group:
    family = RESOURCES[name]
    resource_class = family.resource
    verbs = "get one, or list them" if hasattr(resource_class, "get") else "list them"

    @click.group(name=name, help=f"{resource_class._item_model.__name__} records: {verbs}.")
    def group() -> None:
        pass

    if hasattr(resource_class, "get"):

        @group.command("get")
        @click.argument("log_id", metavar="ID")
        @click.pass_obj
        def get(options: _Options, log_id: str) -> None:
            """Print one log as JSON."""
            _print_json(options.resource(name).get(log_id).to_dict())  # type: ignore[attr-defined]

    if hasattr(resource_class, "events"):

        @group.command("events")
        @click.argument("log_id", metavar="ID")
        @click.pass_obj
        def events(options: _Options, log_id: str) -> None:
            """Print the events of one call, as JSON lines, in order."""
            for event in options.resource(name).events(log_id).data:  # type: ignore[attr-defined]
                click.echo(json.dumps(event.to_dict(), ensure_ascii=False))

    @group.command("list")
    @_filter_options
    @_output_options
    @click.pass_obj
    def list_(
        options: _Options, /, limit: int, page_size: int | None, fmt: str | None, **filters: Any
    ) -> None:
        """List logs, newest first."""
        records = options.resource(name).list(**filters, page_size=page_size, limit=limit)
        _print_records(records, family.columns, fmt)

    return group


def _print_records(records: Iterable[Any], columns: tuple[str, ...], fmt: str | None) -> None:
    if (fmt or ("table" if _stdout().is_terminal else "jsonl")) == "jsonl":
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    _print_table(list(columns), ([_cell(record, c) for c in columns] for record in records))


for _name in RESOURCES:
    cli.add_command(_log_commands(_name))


@cli.group("cxml-message")
def cxml_message() -> None:
    """cXML (LaML) messages: get one, or list them."""


@cxml_message.command("get")
@click.argument("sid")
@click.option("--account-sid", help="The project the message belongs to [default: the project ID].")
@click.pass_obj
def cxml_message_get(options: _Options, sid: str, account_sid: str | None) -> None:
    """Print one cXML message as JSON."""
    _print_json(options.client().cxml_messages.get(sid, account_sid=account_sid).to_dict())


_CXML_COLUMNS = ("date_sent", "sid", "status", "direction", "from", "to", "error", "price")


@cxml_message.command("list")
@click.option("--date-sent", help="Only messages sent on this day (YYYY-MM-DD, UTC).")
@click.option("--date-sent-before", help="Only messages sent before this day.")
@click.option("--date-sent-after", help="Only messages sent after this day.")
@click.option("--from", "from_", help="Only messages from this number (E.164).")
@click.option("--to", help="Only messages to this number (E.164).")
@click.option("--status", help="Only messages with this status (delivered, failed...).")
@click.option("--account-sid", help="The project whose messages to list [default: the project ID].")
@_output_options
@click.pass_obj
def cxml_message_list(options: _Options, /, fmt: str | None, **arguments: Any) -> None:
    """List cXML messages, newest first."""
    records = options.client().cxml_messages.list(**arguments)
    _print_records(records, _CXML_COLUMNS, fmt)


@cli.command("export")
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
@_filter_options
@click.pass_obj
def export_command(
    options: _Options,
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
    errors = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} records"),
        TimeElapsedColumn(),
        console=errors,
        disable=not errors.is_terminal,
    )
    with progress:
        task = progress.add_task(f"Exporting {resource}", total=None)

        def on_progress(records: int) -> None:
            progress.update(task, completed=records)

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
            raise SystemExit(130) from None
    click.echo(f"Exported {cursor.records:,} {resource} to {output}", err=True)


@cli.command("summary")
@click.argument("resource", type=click.Choice(list(RESOURCES)))
@click.option("--by", "key", type=click.Choice(SUMMARY_KEYS), default="status", show_default=True)
@_filter_options
@click.pass_obj
def summary(options: _Options, /, resource: str, key: str, **filters: Any) -> None:
    """Count logs and add up their charges, by status, error code, direction, type or day."""
    records = options.resource(resource).list(**filters, page_size=1000)
    counts, charges, messages = _group(records, key)
    columns = [key, "count", "charge (USD)", *(["error message"] if key == "error_code" else [])]
    rows = []
    for group_key in sorted(counts, key=lambda k: (k if key == "day" else -counts[k], k)):
        row = [group_key, f"{counts[group_key]:,}", f"{charges[group_key]:.5f}"]
        if key == "error_code":
            common = messages[group_key].most_common(1)
            row.append(common[0][0] if common else "")
        rows.append(row)
    rows.append(["total", f"{sum(counts.values()):,}", f"{sum(charges.values()):.5f}"])
    _print_table(columns, rows)


def _group(
    records: Iterable[Any], key: str
) -> tuple[Counter[str], defaultdict[str, float], defaultdict[str, Counter[str]]]:
    counts: Counter[str] = Counter()
    charges: defaultdict[str, float] = defaultdict(float)
    messages: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        error_message = _value(record, "error_message")
        if key == "day":
            group_key = record.created_at.date().isoformat()
        elif key == "error_code":
            code = _value(record, "error_code")
            group_key = code or ("(no code)" if error_message else "(none)")
            if error_message:
                messages[group_key][error_message] += 1
        else:
            group_key = _cell(record, key) or "(none)"
        counts[group_key] += 1
        charges[group_key] += float(_value(record, "charge") or 0)  # a string in conferences
    return counts, charges, messages


@cli.command("fake-server")
@click.option("--host", default="127.0.0.1", show_default=True, help="A loopback address.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--message-logs", type=click.IntRange(min=0), default=2500, show_default=True)
@click.option("--fax-logs", type=click.IntRange(min=0), default=600, show_default=True)
@click.option("--voice-logs", type=click.IntRange(min=0), default=1500, show_default=True)
@click.option("--video-logs", type=click.IntRange(min=0), default=300, show_default=True)
@click.option("--conference-logs", type=click.IntRange(min=0), default=300, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--latency", type=click.FloatRange(min=0), default=0.0, help="Seconds per answer.")
@click.option("--cache", is_flag=True, help="Serve repeated requests from memory (benchmarks).")
def fake_server(
    host: str,
    port: int,
    message_logs: int,
    fax_logs: int,
    voice_logs: int,
    video_logs: int,
    conference_logs: int,
    seed: int,
    latency: float,
    cache: bool,
) -> None:
    """Serve a local fake of the API (no account needed) until interrupted.

    The first line printed is its URL. It accepts the project ID and token it prints.
    """
    if not is_loopback(host):
        raise click.BadParameter("the fake serves loopback addresses only", param_hint="--host")
    fake = FakeSignalWire(
        message_logs=message_logs,
        fax_logs=fax_logs,
        voice_logs=voice_logs,
        video_logs=video_logs,
        conference_logs=conference_logs,
        seed=seed,
        latency=latency,
        cache=cache,
    )
    server = FakeServer(fake, host, port)
    click.echo(server.url)
    click.echo(
        f"Fake SignalWire on {server.url} ({message_logs:,} message, {fax_logs:,} fax, "
        f"{voice_logs:,} voice, {video_logs:,} video and {conference_logs:,} conference logs)\n"
        f"  export SIGNALWIRE_PROJECT_ID={fake.project_id}\n"
        f"  export SIGNALWIRE_API_TOKEN={fake.api_token}   # a public test value\n"
        f"  export SIGNALWIRE_BASE_URL={server.url}\n"
        f"  signalwire-logs messages list",
        err=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
