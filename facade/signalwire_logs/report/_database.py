"""A report's numbers read from a DuckDB database written by ``signalwire-logs sync``.

DuckDB groups and sums; only the groups come back to Python, so a database of millions of
logs costs a few queries and no memory to speak of. The tables are the sync's (one per
family, in the ``dataset`` schema); a table that is missing is a family that was not synced,
and a column that is missing is one no record of that family has carried yet (the sync adds
columns as they appear), read as NULL.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from .._exceptions import ConfigurationError
from .._extras import needs_extra
from .._families import MESSAGES, VOICE
from ._model import CHARGE_PLACES, DURATION_BUCKETS, ERROR_FAMILIES, FAMILIES, Tally, charge

try:
    import duckdb
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError(needs_extra("a report from a database needs DuckDB", "report")) from err


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Table:
    """One family's table: its qualified name, its columns, and the range's WHERE clause."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        dataset: str,
        table: str,
        columns: set[str],
        where: str,
        parameters: list[Any],
    ) -> None:
        self.con = con
        self.name = f"{_quoted(dataset)}.{_quoted(table)}"
        self.columns = columns
        self.where = where
        self.parameters = parameters

    def column(self, name: str) -> str:
        """The column, or NULL when the table lacks it; empty strings read as NULL."""
        if name not in self.columns:
            return "NULL"
        return f"NULLIF({_quoted(name)}, '')" if name != "duration" else _quoted(name)

    def rows(self, select: str, *, where: str = "", group: str = "ALL") -> list[tuple[Any, ...]]:
        condition = self.where + (f" AND ({where})" if where else "")
        sql = f"SELECT {select} FROM {self.name} WHERE {condition} GROUP BY {group}"
        return self.con.execute(sql, self.parameters).fetchall()


def collect_from_database(
    database: str | os.PathLike[str],
    tally: Tally,
    *,
    dataset: str,
    since: datetime.datetime | None,
    until: datetime.datetime | None,
    include_deleted: bool,
) -> None:
    """Add the groups of every synced family's table in ``database`` to ``tally``.

    Raises:
        ConfigurationError: there is no such database, or it holds none of the tables.
    """
    path = Path(database)
    if not path.is_file():
        raise ConfigurationError(
            f"No DuckDB database at {path}: write one with `signalwire-logs sync --database`."
        )
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as err:
        raise ConfigurationError(f"Cannot open the DuckDB database {path}: {err}") from err
    with con:
        # Days are UTC days, whatever the machine's timezone.
        con.execute("SET TimeZone = 'UTC'")
        found = _tables(con, dataset)
        if not found:
            raise ConfigurationError(
                f"The database {path} holds no synced log table in the schema {dataset!r}: "
                "sync into it first, or name the schema with --dataset."
            )
        for family, _, table in FAMILIES:
            columns = found.get(table)
            if columns is None:
                continue
            tally.families.append(family)
            scope = _range(con, dataset, table, columns, since, until, include_deleted)
            _family(scope, family, tally)


def _tables(con: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, set[str]]:
    """The report's tables in the schema, with their columns."""
    wanted = [table for _, _, table in FAMILIES]
    found: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = ? "
        "AND table_name IN (SELECT unnest(?))",
        [dataset, wanted],
    ).fetchall():
        found.setdefault(table, set()).add(column)
    return {table: columns for table, columns in found.items() if "created_at" in columns}


def _range(
    con: duckdb.DuckDBPyConnection,
    dataset: str,
    table: str,
    columns: set[str],
    since: datetime.datetime | None,
    until: datetime.datetime | None,
    include_deleted: bool,
) -> _Table:
    conditions, parameters = ["created_at IS NOT NULL"], []
    if since is not None:
        conditions.append("created_at >= ?")
        parameters.append(since)
    if until is not None:
        conditions.append("created_at < ?")
        parameters.append(until)
    if not include_deleted and "discarded_at" in columns:
        conditions.append("discarded_at IS NULL")
    return _Table(con, dataset, table, columns, " AND ".join(conditions), parameters)


def _family(table: _Table, family: str, tally: Tally) -> None:
    day = "CAST(created_at AS DATE)"
    if family == MESSAGES.name:
        for when, status, count in table.rows(f"{day}, {table.column('status')}, count(*)"):
            tally.message(when, status, count)
    if family in ERROR_FAMILIES:
        code, message = table.column("error_code"), table.column("error_message")
        # The commonest messages first: a tally keeps a bounded number per code.
        rows = table.rows(
            f"{code}, {message}, count(*) AS n",
            where=f"{code} IS NOT NULL OR {message} IS NOT NULL",
        )
        for error_code, error_message, count in sorted(rows, key=lambda r: (-r[2], str(r[1]))):
            tally.error(family, error_code, error_message, count)
    if family == VOICE.name:
        _calls(table, tally)
    if "charge" in table.columns:
        # Each charge rounded to the places a tally keeps, then added up exactly.
        exact = f"sum(CAST(charge AS DECIMAL(38, {CHARGE_PLACES})))"
        for when, amount in table.rows(f"{day}, {exact}", where="charge IS NOT NULL"):
            total = charge(amount)
            if total is not None:
                tally.cost(when, family, total)


def _calls(table: _Table, tally: Tally) -> None:
    kind, duration = table.column("type"), table.column("duration")
    for type_, calls, timed, seconds in table.rows(
        f"{kind}, count(*), count({duration}), coalesce(sum({duration}), 0)"
    ):
        tally.calls(type_, calls, timed, int(seconds))
    cases = " ".join(
        f"WHEN {duration} >= {low} THEN '{label}'" for low, label in reversed(DURATION_BUCKETS)
    )
    for label, type_, calls in table.rows(
        f"CASE {cases} ELSE '{DURATION_BUCKETS[0][1]}' END, {kind}, count(*)",
        where=f"{duration} IS NOT NULL",
    ):
        tally.durations(label, type_, calls)
