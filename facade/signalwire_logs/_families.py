"""The registry of the log families: everything that differs from one family to the next.

Each family is one frozen `LogFamily` in `FAMILIES`: its names (CLI, client
attribute, table), its generated operations and models, how its list answer is shaped
(`Envelope`, defined with the page in ``_page.py``), the record field it is split on
in time, and the columns the CLI shows.
Everything else reads them from here: the resources (``_resources.py``), the CLI (list, get,
events, summary, export and sync commands), the dlt sync (`signalwire_logs.sync.FAMILIES`),
the fake server's routes (``testing/_fake.py``), and, through the models, the Arrow schemas.
This module imports no optional dependency (no pyarrow, dlt, click or rich), so the CLI's
``--help`` and the fake read it cheaply.

It also holds the one rule between a generated model's Python names and the JSON's wire
names (`wire_name()`, `wire_names()`, `python_name()`): the generator appends
``_`` to a name that clashes with Python (``from`` -> ``from_``, ``type`` -> ``type_``).

Adding a family takes exactly:

1. The overlay (``spec/overlay.yaml``): its list operation (and get, events if it has them)
   tagged so that ``make generate`` writes ``signalwire_logs_api.api.<tag>`` and its models.
2. One `LogFamily` entry below, added to `FAMILIES`.
3. Its typed surface, declarations only (a type checker cannot see a class built at run
   time): ``class XLogs(Registered, _SyncLogs[X], family=X_ENTRY)`` and its ``AsyncXLogs``
   twin in ``_resources.py`` (``_SyncLogList`` when it has no get; the class body is its
   docstring), a ``cached_property`` on each client in ``_client.py``, and the fake's data:
   a ``DataSet`` in ``testing/_data.py`` and one line in ``FakeSignalWire.__init__`` (an
   attribute named after the family; the fake's routes come from the registry).

``tests/test_families.py`` fails until each of these exists, and if a family is listed
anywhere else in the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import attrs

from signalwire_logs_api.api.conference_logs import list_conference_logs
from signalwire_logs_api.api.cxml_messages import get_cxml_message, list_cxml_messages
from signalwire_logs_api.api.fax_logs import get_fax_log, list_fax_logs
from signalwire_logs_api.api.message_logs import get_message_log, list_message_logs
from signalwire_logs_api.api.video_logs import get_video_log, list_video_logs
from signalwire_logs_api.api.voice_logs import get_voice_log, list_voice_log_events, list_voice_logs
from signalwire_logs_api.models import (
    ConferenceLog,
    ConferenceLogListResponse,
    CxmlMessage,
    CxmlMessageListResponse,
    FaxLog,
    FaxLogListResponse,
    MessageLog,
    MessageLogListResponse,
    VideoLog,
    VideoLogListResponse,
    VoiceLog,
    VoiceLogListResponse,
)

# How each style of list answer carries its records and its next page (the walk's).
from ._page import CXML_MESSAGES, LINKS, Envelope

__all__ = [
    "CONFERENCES",
    "CXML",
    "CXML_MESSAGES",
    "FAMILIES",
    "FAXES",
    "LINKS",
    "LOG_FAMILIES",
    "MESSAGES",
    "VIDEO",
    "VOICE",
    "Envelope",
    "LogFamily",
    "Registered",
    "family",
    "python_name",
    "wire_name",
    "wire_names",
]


@dataclass(frozen=True, kw_only=True)
class LogFamily:
    """One log family: its names, generated operations and models, and how it is shown."""

    #: Its name in exports' cursor files and in the sync's results (``"messages"``).
    name: str
    #: Its command group in the CLI (``signalwire-logs messages list``).
    cli_name: str
    #: What a person calls it, for ``--help`` (``"message logs (SMS and MMS)"``).
    title: str
    #: The client attribute holding its resource (``client.message_logs``).
    attribute: str
    #: The table a sync loads it into.
    table: str
    #: The path of its list (the fake server answers it; a get is ``path/{id}``).
    path: str
    #: The generated model of one record (its columns).
    model: type[Any]
    #: The generated model of one list answer.
    list_model: type[Any]
    #: The generated operation modules: list, get (None: it has none), events (voice only).
    list_operation: ModuleType
    get_operation: ModuleType | None = None
    events_operation: ModuleType | None = None
    #: The record field an export splits into time windows and a sync reads incrementally
    #: (None: the family is listed by day and cannot be split or synced).
    time_field: str | None = "created_at"
    #: How its list answers carry the records and the next page.
    envelope: Envelope = LINKS
    #: The columns of the CLI's list table, by wire name (``error``: code and message).
    columns: tuple[str, ...]
    #: Columns a narrow terminal may leave out, the first first.
    droppable: tuple[str, ...]

    @property
    def id_field(self) -> str:
        """The key of a record's unique id (``"id"``; ``"sid"`` for cXML messages)."""
        return self.envelope.record_id

    @property
    def by_day(self) -> bool:
        """Whether its list filters by day only (cXML messages): no time windows, no sync."""
        return self.time_field is None


_MESSAGES = ("created_at", "id", "status", "direction", "from", "to", "error", "charge")
_MESSAGES_DROP = ("charge", "direction", "from", "error")

