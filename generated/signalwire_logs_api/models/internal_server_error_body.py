from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.internal_server_error_body_error import InternalServerErrorBodyError
from ..types import wrong_type

T = TypeVar("T", bound="InternalServerErrorBody")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "error",
    }
)
#: Each enum's members by value, for from_dict.
_InternalServerErrorBodyError_MEMBERS = InternalServerErrorBodyError._value2member_map_


@_attrs_define
class InternalServerErrorBody:
    """An internal server error occurred."""

    error: InternalServerErrorBodyError | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: str
        if isinstance(self.error, InternalServerErrorBodyError):
            error = self.error.value
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        _error = d["error"]
        try:
            error = _InternalServerErrorBodyError_MEMBERS.get(_error, _error)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("error", _error, "a string") from None
        if error is _error and type(_error) is not str:
            raise wrong_type("error", _error, "a string")

        internal_server_error_body = cls.__new__(cls)
        internal_server_error_body.error = error
        internal_server_error_body.additional_properties = (
            {}
            if len(d) == 1
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return internal_server_error_body

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
