from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import wrong_type

T = TypeVar("T", bound="CxmlMessageSubresourceUris")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "media",
    }
)


@_attrs_define
class CxmlMessageSubresourceUris:
    """Where the message's subresources (its media) are."""

    media: str
    """ The media files of this message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media = self.media

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "media": media,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        media = d["media"]
        if type(media) is not str:
            raise wrong_type("media", media, "a string")
        cxml_message_subresource_uris = cls.__new__(cls)
        cxml_message_subresource_uris.media = media
        cxml_message_subresource_uris.additional_properties = (
            {}
            if len(d) == 1
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return cxml_message_subresource_uris

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
