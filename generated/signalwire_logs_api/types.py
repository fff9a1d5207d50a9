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


@overload
def rfc2822_datetime(value: str) -> datetime.datetime: ...
@overload
def rfc2822_datetime(value: None) -> None: ...
@overload
def rfc2822_datetime(value: Unset) -> Unset: ...
def rfc2822_datetime(value: str | None | Unset) -> datetime.datetime | None | Unset:
    """An RFC 2822 date (``"Mon, 13 Aug 2018 21:38:46 +0000"``) as a timezone-aware datetime;
    one without a zone (``-0000``) is UTC. None and UNSET pass through."""
    if value is None or isinstance(value, Unset):
        return value
    moment = email.utils.parsedate_to_datetime(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


@overload
def money(value: float | str) -> Decimal: ...
@overload
def money(value: None) -> None: ...
@overload
def money(value: Unset) -> Unset: ...
def money(value: float | str | None | Unset) -> Decimal | None | Unset:
    """An amount as a Decimal, from a JSON number (its shortest repr: the digits sent) or a
    decimal string; None and UNSET pass through. A string that is no number raises ValueError."""
    if value is None or isinstance(value, Unset):
        return value
    try:
        amount = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
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
]
