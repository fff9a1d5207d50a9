from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MessageLogListResponse")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "links",
        "data",
    }
)


@_attrs_define
class MessageLogListResponse:
    """One page of message logs."""

    links: PaginationLinks
    """ Links to the pages around this one; `next` is absent on the last page. """
    data: list[MessageLog]
    """ The message logs of this page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        links = self.links.to_dict()

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "links": links,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        links = PaginationLinks.from_dict(d["links"])

        data = []
        _data = d["data"]
        for data_item_data in _data:
            data_item = MessageLog.from_dict(data_item_data)

            data.append(data_item)

        message_log_list_response = cls(
            links=links,
            data=data,
        )

        if len(d) == 2:  # every field was read: no extras
            message_log_list_response.additional_properties = {}
        else:
            message_log_list_response.additional_properties = {
                key: value for key, value in d.items() if key not in _FIELD_NAMES
            }
        return message_log_list_response

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
from ..models.message_log import MessageLog
from ..models.pagination_links import PaginationLinks
