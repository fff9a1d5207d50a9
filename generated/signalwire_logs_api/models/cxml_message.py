from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cxml_message_direction import CxmlMessageDirection
from ..models.cxml_message_status import CxmlMessageStatus

if TYPE_CHECKING:
    from ..models.cxml_message_subresource_uris import CxmlMessageSubresourceUris


T = TypeVar("T", bound="CxmlMessage")


@_attrs_define
class CxmlMessage:
    """A cXML (LaML) message (seed 002). Dates are RFC 2822 strings."""

    account_sid: str
    """ The unique identifier of the project that sent or received this message. """
    api_version: str
    """ The version of the SignalWire cXML REST API used to handle this message. """
    body: None | str
    """ The text of the message, up to 1600 characters. May be null if filtered for spam. """
    num_segments: int
    """ The number of segments that make up the entire message. """
    num_media: int
    """ The number of media files that were included with the message. """
    date_created: str
    """ The date and time the message was created, in RFC 2822 format. """
    date_sent: None | str
    """ The date and time the message was sent, in RFC 2822 format; null if not yet sent. """
    date_updated: str
    """ The date and time the message was last updated, in RFC 2822 format. """
    direction: CxmlMessageDirection | str
    """ The direction of the message. """
    error_code: None | str
    """ The error code if an error occurred on the message, or null. """
    error_message: None | str
    """ A human readable description of the error that occurred, or null. """
    from_: str
    """ The phone number in E.164 format that sent the message. """
    price: float | None
    """ The cost of the message billed to your project, or null if not yet calculated. """
    price_unit: str
    """ The currency in which `price` is charged. """
    sid: str
    """ A unique ID that identifies this specific message. """
    status: CxmlMessageStatus | str
    """ Current status of the message. """
    to: str
    """ The phone number in E.164 format that received the message. """
    messaging_service_sid: None | str
    """ The number group used to send an outbound message, or null. Not always a UUID (seed 002's own example is not
    one), so it is kept as a string. """
    uri: str
    """ The URI of this particular message. """
    subresource_uris: CxmlMessageSubresourceUris
    """ The URIs for any subresources associated with this message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_sid = self.account_sid

        api_version = self.api_version

        body: None | str
        body = self.body

        num_segments = self.num_segments

        num_media = self.num_media

        date_created = self.date_created

        date_sent: None | str
        date_sent = self.date_sent

        date_updated = self.date_updated

        direction: str
        if isinstance(self.direction, CxmlMessageDirection):
            direction = self.direction.value
        else:
            direction = self.direction

        error_code: None | str
        error_code = self.error_code

        error_message: None | str
        error_message = self.error_message

        from_ = self.from_

        price: float | None
        price = self.price

        price_unit = self.price_unit

        sid = self.sid

        status: str
        if isinstance(self.status, CxmlMessageStatus):
            status = self.status.value
        else:
            status = self.status

        to = self.to

        messaging_service_sid: None | str
        messaging_service_sid = self.messaging_service_sid

        uri = self.uri

        subresource_uris = self.subresource_uris.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_sid": account_sid,
                "api_version": api_version,
                "body": body,
                "num_segments": num_segments,
                "num_media": num_media,
                "date_created": date_created,
                "date_sent": date_sent,
                "date_updated": date_updated,
                "direction": direction,
                "error_code": error_code,
                "error_message": error_message,
                "from": from_,
                "price": price,
                "price_unit": price_unit,
                "sid": sid,
                "status": status,
                "to": to,
                "messaging_service_sid": messaging_service_sid,
                "uri": uri,
                "subresource_uris": subresource_uris,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cxml_message_subresource_uris import CxmlMessageSubresourceUris

        d = dict(src_dict)
        account_sid = d.pop("account_sid")

        api_version = d.pop("api_version")

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        num_segments = d.pop("num_segments")

        num_media = d.pop("num_media")

        date_created = d.pop("date_created")

        def _parse_date_sent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        date_sent = _parse_date_sent(d.pop("date_sent"))

        date_updated = d.pop("date_updated")

        def _parse_direction(data: object) -> CxmlMessageDirection | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_0 = CxmlMessageDirection(data)

                return direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CxmlMessageDirection | str, data)

        direction = _parse_direction(d.pop("direction"))

        def _parse_error_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_code = _parse_error_code(d.pop("error_code"))

        def _parse_error_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_message = _parse_error_message(d.pop("error_message"))

        from_ = d.pop("from")

        def _parse_price(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        price = _parse_price(d.pop("price"))

        price_unit = d.pop("price_unit")

        sid = d.pop("sid")

        def _parse_status(data: object) -> CxmlMessageStatus | str:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = CxmlMessageStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CxmlMessageStatus | str, data)

        status = _parse_status(d.pop("status"))

        to = d.pop("to")

        def _parse_messaging_service_sid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        messaging_service_sid = _parse_messaging_service_sid(
            d.pop("messaging_service_sid")
        )

        uri = d.pop("uri")

        subresource_uris = CxmlMessageSubresourceUris.from_dict(
            d.pop("subresource_uris")
        )

        cxml_message = cls(
            account_sid=account_sid,
            api_version=api_version,
            body=body,
            num_segments=num_segments,
            num_media=num_media,
            date_created=date_created,
            date_sent=date_sent,
            date_updated=date_updated,
            direction=direction,
            error_code=error_code,
            error_message=error_message,
            from_=from_,
            price=price,
            price_unit=price_unit,
            sid=sid,
            status=status,
            to=to,
            messaging_service_sid=messaging_service_sid,
            uri=uri,
            subresource_uris=subresource_uris,
        )

        cxml_message.additional_properties = d
        return cxml_message

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
