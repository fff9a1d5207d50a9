"""Faults the fake can inject, on demand, into the next matching requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "HTML",
    "BadJSON",
    "Bomb",
    "Delay",
    "Drop",
    "Empty",
    "Endless",
    "Fault",
    "NotGzip",
    "Redirect",
    "Reset",
    "Status",
    "Trickle",
    "Truncate",
    "fault_from_dict",
]


@dataclass(frozen=True)
class Status:
    """Answer with this status; the body is the spec's error body unless given."""

    status: int
    retry_after: str | None = None
    body: Any = None


@dataclass(frozen=True)
class Drop:
    """Close the connection without answering."""


@dataclass(frozen=True)
class Reset:
    """Reset the connection (TCP RST) without answering."""


@dataclass(frozen=True)
class Truncate:
    """Announce the whole body, send half of it, close the connection."""


@dataclass(frozen=True)
class BadJSON:
    """A complete response whose JSON is cut in the middle (a broken proxy)."""

    status: int = 200


@dataclass(frozen=True)
class HTML:
    """An HTML error page, as a load balancer sends."""

    status: int = 502


@dataclass(frozen=True)
class Empty:
    """A response with no body at all."""

    status: int = 200


@dataclass(frozen=True)
class Redirect:
    """A redirect, typically to another host."""

    location: str = "https://evil.example.com/api/fax/logs"
    status: int = 302


@dataclass(frozen=True)
class Delay:
    """Answer normally, after this many seconds."""

    seconds: float


@dataclass(frozen=True)
class Trickle:
    """The answer, with its headers or its body sent one byte every ``every`` seconds.

    Over loopback HTTP, byte by byte; in-process, the headers' trickle is one long pause.
    """

    part: str = "body"  # or "headers"
    every: float = 0.05


@dataclass(frozen=True)
class Endless:
    """A 200 whose JSON body never ends (white space, forever, until the client hangs up)."""


@dataclass(frozen=True)
class Bomb:
    """A 200 with a small gzip body that inflates to ``inflated`` bytes of white space."""

    inflated: int = 64 * 1024 * 1024


@dataclass(frozen=True)
class NotGzip:
    """The answer, labelled ``Content-Encoding: gzip`` but not compressed (a broken proxy)."""


Fault = (
    Status
    | Drop
    | Reset
    | Truncate
    | BadJSON
    | HTML
    | Empty
    | Redirect
    | Delay
    | Trickle
    | Endless
    | Bomb
    | NotGzip
)

_KINDS: dict[str, type[Any]] = {
    "status": Status,
    "drop": Drop,
    "reset": Reset,
    "truncate": Truncate,
    "bad_json": BadJSON,
    "html": HTML,
    "empty": Empty,
    "redirect": Redirect,
    "delay": Delay,
    "trickle": Trickle,
    "endless": Endless,
    "bomb": Bomb,
    "not_gzip": NotGzip,
}


def fault_from_dict(data: dict[str, Any]) -> Fault:
    """Build a fault from ``{"fault": "status", "status": 503, ...}`` (the HTTP control API)."""
    options = dict(data)
    kind = options.pop("fault", None)
    if kind not in _KINDS:
        raise ValueError(f"unknown fault {kind!r}; expected one of {sorted(_KINDS)}")
    fault: Fault = _KINDS[kind](**options)
    return fault
