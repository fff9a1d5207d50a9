"""Progress on stderr while a walk runs: count, rate and elapsed time; % and ETA when bounded.

Shown only when stderr is a terminal that can redraw a line (never in pipes, files or
``TERM=dumb``); ``NO_COLOR`` is obeyed (rich reads it).

Lists are newest first, so when a date range bounds the walk, the time of the last record read
says how much of the range is done: ``(high - at) / (high - low)``, where ``high`` is the newest
record's time (or the range's end) and ``low`` the range's start.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
from rich.text import Text

from ._safe import console as make_console

T = TypeVar("T")

#: Set when a Ctrl-C erased the progress line: the cursor is then at the start of a line.
cleared = threading.Event()
Span = tuple[datetime.datetime, datetime.datetime]


class Reporter:
    """What a command tells the progress line: ``update(records, at=..., fraction=...)``."""

    def __init__(self, bar: Progress | None, span: Span | None) -> None:
        self._bar = bar
        self._task = bar.add_task("", total=1.0 if span else None, records=0) if bar else None
        self._span = span
        self._newest: datetime.datetime | None = None
        self._last = 0.0
        self._before = 0
        self.records = 0

    def update(
        self,
        records: int,
        *,
        at: datetime.datetime | None = None,
        fraction: float | None = None,
        force: bool = False,
        before: int | None = None,
    ) -> None:
        """Tell how many records are done, and either the last one's time or the fraction done.

        Args:
            records: Records read or written so far.
            at: ``created_at`` of the last record read (lists are newest first).
            fraction: The fraction of the walk done, when the caller knows it (0 to 1).
            force: Redraw now (otherwise at most ten times a second).
            before: Of ``records``, those done by an earlier run (a resumed export): the
                rate counts only the others (kept for later updates).
        """
        self.records = records
        if before is not None:
            self._before = before
        if self._bar is None or self._task is None:
            return
        if fraction is None and at is not None and self._span is not None:
            fraction = self._fraction(at)
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        changes: dict[str, Any] = {"records": records, "before": self._before}
        if fraction is not None:  # from a span, or from the caller (an export knows its shards)
            changes["total"] = 1.0
            changes["completed"] = min(max(fraction, 0.0), 1.0)
        self._bar.update(self._task, **changes)
        if force:
            self._bar.refresh()

    def _first(self, at: Any) -> None:
        if isinstance(at, datetime.datetime) and self._span is not None:
            self._newest = min(at, self._span[1])

    def _fraction(self, at: datetime.datetime) -> float:
        low = self._span[0]  # type: ignore[index]
        if self._newest is None:
            self._first(at)
        top = self._newest or at
        if top <= low:
            return 1.0
        return (top - at) / (top - low)

    def track(self, items: Iterable[T], *, created_at: str | None = "created_at") -> Iterator[T]:
        """Yield ``items``, counting them (and reading each one's time when the walk is bounded)."""
        count = self.records
        bounded = self._bar is not None and self._span is not None and created_at is not None
        for item in items:
            count += 1
            if bounded and self._newest is None:
                self._first(getattr(item, created_at, None))  # type: ignore[arg-type]
            if count % 100 == 0:
                at = getattr(item, created_at, None) if bounded else None  # type: ignore[arg-type]
                self.update(count, at=at if isinstance(at, datetime.datetime) else None)
            yield item
        self.finish(count)

    def finish(self, records: int) -> None:
        """The walk is over: draw the final count (and 100% when the walk was bounded)."""
        bounded = self._span is not None or (
            self._bar is not None and self._task is not None and self._bar.tasks[0].total
        )
        self.update(records, fraction=1.0 if bounded else None, force=True)


class _Records(ProgressColumn):
    """``12,345 records  3,210/s``: the count and the mean rate since the start."""

    def render(self, task: Task) -> Text:
        records = int(task.fields.get("records", 0))
        done = records - int(task.fields.get("before", 0))  # by this run
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:,.0f}/s" if elapsed > 0.5 else "…/s"
        return Text(f"{records:,} records  {rate}")


class _Bar(BarColumn):
    """The bar, once the walk is known to be bounded (nothing before)."""

    def render(self, task: Task) -> Any:
        return Text("") if task.total is None else super().render(task)


class _Times(ProgressColumn):
    """``0:00:04 elapsed`` and, when the walk is bounded, ``42%  eta 0:00:06``."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        parts = [f"{_clock(elapsed)} elapsed"]
        if task.total is not None:
            done = task.completed / task.total
            eta = _clock(elapsed * (1 - done) / done) if done > 0.001 else "?"
            parts = [f"{done:4.0%}", *parts, f"eta {eta}"]
        return Text("  ".join(parts))


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def shown() -> bool:
    """Whether progress is drawn: stderr is a terminal that can redraw a line."""
    console = make_console(stderr=True)
    return console.is_terminal and not console.is_dumb_terminal and os.environ.get("TERM") != "dumb"


@contextmanager
def progress(description: str, *, span: Span | None = None) -> Iterator[Reporter]:
    """Show a live line on stderr while the block runs; yields a `Reporter`. The line is
    erased when the block ends, however it ends: what follows (a table, the closing line
    that says what was done, or how to continue after Ctrl-C) takes its place, and no
    frozen spinner stays on screen.

    Args:
        description: What is being done ("Exporting messages").
        span: The date range bounding the walk, when there is one: adds % and ETA (so does
            an ``update`` with a ``fraction``).
    """
    if not shown():
        yield Reporter(None, span)
        return
    console = make_console(stderr=True)
    # The description is shown as text, never read as markup.
    text = TextColumn(description, markup=False)
    columns: list[ProgressColumn] = [SpinnerColumn(), text, _Records()]
    if console.width >= 100:  # one line, even at 80 columns without it
        columns.append(_Bar(bar_width=12))
    columns.append(_Times())
    bar = Progress(*columns, console=console, transient=True, refresh_per_second=8)
    with bar:
        reporter = Reporter(bar, span)
        try:
            yield reporter
        except KeyboardInterrupt:
            # Ctrl-C: the line that says how to continue starts on a clean line.
            cleared.set()
            raise
        reporter.update(reporter.records, force=True)


def span_of(filters: Mapping[str, Any], now: datetime.datetime | None = None) -> Span | None:
    """The date range that bounds a walk with these filters, or None when it is open-ended.

    ``--created-on`` is one day; ``--created-after`` alone runs until now; ``--created-before``
    alone has no start, so no percentage can be told.
    """
    on = _moment(filters.get("created_on"))
    if on is not None:
        day = on.replace(hour=0, minute=0, second=0, microsecond=0)
        return day, day + datetime.timedelta(days=1)
    low = _moment(filters.get("created_after"))
    if low is None:
        return None
    high = _moment(filters.get("created_before")) or now or datetime.datetime.now(datetime.UTC)
    return (low, high) if high > low else None


def _moment(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value:
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return None  # the library says what is wrong with it
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
