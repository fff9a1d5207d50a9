from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ValidationErrorItem")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "type",
        "code",
        "message",
        "url",
        "attribute",
    }
)
_REQUIRED_NAMES = frozenset(
    {
        "type",
        "code",
        "message",
        "url",
    }
)


@_attrs_define
class ValidationErrorItem:
    """Details about a specific error."""

    type_: str
    """ The category of error. """
    code: str
    """ A specific error code. """
    message: str
    """ A description of what caused the error. """
    url: str
    """ A link to documentation about this error. """
    attribute: None | str | Unset = UNSET
    """ The request parameter that caused the error, if applicable. """
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
        type_ = self.type_

        code = self.code

        message = self.message

        url = self.url

        attribute: None | str | Unset
        if isinstance(self.attribute, Unset):
            attribute = UNSET
        else:
            attribute = self.attribute

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "message": message,
                "url": url,
            }
        )
        if attribute is not UNSET:
            field_dict["attribute"] = attribute

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        if not d.keys() >= _REQUIRED_NAMES:
            raise KeyError(f"missing {sorted(_REQUIRED_NAMES - d.keys())}")
        validation_error_item = cls.__new__(cls)
        validation_error_item._raw = d
        return validation_error_item

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


def _parse_type_(d: Mapping[str, Any]) -> str:
    type_ = d["type"]
    return type_


def _parse_code(d: Mapping[str, Any]) -> str:
    code = d["code"]
    return code


def _parse_message(d: Mapping[str, Any]) -> str:
    message = d["message"]
    return message


def _parse_url(d: Mapping[str, Any]) -> str:
    url = d["url"]
    return url


def _parse_attribute(d: Mapping[str, Any]) -> None | str | Unset:
    attribute = d.get("attribute", UNSET)

    return attribute


def _parse_additional_properties(d: Mapping[str, Any]) -> dict[str, Any]:
    if d.keys() <= _FIELD_NAMES:
        return {}
    return {key: value for key, value in d.items() if key not in _FIELD_NAMES}


_LAZY = {
    "type_": _parse_type_,
    "code": _parse_code,
    "message": _parse_message,
    "url": _parse_url,
    "attribute": _parse_attribute,
    "additional_properties": _parse_additional_properties,
}
