from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import wrong_type

T = TypeVar("T", bound="CxmlError")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "code",
        "message",
        "more_info",
        "status",
    }
)


@_attrs_define
class CxmlError:
    """An error of the cXML (compatibility) API. `code` is an integer in the reference and a string in some answers, so
    both are accepted.

    """

    code: int | str
    """ Error code, e.g. 20003. """
    message: str
    """ Error message. """
    more_info: str
    """ URL for more information about the error. """
    status: int
    """ HTTP status code. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int | str
        code = self.code

        message = self.message

        more_info = self.more_info

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
                "more_info": more_info,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        code = d["code"]
        if (_t := type(code)) is not int and _t is not str:
            if type(code) is float and code.is_integer():
                code = int(code)
            else:
                raise wrong_type("code", code, "an integer or a string")

        message = d["message"]
        if type(message) is not str:
            raise wrong_type("message", message, "a string")
        more_info = d["more_info"]
        if type(more_info) is not str:
            raise wrong_type("more_info", more_info, "a string")
        status = d["status"]
        if type(status) is not int:
            if type(status) is float and status.is_integer():
                status = int(status)
            else:
                raise wrong_type("status", status, "an integer")
        cxml_error = cls.__new__(cls)
        cxml_error.code = code
        cxml_error.message = message
        cxml_error.more_info = more_info
        cxml_error.status = status
        cxml_error.additional_properties = (
            {}
            if len(d) == 4
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return cxml_error

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
