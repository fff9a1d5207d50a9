"""The report's numbers: what every chart and table shows, whichever source they came from.

Both sources (a synced DuckDB database and the API) add what they read to one `Tally`,
and `Tally.finish()` turns it into the same `ReportData`: one place decides how
values are grouped, labelled, sorted and summed, so the two paths cannot drift apart.

A tally holds only groups (days x statuses, error codes, days x families, call types, duration
buckets), never records: its size does not grow with the number of logs read.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .._families import FAXES, LOG_FAMILIES, MESSAGES
from ..error_codes import explain

#: The families a report reads, in the order it shows them: (CLI name, the client's
#: attribute, the table ``signalwire-logs sync`` loads it into), from the family registry.
FAMILIES: tuple[tuple[str, str, str], ...] = tuple(
    (family.cli_name, family.attribute, family.table) for family in LOG_FAMILIES
)
#: The families whose logs carry ``error_code`` and ``error_message``.
ERROR_FAMILIES = (MESSAGES.name, FAXES.name)
#: A message's final outcomes; the delivery rate is delivered / all of them.
OUTCOMES = ("delivered", "undelivered", "failed")
#: Call durations are counted in these buckets: (lowest duration in seconds, label).
DURATION_BUCKETS: tuple[tuple[int, str], ...] = (
    (0, "0 s"),
    (1, "1-30 s"),
    (31, "31-60 s"),
    (61, "1-2 min"),
    (121, "2-5 min"),
    (301, "5-10 min"),
    (601, "over 10 min"),
)
#: What a missing status or type is shown as.
NONE = "(none)"
#: Charges are summed exactly, each rounded to this many places first (DuckDB's decimal).
CHARGE_PLACES = 10
_QUANTUM = Decimal(1).scaleb(-CHARGE_PLACES)
#: Distinct error messages remembered per error code, to find the commonest one. A server
#: that sent a different message with every failure would otherwise grow the tally without
#: bound; past this many, only the messages already seen are counted.
MESSAGES_PER_CODE = 50


def charge(value: object) -> Decimal | None:
    """A record's charge as an exact decimal (a float, or a decimal string in conferences)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except ArithmeticError:
        return None
    if not amount.is_finite():
        return None
    return amount.quantize(_QUANTUM, rounding=ROUND_HALF_UP)


def bucket(seconds: int) -> str:
    """The label of the duration bucket ``seconds`` falls in."""
    label = DURATION_BUCKETS[0][1]
    for low, name in DURATION_BUCKETS:
        if seconds >= low:
            label = name
    return label


@dataclass(frozen=True)
class StatusCount:
    """Messages created on one day (UTC) that have one status."""

    day: datetime.date
    status: str
    count: int


@dataclass(frozen=True)
class DeliveryRate:
    """Of one day's messages with a final outcome, the share delivered."""

    day: datetime.date
    delivered: int
    outcomes: int
    """Messages delivered, undelivered or failed (queued, sent and received ones have none)."""

    @property
    def rate(self) -> float:
        """delivered / outcomes (0 to 1)."""
        return self.delivered / self.outcomes


@dataclass(frozen=True)
class ErrorCount:
    """Logs of one family that carry one error code (or an error message and no code)."""

    family: str
    code: str | None
    """The code as logs carry it; None for failures with a message and no code."""
    count: int
    message: str | None
    """The commonest ``error_message`` these logs carry (ties: the first alphabetically)."""
    meaning: str
    """What SignalWire documents the code to mean (`explain()`)."""
    documented: bool
    url: str | None
    """The code's entry in SignalWire's error-code reference."""


@dataclass(frozen=True)
class DayCost:
    """What one family's logs created on one day (UTC) were charged, in USD."""

    day: datetime.date
    family: str
    charge: Decimal


@dataclass(frozen=True)
class CallType:
    """Voice logs of one type, and how long they lasted."""

    type: str
    calls: int
    timed: int
    """Calls that carry a duration (a Fabric device leg does not)."""
    seconds: int
    """Their durations added up."""

    @property
    def average_seconds(self) -> float | None:
        """The mean duration of the timed calls (None: none is timed)."""
        return self.seconds / self.timed if self.timed else None


@dataclass(frozen=True)
class DurationCount:
    """Calls of one type whose duration falls in one bucket of `DURATION_BUCKETS`."""

    bucket: str
    type: str
    calls: int


@dataclass(frozen=True)
class ReportData:
    """Every number a report shows. Equal whether it was read from a database or the API.

    The range is half-open, ``since <= created_at < until``; days are UTC days.
    """

    since: datetime.datetime | None
    until: datetime.datetime | None
    families: tuple[str, ...]
    """The families read (from a database: those it holds a table for)."""
    messages: tuple[StatusCount, ...]
    delivery: tuple[DeliveryRate, ...]
    errors: tuple[ErrorCount, ...]
    costs: tuple[DayCost, ...]
    call_types: tuple[CallType, ...]
    call_durations: tuple[DurationCount, ...]
    source: str = field(default="", compare=False)
    """Where the logs came from (a database file or the API's host), for the page's header."""

    @property
    def message_count(self) -> int:
        """Messages in the range."""
        return sum(row.count for row in self.messages)

    @property
    def delivery_rate(self) -> float | None:
        """Delivered / (delivered + undelivered + failed) over the range (None: no outcome)."""
        outcomes = sum(row.outcomes for row in self.delivery)
        return sum(row.delivered for row in self.delivery) / outcomes if outcomes else None

    @property
    def error_count(self) -> int:
        """Logs (messages and faxes) carrying an error code or message."""
        return sum(row.count for row in self.errors)

    @property
    def total_cost(self) -> Decimal:
        """Everything charged in the range, every family, in USD."""
        return sum((row.charge for row in self.costs), Decimal(0))

    @property
    def call_count(self) -> int:
        """Voice logs in the range."""
        return sum(row.calls for row in self.call_types)

    @property
    def call_seconds(self) -> int:
        """The durations of every call added up."""
        return sum(row.seconds for row in self.call_types)