MESSAGES = LogFamily(
    name="messages",
    title="message logs (SMS and MMS)",
    cli_name="messages",
    attribute="message_logs",
    table="message_logs",
    path="/api/messaging/logs",
    model=MessageLog,
    list_model=MessageLogListResponse,
    list_operation=list_message_logs,
    get_operation=get_message_log,
    columns=_MESSAGES,
    droppable=_MESSAGES_DROP,
)
FAXES = LogFamily(
    name="faxes",
    title="fax logs",
    cli_name="faxes",
    attribute="fax_logs",
    table="fax_logs",
    path="/api/fax/logs",
    model=FaxLog,
    list_model=FaxLogListResponse,
    list_operation=list_fax_logs,
    get_operation=get_fax_log,
    columns=_MESSAGES,
    droppable=_MESSAGES_DROP,
)
VOICE = LogFamily(
    name="voice",
    title="voice call logs, and the events of each call",
    cli_name="voice",
    attribute="voice_logs",
    table="voice_logs",
    path="/api/voice/logs",
    model=VoiceLog,
    list_model=VoiceLogListResponse,
    list_operation=list_voice_logs,
    get_operation=get_voice_log,
    events_operation=list_voice_log_events,
    columns=("created_at", "id", "type", "status", "direction", "from", "to", "duration", "charge"),
    droppable=("charge", "direction", "type", "duration", "from"),
)
VIDEO = LogFamily(
    name="video",
    title="video logs (video room sessions)",
    cli_name="video",
    attribute="video_logs",
    table="video_logs",
    path="/api/video/logs",
    model=VideoLog,
    list_model=VideoLogListResponse,
    list_operation=list_video_logs,
    get_operation=get_video_log,
    columns=("created_at", "id", "type", "status", "room_name", "started_at", "ended_at", "charge"),
    droppable=("charge", "started_at", "ended_at", "type"),
)
CONFERENCES = LogFamily(
    name="conferences",
    title="conference logs (cXML, Relay and video conferences)",
    cli_name="conferences",
    attribute="conference_logs",
    table="conference_logs",
    path="/api/logs/conferences",
    model=ConferenceLog,
    list_model=ConferenceLogListResponse,
    list_operation=list_conference_logs,
    columns=("created_at", "id", "type", "status", "name", "charge"),
    droppable=("charge", "type"),
)
#: cXML (LaML) messages: the compatibility API's list filters by the day a message was sent,
#: not by ``created_at``, so an export of them is one walk and the sync leaves them out
#: (every one of them is also a message log, which is synced).
CXML = LogFamily(
    name="cxml-messages",
    title="cXML (LaML) messages",
    cli_name="cxml-message",
    attribute="cxml_messages",
    table="cxml_messages",
    path="/api/laml/2010-04-01/Accounts/{account_sid}/Messages",
    model=CxmlMessage,
    list_model=CxmlMessageListResponse,
    list_operation=list_cxml_messages,
    get_operation=get_cxml_message,
    time_field=None,
    envelope=CXML_MESSAGES,
    columns=("date_sent", "sid", "status", "direction", "from", "to", "error", "price"),
    droppable=("price", "direction", "from", "error"),
)

#: Every family, in the order the CLI and the sync list them.
FAMILIES: tuple[LogFamily, ...] = (MESSAGES, FAXES, VOICE, VIDEO, CONFERENCES, CXML)
#: The families listed by ``created_at`` (all but cXML messages): split in time, synced.
LOG_FAMILIES: tuple[LogFamily, ...] = tuple(f for f in FAMILIES if not f.by_day)
_BY_NAME = {f.name: f for f in FAMILIES} | {f.cli_name: f for f in FAMILIES}


def family(name: str) -> LogFamily:
    """A family by its name or CLI name (``"messages"``, ``"cxml-message"``).

    Raises:
        KeyError: no family has this name.
    """
    return _BY_NAME[name]


def wire_name(python_name: str) -> str:
    """A generated model field's name in the JSON (``from_`` -> ``from``)."""
    return python_name[:-1] if python_name.endswith("_") else python_name


#: Each model's documented fields, wire name -> Python name, read once.
_NAMES: dict[type[Any], dict[str, str]] = {}


def _names(model: type[Any]) -> dict[str, str]:
    names = _NAMES.get(model)
    if names is None:
        # additional_properties (the undocumented fields) is not an init field.
        fields = attrs.fields(model) if attrs.has(model) else ()
        names = {wire_name(f.name): f.name for f in fields if f.init}
        _NAMES[model] = names
    return names


def wire_names(model: type[Any]) -> tuple[str, ...]:
    """The wire names of a generated model's documented fields, in the model's order."""
    return tuple(_names(model))


def python_name(model: type[Any], wire: str) -> str:
    """The attribute of ``model`` holding the field sent as ``wire`` (``"from"`` ->
    ``"from_"``); a name the model does not document comes back as given."""
    return _names(model).get(wire, wire)


class Registered:
    """Sets a resource class's operations, models and names from its registry entry.

    ``class MessageLogs(Registered, _SyncLogs[MessageLog], family=MESSAGES)`` gives it what
    ``_families.MESSAGES`` says: ``family``, ``item_model``, ``time_field`` and the generated
    ``_list_operation``, ``_list_model``, ``_get_operation``, ``_events_operation`` and the
    ``_envelope`` of its list answers.
    """

    #: Voice logs' events (the only family with them).
    _events_operation: ModuleType

    def __init_subclass__(cls, *, family: LogFamily | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if family is None:  # a subclass of a registered resource keeps its family
            return
        attributes: dict[str, object] = {
            "family": family.name,
            "item_model": family.model,
            "time_field": family.time_field,
            "_list_operation": family.list_operation,
            "_list_model": family.list_model,
            "_get_operation": family.get_operation,
            "_events_operation": family.events_operation,
            "_envelope": family.envelope,
        }
        for name, value in attributes.items():
            if value is not None or name == "time_field":
                setattr(cls, name, value)
