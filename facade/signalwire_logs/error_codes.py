"""What SignalWire's error codes mean: ``explain("30007")``.

Logs carry an ``error_code`` (``"30007"``) and a short ``error_message``; this module says
what the code means in a line, what to do about it for the codes logs commonly carry, and
links to the code's entry in SignalWire's reference, which lists its likely causes.

    from signalwire_logs.error_codes import explain

    info = explain("30007")
    print(info.meaning)   # Filtered by the carrier as spam or disallowed content
    print(info.action)    # Review the content (link shorteners, spam-like wording), ...
    print(info.url)       # https://signalwire.com/docs/compatibility-api/rest/error-codes#30007

The codes, their kinds and links come from SignalWire's public error-code pages
(``spec/error-codes/``, see its README for the commit); the meanings and actions are this
project's own words. A code the pages lack comes back with ``documented=False``.

This module is about the codes inside logs and API error bodies; the exceptions this client
raises are in ``signalwire_logs`` itself (``SignalWireError`` and its subclasses).
``signalwire_logs.errors``, its former name, still imports the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ._error_codes import CODES, SOURCE

__all__ = ["ErrorCode", "explain"]


@dataclass(frozen=True)
class ErrorCode:
    """What SignalWire documents about one error code."""

    code: str
    """The code as logs and error bodies carry it: ``"30007"``, ``"carrier_violation"``."""
    documented: bool
    """Whether SignalWire's error-code reference lists it (False: nothing below is known)."""
    meaning: str
    """One line saying what happened (for most codes, a short name)."""
    action: str | None = None
    """What to do about it, for the codes logs commonly carry (None when not written)."""
    url: str | None = None
    """The code's entry in SignalWire's reference: its likely causes, in SignalWire's words."""
    kind: Literal["error", "warning"] | None = None
    """Whether SignalWire lists it as an error or a warning."""
    api: Literal["compatibility", "rest"] | None = None
    """The reference that lists it: the Compatibility (cXML) API's numeric codes, which logs
    carry, or the REST APIs' named codes."""

    def __str__(self) -> str:
        warning = " (listed as a warning)" if self.kind == "warning" else ""
        lines = [f"{self.code}: {self.meaning}{warning}"]
        if self.action:
            lines.append(f"What to do: {self.action}")
        if self.url:
            lines.append(f"Reference: {self.url}")
        return "\n".join(lines)


def explain(code: str | int) -> ErrorCode:
    """Explain an error code from SignalWire's documented codes.

    Args:
        code: The code from a log's ``error_code`` or an API error body (``"30007"``,
            ``30007`` or ``"carrier_violation"``).

    Returns:
        What SignalWire documents about it. An unknown code gives ``documented=False`` and a
        meaning saying so (never an exception: logs may carry codes newer than this table).

    Example:
        >>> explain(30003).meaning
        'Destination handset unreachable'
        >>> explain("99999").documented
        False
    """
    key = str(code).strip()
    entry = CODES.get(key)
    if entry is None:
        return ErrorCode(
            key,
            documented=False,
            meaning=f"not in SignalWire's documented error codes ({SOURCE[:-32]})",
        )
    kind, api, meaning, action, url = entry
    return ErrorCode(
        key,
        documented=True,
        meaning=meaning,
        action=action,
        url=url,
        kind=kind,  # type: ignore[arg-type]
        api=api,  # type: ignore[arg-type]
    )
