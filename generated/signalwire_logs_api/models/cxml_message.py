from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cxml_message_direction import CxmlMessageDirection
from ..models.cxml_message_status import CxmlMessageStatus
from ..types import money, rfc2822_datetime, wrong_type

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
#: Each enum's members by value, for from_dict.
_CxmlMessageDirection_MEMBERS = CxmlMessageDirection._value2member_map_
_CxmlMessageStatus_MEMBERS = CxmlMessageStatus._value2member_map_

#: The keys every CxmlMessageSubresourceUris in subresource_uris must have; the records themselves are built on first access.
_SUBRESOURCE_URIS_KEYS = frozenset(
    {
        "media",
    }
)


@_attrs_define
class CxmlMessage:
    """A cXML (LaML) message (seed 002). Dates are RFC 2822 strings."""

    account_sid: str
    """ The project (account) the message belongs to. """
    api_version: str
    """ The cXML API version that handled it (2010-04-01). """
    body: None | str
    """ The text of the message, up to 1600 characters. May be null if filtered for spam. """
    num_segments: int
    """ How many segments the message was split into. """
    num_media: int
    """ How many media files it carries. """
    date_created: str
    """ When it was created, as RFC 2822 text. """
    date_sent: None | str
    """ When it was sent, as RFC 2822 text; null before it is. """
    date_updated: str
    """ When it last changed, as RFC 2822 text. """
    direction: CxmlMessageDirection | str
    """ The direction of the message. """
    error_code: None | str
    """ The error code if an error occurred on the message, or null. """
    error_message: None | str
    """ What went wrong, in words; null when nothing did. """
    from_: str
    """ The sender, an E.164 number. """
    price: float | None
    """ What the message cost; null until it is known. """
    price_unit: str
    """ The currency in which `price` is charged. """
    sid: str
    """ The message's ID. """
    status: CxmlMessageStatus | str
    """ Current status of the message. """
    to: str
    """ The recipient, an E.164 number. """
    messaging_service_sid: None | str
    """ The number group used to send an outbound message, or null. Not always a UUID (seed 002's own example is not
    one), so it is kept as a string. """
    uri: str
    """ The URI of this particular message. """
    subresource_uris: CxmlMessageSubresourceUris
    """ Where the message's subresources (its media) are. """
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
        account_sid = d["account_sid"]
        if type(account_sid) is not str:
            raise wrong_type("account_sid", account_sid, "a string")
        api_version = d["api_version"]
        if type(api_version) is not str:
            raise wrong_type("api_version", api_version, "a string")
        body = d["body"]
        if type(body) is not str and body is not None:
            raise wrong_type("body", body, "a string or null")

        num_segments = d["num_segments"]
        if type(num_segments) is not int:
            if type(num_segments) is float and num_segments.is_integer():
                num_segments = int(num_segments)
            else:
                raise wrong_type("num_segments", num_segments, "an integer")
        num_media = d["num_media"]
        if type(num_media) is not int:
            if type(num_media) is float and num_media.is_integer():
                num_media = int(num_media)
            else:
                raise wrong_type("num_media", num_media, "an integer")
        date_created = d["date_created"]
        if type(date_created) is not str:
            raise wrong_type("date_created", date_created, "a string")
        date_sent = d["date_sent"]
        if type(date_sent) is not str and date_sent is not None:
            raise wrong_type("date_sent", date_sent, "a string or null")

        date_updated = d["date_updated"]
        if type(date_updated) is not str:
            raise wrong_type("date_updated", date_updated, "a string")
        _direction = d["direction"]
        try:
            direction = _CxmlMessageDirection_MEMBERS.get(_direction, _direction)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("direction", _direction, "a string") from None
        if direction is _direction and type(_direction) is not str:
            raise wrong_type("direction", _direction, "a string")

        error_code = d["error_code"]
        if type(error_code) is not str and error_code is not None:
            raise wrong_type("error_code", error_code, "a string or null")

        error_message = d["error_message"]
        if type(error_message) is not str and error_message is not None:
            raise wrong_type("error_message", error_message, "a string or null")

        from_ = d["from"]
        if type(from_) is not str:
            raise wrong_type("from", from_, "a string")
        price = d["price"]
        if (_t := type(price)) is not float and _t is not int and price is not None:
            raise wrong_type("price", price, "a number or null")

        price_unit = d["price_unit"]
        if type(price_unit) is not str:
            raise wrong_type("price_unit", price_unit, "a string")
        sid = d["sid"]
        if type(sid) is not str:
            raise wrong_type("sid", sid, "a string")
        _status = d["status"]
        try:
            status = _CxmlMessageStatus_MEMBERS.get(_status, _status)
        except TypeError:  # unhashable: an array or an object
            raise wrong_type("status", _status, "a string") from None
        if status is _status and type(_status) is not str:
            raise wrong_type("status", _status, "a string")

        to = d["to"]
        if type(to) is not str:
            raise wrong_type("to", to, "a string")
        messaging_service_sid = d["messaging_service_sid"]
        if type(messaging_service_sid) is not str and messaging_service_sid is not None:
            raise wrong_type(
                "messaging_service_sid", messaging_service_sid, "a string or null"
            )

        uri = d["uri"]
        if type(uri) is not str:
            raise wrong_type("uri", uri, "a string")
        _sent = d["subresource_uris"]
        if type(_sent) is not dict:
            raise wrong_type("subresource_uris", _sent, "an object")
        _item = _sent
        if not _item.keys() >= _SUBRESOURCE_URIS_KEYS:
            raise KeyError(
                f"subresource_uris: missing {sorted(_SUBRESOURCE_URIS_KEYS - _item.keys())}"
            )
        _value = _item["media"]
        if type(_value) is not str:
            raise wrong_type("subresource_uris.media", _value, "a string")

        cxml_message = cls.__new__(cls)
        cxml_message._raw = d
        cxml_message.account_sid = account_sid
        cxml_message.api_version = api_version
        cxml_message.body = body
        cxml_message.num_segments = num_segments
        cxml_message.num_media = num_media
        cxml_message.date_created = date_created
        cxml_message.date_sent = date_sent
        cxml_message.date_updated = date_updated
        cxml_message.direction = direction
        cxml_message.error_code = error_code
        cxml_message.error_message = error_message
        cxml_message.from_ = from_
        cxml_message.price = price
        cxml_message.price_unit = price_unit
        cxml_message.sid = sid
        cxml_message.status = status
        cxml_message.to = to
        cxml_message.messaging_service_sid = messaging_service_sid
        cxml_message.uri = uri
        cxml_message.additional_properties = (
            {}
            if len(d) == 20
            else {key: value for key, value in d.items() if key not in _FIELD_NAMES}
        )
        return cxml_message

    @property
    def date_created_datetime(self) -> datetime.datetime:
        """``date_created`` (RFC 2822 text) as a timezone-aware ``datetime``.

        Raises:
            FieldValueError: the text sent is no RFC 2822 date.
        """
        return rfc2822_datetime(self.date_created, "CxmlMessage.date_created")

    @property
    def date_sent_datetime(self) -> None | datetime.datetime:
        """``date_sent`` (RFC 2822 text) as a timezone-aware ``datetime``.

        Raises:
            FieldValueError: the text sent is no RFC 2822 date.
        """
        return rfc2822_datetime(self.date_sent, "CxmlMessage.date_sent")

    @property
    def date_updated_datetime(self) -> datetime.datetime:
        """``date_updated`` (RFC 2822 text) as a timezone-aware ``datetime``.

        Raises:
            FieldValueError: the text sent is no RFC 2822 date.
        """
        return rfc2822_datetime(self.date_updated, "CxmlMessage.date_updated")

    @property
    def price_decimal(self) -> Decimal | None:
        """``price`` as a `decimal.Decimal`: the digits sent, as in every model.

        Raises:
            FieldValueError: the value sent is no finite amount.
        """
        return money(self.price, "CxmlMessage.price")

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


def _build_subresource_uris(d: Mapping[str, Any]) -> CxmlMessageSubresourceUris:
    subresource_uris = CxmlMessageSubresourceUris.from_dict(d["subresource_uris"])

    return subresource_uris


_DEFERRED = {
    "subresource_uris": _build_subresource_uris,
}

# Imported last, once the class above exists, so that models may refer to each other in a cycle.
from ..models.cxml_message_subresource_uris import CxmlMessageSubresourceUris
