from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.conference_log_type import ConferenceLogType
from ..types import UNSET, Unset, money

T = TypeVar("T", bound="ConferenceLog")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "id",
        "created_at",
        "type",
        "project_id",
        "region",
        "name",
        "status",
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
    project_id: str | Unset = UNSET
    """ The project the conference belongs to. """
    region: str | Unset = UNSET
    """ The region where the conference was hosted. """
    name: None | str | Unset = UNSET
    """ The name of the conference. """
    status: None | str | Unset = UNSET
    """ The status of the conference, e.g. in-progress or completed. """
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

        project_id = self.project_id

        region = self.region

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

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
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if region is not UNSET:
            field_dict["region"] = region
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
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
        created_at = datetime.datetime.fromisoformat(d["created_at"])

        type_ = d["type"]
        type_ = _ConferenceLogType_MEMBERS.get(type_, type_)

        project_id = d.get("project_id", UNSET)
        region = d.get("region", UNSET)
        name = d.get("name", UNSET)

        status = d.get("status", UNSET)

        max_size = d.get("max_size", UNSET)

        current_participants = d.get("current_participants", UNSET)
        _updated_at = d.get("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        recording_url = d.get("recording_url", UNSET)

        recording_duration = d.get("recording_duration", UNSET)

        recording_file_size = d.get("recording_file_size", UNSET)

        source = d.get("source", UNSET)
        url = d.get("url", UNSET)
        room_name = d.get("room_name", UNSET)

        locked = d.get("locked", UNSET)
        started_at = d.get("started_at", UNSET)
        if isinstance(started_at, str):
            started_at = datetime.datetime.fromisoformat(started_at)

        ended_at = d.get("ended_at", UNSET)
        if isinstance(ended_at, str):
            ended_at = datetime.datetime.fromisoformat(ended_at)

        charge = d.get("charge", UNSET)
        money(charge)
        for _item in d.get("charge_details", ()):
            if not _item.keys() >= _CHARGE_DETAILS_KEYS:
                raise KeyError(
                    f"charge_details: missing {sorted(_CHARGE_DETAILS_KEYS - _item.keys())}"
                )
        conference_log = cls.__new__(cls)
        conference_log._raw = d
        conference_log.id = id
        conference_log.created_at = created_at
        conference_log.type_ = type_
        conference_log.project_id = project_id
        conference_log.region = region
        conference_log.name = name
        conference_log.status = status
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
