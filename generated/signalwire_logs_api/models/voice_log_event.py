from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.voice_log_event_level import VoiceLogEventLevel
from ..types import wrong_type

T = TypeVar("T", bound="VoiceLogEvent")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "event_at",
        "level",
        "name",
        "details",
        "project_id",
        "log_id",
    }
)
#: Each enum's members by value, for from_dict.
_VoiceLogEventLevel_MEMBERS = VoiceLogEventLevel._value2member_map_

#: The keys every VoiceLogEventDetails in details must have; the records themselves are built on first access.
_DETAILS_KEYS = frozenset()


@_attrs_define
class VoiceLogEvent:
    """One event in the life of a call."""

    event_at: datetime.datetime
    """ Date and time when the event occurred. """
    level: str | VoiceLogEventLevel
    """ The severity of the event. """
    name: str
    """ The name of the event, e.g. calling_call_initiated. """
    details: VoiceLogEventDetails
    """ The event's details, as sent; their keys depend on the event. """
    project_id: str
    """ The project the event belongs to. """
    log_id: str
    """ The voice log the event belongs to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _raw: Mapping[str, Any] | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )

    if (
        not TYPE_CHECKING
    ):  # a detail of deferred parsing: type checkers see the declared fields

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute that is not set: on an instance made by from_dict,
            # a nested record not built yet. It is built now, from the JSON kept in _raw, once.
            parse = _DEFERRED.get(name)
            raw = self._raw if parse is not None else None
            if raw is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}"
                )
            value = parse(raw)
            setattr(self, name, value)
            return value

    def to_dict(self) -> dict[str, Any]:
        event_at = self.event_at.isoformat()

        level: str
        if isinstance(self.level, VoiceLogEventLevel):
            level = self.level.value
        else:
            level = self.level

        name = self.name

        details = self.details.to_dict()

        project_id = self.project_id

        log_id = self.log_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_at": event_at,
                "level": level,
                "name": name,
                "details": details,
                "project_id": project_id,
                "log_id": log_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        try:
            event_at = datetime.datetime.fromisoformat(d["event_at"])

        except TypeError:
            raise wrong_type("event_at", d.get("event_at"), "a string") from None
        except ValueError as err:
            raise ValueError(f"event_at: {err}") from None
        _level = d["level"]
        try:
            level = _VoiceLogEventLevel_MEMBERS.get(_level, _level)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("level", _level, "a string") from None
        if level is _level and type(_level) is not str:
            raise wrong_type("level", _level, "a string")

        name = d["name"]
        if type(name) is not str:
            raise wrong_type("name", name, "a string")
        _sent = d["details"]
        if type(_sent) is not dict:
            raise wrong_type("details", _sent, "an object")
        _item = _sent
        if not _item.keys() >= _DETAILS_KEYS:
            raise KeyError(f"details: missing {sorted(_DETAILS_KEYS - _item.keys())}")

        project_id = d["project_id"]
        if type(project_id) is not str:
            raise wrong_type("project_id", project_id, "a string")
        log_id = d["log_id"]
        if type(log_id) is not str:
            raise wrong_type("log_id", log_id, "a string")
        voice_log_event = cls.__new__(cls)
        voice_log_event._raw = d
        voice_log_event.event_at = event_at
        voice_log_event.level = level
        voice_log_event.name = name
        voice_log_event.project_id = project_id
        voice_log_event.log_id = log_id
        voice_log_event.additional_properties = (
            {}
            if len(d) == 6
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return voice_log_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _build_details(d: Mapping[str, Any]) -> VoiceLogEventDetails:
    details = VoiceLogEventDetails.from_dict(d["details"])

    return details


_DEFERRED = {
    "details": _build_details,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.voice_log_event_details import VoiceLogEventDetails
