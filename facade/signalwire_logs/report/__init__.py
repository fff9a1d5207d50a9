"""A delivery report: one self-contained HTML file of charts and tables over a date range.

    from signalwire_logs.report import build_report

    page = build_report(database="signalwire.duckdb", since="2024-06-01", until="2024-06-08")
    Path("report.html").write_text(page, encoding="utf-8")

    page = build_report(client=SignalWireLogs(), since="2024-06-01")   # or straight from the API

It shows messages by status over time and the delivery rate, failures by error code with
what each code means, the cost per day by family, and calls by type and duration; every
chart has its numbers beside it (a table) and on each mark (a tooltip), and follows the
reader's light or dark scheme. The file needs nothing else: no script, font or style is
fetched when it is opened (its Content-Security-Policy forbids it), so it can be mailed,
archived or opened offline. Everything the logs say is shown as text, never as markup.

The numbers come from a DuckDB database written by ``signalwire-logs sync`` (fast: DuckDB
groups millions of logs in a second) or from the API, each family's list walked once with
memory that stays flat however many logs there are. Both give the same `ReportData`.

Needs the ``report`` extra (vl-convert draws the charts; DuckDB reads the database).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from typing import Any

from .._dates import DateLike, moment
from .._exceptions import ConfigurationError
from ._model import (
    DURATION_BUCKETS,
    CallType,
    DayCost,
    DeliveryRate,
    DurationCount,
    ErrorCount,
    ReportData,
    StatusCount,
    Tally,
)

__all__ = [
    "DURATION_BUCKETS",
    "CallType",
    "DayCost",
    "DeliveryRate",
    "DurationCount",
    "ErrorCount",
    "ReportData",
    "StatusCount",
    "build_report",
    "collect",
    "render",
]

#: The schema ``signalwire-logs sync`` loads its tables into.
DEFAULT_DATASET = "signalwire_logs"
DEFAULT_TITLE = "SignalWire logs report"


def collect(
    *,
    database: str | os.PathLike[str] | None = None,
    client: Any = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    dataset: str = DEFAULT_DATASET,
    include_deleted: bool = False,
    on_progress: Callable[[str, int], None] | None = None,
) -> ReportData:
    """The report's numbers, from a synced DuckDB database or from the API.

    Args:
        database: A DuckDB file written by ``signalwire-logs sync`` (or
            [`sync()`][signalwire_logs.sync.sync]). Give this or ``client``.
        client: A [`SignalWireLogs`][signalwire_logs.SignalWireLogs] whose lists are walked, every
            family once, page by page.
        since: Only logs created at or after this (``"2024-06-01"``, an ISO 8601 date-time, a
            ``date`` or ``datetime``; a day is its midnight UTC, a naive time is UTC).
        until: Only logs created before this (the same forms).
        dataset: The schema the sync loaded the tables into (database only).
        include_deleted: Also count logs of deleted activity (those the database holds, or
            the API's ``include_deleted``).
        on_progress: Called after each page read from the API with the family's name and the
            records read of it so far.

    Returns:
        The numbers each chart and table shows.

    Raises:
        ConfigurationError: neither or both of ``database`` and ``client``; a malformed or
            empty range; no database at that path, or no synced table in it.
        SignalWireError: the API failed (from ``client``), as its lists raise it.
    """
    if (database is None) == (client is None):
        raise ConfigurationError("Give a report either a database or a client, not both.")
    low, high = _range(since, until)
    tally = Tally()
    if database is not None:
        from ._database import collect_from_database

        collect_from_database(
            database, tally, dataset=dataset, since=low, until=high, include_deleted=include_deleted
        )
        return tally.finish(low, high, source=os.path.basename(os.fspath(database)))
    from ._api import collect_from_client

    collect_from_client(
        client,
        tally,
        since=low,
        until=high,
        include_deleted=include_deleted,
        on_progress=on_progress,
    )
    # The API's host (never the credentials) says where the numbers came from.
    host = getattr(getattr(client, "base_url", None), "host", None)
    return tally.finish(low, high, source=str(host or "the API"))


def _range(
    since: DateLike | None, until: DateLike | None
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    low = None if since is None else moment("since", since)
    high = None if until is None else moment("until", until)
    if low is not None and high is not None and low >= high:
        raise ConfigurationError(
            f"since ({low.isoformat()}) must be before until ({high.isoformat()})"
        )
    return low, high


def render(
    data: ReportData,
    *,
    title: str = DEFAULT_TITLE,
    generated: datetime.datetime | None = None,
) -> str:
    """The report page for ``data``: one self-contained HTML document.

    Args:
        data: What `collect()` returned.
        title: The page's heading.
        generated: When it was made, as the page says (default: now).
    """
    from ._html import page

    when = generated or datetime.datetime.now(datetime.UTC)
    return page(data, title=title, generated=when.astimezone(datetime.UTC))


def build_report(
    *,
    database: str | os.PathLike[str] | None = None,
    client: Any = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    dataset: str = DEFAULT_DATASET,
    include_deleted: bool = False,
    title: str = DEFAULT_TITLE,
    on_progress: Callable[[str, int], None] | None = None,
) -> str:
    """A report over a date range as one self-contained HTML document.

    `collect()` then `render()`; the arguments are theirs.

    Example:
        >>> page = build_report(database="signalwire.duckdb", since="2024-06-01")  # doctest: +SKIP
        >>> Path("report.html").write_text(page, encoding="utf-8")  # doctest: +SKIP
    """
    data = collect(
        database=database,
        client=client,
        since=since,
        until=until,
        dataset=dataset,
        include_deleted=include_deleted,
        on_progress=on_progress,
    )
    return render(data, title=title)
