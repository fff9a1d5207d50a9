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
from ..types import UNSET, Unset, money, wrong_type

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
    """ When the call log was created. """
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
    """ The call in the cXML API, if any; null for most call types. """
    direction: str | Unset | VoiceLogDirection = UNSET
    """ The direction of the voice activity. """
    status: None | str | Unset | VoiceLogStatus = UNSET
    """ The status of the voice activity (null for Fabric device legs). """
    duration: int | None | Unset = UNSET
    """ How long the call lasted, in seconds. """
    duration_ms: int | None | Unset = UNSET
    """ How long the call lasted, in milliseconds. """
    billing_ms: int | None | Unset = UNSET
    """ The billable duration in milliseconds. """
    parent_id: None | str | Unset = UNSET
    """ The ID of the parent call, if any. """
    discarded_at: datetime.datetime | Unset = UNSET
    """ When the log was deleted (deleted logs only). """
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
        if type(id) is not str:
            raise wrong_type("id", id, "a string")
        try:
            created_at = datetime.datetime.fromisoformat(d["created_at"])

        except TypeError:
            raise wrong_type("created_at", d.get("created_at"), "a string") from None
        except ValueError as err:
            raise ValueError(f"created_at: {err}") from None
        from_ = d.get("from", UNSET)
        if type(from_) is not str and from_ is not UNSET:
            raise wrong_type("from", from_, "a string")
        to = d.get("to", UNSET)
        if type(to) is not str and to is not UNSET:
            raise wrong_type("to", to, "a string")
        _source = d.get("source", UNSET)
        try:
            source = _VoiceLogSource_MEMBERS.get(_source, _source)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("source", _source, "a string") from None
        if source is _source and type(_source) is not str and _source is not UNSET:
            raise wrong_type("source", _source, "a string")

        charge = d.get("charge", UNSET)
        if (_t := type(charge)) is not float and _t is not int and charge is not UNSET:
            raise wrong_type("charge", charge, "a number")
        _sent = d.get("charge_details", UNSET)
        if type(_sent) is not list and _sent is not UNSET:
            raise wrong_type("charge_details", _sent, "an array")
        for _item in _sent or ():
            if type(_item) is not dict:
                raise wrong_type("charge_details[]", _item, "an object")
            if not _item.keys() >= _CHARGE_DETAILS_KEYS:
                raise KeyError(
                    f"charge_details: missing {sorted(_CHARGE_DETAILS_KEYS - _item.keys())}"
                )
            _value = _item["description"]
            if type(_value) is not str:
                raise wrong_type("charge_details[].description", _value, "a string")
            _value = _item["charge"]
            if (_t := type(_value)) is not float and _t is not int:
                raise wrong_type("charge_details[].charge", _value, "a number")

        _type_ = d.get("type", UNSET)
        try:
            type_ = _VoiceLogType_MEMBERS.get(_type_, _type_)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("type", _type_, "a string") from None
        if type_ is _type_ and type(_type_) is not str and _type_ is not UNSET:
            raise wrong_type("type", _type_, "a string")

        url = d.get("url", UNSET)
        if type(url) is not str and url is not None and url is not UNSET:
            raise wrong_type("url", url, "a string or null")

        _direction = d.get("direction", UNSET)
        try:
            direction = _VoiceLogDirection_MEMBERS.get(_direction, _direction)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("direction", _direction, "a string") from None
        if (
            direction is _direction
            and type(_direction) is not str
            and _direction is not UNSET
        ):
            raise wrong_type("direction", _direction, "a string")

        _status = d.get("status", UNSET)
        try:
            status = _VoiceLogStatus_MEMBERS.get(_status, _status)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("status", _status, "a string or null") from None
        if (
            status is _status
            and type(_status) is not str
            and _status is not None
            and _status is not UNSET
        ):
            raise wrong_type("status", _status, "a string or null")

        duration = d.get("duration", UNSET)
        if type(duration) is not int and duration is not None and duration is not UNSET:
            if type(duration) is float and duration.is_integer():
                duration = int(duration)
            else:
                raise wrong_type("duration", duration, "an integer or null")

        duration_ms = d.get("duration_ms", UNSET)
        if (
            type(duration_ms) is not int
            and duration_ms is not None
            and duration_ms is not UNSET
        ):
            if type(duration_ms) is float and duration_ms.is_integer():
                duration_ms = int(duration_ms)
            else:
                raise wrong_type("duration_ms", duration_ms, "an integer or null")

        billing_ms = d.get("billing_ms", UNSET)
        if (
            type(billing_ms) is not int
            and billing_ms is not None
            and billing_ms is not UNSET
        ):
            if type(billing_ms) is float and billing_ms.is_integer():
                billing_ms = int(billing_ms)
            else:
                raise wrong_type("billing_ms", billing_ms, "an integer or null")

        parent_id = d.get("parent_id", UNSET)
        if (
            type(parent_id) is not str
            and parent_id is not None
            and parent_id is not UNSET
        ):
            raise wrong_type("parent_id", parent_id, "a string or null")

        try:
            _discarded_at = d.get("discarded_at", UNSET)
            discarded_at: datetime.datetime | Unset
            if isinstance(_discarded_at, Unset):
                discarded_at = UNSET
            else:
                discarded_at = datetime.datetime.fromisoformat(_discarded_at)

        except TypeError:
            raise wrong_type(
                "discarded_at", d.get("discarded_at"), "a string"
            ) from None
        except ValueError as err:
            raise ValueError(f"discarded_at: {err}") from None
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
        """``charge`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.charge, "VoiceLog.charge")

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
