from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ValidationErrors")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "errors",
    }
)


@_attrs_define
class ValidationErrors:
    """The request contains invalid parameters. See errors for details."""

    errors: list[ValidationErrorItem]
    """ List of validation errors. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        errors = []
        _errors = d["errors"]
        for errors_item_data in _errors:
            errors_item = ValidationErrorItem.from_dict(errors_item_data)

            errors.append(errors_item)

        validation_errors = cls(
            errors=errors,
        )

        if len(d) == 1:  # every field was read: no extras
            validation_errors.additional_properties = {}
        else:
            validation_errors.additional_properties = {
                key: value for key, value in d.items() if key not in _FIELD_NAMES
            }
        return validation_errors

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
from ..models.validation_error_item import ValidationErrorItem
