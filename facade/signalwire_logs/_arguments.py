"""The checks of every argument a resource takes, before any request is sent.

Each raises `ConfigurationError` naming the argument; what passes is
what the generated operations are called with (``None``: not sent, the server default
applies; the page size is never left to the server, see `paging()`). Date filters are
checked in ``_dates.py``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from signalwire_logs_api.models import CxmlMessageStatus, MessageLogStatus

from ._constants import PAGE_SIZE_MAX, PAGE_SIZE_MIN
from ._dates import DateLike, log_date_filters
from ._exceptions import ConfigurationError
from ._page import PageCursor

__all__ = [
    "checked_int",
    "checked_status",
    "checked_statuses",
    "checked_text",
    "checked_uuid",
    "list_params",
    "paging",
    "resumed",
]


def checked_uuid(name: str, value: str | UUID) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise ConfigurationError(
            f"{name} must be a UUID such as 'b7182dc2-00f3-40e4-a5ce-20f164b329df', got {value!r}"
        ) from None


def checked_text(name: str, value: str | None) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ConfigurationError(f"{name} must be a string, got {value!r}")
    return value


_CXML_STATUSES = frozenset(CxmlMessageStatus)


def checked_status(value: CxmlMessageStatus | str | None) -> str | None:
    """The cXML status filter: a documented status, or any string with a warning."""
    text = checked_text("status", value)
    if text is None:
        return None
    if text not in _CXML_STATUSES:
        warnings.warn(
            f"status={text!r} is not a documented cXML message status "
            f"({', '.join(sorted(_CXML_STATUSES))}): sent as given, the server may match "
            "nothing.",
            UserWarning,
            stacklevel=3,  # the caller of list()
        )
    return str(text)


_MESSAGE_STATUSES = frozenset(MessageLogStatus)

#: What ``status=`` of message logs takes: one status, or several (any of them matches).
MessageStatuses = MessageLogStatus | str | Iterable[MessageLogStatus | str]


def checked_statuses(value: MessageStatuses | None) -> tuple[str, ...] | None:
    """The message logs' status filter (applied by the client): the statuses, sorted and
    without repeats (so an export's cursor file compares like with like); None: no filter.

    A string may list several, comma-separated (``"failed,undelivered"``). A status that is
    not documented is kept, with a `UserWarning` (SignalWire may add one).
    """
    if value is None:
        return None
    given = [value] if isinstance(value, str) else value
    try:
        texts = [str(checked_text("status", item)) for item in given]
    except TypeError:
        raise ConfigurationError(
            f"status must be a status or a list of them, got {value!r}"
        ) from None
    statuses = sorted({part.strip() for text in texts for part in text.split(",")} - {""})
    if not statuses:
        raise ConfigurationError(f"status names no status: {value!r}")
    unknown = [status for status in statuses if status not in _MESSAGE_STATUSES]
    if unknown:
        warnings.warn(
            f"status {', '.join(map(repr, unknown))} is not a documented message log status "
            f"({', '.join(sorted(_MESSAGE_STATUSES))}): no log may match.",
            UserWarning,
            stacklevel=3,  # the caller of list()
        )
    return tuple(statuses)


def checked_int(
    name: str, value: int | None, minimum: int, maximum: int | None = None
) -> int | None:
    if value is None:
        return None
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if not is_int or value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
        raise ConfigurationError(f"{name} must be an integer {bounds}, got {value!r}")
    return value


def paging(
    limit: int | None,
    page_size: int | None,
    number_name: str,
    number: int | None,
    page_token: str | None,
) -> tuple[int | None, int | None]:
    """Validate the paging arguments every list takes; returns (page_size, page number).

    With no ``page_size``, a walk asks for the largest page the API allows
    (``PAGE_SIZE_MAX``, the same for every family in the spec), or for ``limit`` records
    when fewer are wanted: the fewest round trips, never more records than asked for. A
    resumed walk is given its cursor's size by `resumed()` first.
    """
    limit = checked_int("limit", limit, 1)
    page_size = checked_int("page_size", page_size, PAGE_SIZE_MIN, PAGE_SIZE_MAX)
    number = checked_int(number_name, number, 0)
    if number and not page_token:
        raise ConfigurationError(
            f"{number_name} > 0 requires page_token: resume with both values of a Page "
            "(page.next_page_number, page.next_page_token)."
        )
    if page_size is None:  # not the server's default of 50: 20 times the round trips
        page_size = PAGE_SIZE_MAX if limit is None else min(limit, PAGE_SIZE_MAX)
    return page_size, number


def resumed(
    resume: PageCursor | None,
    number_name: str,
    number: int | None,
    page_token: str | None,
    page_size: int | None,
) -> tuple[int | None, str | None, int | None, bool]:
    """The page number, token, page size and "walk is over" of a list resumed from ``resume``.

    A cursor's page number counts pages of its walk's size, so a resumed walk asks that
    size: ``page_size`` None takes it (a smaller ``limit`` then only stops the walk), and
    another size is refused before any request, as it would skip records or repeat them. A
    cursor that does not know its size (saved by an earlier version) leaves ``page_size``
    as given.
    """
    if resume is None:
        return number, page_token, page_size, False
    if not isinstance(resume, PageCursor):
        raise ConfigurationError(f"resume must be a PageCursor (page.cursor), got {resume!r}")
    if number is not None or page_token is not None:
        raise ConfigurationError(f"Pass resume= or {number_name}=/page_token=, not both.")
    page_size = checked_int("page_size", page_size, PAGE_SIZE_MIN, PAGE_SIZE_MAX)
    saved = resume.page_size
    if saved is not None and page_size not in (None, saved):
        raise ConfigurationError(
            f"page_size={page_size} cannot resume a cursor saved by a walk of {saved}-record "
            f"pages: its page number counts pages of {saved}, so records would be skipped or "
            f"read twice. Pass page_size={saved}, or no page_size."
        )
    return resume.page_number, resume.page_token, saved or page_size, resume.done


def list_params(
    *,
    include_deleted: bool | None,
    created_before: DateLike | None,
    created_on: DateLike | None,
    created_after: DateLike | None,
    page_size: int | None,
    page_number: int | None,
    page_token: str | None,
    limit: int | None,
) -> dict[str, Any]:
    """Validate a log list's arguments; None means "not sent" (the server default applies)."""
    if include_deleted is not None and not isinstance(include_deleted, bool):
        raise ConfigurationError(f"include_deleted must be True or False, got {include_deleted!r}")
    page_size, page_number = paging(limit, page_size, "page_number", page_number, page_token)
    dates = log_date_filters(
        created_before=created_before, created_on=created_on, created_after=created_after
    )
    return {
        "include_deleted": include_deleted,
        **dates,
        "page_size": page_size,
        "page_number": page_number,
        "page_token": page_token,
    }
