from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CxmlMessageSubresourceUris")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "media",
    }
)
_REQUIRED_NAMES = frozenset({})


@_attrs_define
class CxmlMessageSubresourceUris:
    """The URIs for any subresources associated with this message."""

    media: str | Unset = UNSET
    """ The media files of this message. """
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)
    _raw: Mapping[str, Any] | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )

    if (
        not TYPE_CHECKING
    ):  # a lazy-parsing detail: type checkers see the declared fields only

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute that is not set: on an instance made by from_dict,
            # a field not parsed yet. It is parsed now, from the JSON kept in _raw, once.
            parse = _LAZY.get(name)
            raw = self._raw if parse is not None else None
            if raw is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}"
                )
            value = parse(raw)
            setattr(self, name, value)
            return value

    def to_dict(self) -> dict[str, Any]:
        media = self.media

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if media is not UNSET:
            field_dict["media"] = media

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        cxml_message_subresource_uris = cls.__new__(cls)
        cxml_message_subresource_uris._raw = d
        return cxml_message_subresource_uris

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _parse_media(d: Mapping[str, Any]) -> str | Unset:
    media = d.get("media", UNSET)
    return media


def _parse_additional_properties(d: Mapping[str, Any]) -> dict[str, Any]:
    if d.keys() <= _FIELD_NAMES:
        return {}
    return {key: value for key, value in d.items() if key not in _FIELD_NAMES}


_LAZY = {
    "media": _parse_media,
    "additional_properties": _parse_additional_properties,
}
