"""The order a sharded export relies on, and the checks that hold a server to it.

SignalWire lists every log family newest first. An export relies on that only where it walks
a time window (``concurrency`` > 1): a window's walk stops at the first page that reaches
below the window, and work stealing hands the part of a window its walk has not reached yet
(everything older than the oldest record read) to another worker. Both are right only if no
page lists a record newer than one listed before it. So, in a window's walk:

- each page must list its records newest first (equal times in any order);
- no page may hold a record newer than the oldest record of an earlier page of the walk.

A page that breaks either raises `PaginationError` before any of its
records is written: the export stops, resumable, rather than end with records missing. An
unsharded export (one walk, no window) follows the next links to the end whatever the order,
so it checks nothing. The checks cost less than what they replace: one sorted copy of a
page's times compared with them (in C) gives its oldest and newest record as well.

A walk can only check the pages it reads: a server that lists in order every page up to the
one that ends a window's walk, and out of order only after it, is not seen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .._dates import as_utc
from .._exceptions import PaginationError

__all__ = ["Span", "check_order", "span_of"]

_HOW = (
    "a sharded export needs each list newest first, as SignalWire sends it; export with "
    "concurrency=1 (one walk, which does not rely on the order)"
)


@dataclass(frozen=True, slots=True)
class Span:
    """The times of one page's records: the oldest, the newest, and whether the page lists
    them newest first."""

    oldest: datetime.datetime
    newest: datetime.datetime
    ordered: bool
    #: The first record (its index) listed after an older one; None when ``ordered``.
    disorder: int | None = None


def span_of(times: list[datetime.datetime]) -> Span | None:
    """The `Span` of a page's record times (None for a page with no record).

    A page mixing naive and aware times (naive means UTC) has them all converted first.
    """
    if not times:
        return None
    try:
        newest_first = sorted(times, reverse=True)
    except TypeError:  # naive and aware together: compare them all in UTC
        times = [as_utc(at) for at in times]
        newest_first = sorted(times, reverse=True)
    if newest_first == times:
        return Span(times[-1], times[0], True)
    disorder = next((i for i in range(1, len(times)) if times[i] > times[i - 1]), None)
    return Span(newest_first[-1], newest_first[0], False, disorder)


def check_order(span: Span, walked: datetime.datetime | None) -> None:
    """Raise [`PaginationError`][signalwire_logs.PaginationError] when a page of a window's
    walk breaks the order the window relies on.

    Args:
        span: The page's times.
        walked: The oldest record time the walk read before this page (UTC; None: none).
    """
    if not span.ordered:
        raise PaginationError(
            f"The server listed a page out of order (its record {span.disorder} is newer "
            f"than the one before it): {_HOW}."
        )
    if walked is not None and as_utc(span.newest) > walked:
        raise PaginationError(
            f"The server listed a record of {_shown(span.newest)} after one of "
            f"{_shown(walked)} on an earlier page: {_HOW}."
        )


def _shown(moment: datetime.datetime) -> str:
    return as_utc(moment).isoformat().replace("+00:00", "Z")
