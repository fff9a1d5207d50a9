from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.voice_log_direction import VoiceLogDirection
from ..models.voice_log_source import VoiceLogSource
from ..models.voice_log_status import VoiceLogStatus
from ..models.voice_log_type import VoiceLogType
from ..types import UNSET, Unset, money

T = TypeVar("T", bound="VoiceLog")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "id",
        "created_at",
        "from",
        "to",
        "source",
        "charge",
        "charge_details",
        "type",
        "url",
        "direction",
        "status",
        "duration",
        "duration_ms",
        "billing_ms",
        "parent_id",
        "discarded_at",
    }
)
#: Each enum's members by value, for from_dict.
_VoiceLogDirection_MEMBERS = VoiceLogDirection._value2member_map_
_VoiceLogSource_MEMBERS = VoiceLogSource._value2member_map_
_VoiceLogStatus_MEMBERS = VoiceLogStatus._value2member_map_
_VoiceLogType_MEMBERS = VoiceLogType._value2member_map_

#: The keys every ChargeDetail in charge_details must have; the records themselves are built on first access.
_CHARGE_DETAILS_KEYS = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class VoiceLog:
    """A voice log. Which fields are present depends on `type`: Relay and LaML calls have them all but discarded_at; video-
    room legs lack billing_ms and parent_id; Dialogflow calls lack direction, billing_ms, duration_ms and parent_id;
    Fabric device legs lack the durations, billing_ms and parent_id, and their status is null. A deleted log
    (include_deleted) has only id, discarded_at and created_at.

    """

    id: str
    """ A unique identifier for the log. """
    created_at: datetime.datetime
    """ Date and time when the call entry was created. """
    from_: str | Unset = UNSET
    """ The origin phone number. """
    to: str | Unset = UNSET
    """ The destination phone number. """
    source: str | Unset | VoiceLogSource = UNSET
    """ Source of this log entry. """
    charge: float | Unset = UNSET
    """ The charge in dollars. """
    charge_details: list[ChargeDetail] | Unset = UNSET
    """ Details on charges associated with this log. """
    type_: str | Unset | VoiceLogType = UNSET
    """ Type of this log entry; it decides which other fields are present. """
    url: None | str | Unset = UNSET
    """ URL for the resource associated with this log entry; null for most call types. """
    direction: str | Unset | VoiceLogDirection = UNSET
    """ The direction of the voice activity. """
    status: None | str | Unset | VoiceLogStatus = UNSET
    """ The status of the voice activity (null for Fabric device legs). """
    duration: int | None | Unset = UNSET
    """ The duration of the voice activity in seconds. """
    duration_ms: int | None | Unset = UNSET
    """ The duration of the voice activity in milliseconds. """
    billing_ms: int | None | Unset = UNSET
    """ The billable duration in milliseconds. """
    parent_id: None | str | Unset = UNSET
    """ The ID of the parent call, if any. """
    discarded_at: datetime.datetime | Unset = UNSET
    """ Date and time when the log was discarded (deleted logs only). """
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
        id = self.id

        created_at = self.created_at.isoformat()

        from_ = self.from_

        to = self.to

        source: str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, VoiceLogSource):
            source = self.source.value
        else:
            source = self.source

        charge = self.charge

        charge_details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.charge_details, Unset):
            charge_details = []
            for charge_details_item_data in self.charge_details:
                charge_details_item = charge_details_item_data.to_dict()
                charge_details.append(charge_details_item)

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, VoiceLogType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        direction: str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, VoiceLogDirection):
            direction = self.direction.value
        else:
            direction = self.direction

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, VoiceLogStatus):
            status = self.status.value
        else:
            status = self.status

        duration: int | None | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        duration_ms: int | None | Unset
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        billing_ms: int | None | Unset
        if isinstance(self.billing_ms, Unset):
            billing_ms = UNSET
        else:
            billing_ms = self.billing_ms

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        discarded_at: str | Unset = UNSET
        if not isinstance(self.discarded_at, Unset):
            discarded_at = self.discarded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
            }
        )
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if source is not UNSET:
            field_dict["source"] = source
        if charge is not UNSET:
            field_dict["charge"] = charge
        if charge_details is not UNSET:
            field_dict["charge_details"] = charge_details
        if type_ is not UNSET:
            field_dict["type"] = type_
        if url is not UNSET:
            field_dict["url"] = url
        if direction is not UNSET:
            field_dict["direction"] = direction
        if status is not UNSET:
            field_dict["status"] = status
        if duration is not UNSET:
            field_dict["duration"] = duration
        if duration_ms is not UNSET:
            field_dict["duration_ms"] = duration_ms
        if billing_ms is not UNSET:
            field_dict["billing_ms"] = billing_ms
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if discarded_at is not UNSET:
            field_dict["discarded_at"] = discarded_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        created_at = datetime.datetime.fromisoformat(d["created_at"])

        from_ = d.get("from", UNSET)
        to = d.get("to", UNSET)
        source = d.get("source", UNSET)
        source = _VoiceLogSource_MEMBERS.get(source, source)

        charge = d.get("charge", UNSET)
        for _item in d.get("charge_details", ()):
            if not _item.keys() >= _CHARGE_DETAILS_KEYS:
                raise KeyError(
                    f"charge_details: missing {sorted(_CHARGE_DETAILS_KEYS - _item.keys())}"
                )
        type_ = d.get("type", UNSET)
        type_ = _VoiceLogType_MEMBERS.get(type_, type_)

        url = d.get("url", UNSET)

        direction = d.get("direction", UNSET)
        direction = _VoiceLogDirection_MEMBERS.get(direction, direction)

        status = d.get("status", UNSET)
        status = _VoiceLogStatus_MEMBERS.get(status, status)

        duration = d.get("duration", UNSET)

        duration_ms = d.get("duration_ms", UNSET)

        billing_ms = d.get("billing_ms", UNSET)

        parent_id = d.get("parent_id", UNSET)

        _discarded_at = d.get("discarded_at", UNSET)
        discarded_at: datetime.datetime | Unset
        if isinstance(_discarded_at, Unset):
            discarded_at = UNSET
        else:
            discarded_at = datetime.datetime.fromisoformat(_discarded_at)

        voice_log = cls.__new__(cls)
        voice_log._raw = d
        voice_log.id = id
        voice_log.created_at = created_at
        voice_log.from_ = from_
        voice_log.to = to
        voice_log.source = source
        voice_log.charge = charge
        voice_log.type_ = type_
        voice_log.url = url
        voice_log.direction = direction
        voice_log.status = status
        voice_log.duration = duration
        voice_log.duration_ms = duration_ms
        voice_log.billing_ms = billing_ms
        voice_log.parent_id = parent_id
        voice_log.discarded_at = discarded_at
        voice_log.additional_properties = (
            {}
            if d.keys() <= _FIELD_NAMES
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return voice_log

    @property
    def charge_decimal(self) -> Decimal | Unset:
        """``charge`` as a `decimal.Decimal` (the digits sent), as in every model."""
        return money(self.charge)

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


def _build_charge_details(d: Mapping[str, Any]) -> list[ChargeDetail] | Unset:
    _charge_details = d.get("charge_details", UNSET)
    charge_details: list[ChargeDetail] | Unset = UNSET
    if _charge_details is not UNSET:
        charge_details = []
        for charge_details_item_data in _charge_details:
            charge_details_item = ChargeDetail.from_dict(charge_details_item_data)

            charge_details.append(charge_details_item)

    return charge_details


_DEFERRED = {
    "charge_details": _build_charge_details,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.charge_detail import ChargeDetail
