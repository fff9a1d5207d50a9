from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import money, wrong_type

T = TypeVar("T", bound="ConferenceChargeDetail")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "description",
        "charge",
    }
)


@_attrs_define
class ConferenceChargeDetail:
    """A charge of a conference; the amount is a decimal string here."""

    description: str
    """ Description for this charge. """
    charge: str
    """ Charge amount in dollars, as a decimal string ("0.50"). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        description = d["description"]
        if type(description) is not str:
            raise wrong_type("description", description, "a string")
        charge = d["charge"]
        if type(charge) is not str:
            raise wrong_type("charge", charge, "a string")
        conference_charge_detail = cls.__new__(cls)
        conference_charge_detail.description = description
        conference_charge_detail.charge = charge
        conference_charge_detail.additional_properties = (
            {}
            if len(d) == 2
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return conference_charge_detail

    @property
    def charge_decimal(self) -> Decimal:
        """``charge`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.charge, "ConferenceChargeDetail.charge")

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
