"""Date arguments: what a date filter may be, what it means, and how it is sent.

One rule for every family, the lists, the exports and the CLI:

- a day (``"2024-05-01"`` or a `datetime.date`) means midnight UTC at the start of it;
- a date-time (an ISO 8601 string such as ``"2024-05-01T12:00:00+02:00"``, or a
  `datetime.datetime`) means that instant;
- a date-time without a timezone (a naive ``datetime``, or a string without an offset) is
  taken as UTC, as SignalWire stores and returns every time in UTC.

Anything else is a [`ConfigurationError`][signalwire_logs.ConfigurationError] naming the
argument and the accepted forms, raised before any request. Date-times are sent in UTC
(``...Z``) so the server never has to guess either.
"""

from __future__ import annotations

import datetime
import re
from typing import TypeAlias

from ._exceptions import ConfigurationError

__all__ = [
    "DateLike",
    "as_utc",
    "cxml_day_filters",
    "log_date_filters",
    "moment",
    "parse_date",
]

DateLike: TypeAlias = str | datetime.date
"""A date argument: a day (``"2024-05-01"`` or a `datetime.date`: midnight UTC at its start),
or an instant (an ISO 8601 date-time string or a `datetime.datetime`; without a timezone, UTC).
"""

_UTC = datetime.UTC
_ONE_DAY = datetime.timedelta(days=1)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_FORMS = (
    "a date ('2024-05-01' or a datetime.date) or an ISO 8601 date-time "
    "('2024-05-01T12:00:00Z' or a datetime; without a timezone it is taken as UTC)"
)
_LOG_DAY_FORMS = "a day ('2024-05-01' or a datetime.date)"
_DAY_FORMS = "a day ('2024-05-01' or a datetime.date; the cXML API compares days, in UTC)"


def as_utc(value: datetime.datetime) -> datetime.datetime:
    """``value`` in UTC; a naive datetime is taken as UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=_UTC)
    return value.astimezone(_UTC)


def parse_date(name: str, value: DateLike) -> datetime.date:
    """A date argument as a day (a plain ``date``) or an instant (a UTC ``datetime``).

    Raises:
        ConfigurationError: ``value`` is not one of the accepted forms (the message names
            ``name`` and the forms).
    """
    if isinstance(value, datetime.datetime):
        return as_utc(value)
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value.isascii():
        try:
            if _DAY.fullmatch(value):
                return datetime.date.fromisoformat(value)
            return as_utc(datetime.datetime.fromisoformat(value))
        except ValueError:
            pass
    raise ConfigurationError(f"{name} must be {_DATE_FORMS}; got {value!r}")


def moment(name: str, value: DateLike) -> datetime.datetime:
    """The instant a date argument stands for, in UTC (a day: its midnight UTC)."""
    return _start(parse_date(name, value))


def _start(value: datetime.date) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), _UTC)


def _day(name: str, value: DateLike, forms: str = _DAY_FORMS) -> datetime.date:
    """A day argument: ``"2024-05-01"`` or a ``date`` (a ``datetime`` has a time: refused)."""
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    raise ConfigurationError(f"{name} must be {forms}; got {value!r}")


def _wire(value: datetime.date) -> str:
    """How a parsed date is sent: ``2024-05-01`` or ``2024-05-01T12:00:00Z``."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def log_date_filters(
    *,
    created_before: DateLike | None,
    created_on: DateLike | None,
    created_after: DateLike | None,
) -> dict[str, str | None]:
    """Check a log list's date filters and return them as sent (None: not sent).

    ``created_after`` and ``created_before`` are exclusive bounds; ``created_on`` is a day.

    Raises:
        ConfigurationError: a value is malformed, or the filters select nothing (a reversed
            or empty range, or a day outside it).
    """
    after = None if created_after is None else parse_date("created_after", created_after)
    before = None if created_before is None else parse_date("created_before", created_before)
    on = None if created_on is None else _day("created_on", created_on, _LOG_DAY_FORMS)
    low = None if after is None else _start(after)
    high = None if before is None else _start(before)
    if on is not None:
        day = _start(on)
        low, high = max(low or day, day), min(high or day + _ONE_DAY, day + _ONE_DAY)
    if low is not None and high is not None and low >= high:
        raise ConfigurationError(
            "The date filters select nothing: "
            + _describe(created_after=after, created_before=before, created_on=on)
            + ". created_after must be earlier than created_before (both exclusive), and "
            "created_on inside that range."
        )
    return {
        "created_before": None if before is None else _wire(before),
        "created_on": None if on is None else _wire(on),
        "created_after": None if after is None else _wire(after),
    }


def cxml_day_filters(
    *,
    date_sent: DateLike | None,
    date_sent_before: DateLike | None,
    date_sent_after: DateLike | None,
) -> dict[str, str | None]:
    """Check the cXML list's day filters and return them as sent, by wire name.

    ``DateSent<`` and ``DateSent>`` include their day (sent on or before, on or after).

    Raises:
        ConfigurationError: a value is not a day, or the filters select no day.
    """
    on = None if date_sent is None else _day("date_sent", date_sent)
    before = None if date_sent_before is None else _day("date_sent_before", date_sent_before)
    after = None if date_sent_after is None else _day("date_sent_after", date_sent_after)
    low = max((d for d in (on, after) if d is not None), default=None)
    high = min((d for d in (on, before) if d is not None), default=None)
    if low is not None and high is not None and low > high:
        raise ConfigurationError(
            "The date filters select no day: "
            + _describe(date_sent_after=after, date_sent_before=before, date_sent=on)
            + ". date_sent_after must be on or before date_sent_before (both inclusive), "
            "and date_sent between them."
        )
    return {
        "DateSent": None if on is None else _wire(on),
        "DateSent<": None if before is None else _wire(before),
        "DateSent>": None if after is None else _wire(after),
    }


def _describe(**values: datetime.date | None) -> str:
    return ", ".join(f"{name}={_wire(value)}" for name, value in values.items() if value)
