"""The ``signalwire-logs`` command (needs the ``cli`` extra: click and rich)."""

from __future__ import annotations

import sys

from .._extras import install_extra


def main() -> None:
    """Entry point of the ``signalwire-logs`` command."""
    try:
        from ._commands import cli
    except ImportError as err:  # the library works without the CLI's dependencies
        sys.stderr.write(
            f"The signalwire-logs command needs its extra dependencies ({err.name} is missing):\n"
            f"    {install_extra('cli')}\n"
        )
        raise SystemExit(1) from None
    cli()
