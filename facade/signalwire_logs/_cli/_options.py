"""The options commands share, and the client they build (once per run)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from .._client import SignalWireLogs
from .._families import family
from .._types import LogResource
from ._output import FORMATS, Output


@dataclass
class Options:
    """The root command's options; ``ctx.obj`` of every command."""

    project_id: str | None
    api_token: str | None = field(repr=False)  # a secret: never in a repr
    space: str | None
    base_url: str | None
    max_retries: int
    timeout: float | None
    _client: SignalWireLogs | None = None

    def client(self) -> SignalWireLogs:
        """The one client of this run, closed when the command ends."""
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

    def resource(self, name: str) -> LogResource[Any]:
        """The client's resource of a log family, by its CLI name."""
        resource: LogResource[Any] = getattr(self.client(), family(name).attribute)
        return resource


def stacked(*options: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """One decorator applying click options in the order listed (as they appear in --help)."""

    def apply(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


#: --created-after, --created-before, --created-on, --include-deleted: the log list filters.
filter_options = stacked(
    click.option("--created-after", help="Only activity after this date (YYYY-MM-DD or ISO 8601)."),
    click.option("--created-before", help="Only activity before this date."),
    click.option("--created-on", help="Only activity on this date (YYYY-MM-DD)."),
    click.option("--include-deleted", is_flag=True, default=None, help="Include deleted activity."),
)
#: The cXML message list's own filters (it has no created_at): `cxml-message list`, `export`.
cxml_filter_options = stacked(
    click.option("--date-sent", help="cXML: only messages sent on this day (YYYY-MM-DD, UTC)."),
    click.option("--date-sent-before", help="cXML: only messages sent on or before this day."),
    click.option("--date-sent-after", help="cXML: only messages sent on or after this day."),
    click.option("--from", "from_", help="cXML: only messages from this number (E.164)."),
    click.option("--to", help="cXML: only messages to this number (E.164)."),
    click.option(
        "--account-sid", help="cXML: the project whose messages to list [default: the project ID]."
    ),
)
#: The cXML message list's --status: the server's filter, one status.
cxml_status_option = click.option(
    "--status", help="cXML: only messages with this status (delivered, failed...)."
)


def _statuses(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Any:
    statuses = [part.strip() for given in value for part in given.split(",")]
    return tuple(dict.fromkeys(filter(None, statuses))) or None


def status_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--status, repeatable or comma-separated: the statuses, in order, or None."""
    return click.option(
        "--status", multiple=True, callback=_statuses, metavar="STATUS[,STATUS...]", help=help
    )


#: What --status of message logs says in --help: the API cannot filter by it.
MESSAGE_STATUS_HELP = (
    "Only message logs with this status (delivered, failed, undelivered...); repeatable, or "
    "comma-separated. Filtered by this client: the API has no status filter, so every log "
    "of the other filters is read."
)

#: --limit and --page-size, shared by every list command.
list_options = stacked(
    click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True),
    click.option("--page-size", type=click.IntRange(1, 1000), help="Records per request."),
)


def _columns(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    columns = tuple(c.strip() for c in value.split(",") if c.strip())
    if not columns:
        raise click.BadParameter("name at least one column")
    return columns


def output_options(default: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format, --columns and -o/--output, handed to the command as one ``out: Output``.

    Args:
        default: What the default format is, for --help.
    """

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def command(
            *args: Any, fmt: str | None, columns: Any, output: Path | None, **kw: Any
        ) -> Any:
            return function(*args, out=Output(fmt, columns, output), **kw)

        return stacked(
            click.option(
                "--format", "fmt", type=click.Choice(FORMATS), help=f"Default: {default}."
            ),
            click.option(
                "--columns",
                callback=_columns,
                metavar="A,B,...",
                help="Columns to show, comma-separated (and fields to keep in JSON).",
            ),
            click.option(
                "--output",
                "-o",
                type=click.Path(dir_okay=False, writable=True, allow_dash=False, path_type=Path),
                help="Write to this file instead of stdout (format by suffix: .csv, .json...).",
            ),
        )(command)

    return decorate
