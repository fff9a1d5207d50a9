from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_log_direction import MessageLogDirection
from ..models.message_log_kind import MessageLogKind
from ..models.message_log_source import MessageLogSource
from ..models.message_log_status import MessageLogStatus
from ..models.message_log_type import MessageLogType

if TYPE_CHECKING:
    from ..models.charge_detail import ChargeDetail


T = TypeVar("T", bound="MessageLog")


@_attrs_define
class MessageLog:
    """Response model for message log retrieve endpoint"""

    id: str
    """ A unique identifier for the log. """
    from_: str
    """ The origin phone number. """
    to: str
    """ The destination phone number. """
    status: MessageLogStatus | str
    """ The status of the message. """
    direction: MessageLogDirection | str
    """ The direction of the message. """
    kind: MessageLogKind | str
    """ The kind of message. """
    source: MessageLogSource | str
    """ Source of this log entry. """
    type_: MessageLogType | str
    """ Type of this log entry. """
    url: None | str
    """ URL for the resource associated with this log entry. Null for Relay messages. """
    number_of_segments: int
    """ The number of segments. """
    charge: float
    """ The charge in dollars. """
    charge_details: list[ChargeDetail]
    """ Details on charges associated with this log. """
    created_at: datetime.datetime
    """ Date and time when the message entry was created. """
    error_message: None | str
    """ Description of the error when the message failed. Null when the message did not fail. LaML messages use the
    codes documented at https://signalwire.com/docs/compatibility-api/rest/error-codes. """
    error_code: None | str
    """ Error code identifying why the message failed. Null when the message did not fail. Some Relay messages may
    have an error_message without an error_code. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        from_ = self.from_

        to = self.to

        status: str
        if isinstance(self.status, MessageLogStatus):
            status = self.status.value
        else:
            status = self.status

        direction: str
        if isinstance(self.direction, MessageLogDirection):
            direction = self.direction.value
        else:
            direction = self.direction

        kind: str
        if isinstance(self.kind, MessageLogKind):
            kind = self.kind.value
        else:
            kind = self.kind

        source: str
        if isinstance(self.source, MessageLogSource):
            source = self.source.value
        else:
            source = self.source

        type_: str
        if isinstance(self.type_, MessageLogType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        url: None | str
        url = self.url

        number_of_segments = self.number_of_segments

        charge = self.charge

        charge_details = []
        for charge_details_item_data in self.charge_details:
            charge_details_item = charge_details_item_data.to_dict()
            charge_details.append(charge_details_item)

        created_at = self.created_at.isoformat()

        error_message: None | str
        error_message = self.error_message

        error_code: None | str
        error_code = self.error_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "from": from_,
                "to": to,
                "status": status,
                "direction": direction,
                "kind": kind,
                "source": source,
                "type": type_,
                "url": url,
                "number_of_segments": number_of_segments,
                "charge": charge,
                "charge_details": charge_details,
                "created_at": created_at,
                "error_message": error_message,
                "error_code": error_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.charge_detail import ChargeDetail

        d = dict(src_dict)
        id = d.pop("id")

        from_ = d.pop("from")

        to = d.pop("to")

        def _parse_status(data: object) -> MessageLogStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = MessageLogStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageLogStatus | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_direction(data: object) -> MessageLogDirection | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_0 = MessageLogDirection(data)

                return direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageLogDirection | str, data)

        direction = _parse_direction(d.pop("direction"))

        def _parse_kind(data: object) -> MessageLogKind | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = MessageLogKind(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageLogKind | str, data)

        kind = _parse_kind(d.pop("kind"))

        def _parse_source(data: object) -> MessageLogSource | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = MessageLogSource(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageLogSource | str, data)

        source = _parse_source(d.pop("source"))

        def _parse_type_(data: object) -> MessageLogType | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = MessageLogType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MessageLogType | str, data)

        type_ = _parse_type_(d.pop("type"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        number_of_segments = d.pop("number_of_segments")

        charge = d.pop("charge")

        charge_details = []
        _charge_details = d.pop("charge_details")
        for charge_details_item_data in _charge_details:
            charge_details_item = ChargeDetail.from_dict(charge_details_item_data)

            charge_details.append(charge_details_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_message = _parse_error_message(d.pop("error_message"))

        def _parse_error_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_code = _parse_error_code(d.pop("error_code"))

        message_log = cls(
            id=id,
            from_=from_,
            to=to,
            status=status,
            direction=direction,
            kind=kind,
            source=source,
            type_=type_,
            url=url,
            number_of_segments=number_of_segments,
            charge=charge,
            charge_details=charge_details,
            created_at=created_at,
            error_message=error_message,
            error_code=error_code,
        )

        message_log.additional_properties = d
        return message_log

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
