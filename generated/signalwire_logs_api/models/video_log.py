from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.video_log_source import VideoLogSource
from ..models.video_log_status import VideoLogStatus
from ..models.video_log_type import VideoLogType
from ..types import UNSET, Unset, money, wrong_type

T = TypeVar("T", bound="VideoLog")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "id",
        "created_at",
        "source",
        "type",
        "url",
        "room_name",
        "status",
        "locked",
        "started_at",
        "ended_at",
        "charge",
        "charge_details",
        "discarded_at",
    }
)
#: Each enum's members by value, for from_dict.
_VideoLogSource_MEMBERS = VideoLogSource._value2member_map_
_VideoLogStatus_MEMBERS = VideoLogStatus._value2member_map_
_VideoLogType_MEMBERS = VideoLogType._value2member_map_

#: The keys every ChargeDetail in charge_details must have; the records themselves are built on first access.
_CHARGE_DETAILS_KEYS = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class VideoLog:
    """A video log: a room or conference session. A deleted log (include_deleted) has only id, discarded_at and created_at."""

    id: str
    """ A unique identifier for the log. """
    created_at: datetime.datetime
    """ Date and time when the log was created. """
    source: str | Unset | VideoLogSource = UNSET
    """ Source of this log entry. """
    type_: str | Unset | VideoLogType = UNSET
    """ Which kind of video session the log is about. """
    url: str | Unset = UNSET
    """ URL of the room session. """
    room_name: None | str | Unset = UNSET
    """ The name of the room. """
    status: None | str | Unset | VideoLogStatus = UNSET
    """ Status of the room session. """
    locked: bool | Unset = UNSET
    """ Whether the room was locked. """
    started_at: datetime.datetime | None | Unset = UNSET
    """ Date and time when the session started. """
    ended_at: datetime.datetime | None | Unset = UNSET
    """ Date and time when the session ended. """
    charge: float | Unset = UNSET
    """ The charge in dollars. """
    charge_details: list[ChargeDetail] | Unset = UNSET
    """ Details on charges associated with this log. """
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

        source: str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, VideoLogSource):
            source = self.source.value
        else:
            source = self.source

        type_: str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, VideoLogType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        url = self.url

        room_name: None | str | Unset
        if isinstance(self.room_name, Unset):
            room_name = UNSET
        else:
            room_name = self.room_name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, VideoLogStatus):
            status = self.status.value
        else:
            status = self.status

        locked = self.locked

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        elif isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        charge = self.charge

        charge_details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.charge_details, Unset):
            charge_details = []
            for charge_details_item_data in self.charge_details:
                charge_details_item = charge_details_item_data.to_dict()
                charge_details.append(charge_details_item)

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
        if source is not UNSET:
            field_dict["source"] = source
        if type_ is not UNSET:
            field_dict["type"] = type_
        if url is not UNSET:
            field_dict["url"] = url
        if room_name is not UNSET:
            field_dict["room_name"] = room_name
        if status is not UNSET:
            field_dict["status"] = status
        if locked is not UNSET:
            field_dict["locked"] = locked
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if charge is not UNSET:
            field_dict["charge"] = charge
        if charge_details is not UNSET:
            field_dict["charge_details"] = charge_details
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
        _source = d.get("source", UNSET)
        try:
            source = _VideoLogSource_MEMBERS.get(_source, _source)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("source", _source, "a string") from None
        if source is _source and type(_source) is not str and _source is not UNSET:
            raise wrong_type("source", _source, "a string")

        _type_ = d.get("type", UNSET)
        try:
            type_ = _VideoLogType_MEMBERS.get(_type_, _type_)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("type", _type_, "a string") from None
        if type_ is _type_ and type(_type_) is not str and _type_ is not UNSET:
            raise wrong_type("type", _type_, "a string")

        url = d.get("url", UNSET)
        if type(url) is not str and url is not UNSET:
            raise wrong_type("url", url, "a string")
        room_name = d.get("room_name", UNSET)
        if (
            type(room_name) is not str
            and room_name is not None
            and room_name is not UNSET
        ):
            raise wrong_type("room_name", room_name, "a string or null")

        _status = d.get("status", UNSET)
        try:
            status = _VideoLogStatus_MEMBERS.get(_status, _status)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("status", _status, "a string or null") from None
        if (
            status is _status
            and type(_status) is not str
            and _status is not None
            and _status is not UNSET
        ):
            raise wrong_type("status", _status, "a string or null")

        locked = d.get("locked", UNSET)
        if type(locked) is not bool and locked is not UNSET:
            raise wrong_type("locked", locked, "a boolean")
        started_at = d.get("started_at", UNSET)
        if isinstance(started_at, str):
            try:
                started_at = datetime.datetime.fromisoformat(started_at)
            except ValueError as err:
                raise ValueError(f"started_at: {err}") from None
        elif started_at is not None and started_at is not UNSET:
            raise wrong_type("started_at", started_at, "a string or null")

        ended_at = d.get("ended_at", UNSET)
        if isinstance(ended_at, str):
            try:
                ended_at = datetime.datetime.fromisoformat(ended_at)
            except ValueError as err:
                raise ValueError(f"ended_at: {err}") from None
        elif ended_at is not None and ended_at is not UNSET:
            raise wrong_type("ended_at", ended_at, "a string or null")

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
        video_log = cls.__new__(cls)
        video_log._raw = d
        video_log.id = id
        video_log.created_at = created_at
        video_log.source = source
        video_log.type_ = type_
        video_log.url = url
        video_log.room_name = room_name
        video_log.status = status
        video_log.locked = locked
        video_log.started_at = started_at
        video_log.ended_at = ended_at
        video_log.charge = charge
        video_log.discarded_at = discarded_at
        video_log.additional_properties = (
            {}
            if d.keys() <= _FIELD_NAMES
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return video_log

    @property
    def charge_decimal(self) -> Decimal | Unset:
        """``charge`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.charge, "VideoLog.charge")

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