def _label(value: str | None) -> str:
    return value if value else NONE


class Tally:
    """Groups and counts, added to as logs (or a database's groups of them) are read."""

    def __init__(self) -> None:
        self.families: list[str] = []
        self._statuses: Counter[tuple[datetime.date, str]] = Counter()
        self._errors: Counter[tuple[str, str | None]] = Counter()
        self._messages: defaultdict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
        self._costs: defaultdict[tuple[datetime.date, str], Decimal] = defaultdict(Decimal)
        self._calls: Counter[str] = Counter()
        self._timed: Counter[str] = Counter()
        self._seconds: Counter[str] = Counter()
        self._durations: Counter[tuple[str, str]] = Counter()

    def message(self, day: datetime.date, status: str | None, count: int = 1) -> None:
        """``count`` messages created on ``day`` with ``status``."""
        self._statuses[day, _label(status)] += count

    def error(self, family: str, code: str | None, message: str | None, count: int = 1) -> None:
        """``count`` logs of ``family`` carrying ``code`` and ``message`` (either may be None)."""
        key = (family, code or None)
        self._errors[key] += count
        if message:
            seen = self._messages[key]
            if message in seen or len(seen) < MESSAGES_PER_CODE:
                seen[message] += count

    def cost(self, day: datetime.date, family: str, amount: Decimal) -> None:
        """``amount`` USD charged for logs of ``family`` created on ``day``."""
        self._costs[day, family] += amount

    def call(self, type_: str | None, duration: int | None) -> None:
        """One voice log of ``type_`` that lasted ``duration`` seconds (None: not timed)."""
        label = _label(type_)
        self._calls[label] += 1
        if duration is not None:
            self._timed[label] += 1
            self._seconds[label] += duration
            self._durations[bucket(duration), label] += 1

    def calls(self, type_: str | None, calls: int, timed: int, seconds: int) -> None:
        """``calls`` voice logs of ``type_``, ``timed`` of them lasting ``seconds`` in all."""
        label = _label(type_)
        self._calls[label] += calls
        self._timed[label] += timed
        self._seconds[label] += seconds

    def durations(self, bucket_label: str, type_: str | None, calls: int) -> None:
        """``calls`` voice logs of ``type_`` whose duration falls in ``bucket_label``."""
        self._durations[bucket_label, _label(type_)] += calls

    def finish(
        self,
        since: datetime.datetime | None,
        until: datetime.datetime | None,
        source: str = "",
    ) -> ReportData:
        """The numbers, grouped, labelled and sorted."""
        order = {label: n for n, (_, label) in enumerate(DURATION_BUCKETS)}
        return ReportData(
            since=since,
            until=until,
            families=tuple(self.families),
            messages=tuple(
                StatusCount(day, status, count)
                for (day, status), count in sorted(self._statuses.items())
                if count
            ),
            delivery=self._delivery(),
            errors=self._finish_errors(),
            costs=tuple(
                DayCost(day, family, amount)
                for (day, family), amount in sorted(self._costs.items())
            ),
            call_types=tuple(
                CallType(name, calls, self._timed[name], self._seconds[name])
                for name, calls in sorted(self._calls.items(), key=lambda kv: (-kv[1], kv[0]))
                if calls
            ),
            call_durations=tuple(
                DurationCount(label, name, calls)
                for (label, name), calls in sorted(
                    self._durations.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0])
                )
                if calls
            ),
            source=source,
        )

    def _delivery(self) -> tuple[DeliveryRate, ...]:
        delivered: Counter[datetime.date] = Counter()
        outcomes: Counter[datetime.date] = Counter()
        for (day, status), count in self._statuses.items():
            if status in OUTCOMES:
                outcomes[day] += count
                if status == "delivered":
                    delivered[day] += count
        return tuple(
            DeliveryRate(day, delivered[day], outcomes[day])
            for day in sorted(outcomes)
            if outcomes[day]
        )

    def _finish_errors(self) -> tuple[ErrorCount, ...]:
        rows = []
        for (family, code), count in self._errors.items():
            if not count:
                continue
            messages = self._messages.get((family, code))
            common = min(messages.items(), key=lambda kv: (-kv[1], kv[0]))[0] if messages else None
            explained = explain(code) if code else None
            rows.append(
                ErrorCount(
                    family=family,
                    code=code,
                    count=count,
                    message=common,
                    meaning=(
                        explained.meaning
                        if explained is not None and explained.documented
                        else "not in SignalWire's documented error codes"
                        if explained is not None
                        else "a failure reported with a message and no code"
                    ),
                    documented=explained is not None and explained.documented,
                    url=explained.url if explained is not None else None,
                )
            )
        rows.sort(key=lambda row: (-row.count, row.family, row.code or ""))
        return tuple(rows)
