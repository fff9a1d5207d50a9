from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, wrong_type

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
    """ The parameter at fault, when there is one. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        type_ = d["type"]
        if type(type_) is not str:
            raise wrong_type("type", type_, "a string")
        code = d["code"]
        if type(code) is not str:
            raise wrong_type("code", code, "a string")
        message = d["message"]
        if type(message) is not str:
            raise wrong_type("message", message, "a string")
        url = d["url"]
        if type(url) is not str:
            raise wrong_type("url", url, "a string")
        attribute = d.get("attribute", UNSET)
        if (
            type(attribute) is not str
            and attribute is not None
            and attribute is not UNSET
        ):
            raise wrong_type("attribute", attribute, "a string or null")

        validation_error_item = cls.__new__(cls)
        validation_error_item.type_ = type_
        validation_error_item.code = code
        validation_error_item.message = message
        validation_error_item.url = url
        validation_error_item.attribute = attribute
        validation_error_item.additional_properties = (
            {}
            if d.keys() <= _FIELD_NAMES
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
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
