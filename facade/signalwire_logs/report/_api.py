"""A report's numbers read straight from the API: each family's list walked once, page by page.

Each record is added to the tally as it is read and then dropped, so memory stays flat
however many logs the range holds. The API's ``created_after`` is exclusive and only has to
select a superset of the range: each record's ``created_at`` is checked here, so the range
is exactly ``since <= created_at < until``, as in the database path.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

from signalwire_logs_api.types import Unset

from .._families import MESSAGES, VOICE, python_name
from ._model import ERROR_FAMILIES, FAMILIES, Tally, charge

#: How far before ``since`` the API is asked to start: its ``created_after`` is exclusive.
_MARGIN = datetime.timedelta(seconds=1)


def field(record: Any, wire_name: str) -> Any:
    """A field of a record model by its wire name; None when this record lacks it."""
    value = getattr(record, python_name(type(record), wire_name), None)
    if isinstance(value, Unset):
        return None
    return value.value if isinstance(value, enum.Enum) else value


def _text(record: Any, wire_name: str) -> str | None:
    value = field(record, wire_name)
    return None if value is None else str(value)


def _utc(moment: datetime.datetime) -> datetime.datetime:
    # SignalWire sends every time in UTC; one without an offset is taken as UTC too.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def _duration(record: Any) -> int | None:
    value = field(record, "duration")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def collect_from_client(
    client: Any,
    tally: Tally,
    *,
    since: datetime.datetime | None,
    until: datetime.datetime | None,
    include_deleted: bool,
    on_progress: Callable[[str, int], None] | None,
) -> None:
    """Walk every family's list on ``client`` and add each record to ``tally``."""
    for family, attribute, _ in FAMILIES:
        tally.families.append(family)
        listing = getattr(client, attribute).list(
            created_after=None if since is None else since - _MARGIN,
            created_before=until,
            include_deleted=include_deleted or None,
            page_size=1000,
        )
        read = 0
        for page in listing.pages():
            for record in page.items:
                created = _utc(record.created_at)
                if (since is not None and created < since) or (
                    until is not None and created >= until
                ):
                    continue
                if not include_deleted and field(record, "discarded_at") is not None:
                    continue
                _add(tally, family, created.date(), record)
            read += len(page)
            if on_progress is not None:
                on_progress(family, read)


def _add(tally: Tally, family: str, day: datetime.date, record: Any) -> None:
    if family == MESSAGES.name:
        tally.message(day, _text(record, "status"))
    if family in ERROR_FAMILIES:
        code, message = _text(record, "error_code"), _text(record, "error_message")
        if code or message:
            tally.error(family, code, message)
    if family == VOICE.name:
        tally.call(_text(record, "type"), _duration(record))
    amount = charge(field(record, "charge"))
    if amount is not None:
        tally.cost(day, family, amount)
