"""The log families as the CLI shows them, and how a record's fields become cells."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Any

from signalwire_logs_api.types import Unset

from .._resources import ConferenceLogs, FaxLogs, MessageLogs, VideoLogs, VoiceLogs


@dataclass(frozen=True)
class Family:
    """A log family as the CLI shows it."""

    resource: type[Any]  # the sync resource class: its methods and model
    columns: tuple[str, ...]  # of the list table, by wire name ("error": code and message)
    attribute: str  # the client's property that holds it (client.message_logs)


_MESSAGES = ("created_at", "id", "status", "direction", "from", "to", "error", "charge")
_CALLS = ("created_at", "id", "type", "status", "direction", "from", "to", "duration", "charge")
_SESSIONS = ("created_at", "id", "type", "status", "room_name", "started_at", "ended_at", "charge")
_CONFERENCES = ("created_at", "id", "type", "status", "name", "charge")
#: CLI name -> the family it lists.
RESOURCES: dict[str, Family] = {
    "messages": Family(MessageLogs, _MESSAGES, "message_logs"),
    "faxes": Family(FaxLogs, _MESSAGES, "fax_logs"),
    "voice": Family(VoiceLogs, _CALLS, "voice_logs"),
    "video": Family(VideoLogs, _SESSIONS, "video_logs"),
    "conferences": Family(ConferenceLogs, _CONFERENCES, "conference_logs"),
}
CXML_COLUMNS = ("date_sent", "sid", "status", "direction", "from", "to", "error", "price")


def value(record: Any, wire_name: str) -> Any:
    """A field of a record, or None when this record's shape lacks it."""
    python_name = wire_name + "_" if wire_name in ("from", "type") else wire_name
    field = getattr(record, python_name, None)
    return None if isinstance(field, Unset) else field


def cell(record: Any, column: str) -> str:
    """A field of a record as table text."""
    if column == "error":
        return " ".join(filter(None, [value(record, "error_code"), value(record, "error_message")]))
    field = value(record, column)
    if field is None:
        return ""
    if isinstance(field, datetime.datetime):
        return field.isoformat(timespec="seconds")
    if isinstance(field, enum.Enum):
        return str(field.value)
    if isinstance(field, float):
        return f"{field:g}"
    return str(field)
