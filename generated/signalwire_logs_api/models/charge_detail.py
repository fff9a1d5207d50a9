from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChargeDetail")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "description",
        "charge",
    }
)
_REQUIRED_NAMES = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class ChargeDetail:
    """Details on charges associated with this log."""

    description: str
    """ Description for this charge. """
    charge: float
    """ Charged amount. """
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
        description = self.description

        charge = self.charge

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "charge": charge,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        if not d.keys() >= _REQUIRED_NAMES:
            raise KeyError(f"missing {sorted(_REQUIRED_NAMES - d.keys())}")
        charge_detail = cls.__new__(cls)
        charge_detail._raw = d
        return charge_detail

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


def _parse_description(d: Mapping[str, Any]) -> str:
    description = d["description"]
    return description


def _parse_charge(d: Mapping[str, Any]) -> float:
    charge = d["charge"]
    return charge


def _parse_additional_properties(d: Mapping[str, Any]) -> dict[str, Any]:
    if len(d) == 2:  # all fields are required: no extras
        return {}
    return {key: value for key, value in d.items() if key not in _FIELD_NAMES}


_LAZY = {
    "description": _parse_description,
    "charge": _parse_charge,
    "additional_properties": _parse_additional_properties,
}
