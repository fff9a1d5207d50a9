from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CxmlMessageListResponse")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "uri",
        "first_page_uri",
        "next_page_uri",
        "previous_page_uri",
        "page",
        "page_size",
        "messages",
    }
)


@_attrs_define
class CxmlMessageListResponse:
    """One page of cXML messages. The *_uri fields are paths relative to the Space; follow next_page_uri as sent (it
    carries the PageToken cursor) until it is null.

    """

    uri: str
    """ The URI of the current page. """
    first_page_uri: str
    """ The URI of the first page. """
    next_page_uri: None | str
    """ The next page's path; null on the last page. """
    previous_page_uri: None | str
    """ The previous page's path; null on the first page. """
    page: int
    """ The current page number (zero-based). """
    page_size: int
    """ The number of items per page. """
    messages: list[CxmlMessage]
    """ The messages of this page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uri = self.uri

        first_page_uri = self.first_page_uri

        next_page_uri: None | str
        next_page_uri = self.next_page_uri

        previous_page_uri: None | str
        previous_page_uri = self.previous_page_uri

        page = self.page

        page_size = self.page_size

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uri": uri,
                "first_page_uri": first_page_uri,
                "next_page_uri": next_page_uri,
                "previous_page_uri": previous_page_uri,
                "page": page,
                "page_size": page_size,
                "messages": messages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        uri = d["uri"]

        first_page_uri = d["first_page_uri"]

        next_page_uri = d["next_page_uri"]

        previous_page_uri = d["previous_page_uri"]

        page = d["page"]

        page_size = d["page_size"]

        _sent = d["messages"]

        messages = []
        _messages = _sent
        for messages_item_data in _messages:
            messages_item = CxmlMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        cxml_message_list_response = cls.__new__(cls)
        cxml_message_list_response.uri = uri
        cxml_message_list_response.first_page_uri = first_page_uri
        cxml_message_list_response.next_page_uri = next_page_uri
        cxml_message_list_response.previous_page_uri = previous_page_uri
        cxml_message_list_response.page = page
        cxml_message_list_response.page_size = page_size
        cxml_message_list_response.messages = messages
        cxml_message_list_response.additional_properties = (
            {}
            if len(d) == 7
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return cxml_message_list_response

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
from ..models.cxml_message import CxmlMessage
