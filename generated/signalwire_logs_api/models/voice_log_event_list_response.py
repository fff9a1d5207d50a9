from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VoiceLogEventListResponse")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "data",
    }
)


@_attrs_define
class VoiceLogEventListResponse:
    """The events of one voice log, all of them (this list is not paged)."""

    data: list[VoiceLogEvent]
    """ The events, in the order they occurred. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        _sent = d["data"]

        data = []
        _data = _sent
        for data_item_data in _data:
            data_item = VoiceLogEvent.from_dict(data_item_data)

            data.append(data_item)

        voice_log_event_list_response = cls.__new__(cls)
        voice_log_event_list_response.data = data
        voice_log_event_list_response.additional_properties = (
            {}
            if len(d) == 1
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return voice_log_event_list_response

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


# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.voice_log_event import VoiceLogEvent
