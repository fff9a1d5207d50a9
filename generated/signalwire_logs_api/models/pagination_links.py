from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaginationLinks")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "self",
        "first",
        "next",
        "prev",
    }
)


@_attrs_define
class PaginationLinks:
    """Links to the pages around this one; `next` is absent on the last page."""

    self_: str
    """ This page. """
    first: str
    """ The first page. """
    next_: str | Unset = UNSET
    """ The next page, present only when more results are available. """
    prev: str | Unset = UNSET
    """ The previous page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        self_ = self.self_

        first = self.first

        next_ = self.next_

        prev = self.prev

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "self": self_,
                "first": first,
            }
        )
        if next_ is not UNSET:
            field_dict["next"] = next_
        if prev is not UNSET:
            field_dict["prev"] = prev

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        self_ = d["self"]

        first = d["first"]

        next_ = d.get("next", UNSET)

        prev = d.get("prev", UNSET)

        pagination_links = cls.__new__(cls)
        pagination_links.self_ = self_
        pagination_links.first = first
        pagination_links.next_ = next_
        pagination_links.prev = prev
        pagination_links.additional_properties = (
            {}
            if d.keys() <= _FIELD_NAMES
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return pagination_links

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
