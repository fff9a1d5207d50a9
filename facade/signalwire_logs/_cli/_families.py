"""The log families as the CLI shows them, and how a record's fields are read."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

import attrs

from signalwire_logs_api.types import Unset

from .._resources import ConferenceLogs, FaxLogs, MessageLogs, VideoLogs, VoiceLogs


@dataclass(frozen=True)
class Family:
    """A log family as the CLI shows it."""

    resource: type[Any]  # the sync resource class: its methods and model
    columns: tuple[str, ...]  # of the list table, by wire name ("error": code and message)
    attribute: str  # the client's property that holds it (client.message_logs)
    droppable: tuple[str, ...]  # columns a narrow terminal may leave out, the first first


_MESSAGES = ("created_at", "id", "status", "direction", "from", "to", "error", "charge")
_MESSAGES_DROP = ("charge", "direction", "from", "error")
_CALLS = ("created_at", "id", "type", "status", "direction", "from", "to", "duration", "charge")
_CALLS_DROP = ("charge", "direction", "type", "duration", "from")
_SESSIONS = ("created_at", "id", "type", "status", "room_name", "started_at", "ended_at", "charge")
_SESSIONS_DROP = ("charge", "started_at", "ended_at", "type")
_CONFERENCES = ("created_at", "id", "type", "status", "name", "charge")
#: CLI name -> the family it lists.
RESOURCES: dict[str, Family] = {
    "messages": Family(MessageLogs, _MESSAGES, "message_logs", _MESSAGES_DROP),
    "faxes": Family(FaxLogs, _MESSAGES, "fax_logs", _MESSAGES_DROP),
    "voice": Family(VoiceLogs, _CALLS, "voice_logs", _CALLS_DROP),
    "video": Family(VideoLogs, _SESSIONS, "video_logs", _SESSIONS_DROP),
    "conferences": Family(ConferenceLogs, _CONFERENCES, "conference_logs", ("charge", "type")),
}
#: The CLI name of the cXML messages (``cxml-message list``, ``export cxml-message``): not a
#: log family, as its list filters by the day a message was sent, not by ``created_at``.
CXML = "cxml-message"
CXML_COLUMNS = ("date_sent", "sid", "status", "direction", "from", "to", "error", "price")
CXML_DROPPABLE = ("price", "direction", "from", "error")


def fields_of(model: type[Any]) -> tuple[str, ...]:
    """The wire names of a generated model's documented fields."""
    # The generator appends `_` to names that clash with Python (`from_`, `type_`).
    return tuple(
        f.name[:-1] if f.name.endswith("_") else f.name
        for f in attrs.fields(model)
        if f.init and f.name != "additional_properties"
    )


def cell(row: dict[str, Any], column: str) -> Any:
    """A column of a record's dict; ``error`` is its code and message together."""
    if column == "error":
        return " ".join(filter(None, [row.get("error_code"), row.get("error_message")])) or None
    return row.get(column)


def value(record: Any, wire_name: str) -> Any:
    """A field of a record model, or None when this record's shape lacks it."""
    python_name = wire_name + "_" if wire_name in ("from", "type") else wire_name
    field = getattr(record, python_name, None)
    return None if isinstance(field, Unset) else field


def text(record: Any, wire_name: str) -> str:
    """A field of a record model as text (an enum by its value), empty when absent."""
    field = value(record, wire_name)
    if field is None:
        return ""
    return str(field.value) if isinstance(field, enum.Enum) else str(field)
