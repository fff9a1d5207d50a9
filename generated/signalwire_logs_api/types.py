"""Contains some shared types for properties"""

import datetime
import email.utils
from collections.abc import Mapping, MutableMapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from http import HTTPStatus
from typing import IO, BinaryIO, Final, Generic, Literal, TypeVar, overload

from attrs import define


class Unset(Enum):
    """The value of a field the server did not send (not the same as null, which is None).

    Its one member is `UNSET`; test with ``value is UNSET`` or ``value is not UNSET``,
    which type checkers understand.
    """

    UNSET = "UNSET"

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    __str__ = __repr__


UNSET: Final = Unset.UNSET


_JSON_TYPES: Final = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
    list: "an array",
    dict: "an object",
}


def wrong_type(field: str, value: object, expected: str) -> TypeError:
    """The error from_dict raises for a value of another JSON type than its field's."""
    sent = _JSON_TYPES.get(type(value), type(value).__name__)
    return TypeError(f"{field} is {sent}, where the spec has {expected}")


def _unreadable(where: str, value: object, view: str, expected: str) -> Exception:
    """The error a view raises on a value, accepted as sent, that it cannot read:
    `signalwire_logs.FieldValueError` (a ``SignalWireError`` and a ``ValueError``).
    Imported here, when it is raised: this package ships inside signalwire-logs, whose
    error classes live in its facade, and importing them earlier would be circular."""
    from signalwire_logs._exceptions import FieldValueError

    return FieldValueError(where, value, view, expected)


@overload
def rfc2822_datetime(value: str, where: str = ...) -> datetime.datetime: ...
@overload
def rfc2822_datetime(value: None, where: str = ...) -> None: ...
@overload
def rfc2822_datetime(value: Unset, where: str = ...) -> Unset: ...
def rfc2822_datetime(
    value: str | None | Unset, where: str = "value"
) -> datetime.datetime | None | Unset:
    """An RFC 2822 date (``"Mon, 13 Aug 2018 21:38:46 +0000"``) as a timezone-aware datetime;
    one without a zone (``-0000``) is UTC. None and UNSET pass through.

    Raises:
        signalwire_logs.FieldValueError: the text is not an RFC 2822 date (``where`` names
            the field in the message).
    """
    if value is None or isinstance(value, Unset):
        return value
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        raise _unreadable(where, value, "datetime", "an RFC 2822 date") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


@overload
def money(value: float | str, where: str = ...) -> Decimal: ...
@overload
def money(value: None, where: str = ...) -> None: ...
@overload
def money(value: Unset, where: str = ...) -> Unset: ...
def money(
    value: float | str | None | Unset, where: str = "value"
) -> Decimal | None | Unset:
    """An amount as a Decimal, from a JSON number (its shortest repr: the digits sent) or a
    decimal string; None and UNSET pass through.

    Raises:
        signalwire_logs.FieldValueError: the value is no finite amount (``where`` names the
            field in the message).
    """
    if value is None or isinstance(value, Unset):
        return value
    try:
        amount = Decimal(repr(value) if isinstance(value, float) else value)
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise _unreadable(where, value, "decimal", "an amount")
    return amount


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "money",
    "rfc2822_datetime",
    "wrong_type",
]
