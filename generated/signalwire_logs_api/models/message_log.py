from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_log_direction import MessageLogDirection
from ..models.message_log_kind import MessageLogKind
from ..models.message_log_source import MessageLogSource
from ..models.message_log_status import MessageLogStatus
from ..models.message_log_type import MessageLogType
from ..types import money, wrong_type

T = TypeVar("T", bound="MessageLog")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "id",
        "from",
        "to",
        "status",
        "direction",
        "kind",
        "source",
        "type",
        "url",
        "number_of_segments",
        "charge",
        "charge_details",
        "created_at",
        "error_message",
        "error_code",
    }
)
#: Each enum's members by value, for from_dict.
_MessageLogDirection_MEMBERS = MessageLogDirection._value2member_map_
_MessageLogKind_MEMBERS = MessageLogKind._value2member_map_
_MessageLogSource_MEMBERS = MessageLogSource._value2member_map_
_MessageLogStatus_MEMBERS = MessageLogStatus._value2member_map_
_MessageLogType_MEMBERS = MessageLogType._value2member_map_

#: The keys every ChargeDetail in charge_details must have; the records themselves are built on first access.
_CHARGE_DETAILS_KEYS = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class MessageLog:
    """A message log, one SMS or MMS message sent or received."""

    id: str
    """ A unique identifier for the log. """
    from_: str
    """ The origin phone number. """
    to: str
    """ The destination phone number. """
    status: MessageLogStatus | str
    """ The status of the message. """
    direction: MessageLogDirection | str
    """ The direction of the message. """
    kind: MessageLogKind | str
    """ The kind of message. """
    source: MessageLogSource | str
    """ Source of this log entry. """
    type_: MessageLogType | str
    """ Type of this log entry. """
    url: None | str
    """ The message in the cXML API (LaML messages); null for Relay messages. """
    number_of_segments: int
    """ The number of segments. """
    charge: float
    """ The charge in dollars. """
    charge_details: list[ChargeDetail]
    """ Details on charges associated with this log. """
    created_at: datetime.datetime
    """ When the message log was created. """
    error_message: None | str
    """ Why the message failed, in words; null when it did not. See https://signalwire.com/docs/compatibility-
    api/rest/error-codes for LaML codes. """
    error_code: None | str
    """ The code of the failure (e.g. 30007); null when the message did not fail. A Relay message can have an
    error_message and no code. """
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

        from_ = self.from_

        to = self.to

        status: str
        if isinstance(self.status, MessageLogStatus):
            status = self.status.value
        else:
            status = self.status

        direction: str
        if isinstance(self.direction, MessageLogDirection):
            direction = self.direction.value
        else:
            direction = self.direction

        kind: str
        if isinstance(self.kind, MessageLogKind):
            kind = self.kind.value
        else:
            kind = self.kind

        source: str
        if isinstance(self.source, MessageLogSource):
            source = self.source.value
        else:
            source = self.source

        type_: str
        if isinstance(self.type_, MessageLogType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        url: None | str
        url = self.url

        number_of_segments = self.number_of_segments

        charge = self.charge

        charge_details = []
        for charge_details_item_data in self.charge_details:
            charge_details_item = charge_details_item_data.to_dict()
            charge_details.append(charge_details_item)

        created_at = self.created_at.isoformat()

        error_message: None | str
        error_message = self.error_message

        error_code: None | str
        error_code = self.error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from": from_,
                "to": to,
                "status": status,
                "direction": direction,
                "kind": kind,
                "source": source,
                "type": type_,
                "url": url,
                "number_of_segments": number_of_segments,
                "charge": charge,
                "charge_details": charge_details,
                "created_at": created_at,
                "error_message": error_message,
                "error_code": error_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        if type(id) is not str:
            raise wrong_type("id", id, "a string")
        from_ = d["from"]
        if type(from_) is not str:
            raise wrong_type("from", from_, "a string")
        to = d["to"]
        if type(to) is not str:
            raise wrong_type("to", to, "a string")
        _status = d["status"]
        try:
            status = _MessageLogStatus_MEMBERS.get(_status, _status)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("status", _status, "a string") from None
        if status is _status and type(_status) is not str:
            raise wrong_type("status", _status, "a string")

        _direction = d["direction"]
        try:
            direction = _MessageLogDirection_MEMBERS.get(_direction, _direction)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("direction", _direction, "a string") from None
        if direction is _direction and type(_direction) is not str:
            raise wrong_type("direction", _direction, "a string")

        _kind = d["kind"]
        try:
            kind = _MessageLogKind_MEMBERS.get(_kind, _kind)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("kind", _kind, "a string") from None
        if kind is _kind and type(_kind) is not str:
            raise wrong_type("kind", _kind, "a string")

        _source = d["source"]
        try:
            source = _MessageLogSource_MEMBERS.get(_source, _source)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("source", _source, "a string") from None
        if source is _source and type(_source) is not str:
            raise wrong_type("source", _source, "a string")

        _type_ = d["type"]
        try:
            type_ = _MessageLogType_MEMBERS.get(_type_, _type_)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("type", _type_, "a string") from None
        if type_ is _type_ and type(_type_) is not str:
            raise wrong_type("type", _type_, "a string")

        url = d["url"]
        if type(url) is not str and url is not None:
            raise wrong_type("url", url, "a string or null")

        number_of_segments = d["number_of_segments"]
        if type(number_of_segments) is not int:
            if type(number_of_segments) is float and number_of_segments.is_integer():
                number_of_segments = int(number_of_segments)
            else:
                raise wrong_type("number_of_segments", number_of_segments, "an integer")
        charge = d["charge"]
        if (_t := type(charge)) is not float and _t is not int:
            raise wrong_type("charge", charge, "a number")
        _sent = d["charge_details"]
        if type(_sent) is not list:
            raise wrong_type("charge_details", _sent, "an array")
        for _item in _sent:
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

        try:
            created_at = datetime.datetime.fromisoformat(d["created_at"])

        except TypeError:
            raise wrong_type("created_at", d.get("created_at"), "a string") from None
        except ValueError as err:
            raise ValueError(f"created_at: {err}") from None
        error_message = d["error_message"]
        if type(error_message) is not str and error_message is not None:
            raise wrong_type("error_message", error_message, "a string or null")

        error_code = d["error_code"]
        if type(error_code) is not str and error_code is not None:
            raise wrong_type("error_code", error_code, "a string or null")

        message_log = cls.__new__(cls)
        message_log._raw = d
        message_log.id = id
        message_log.from_ = from_
        message_log.to = to
        message_log.status = status
        message_log.direction = direction
        message_log.kind = kind
        message_log.source = source
        message_log.type_ = type_
        message_log.url = url
        message_log.number_of_segments = number_of_segments
        message_log.charge = charge
        message_log.created_at = created_at
        message_log.error_message = error_message
        message_log.error_code = error_code
        message_log.additional_properties = (
            {}
            if len(d) == 15
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return message_log

    @property
    def charge_decimal(self) -> Decimal:
        """``charge`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.charge, "MessageLog.charge")

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


def _build_charge_details(d: Mapping[str, Any]) -> list[ChargeDetail]:
    charge_details = []
    _charge_details = d["charge_details"]
    for charge_details_item_data in _charge_details:
        charge_details_item = ChargeDetail.from_dict(charge_details_item_data)

        charge_details.append(charge_details_item)

    return charge_details


_DEFERRED = {
    "charge_details": _build_charge_details,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.charge_detail import ChargeDetail
