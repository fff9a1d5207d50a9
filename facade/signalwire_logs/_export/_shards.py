"""The plan of an export: its shards (time windows), who walks which, and work stealing.

No I/O here: the thread and task engines share it. A shard is a window ``low <= t < high``
of the records' time field, walked newest first (checked page by page: see ``_order``). When
a worker has nothing left to take,
it splits the window with the most records still to read (estimated from how densely its
last page held them) at the middle of what that walk has not yet reached, and takes the older
half; the walk of the newer half stops as soon as it reads a
record older than its new ``low``. Every record belongs to exactly one window at any
moment, and a page is never cut by a split while it is being written, so no record is lost
or written twice.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from .._dates import as_utc, moment
from .._exceptions import ConfigurationError
from ..pagination import PageCursor
from ._formats import PENDING
from ._order import Span, check_order

#: Each window is asked for a second wider on each side, whatever the server's rounding or
#: inclusivity; the records outside it are dropped, so none is lost or doubled at an edge.
MARGIN = datetime.timedelta(seconds=1)
#: Windows narrower than this are not split further (each needs at least one request).
MIN_SPLIT = datetime.timedelta(seconds=10)
#: The filters a window sets in its query.
RANGE = ("created_after", "created_before")
#: What ``take`` answers when nothing is free but a busy window may soon be split.
WAIT: Final = "wait"
#: How long a worker told to `WAIT` waits before asking again (seconds).
IDLE = 0.005


#: What a cursor file holds of each shard (see Shard.to_dict).
_SAVED_FIELDS = frozenset(
    {"index", "low", "high", "first", "query", "cursor", "records", "state", "opened", "frontier"}
)


@dataclass
class Shard:
    """One window of an export and how far its walk has gone."""

    index: int  #: names its part file
    low: datetime.datetime | None  #: None: no lower bound (an unsharded export)
    high: datetime.datetime | None
    first: bool  #: the oldest window: ``low`` itself is excluded (created_after is exclusive)
    query: dict[str, Any]  #: the filters of its walk (a page token is valid only with them)
    cursor: PageCursor = field(default_factory=PageCursor)
    records: int = 0
    state: dict[str, Any] | None = None  #: the writer's resume state; None: nothing written
    #: Its file is this export's: recorded before the file is created, so a file at its path
    #: is truncated or deleted only if this is set (a file there otherwise is not ours).
    opened: bool = False
    frontier: datetime.datetime | None = None  #: the oldest record time its walk has read
    #: Records a second of time held in its last page: where the walk is now, not averaged
    #: over what it has read (real traffic is bursty; a walk that has just entered a burst
    #: has most of its records ahead). Not saved: a resumed walk learns it again.
    rate: float | None = None
    #: Records written since its last durable page (see Plan.end_page): not saved.
    pending: int = 0
    #: The oldest record time (UTC) the walk now running has read: the newest a next page
    #: may hold. Not saved: a resumed walk fetches again the pages after its saved cursor.
    walked: datetime.datetime | None = None
    busy: bool = False  #: a worker is walking it
    writing: bool = False  #: a page of it is being written: not to be split now

    @property
    def done(self) -> bool:
        return self.cursor.done

    def keeps(self, instant: datetime.datetime, low: datetime.datetime | None) -> bool:
        if low is not None and (instant <= low if self.first else instant < low):
            return False
        return self.high is None or instant < self.high

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "low": None if self.low is None else self.low.isoformat(),
            "high": None if self.high is None else self.high.isoformat(),
            "first": self.first,
            "query": self.query,
            "cursor": self.cursor.to_dict(),
            "records": self.records,
            "state": self.state,
            "opened": self.opened,
            "frontier": None if self.frontier is None else self.frontier.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Shard:
        """A shard from a cursor file; ``ValueError`` or ``TypeError`` if malformed."""
        if not isinstance(data, Mapping) or set(data) != _SAVED_FIELDS:
            raise ValueError(f"a shard has the fields {sorted(_SAVED_FIELDS)}")
        index, records, first = data["index"], data["records"], data["first"]
        if type(index) is not int or index < 0 or type(records) is not int or records < 0:
            raise ValueError("a shard's index and records are non-negative integers")
        if type(first) is not bool or not isinstance(data["query"], dict):
            raise ValueError("a shard's first is a boolean and its query an object")
        if not (data["state"] is None or isinstance(data["state"], dict)):
            raise ValueError("a shard's state is an object or null")
        if type(data["opened"]) is not bool or (data["state"] is not None and not data["opened"]):
            raise ValueError("a shard's opened is a boolean, true when it has a state")
        return cls(
            index=index,
            low=_time_or_none(data["low"]),
            high=_time_or_none(data["high"]),
            first=first,
            query=data["query"],
            cursor=PageCursor.from_dict(data["cursor"]),
            records=records,
            state=data["state"],
            opened=data["opened"],
            frontier=_time_or_none(data["frontier"]),
        )


def check_windows(shards: list[Shard], filters: Mapping[str, Any], *, sharded: bool) -> None:
    """``ValueError`` unless the windows of a loaded cursor file tile the export's range
    exactly, each walked with the export's filters: an overlap would write records twice,
    a gap would lose them (a hand-edited cursor file)."""
    if not sharded:
        (only,) = shards
        if only.low is not None or only.high is not None or dict(only.query) != dict(filters):
            raise ValueError("an unsharded export's shard has no window and the export's filters")
        return
    try:
        low, high = (moment(name, filters[name]) for name in RANGE)
    except (KeyError, ConfigurationError):
        raise ValueError("a sharded export has created_after and created_before") from None
    base = {key: value for key, value in filters.items() if key not in RANGE}
    windows: list[tuple[datetime.datetime, datetime.datetime, Shard]] = []
    for shard in shards:
        if shard.low is None or shard.high is None or not shard.low < shard.high:
            raise ValueError(f"shard {shard.index} has no window (low < high)")
        windows.append((shard.low, shard.high, shard))
    edge = low
    for _, _, shard in sorted(windows, key=lambda window: window[:2]):
        assert shard.low is not None and shard.high is not None
        if shard.low < edge:
            raise ValueError(f"shard {shard.index} overlaps another before {edge.isoformat()}")
        if shard.low > edge:
            raise ValueError(f"no shard holds {edge.isoformat()} to {shard.low.isoformat()}")
        if shard.first != (shard.low == low):
            raise ValueError(f"shard {shard.index}: only the oldest window is first")
        query = dict(shard.query)
        try:
            after, before = (moment(name, query.pop(name)) for name in RANGE)
        except (KeyError, ConfigurationError):
            raise ValueError(f"shard {shard.index} has no created_after..created_before") from None
        if query != base or after > shard.low or before < shard.high:
            raise ValueError(f"shard {shard.index}'s query does not cover its window")
        edge = shard.high
    if edge != high:
        raise ValueError(f"no shard holds {edge.isoformat()} to {high.isoformat()}")


def range_of(filters: Mapping[str, Any]) -> tuple[datetime.datetime, datetime.datetime] | None:
    """The date range of an unsharded export, for its progress; None if open or unreadable."""
    try:
        low = moment("created_after", filters["created_after"])
        high = moment("created_before", filters["created_before"])
    except (KeyError, ConfigurationError):
        return None
    return (low, high) if low < high else None


def _time_or_none(value: Any) -> datetime.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"a time is an ISO 8601 string, got {value!r}")
    return as_utc(datetime.datetime.fromisoformat(value))


def _span(shard: Shard) -> datetime.timedelta:
    """How much of a window its walk has not reached yet."""
    top = shard.frontier or shard.high
    if shard.low is None or top is None:
        return datetime.timedelta(0)
    return top - shard.low


def _left(shard: Shard) -> float:
    """About how many records a window still holds, at the density of its last page (0
    before its first page: nothing is known yet)."""
    if shard.rate is None:
        return 0.0
    return shard.rate * _span(shard).total_seconds()


def _advance(
    shard: Shard, written: int, oldest: datetime.datetime, newest: datetime.datetime | None
) -> None:
    """Move ``shard``'s walk past a page of ``written`` records down to ``oldest``: how far
    it has reached, and its density (a first page's is its own, from its newest record, not
    the window's top: an incremental window ends now, maybe long after its newest record)."""
    shard.walked = oldest if shard.walked is None else min(shard.walked, oldest)
    top = shard.frontier or (as_utc(newest) if newest is not None else shard.high)
    seconds = 0.0 if top is None else (top - oldest).total_seconds()
    if seconds > 0:  # (records at one instant: no split could divide them)
        shard.rate = written / seconds
    shard.frontier = oldest if shard.frontier is None else min(shard.frontier, oldest)


def window_query(
    filters: Mapping[str, Any],
    low: datetime.datetime,
    high: datetime.datetime,
    *,
    first: bool,
    last: bool,
) -> dict[str, Any]:
    """The filters that fetch the window ``low..high`` (a margin wider inside the range)."""
    after = low if first else low - MARGIN
    before = high if last else high + MARGIN
    return {**filters, "created_after": after.isoformat(), "created_before": before.isoformat()}


class Plan:
    """The shards of one export, shared by its workers (every method is thread-safe)."""

    def __init__(
        self,
        shards: Iterable[Shard],
        *,
        filters: Mapping[str, Any] | None,
        min_split: int = 2000,
        bounds: tuple[datetime.datetime, datetime.datetime] | None = None,
    ) -> None:
        self.shards = sorted(shards, key=lambda s: s.index)
        #: The date range of an unsharded export (its one walk has no window), for progress.
        self._bounds = bounds
        #: The filters new windows are built on; None: the export cannot be split.
        self._filters = None if filters is None else dict(filters)
        #: A window is split only if about this many records are left in it: each half
        #: costs at least one more request, worth it only for a few pages of work.
        self._min_split = min_split
        self._lock = threading.Lock()
        self._stopped = False
        #: Set while a page is being recorded: still set afterwards only if an interrupt
        #: (Ctrl-C, in the main thread) cut the recording short, leaving the plan half
        #: updated, never to be saved (the last save is still exact).
        self._recording = False

    @classmethod
    def windows(
        cls,
        filters: Mapping[str, Any],
        low: datetime.datetime,
        high: datetime.datetime,
        count: int,
        *,
        min_split: int = 2000,
    ) -> Plan:
        """``count`` equal windows of ``low..high``."""
        step = (high - low) / count
        edges = [low + step * i for i in range(count)] + [high]
        shards = [
            Shard(
                index=i,
                low=edges[i],
                high=edges[i + 1],
                first=i == 0,
                query=window_query(
                    filters, edges[i], edges[i + 1], first=i == 0, last=i == count - 1
                ),
            )
            for i in range(count)
        ]
        return cls(shards, filters=filters, min_split=min_split)

    @property
    def records(self) -> int:
        """Records written so far, durable or not yet."""
        with self._lock:
            return sum(s.records + s.pending for s in self.shards)

    @property
    def complete(self) -> bool:
        with self._lock:
            return all(s.done for s in self.shards)

    def fraction(self) -> float | None:
        """The share of the date range walked so far; None when the range is open."""
        with self._lock:
            walked = total = 0.0
            for shard in self.shards:
                low, high = shard.low, shard.high
                if low is None or high is None:
                    if self._bounds is None:
                        return None
                    low, high = self._bounds
                total += (high - low).total_seconds()
                if shard.done:
                    walked += (high - low).total_seconds()
                elif shard.frontier is not None:
                    walked += (high - max(min(shard.frontier, high), low)).total_seconds()
            return min(1.0, walked / total) if total > 0 else None

    def stop(self) -> None:
        """Give no more work out: each worker ends after the page it is writing."""
        with self._lock:
            self._stopped = True

    @property
    def stopped(self) -> bool:
        return self._stopped

    def take(self) -> Shard | Literal["wait"] | None:
        """A window to walk: a free one, else the older half of the busiest one.

        Returns `WAIT` while a busy window may still become worth splitting, and None
        when this worker has nothing left to do.
        """
        with self._lock:
            if self._stopped:
                return None
            for shard in self.shards:
                if not shard.done and not shard.busy:
                    shard.busy, shard.walked = True, None  # a walk starts
                    return shard
            if self._filters is None:
                return None
            walking = [
                shard
                for shard in self.shards
                if shard.busy and not shard.done and _span(shard) >= MIN_SPLIT
            ]
            ready = [
                (left, shard)
                for shard in walking
                if not shard.writing and (left := _left(shard)) >= self._min_split
            ]
            if not ready:
                return WAIT if walking else None
            _, busiest = max(ready, key=lambda pair: pair[0])
            return self._split(busiest)

    def _cut(self, low: datetime.datetime, top: datetime.datetime) -> datetime.datetime:
        """Where to split ``low..top``: near its middle, on the coarsest point of a binary
        grid over the whole range. Timing decides when windows split, but the same windows
        (and so the same requests, which a cache can answer) come back from run to run."""
        whole_low = min(s.low for s in self.shards if s.low is not None)
        whole = max(s.high for s in self.shards if s.high is not None) - whole_low
        quarter = (top - low) / 4
        for depth in range(1, 48):
            step = whole / (1 << depth)
            point = whole_low + step * round((low + 2 * quarter - whole_low) / step)
            if low + quarter <= point <= top - quarter:
                return point.replace(microsecond=point.microsecond // 1000 * 1000)  # as sent
        middle = low + 2 * quarter
        return middle.replace(microsecond=middle.microsecond // 1000 * 1000)

    def _split(self, shard: Shard) -> Shard:
        assert shard.low is not None and self._filters is not None
        middle = self._cut(shard.low, shard.low + _span(shard))
        older = Shard(
            index=max(s.index for s in self.shards) + 1,
            low=shard.low,
            high=middle,
            first=shard.first,
            query=window_query(self._filters, shard.low, middle, first=shard.first, last=False),
            busy=True,
        )
        shard.low, shard.first = middle, False
        self.shards.append(older)
        return older

    def begin_page(self, shard: Shard) -> Callable[[datetime.datetime], bool]:
        """Mark a page of ``shard`` as being written; returns its window test for the page."""
        with self._lock:
            shard.writing = True
            low = shard.low
        return lambda instant: shard.keeps(as_utc(instant), low)

    def check_page(self, shard: Shard, span: Span | None) -> None:
        """Raise PaginationError if a page (its times) breaks the order ``shard``'s window
        relies on (see ``_order``); a walk with no window relies on no order."""
        if shard.low is not None and span is not None:
            check_order(span, shard.walked)

    def ends_walk(self, shard: Shard, cursor: PageCursor, oldest: datetime.datetime | None) -> bool:
        """Whether a page (its cursor, its oldest record) is the last of ``shard``'s walk:
        the last page of the list, or one that reached below the window (a page being
        written: the window cannot be split meanwhile)."""
        return cursor.done or self._below(shard, oldest)

    def _below(self, shard: Shard, oldest: datetime.datetime | None) -> bool:
        """Whether a page ends its window's walk by reaching below ``low``: its oldest record
        is below, and every page the walk read before it was inside the window.

        A walk's first page never ends it so (nor does a page after one below): listed
        newest first, what follows is at most the second of margin under the window, and a
        server listing otherwise is caught by the order checks on the next page instead of
        trusted on no evidence (its first page may hold both sides of ``low``). A walk that
        has read a page inside the window (a split's newer half, always) ends at once.
        """
        low, walked = shard.low, shard.walked
        return (
            low is not None
            and oldest is not None
            and walked is not None
            and walked >= low
            and as_utc(oldest) < low
        )

    def end_page(
        self,
        shard: Shard,
        *,
        written: int,
        oldest: datetime.datetime | None,
        cursor: PageCursor,
        state: dict[str, Any] | str | None,
        newest: datetime.datetime | None = None,
    ) -> None:
        """Record a page written: the walk ends at the last page or below ``low`` (see
        `ends_walk`).

        ``state`` is the writer's state once the page is durable, or `PENDING` while
        it is not: the page then counts for the window's progress and density, but the
        walk's saved place (cursor, records, state) moves only with a durable page, to
        after every page written so far.
        """
        with self._lock:
            self._recording = True
            shard.writing = False
            if state == PENDING:
                shard.pending += written
            else:
                shard.records += shard.pending + written
                shard.pending = 0
                if state is not None:
                    assert isinstance(state, dict)
                    shard.state = state
            below = self._below(shard, oldest)
            if oldest is not None:
                _advance(shard, written, as_utc(oldest), newest)
            if state != PENDING:
                shard.cursor = PageCursor(done=True) if below else cursor
            self._recording = False

    @property
    def torn(self) -> bool:
        """Whether an interrupt left a page half recorded: this plan must not be saved."""
        return self._recording

    def mark_opened(self, shard: Shard, opened: bool) -> None:
        """Record that ``shard``'s file is (or, its creation failed, is not) this export's."""
        with self._lock:
            shard.opened = opened

    def abandon_page(self, shard: Shard) -> None:
        with self._lock:
            shard.writing = False

    def release(self, shard: Shard) -> None:
        with self._lock:
            shard.busy = False
            shard.writing = False

    def to_list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [shard.to_dict() for shard in self.shards]
