from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FaxLogListResponse")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "links",
        "data",
    }
)

#: The keys every PaginationLinks in links must have; the records themselves are built on first access.
_LINKS_KEYS = frozenset(
    {
        "self",
        "first",
    }
)


@_attrs_define
class FaxLogListResponse:
    """One page of fax logs (seed 003)."""

    links: PaginationLinks
    """ Links to the pages around this one; `next` is absent on the last page. """
    data: list[FaxLog]
    """ The fax logs of this page. """
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
        links = self.links.to_dict()

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "links": links,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        _sent = d["links"]

        _item = _sent
        if not _item.keys() >= _LINKS_KEYS:
            raise KeyError(f"links: missing {sorted(_LINKS_KEYS - _item.keys())}")

        _sent = d["data"]

        data = []
        _data = _sent
        for data_item_data in _data:
            data_item = FaxLog.from_dict(data_item_data)

            data.append(data_item)

        fax_log_list_response = cls.__new__(cls)
        fax_log_list_response._raw = d
        fax_log_list_response.data = data
        fax_log_list_response.additional_properties = (
            {}
            if len(d) == 2
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return fax_log_list_response

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


def _build_links(d: Mapping[str, Any]) -> PaginationLinks:
    links = PaginationLinks.from_dict(d["links"])

    return links


_DEFERRED = {
    "links": _build_links,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.fax_log import FaxLog
from ..models.pagination_links import PaginationLinks
