from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, wrong_type

T = TypeVar("T", bound="ValidationErrors")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "errors",
    }
)

#: The keys every ValidationErrorItem in errors must have; the records themselves are built on first access.
_ERRORS_KEYS = frozenset(
    {
        "type",
        "code",
        "message",
        "url",
    }
)


@_attrs_define
class ValidationErrors:
    """The request contains invalid parameters. See errors for details."""

    errors: list[ValidationErrorItem]
    """ List of validation errors. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _raw: Mapping[str, Any] | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )

    if (
        not TYPE_CHECKING
    ):  # a detail of deferred parsing: type checkers see the declared fields

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute that is not set: on an instance made by from_dict,
            # a nested record not built yet. It is built now, from the JSON kept in _raw, once.
            parse = _DEFERRED.get(name)
            raw = self._raw if parse is not None else None
            if raw is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}"
                )
            value = parse(raw)
            setattr(self, name, value)
            return value

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
        _sent = d["errors"]
        if type(_sent) is not list:
            raise wrong_type("errors", _sent, "an array")
        for _item in _sent:
            if type(_item) is not dict:
                raise wrong_type("errors[]", _item, "an object")
            if not _item.keys() >= _ERRORS_KEYS:
                raise KeyError(f"errors: missing {sorted(_ERRORS_KEYS - _item.keys())}")
            _value = _item["type"]
            if type(_value) is not str:
                raise wrong_type("errors[].type", _value, "a string")
            _value = _item["code"]
            if type(_value) is not str:
                raise wrong_type("errors[].code", _value, "a string")
            _value = _item["message"]
            if type(_value) is not str:
                raise wrong_type("errors[].message", _value, "a string")
            _value = _item["url"]
            if type(_value) is not str:
                raise wrong_type("errors[].url", _value, "a string")
            _value = _item.get("attribute", UNSET)
            if type(_value) is not str and _value is not None and _value is not UNSET:
                raise wrong_type("errors[].attribute", _value, "a string or null")

        validation_errors = cls.__new__(cls)
        validation_errors._raw = d
        validation_errors.additional_properties = (
            {}
            if len(d) == 1
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
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


def _build_errors(d: Mapping[str, Any]) -> list[ValidationErrorItem]:
    errors = []
    _errors = d["errors"]
    for errors_item_data in _errors:
        errors_item = ValidationErrorItem.from_dict(errors_item_data)

        errors.append(errors_item)

    return errors


_DEFERRED = {
    "errors": _build_errors,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.validation_error_item import ValidationErrorItem
