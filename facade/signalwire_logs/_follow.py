"""Following a log family: what to ask next and what changed, with no I/O of its own.

The sync and async `follow()` of the resources share this state and only do the asking
and the waiting. Each poll lists the family with `created_after` a look-back window behind
the newest record seen, so a record that changes status inside the window is seen again;
`(id, status)` pairs already reported are never reported twice, and the pairs kept are
only those inside the window (memory bounded however long it runs).
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    InternalServerError,
    RateLimitError,
)

__all__ = [
    "DEFAULT_INTERVAL",
    "DEFAULT_WINDOW",
    "TRANSIENT_ERRORS",
    "FollowEvent",
    "FollowState",
    "follow_async",
    "follow_sync",
    "poll",
    "start",
]

_T = TypeVar("_T")

#: Seconds between two polls of one family by default. SignalWire's documented API limits
#: (https://developer.signalwire.com/platform/basics/general/signalwire-rate-limits) are
#: account-wide: GET requests are "effectively unlimited", writes 13,800 per 10 s, and a 429
#: says to back off. The limit is not what sets the pace: one list a family every 2 s is a
#: status change seen within about 2 s, and a handful of requests a second at most.
DEFAULT_INTERVAL = 2.0
#: How far behind the newest record seen each poll re-reads by default: 15 minutes. A
#: message's status settles within seconds to minutes of its creation (up to its validity
#: period, 4 h by default, for a queued one); a record whose status changes after it has left
#: the window is not reported. `window=sync.DEFAULT_LAG` (48 h) sees every change, at the
#: cost of re-reading two days of logs on every poll.
DEFAULT_WINDOW = datetime.timedelta(minutes=15)
#: Failures a follow rides out (after the client's own retries): it waits and asks again.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    APIConnectionError,
    RateLimitError,
    InternalServerError,
    APIResponseValidationError,
)


@dataclass(frozen=True, slots=True)
class FollowEvent(Generic[_T]):
    """One thing a follow saw: a new record, or a record whose status changed.

    Attributes:
        record: The record as listed now.
        previous_status: Its status when last reported; None for a record seen for the
            first time.
        is_new: True for a record seen for the first time.
    """

    record: _T
    previous_status: str | None = None
    #: True for a record seen for the first time (`previous_status` is then None).
    is_new: bool = True


def _status(record: Any) -> str | None:
    status = getattr(record, "status", None)
    value = getattr(status, "value", status)  # an enum member: its wire value
    return value if isinstance(value, str) else None


def _created(record: Any) -> datetime.datetime | None:
    moment = getattr(record, "created_at", None)
    return moment if isinstance(moment, datetime.datetime) else None


class FollowState(Generic[_T]):
    """What a follow knows between polls: the newest time seen and the pairs reported.

    Args:
        since: Report records created after this moment; None: only what appears from the
            first poll on (the records listed then are taken as already seen).
        window: How far behind the newest record seen each poll looks again.
    """

    def __init__(
        self, *, since: datetime.datetime | None = None, window: datetime.timedelta
    ) -> None:
        if window <= datetime.timedelta(0):
            raise ValueError("window must be positive")
        self.window = window
        self._since = since
        self._newest: datetime.datetime | None = since
        #: id -> (created_at, last status reported): only records inside the window.
        self._seen: dict[str, tuple[datetime.datetime, str | None]] = {}
        self._first = since is None

    def __len__(self) -> int:
        """How many records it remembers (all inside the window)."""
        return len(self._seen)

    def params(self) -> dict[str, Any]:
        """The list arguments of the next poll (`created_after`, when known)."""
        if self._newest is None:
            return {}
        after = self._newest - self.window
        if self._since is not None and after < self._since:
            after = self._since
        return {"created_after": after}

    def enough(self, record: _T) -> bool:
        """True once a poll has read past the window (records come newest first)."""
        created = _created(record)
        if created is None:
            return False
        if self._newest is None:
            self._newest = created
        return created < self._newest - self.window

    def feed(self, records: Iterable[_T]) -> list[FollowEvent[_T]]:
        """Take one poll's records (newest first); the events, oldest first."""
        events: list[FollowEvent[_T]] = []
        for record in records:
            created = _created(record)
            record_id = str(getattr(record, "id", "") or "")
            if created is None or not record_id:
                continue
            if self._newest is None or created > self._newest:
                self._newest = created
            status = _status(record)
            known = self._seen.get(record_id)
            self._seen[record_id] = (created, status)
            if known is None:
                if not self._first:
                    events.append(FollowEvent(record))
            elif known[1] != status:
                events.append(FollowEvent(record, known[1], is_new=False))
        self._first = False
        self._forget()
        events.reverse()
        return events

    def _forget(self) -> None:
        if self._newest is None:
            return
        floor = self._newest - self.window
        for record_id in [key for key, (created, _) in self._seen.items() if created < floor]:
            del self._seen[record_id]


#: What a follow calls with a failure it rides out (the CLI prints a one-line notice).
OnError = Callable[[Exception], None]


def poll(list_page: Callable[..., Iterable[_T]], state: FollowState[_T]) -> list[FollowEvent[_T]]:
    """One poll: list what is inside the window, and what changed since the last one."""
    batch: list[_T] = []
    for record in list_page(**state.params()):
        if state.enough(record):
            break
        batch.append(record)
    return state.feed(batch)


def follow_sync(
    list_page: Callable[..., Iterable[_T]],
    state: FollowState[_T],
    *,
    interval: float,
    sleep: Callable[[float], object],
    on_error: OnError | None,
) -> Iterator[FollowEvent[_T]]:
    """Poll `list_page(**state.params())` forever, yielding what changed."""
    while True:
        try:
            events = poll(list_page, state)
        except TRANSIENT_ERRORS as error:
            if on_error is not None:
                on_error(error)
        else:
            yield from events
        sleep(interval)


async def follow_async(
    list_page: Callable[..., Any],
    state: FollowState[_T],
    *,
    interval: float,
    sleep: Callable[[float], Awaitable[None]],
    on_error: OnError | None,
) -> AsyncIterator[FollowEvent[_T]]:
    """The async `follow_sync`: `list_page` returns an async iterable."""
    while True:
        batch: list[_T] = []
        try:
            async for record in list_page(**state.params()):
                if state.enough(record):
                    break
                batch.append(record)
        except TRANSIENT_ERRORS as error:
            if on_error is not None:
                on_error(error)
        else:
            for event in state.feed(batch):
                yield event
        await sleep(interval)


def start(since: datetime.datetime | datetime.timedelta | None) -> datetime.datetime | None:
    """`since` as a moment: a timedelta counts back from now (UTC)."""
    if isinstance(since, datetime.timedelta):
        return datetime.datetime.now(datetime.UTC) - since
    if since is not None and since.tzinfo is None:
        return since.replace(tzinfo=datetime.UTC)
    return since
