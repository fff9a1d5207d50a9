from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

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
_REQUIRED_NAMES = frozenset(
    {
        "self",
        "first",
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
        if not d.keys() >= _REQUIRED_NAMES:
            raise KeyError(f"missing {sorted(_REQUIRED_NAMES - d.keys())}")
        pagination_links = cls.__new__(cls)
        pagination_links._raw = d
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


def _parse_self_(d: Mapping[str, Any]) -> str:
    self_ = d["self"]
    return self_


def _parse_first(d: Mapping[str, Any]) -> str:
    first = d["first"]
    return first


def _parse_next_(d: Mapping[str, Any]) -> str | Unset:
    next_ = d.get("next", UNSET)
    return next_


def _parse_prev(d: Mapping[str, Any]) -> str | Unset:
    prev = d.get("prev", UNSET)
    return prev


def _parse_additional_properties(d: Mapping[str, Any]) -> dict[str, Any]:
    if d.keys() <= _FIELD_NAMES:
        return {}
    return {key: value for key, value in d.items() if key not in _FIELD_NAMES}


_LAZY = {
    "self_": _parse_self_,
    "first": _parse_first,
    "next_": _parse_next_,
    "prev": _parse_prev,
    "additional_properties": _parse_additional_properties,
}
