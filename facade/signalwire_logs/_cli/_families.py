"""The log families by their CLI names, and how a record's fields are read for display.

The families themselves (columns shown, operations, models) are the registry's:
`signalwire_logs._families`.
"""

from __future__ import annotations

import enum
from typing import Any

from signalwire_logs_api.types import Unset

from .._families import CXML as _CXML
from .._families import FAMILIES, LOG_FAMILIES, LogFamily, python_name

#: The CLI names of the families listed by ``created_at``, a command group each, in order.
LOG_NAMES = tuple(f.cli_name for f in LOG_FAMILIES)
#: The CLI name of the cXML messages (``cxml-message list``, ``export cxml-message``): its
#: list filters by the day a message was sent, not by ``created_at``.
CXML = _CXML.cli_name
#: Other names a family's command answers to: its plural where the command is singular
#: (``cxml-messages`` for ``cxml-message``: the family's own name).
ALIASES = {f.name: f.cli_name for f in FAMILIES if f.name != f.cli_name}


def described(family: LogFamily, verbs: str) -> tuple[str, str]:
    """A family's --help in plain words: its help (``Message logs (SMS and MMS): get one, or
    list them.``) and its line in the list of commands (the title, and the command's other
    names)."""
    title = family.title
    if title[1:2].islower():  # "message logs", not "cXML messages"
        title = title[0].upper() + title[1:]
    also = [alias for alias, name in ALIASES.items() if name == family.cli_name]
    aliases = f" (also: {', '.join(also)})" if also else ""
    return f"{title}{aliases}: {verbs}.", f"{title}{aliases}."


def cell(row: dict[str, Any], column: str) -> Any:
    """A column of a record's dict; ``error`` is its code and message together."""
    if column == "error":
        return " ".join(filter(None, [row.get("error_code"), row.get("error_message")])) or None
    return row.get(column)


def value(record: Any, wire_name: str) -> Any:
    """A field of a record model, or None when this record's shape lacks it."""
    field = getattr(record, python_name(type(record), wire_name), None)
    return None if isinstance(field, Unset) else field


def text(record: Any, wire_name: str) -> str:
    """A field of a record model as text (an enum by its value), empty when absent."""
    field = value(record, wire_name)
    if field is None:
        return ""
    return str(field.value) if isinstance(field, enum.Enum) else str(field)
