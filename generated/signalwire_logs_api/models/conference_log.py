from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conference_log_type import ConferenceLogType
from ..types import UNSET, Unset, money, wrong_type

T = TypeVar("T", bound="ConferenceLog")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "id",
        "created_at",
        "type",
        "status",
        "project_id",
        "region",
        "name",
        "max_size",
        "current_participants",
        "updated_at",
        "recording_url",
        "recording_duration",
        "recording_file_size",
        "source",
        "url",
        "room_name",
        "locked",
        "started_at",
        "ended_at",
        "charge",
        "charge_details",
    }
)
#: Each enum's members by value, for from_dict.
_ConferenceLogType_MEMBERS = ConferenceLogType._value2member_map_

#: The keys every ConferenceChargeDetail in charge_details must have; the records themselves are built on first access.
_CHARGE_DETAILS_KEYS = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class ConferenceLog:
    """A conference log. cXML and Relay conferences have project_id, region, name, status, max_size, current_participants
    and updated_at (Relay ones the recording fields too); video room and conference sessions have source, url,
    room_name, status, locked, started_at, ended_at, charge and charge_details.

    """

    id: str
    """ A unique identifier for the conference. """
    created_at: datetime.datetime
    """ Date and time when the conference was created. """
    type_: ConferenceLogType | str
    """ The kind of conference. """
    status: None | str
    """ The status of the conference, e.g. in-progress or completed. """
    project_id: str | Unset = UNSET
    """ The project the conference belongs to. """
    region: str | Unset = UNSET
    """ The region where the conference was hosted. """
    name: None | str | Unset = UNSET
    """ The name of the conference. """
    max_size: int | None | Unset = UNSET
    """ The maximum number of participants. """
    current_participants: int | Unset = UNSET
    """ The current number of participants. """
    updated_at: datetime.datetime | Unset = UNSET
    """ Date and time when the conference was last updated. """
    recording_url: None | str | Unset = UNSET
    """ URL of the conference recording (Relay conferences). """
    recording_duration: int | None | Unset = UNSET
    """ Duration of the recording in seconds (Relay conferences). """
    recording_file_size: int | None | Unset = UNSET
    """ Size of the recording file in bytes (Relay conferences). """
    source: str | Unset = UNSET
    """ Source of the session (video sessions). """
    url: str | Unset = UNSET
    """ URL of the room session (video sessions). """
    room_name: None | str | Unset = UNSET
    """ The name of the room (video sessions). """
    locked: bool | Unset = UNSET
    """ Whether the room was locked (video sessions). """
    started_at: datetime.datetime | None | Unset = UNSET
    """ Date and time when the session started (video sessions). """
    ended_at: datetime.datetime | None | Unset = UNSET
    """ Date and time when the session ended (video sessions). """
    charge: str | Unset = UNSET
    """ The charge in dollars, as a decimal string (video sessions). """
    charge_details: list[ConferenceChargeDetail] | Unset = UNSET
    """ Details on charges associated with this session (video sessions). """
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

        type_: str
        if isinstance(self.type_, ConferenceLogType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        status: None | str
        status = self.status

        project_id = self.project_id

        region = self.region

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        max_size: int | None | Unset
        if isinstance(self.max_size, Unset):
            max_size = UNSET
        else:
            max_size = self.max_size

        current_participants = self.current_participants

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        recording_url: None | str | Unset
        if isinstance(self.recording_url, Unset):
            recording_url = UNSET
        else:
            recording_url = self.recording_url

        recording_duration: int | None | Unset
        if isinstance(self.recording_duration, Unset):
            recording_duration = UNSET
        else:
            recording_duration = self.recording_duration

        recording_file_size: int | None | Unset
        if isinstance(self.recording_file_size, Unset):
            recording_file_size = UNSET
        else:
            recording_file_size = self.recording_file_size

        source = self.source

        url = self.url

        room_name: None | str | Unset
        if isinstance(self.room_name, Unset):
            room_name = UNSET
        else:
            room_name = self.room_name

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "type": type_,
                "status": status,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if region is not UNSET:
            field_dict["region"] = region
        if name is not UNSET:
            field_dict["name"] = name
        if max_size is not UNSET:
            field_dict["max_size"] = max_size
        if current_participants is not UNSET:
            field_dict["current_participants"] = current_participants
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if recording_url is not UNSET:
            field_dict["recording_url"] = recording_url
        if recording_duration is not UNSET:
            field_dict["recording_duration"] = recording_duration
        if recording_file_size is not UNSET:
            field_dict["recording_file_size"] = recording_file_size
        if source is not UNSET:
            field_dict["source"] = source
        if url is not UNSET:
            field_dict["url"] = url
        if room_name is not UNSET:
            field_dict["room_name"] = room_name
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
        _type_ = d["type"]
        try:
            type_ = _ConferenceLogType_MEMBERS.get(_type_, _type_)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("type", _type_, "a string") from None
        if type_ is _type_ and type(_type_) is not str:
            raise wrong_type("type", _type_, "a string")

        status = d["status"]
        if type(status) is not str and status is not None:
            raise wrong_type("status", status, "a string or null")

        project_id = d.get("project_id", UNSET)
        if type(project_id) is not str and project_id is not UNSET:
            raise wrong_type("project_id", project_id, "a string")
        region = d.get("region", UNSET)
        if type(region) is not str and region is not UNSET:
            raise wrong_type("region", region, "a string")
        name = d.get("name", UNSET)
        if type(name) is not str and name is not None and name is not UNSET:
            raise wrong_type("name", name, "a string or null")

        max_size = d.get("max_size", UNSET)
        if type(max_size) is not int and max_size is not None and max_size is not UNSET:
            if type(max_size) is float and max_size.is_integer():
                max_size = int(max_size)
            else:
                raise wrong_type("max_size", max_size, "an integer or null")

        current_participants = d.get("current_participants", UNSET)
        if type(current_participants) is not int and current_participants is not UNSET:
            if (
                type(current_participants) is float
                and current_participants.is_integer()
            ):
                current_participants = int(current_participants)
            else:
                raise wrong_type(
                    "current_participants", current_participants, "an integer"
                )
        try:
            _updated_at = d.get("updated_at", UNSET)
            updated_at: datetime.datetime | Unset
            if isinstance(_updated_at, Unset):
                updated_at = UNSET
            else:
                updated_at = datetime.datetime.fromisoformat(_updated_at)

        except TypeError:
            raise wrong_type("updated_at", d.get("updated_at"), "a string") from None
        except ValueError as err:
            raise ValueError(f"updated_at: {err}") from None
        recording_url = d.get("recording_url", UNSET)
        if (
            type(recording_url) is not str
            and recording_url is not None
            and recording_url is not UNSET
        ):
            raise wrong_type("recording_url", recording_url, "a string or null")

        recording_duration = d.get("recording_duration", UNSET)
        if (
            type(recording_duration) is not int
            and recording_duration is not None
            and recording_duration is not UNSET
        ):
            if type(recording_duration) is float and recording_duration.is_integer():
                recording_duration = int(recording_duration)
            else:
                raise wrong_type(
                    "recording_duration", recording_duration, "an integer or null"
                )

        recording_file_size = d.get("recording_file_size", UNSET)
        if (
            type(recording_file_size) is not int
            and recording_file_size is not None
            and recording_file_size is not UNSET
        ):
            if type(recording_file_size) is float and recording_file_size.is_integer():
                recording_file_size = int(recording_file_size)
            else:
                raise wrong_type(
                    "recording_file_size", recording_file_size, "an integer or null"
                )

        source = d.get("source", UNSET)
        if type(source) is not str and source is not UNSET:
            raise wrong_type("source", source, "a string")
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
        if type(charge) is not str and charge is not UNSET:
            raise wrong_type("charge", charge, "a string")
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
            if type(_value) is not str:
                raise wrong_type("charge_details[].charge", _value, "a string")

        conference_log = cls.__new__(cls)
        conference_log._raw = d
        conference_log.id = id
        conference_log.created_at = created_at
        conference_log.type_ = type_
        conference_log.status = status
        conference_log.project_id = project_id
        conference_log.region = region
        conference_log.name = name
        conference_log.max_size = max_size
        conference_log.current_participants = current_participants
        conference_log.updated_at = updated_at
        conference_log.recording_url = recording_url
        conference_log.recording_duration = recording_duration
        conference_log.recording_file_size = recording_file_size
        conference_log.source = source
        conference_log.url = url
        conference_log.room_name = room_name
        conference_log.locked = locked
        conference_log.started_at = started_at
        conference_log.ended_at = ended_at
        conference_log.charge = charge
        conference_log.additional_properties = (
            {}
            if d.keys() <= _FIELD_NAMES
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return conference_log

    @property
    def charge_decimal(self) -> Decimal | Unset:
        """``charge`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.charge, "ConferenceLog.charge")

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


def _build_charge_details(d: Mapping[str, Any]) -> list[ConferenceChargeDetail] | Unset:
    _charge_details = d.get("charge_details", UNSET)
    charge_details: list[ConferenceChargeDetail] | Unset = UNSET
    if _charge_details is not UNSET:
        charge_details = []
        for charge_details_item_data in _charge_details:
            charge_details_item = ConferenceChargeDetail.from_dict(
                charge_details_item_data
            )

            charge_details.append(charge_details_item)

    return charge_details


_DEFERRED = {
    "charge_details": _build_charge_details,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.conference_charge_detail import ConferenceChargeDetail
