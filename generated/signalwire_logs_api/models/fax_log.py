from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fax_log_direction import FaxLogDirection
from ..models.fax_log_quality import FaxLogQuality
from ..models.fax_log_source import FaxLogSource
from ..models.fax_log_status import FaxLogStatus
from ..models.fax_log_type import FaxLogType
from ..types import UNSET, Unset, money, wrong_type

T = TypeVar("T", bound="FaxLog")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "id",
        "from",
        "to",
        "status",
        "direction",
        "source",
        "type",
        "url",
        "charge",
        "number_of_pages",
        "quality",
        "charge_details",
        "created_at",
        "error_code",
        "error_message",
        "remote_station",
    }
)
#: Each enum's members by value, for from_dict.
_FaxLogDirection_MEMBERS = FaxLogDirection._value2member_map_
_FaxLogQuality_MEMBERS = FaxLogQuality._value2member_map_
_FaxLogSource_MEMBERS = FaxLogSource._value2member_map_
_FaxLogStatus_MEMBERS = FaxLogStatus._value2member_map_
_FaxLogType_MEMBERS = FaxLogType._value2member_map_

#: The keys every ChargeDetail in charge_details must have; the records themselves are built on first access.
_CHARGE_DETAILS_KEYS = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class FaxLog:
    """A fax log (seed 004)."""

    id: str
    """ A unique identifier for the log. """
    from_: None | str
    """ The origin phone number in E.164 format. """
    to: None | str
    """ The destination phone number in E.164 format. """
    status: FaxLogStatus | str
    """ The status of this fax call. """
    direction: FaxLogDirection | None | str
    """ The direction of this fax call. """
    source: FaxLogSource | str
    """ Source of this log entry. """
    type_: FaxLogType | str
    """ Type of this log entry. """
    url: str
    """ The fax this log is about, in the cXML API. """
    charge: float
    """ The amount charged for this fax request. """
    number_of_pages: int | None
    """ How many pages the fax had. """
    quality: FaxLogQuality | None | str
    """ The resolution the fax was sent at. """
    charge_details: list[ChargeDetail]
    """ Details on charges associated with this log. """
    created_at: datetime.datetime
    """ When the fax log was created. """
    error_code: None | str
    """ Error code for this resource (if available). """
    error_message: None | str
    """ The description of this error (if available). """
    remote_station: None | str | Unset = UNSET
    """ Represents a customer hosted Fax server. """
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

        from_: None | str
        from_ = self.from_

        to: None | str
        to = self.to

        status: str
        if isinstance(self.status, FaxLogStatus):
            status = self.status.value
        else:
            status = self.status

        direction: None | str
        if isinstance(self.direction, FaxLogDirection):
            direction = self.direction.value
        else:
            direction = self.direction

        source: str
        if isinstance(self.source, FaxLogSource):
            source = self.source.value
        else:
            source = self.source

        type_: str
        if isinstance(self.type_, FaxLogType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        url = self.url

        charge = self.charge

        number_of_pages: int | None
        number_of_pages = self.number_of_pages

        quality: None | str
        if isinstance(self.quality, FaxLogQuality):
            quality = self.quality.value
        else:
            quality = self.quality

        charge_details = []
        for charge_details_item_data in self.charge_details:
            charge_details_item = charge_details_item_data.to_dict()
            charge_details.append(charge_details_item)

        created_at = self.created_at.isoformat()

        error_code: None | str
        error_code = self.error_code

        error_message: None | str
        error_message = self.error_message

        remote_station: None | str | Unset
        if isinstance(self.remote_station, Unset):
            remote_station = UNSET
        else:
            remote_station = self.remote_station

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from": from_,
                "to": to,
                "status": status,
                "direction": direction,
                "source": source,
                "type": type_,
                "url": url,
                "charge": charge,
                "number_of_pages": number_of_pages,
                "quality": quality,
                "charge_details": charge_details,
                "created_at": created_at,
                "error_code": error_code,
                "error_message": error_message,
            }
        )
        if remote_station is not UNSET:
            field_dict["remote_station"] = remote_station

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]
        if type(id) is not str:
            raise wrong_type("id", id, "a string")
        from_ = d["from"]
        if type(from_) is not str and from_ is not None:
            raise wrong_type("from", from_, "a string or null")

        to = d["to"]
        if type(to) is not str and to is not None:
            raise wrong_type("to", to, "a string or null")

        _status = d["status"]
        try:
            status = _FaxLogStatus_MEMBERS.get(_status, _status)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("status", _status, "a string") from None
        if status is _status and type(_status) is not str:
            raise wrong_type("status", _status, "a string")

        _direction = d["direction"]
        try:
            direction = _FaxLogDirection_MEMBERS.get(_direction, _direction)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("direction", _direction, "a string or null") from None
        if (
            direction is _direction
            and type(_direction) is not str
            and _direction is not None
        ):
            raise wrong_type("direction", _direction, "a string or null")

        _source = d["source"]
        try:
            source = _FaxLogSource_MEMBERS.get(_source, _source)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("source", _source, "a string") from None
        if source is _source and type(_source) is not str:
            raise wrong_type("source", _source, "a string")

        _type_ = d["type"]
        try:
            type_ = _FaxLogType_MEMBERS.get(_type_, _type_)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("type", _type_, "a string") from None
        if type_ is _type_ and type(_type_) is not str:
            raise wrong_type("type", _type_, "a string")

        url = d["url"]
        if type(url) is not str:
            raise wrong_type("url", url, "a string")
        charge = d["charge"]
        if (_t := type(charge)) is not float and _t is not int:
            raise wrong_type("charge", charge, "a number")
        number_of_pages = d["number_of_pages"]
        if type(number_of_pages) is not int and number_of_pages is not None:
            if type(number_of_pages) is float and number_of_pages.is_integer():
                number_of_pages = int(number_of_pages)
            else:
                raise wrong_type(
                    "number_of_pages", number_of_pages, "an integer or null"
                )

        _quality = d["quality"]
        try:
            quality = _FaxLogQuality_MEMBERS.get(_quality, _quality)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("quality", _quality, "a string or null") from None
        if quality is _quality and type(_quality) is not str and _quality is not None:
            raise wrong_type("quality", _quality, "a string or null")

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
        error_code = d["error_code"]
        if type(error_code) is not str and error_code is not None:
            raise wrong_type("error_code", error_code, "a string or null")

        error_message = d["error_message"]
        if type(error_message) is not str and error_message is not None:
            raise wrong_type("error_message", error_message, "a string or null")

        remote_station = d.get("remote_station", UNSET)
        if (
            type(remote_station) is not str
            and remote_station is not None
            and remote_station is not UNSET
        ):
            raise wrong_type("remote_station", remote_station, "a string or null")

        fax_log = cls.__new__(cls)
        fax_log._raw = d
        fax_log.id = id
        fax_log.from_ = from_
        fax_log.to = to
        fax_log.status = status
        fax_log.direction = direction
        fax_log.source = source
        fax_log.type_ = type_
        fax_log.url = url
        fax_log.charge = charge
        fax_log.number_of_pages = number_of_pages
        fax_log.quality = quality
        fax_log.created_at = created_at
        fax_log.error_code = error_code
        fax_log.error_message = error_message
        fax_log.remote_station = remote_station
        fax_log.additional_properties = (
            {}
            if d.keys() <= _FIELD_NAMES
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return fax_log

    @property
    def charge_decimal(self) -> Decimal:
        """``charge`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.charge, "FaxLog.charge")

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
