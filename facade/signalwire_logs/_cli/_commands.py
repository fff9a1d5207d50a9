"""The root ``signalwire-logs`` group: global options, error handling, and every command.

Each command lives in its own module (``_logs``, ``_export``, ``_summary``, ``_fake_server``...)
and is registered here, in the order ``--help`` lists them.
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from .._exceptions import ConfigurationError, SignalWireError
from ._errors import EXIT_ERROR, EXIT_USAGE
from ._export import export_command
from ._fake_server import fake_server
from ._families import RESOURCES
from ._logs import cxml_message, log_group
from ._options import Options
from ._summary import summary


class _Root(click.Group):
    """Turns the client's errors into one line on stderr and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigurationError as err:  # bad arguments or credentials: a usage error
            click.echo(f"Error: {err}", err=True)
            ctx.exit(EXIT_USAGE)
        except SignalWireError as err:
            click.echo(f"Error: {type(err).__name__}: {err}", err=True)
            ctx.exit(EXIT_ERROR)


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
    ctx.obj = Options(**options)


for _name in RESOURCES:
    cli.add_command(log_group(_name))
cli.add_command(cxml_message)
cli.add_command(export_command)
cli.add_command(summary)
cli.add_command(fake_server)
