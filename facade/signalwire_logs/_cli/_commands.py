"""The root ``signalwire-logs`` group: global options, error handling, and every command.

Each command lives in its own module (``_logs``, ``_export``, ``_summary``, ``_explain``...)
and is registered at the bottom of this file, in the order ``--help`` lists them.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from typing import Any

import click

from .. import __version__
from ._completion import completion
from ._errors import EXIT_CODES_HELP, EXIT_ERROR, EXIT_OK, Interrupted, report
from ._explain import explain
from ._export import export_command
from ._fake_server import fake_server
from ._families import ALIASES, LOG_NAMES
from ._logs import cxml_message, log_group
from ._options import Options
from ._report import report_command
from ._summary import summary
from ._sync import sync_command
from ._tail import tail

_ENVIRONMENT_HELP = """\b
Environment: SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN, SIGNALWIRE_SPACE,
SIGNALWIRE_BASE_URL (the options above take precedence); NO_COLOR turns colours off.
Progress is shown on stderr only when it is a terminal (never in pipes or files)."""


#: How to continue after a Ctrl-C, by command (the others start over).
_CONTINUE = {
    "export": "run the same command with --resume to continue.",
    "sync": "run the same command again to continue from the last completed load.",
}


class _Root(click.Group):
    """Words every error as one line on stderr and exits with its documented code, and
    takes a family's other name (``cxml-messages``) for its command."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, ALIASES.get(cmd_name, cmd_name))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise  # main() reports them, with the context they carry
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise  # a closed pipe (`| head`): click exits quietly
            ctx.exit(report(err, self))
        except KeyboardInterrupt:
            how = _CONTINUE.get(ctx.invoked_subcommand or "")
            ctx.exit(report(Interrupted(how) if how else KeyboardInterrupt(), self))
        except Exception as err:
            ctx.exit(report(err, self))

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        # Click's own reports are several lines (usage, hint, error) and exit 1 on Ctrl-C;
        # ours are one line with the documented codes, the same for every command.
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:
            err.show()
            sys.exit(EXIT_OK)
        except (click.ClickException, click.Abort, KeyboardInterrupt) as err:
            sys.exit(report(err, self))
        except OSError as err:
            if err.errno != errno.EPIPE:
                raise
            sys.exit(EXIT_ERROR)
        sys.exit(result if isinstance(result, int) else EXIT_OK)


@click.group(
    cls=_Root,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_ENVIRONMENT_HELP + "\n\n" + EXIT_CODES_HELP,
)
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
@click.version_option(__version__, "-V", "--version", prog_name="signalwire-logs")
@click.pass_context
def cli(ctx: click.Context, /, **options: Any) -> None:
    """List, export and summarise SignalWire's logs: messages, faxes, voice calls, video
    sessions, conferences and cXML messages; explain their error codes."""
    ctx.obj = Options(**options)


for _name in LOG_NAMES:
    cli.add_command(log_group(_name))
cli.add_command(cxml_message)
cli.add_command(export_command)
cli.add_command(summary)
cli.add_command(explain)
cli.add_command(completion)
cli.add_command(sync_command)
cli.add_command(report_command)
cli.add_command(tail)
cli.add_command(fake_server)


def _with_exit_codes(command: click.Command) -> None:
    """Every command's --help ends with the exit codes (they are the same everywhere)."""
    if not command.epilog:
        command.epilog = EXIT_CODES_HELP
    for sub in getattr(command, "commands", {}).values():
        _with_exit_codes(sub)


_with_exit_codes(cli)
