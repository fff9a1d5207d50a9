"""``signalwire-logs explain CODE...``: what SignalWire's error codes mean."""

from __future__ import annotations

import dataclasses

import click

from ..error_codes import explain as explain_code
from ._errors import EXIT_ERROR
from ._output import print_json
from ._safe import echo


@click.command("explain")
@click.argument("codes", metavar="CODE...", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: a list of objects (code, documented, meaning, action, url, kind, api).",
)
def explain(codes: tuple[str, ...], fmt: str) -> None:
    """Explain error codes (30007, carrier_violation...): meaning, what to do, and the link
    to SignalWire's reference (which lists likely causes). An undocumented code is said to be
    one, and makes the command exit 1 (after every code is shown)."""
    explained = [explain_code(code) for code in codes]
    if fmt == "json":
        print_json([dataclasses.asdict(e) for e in explained])
    else:
        echo("\n\n".join(str(e) for e in explained))
    if not all(e.documented for e in explained):
        click.get_current_context().exit(EXIT_ERROR)
