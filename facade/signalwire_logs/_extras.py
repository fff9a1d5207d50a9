"""How to install an optional extra, said the same way by every message that needs one.

The package is not published on PyPI (see the README's Install): an extra is installed from a
checkout of the repository, as ``pip install '.[sync]'``. This module imports nothing, so an
``ImportError`` handler can always use it.
"""

from __future__ import annotations

__all__ = ["install_extra", "needs_extra"]


def install_extra(extra: str) -> str:
    """The command that installs ``extra`` (``"pip install '.[sync]'"``), with where to run it."""
    return f"pip install '.[{extra}]' in your signalwire-logs checkout (it is not on PyPI)"


def needs_extra(what: str, extra: str) -> str:
    """The message of a feature missing its extra: ``what`` says what it needs
    (``"signalwire_logs.sync needs dlt"``)."""
    return f"{what}: {install_extra(extra)}"
