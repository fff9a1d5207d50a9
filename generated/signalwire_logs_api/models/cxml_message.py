from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cxml_message_direction import CxmlMessageDirection
from ..models.cxml_message_status import CxmlMessageStatus

T = TypeVar("T", bound="CxmlMessage")

#: The fields the spec documents, by their name on the wire; any other key is kept in
#: additional_properties.
_FIELD_NAMES = frozenset(
    {
        "account_sid",
        "api_version",
        "body",
        "num_segments",
        "num_media",
        "date_created",
        "date_sent",
        "date_updated",
        "direction",
        "error_code",
        "error_message",
        "from",
        "price",
        "price_unit",
        "sid",
        "status",
        "to",
        "messaging_service_sid",
        "uri",
        "subresource_uris",
    }
)
_REQUIRED_NAMES = frozenset(
    {
        "account_sid",
        "api_version",
        "body",
        "num_segments",
        "num_media",
        "date_created",
        "date_sent",
        "date_updated",
        "direction",
        "error_code",
        "error_message",
        "from",
        "price",
        "price_unit",
        "sid",
        "status",
        "to",
        "messaging_service_sid",
        "uri",
        "subresource_uris",
    }
)


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
        d = src_dict
        if not d.keys() >= _REQUIRED_NAMES:
            raise KeyError(f"missing {sorted(_REQUIRED_NAMES - d.keys())}")

        def _parse_price(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        price = _parse_price(d["price"])

        subresource_uris = CxmlMessageSubresourceUris.from_dict(d["subresource_uris"])

        cxml_message = cls.__new__(cls)
        cxml_message._raw = d
        cxml_message.price = price
        cxml_message.subresource_uris = subresource_uris
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


def _parse_account_sid(d: Mapping[str, Any]) -> str:
    account_sid = d["account_sid"]
    return account_sid


def _parse_api_version(d: Mapping[str, Any]) -> str:
    api_version = d["api_version"]
    return api_version


def _parse_body(d: Mapping[str, Any]) -> None | str:
    body = d["body"]

    return body


def _parse_num_segments(d: Mapping[str, Any]) -> int:
    num_segments = d["num_segments"]
    return num_segments


def _parse_num_media(d: Mapping[str, Any]) -> int:
    num_media = d["num_media"]
    return num_media


def _parse_date_created(d: Mapping[str, Any]) -> str:
    date_created = d["date_created"]
    return date_created


def _parse_date_sent(d: Mapping[str, Any]) -> None | str:
    date_sent = d["date_sent"]

    return date_sent


def _parse_date_updated(d: Mapping[str, Any]) -> str:
    date_updated = d["date_updated"]
    return date_updated


def _parse_direction(d: Mapping[str, Any]) -> CxmlMessageDirection | str:
    direction = d["direction"]
    if isinstance(direction, str):
        direction = CxmlMessageDirection._value2member_map_.get(direction, direction)

    return direction


def _parse_error_code(d: Mapping[str, Any]) -> None | str:
    error_code = d["error_code"]

    return error_code


def _parse_error_message(d: Mapping[str, Any]) -> None | str:
    error_message = d["error_message"]

    return error_message


def _parse_from_(d: Mapping[str, Any]) -> str:
    from_ = d["from"]
    return from_


def _parse_price_unit(d: Mapping[str, Any]) -> str:
    price_unit = d["price_unit"]
    return price_unit


def _parse_sid(d: Mapping[str, Any]) -> str:
    sid = d["sid"]
    return sid


def _parse_status(d: Mapping[str, Any]) -> CxmlMessageStatus | str:
    status = d["status"]
    if isinstance(status, str):
        status = CxmlMessageStatus._value2member_map_.get(status, status)

    return status


def _parse_to(d: Mapping[str, Any]) -> str:
    to = d["to"]
    return to


def _parse_messaging_service_sid(d: Mapping[str, Any]) -> None | str:
    messaging_service_sid = d["messaging_service_sid"]

    return messaging_service_sid


def _parse_uri(d: Mapping[str, Any]) -> str:
    uri = d["uri"]
    return uri


def _parse_additional_properties(d: Mapping[str, Any]) -> dict[str, Any]:
    if len(d) == 20:  # all fields are required: no extras
        return {}
    return {key: value for key, value in d.items() if key not in _FIELD_NAMES}


_LAZY = {
    "account_sid": _parse_account_sid,
    "api_version": _parse_api_version,
    "body": _parse_body,
    "num_segments": _parse_num_segments,
    "num_media": _parse_num_media,
    "date_created": _parse_date_created,
    "date_sent": _parse_date_sent,
    "date_updated": _parse_date_updated,
    "direction": _parse_direction,
    "error_code": _parse_error_code,
    "error_message": _parse_error_message,
    "from_": _parse_from_,
    "price_unit": _parse_price_unit,
    "sid": _parse_sid,
    "status": _parse_status,
    "to": _parse_to,
    "messaging_service_sid": _parse_messaging_service_sid,
    "uri": _parse_uri,
    "additional_properties": _parse_additional_properties,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.cxml_message_subresource_uris import CxmlMessageSubresourceUris
