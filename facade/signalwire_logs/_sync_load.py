"""One sync's load: which families start over, which merge, which a first load left with an
id twice; the dlt runs that load them; what each run did to each table.

A first load (a family whose table is missing, or ``full_refresh``) drops the family's table
and cursor and loads by dlt's replace (see `_sync_resource.family_resource`). Its walks read
each record once; should a server send one twice all the same, the table is found with an
id twice (one ``COUNT(DISTINCT id)`` query right after the load) and the family is loaded
again the merging way, which keeps one row an id. A first load marks its table unchecked in
dlt's state, committed with the rows; the next run checks that table once more before it
reads (a run cut short between the load and its check) and clears the mark. No other table
is scanned: a destination that appends where it cannot merge (plain files) would otherwise
be reloaded every other run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dlt.destinations.exceptions import DatabaseUndefinedRelation
from dlt.extract.source import DltSource

from ._families import LogFamily
from ._sync_resource import UNCHECKED, Deletions

#: The source's name in `sync()`, under which dlt keeps its state.
SOURCE = "signalwire_logs"

#: What a run did to one family's table: family, table, read, new, updated, total, deleted
#: (the fields of `sync.FamilyResult`).
Counts = tuple[str, str, int, int, int, int, int]


def load(
    pipeline: Any,
    chosen: list[LogFamily],
    families_source: Callable[..., DltSource],
    *,
    full_refresh: bool,
    deletions: Deletions,
) -> list[Counts]:
    """Run the pipeline over the ``chosen`` families; what it did to each family's table.

    ``families_source(names, fresh=...)`` makes the dlt source of some families;
    ``deletions`` is filled, by family, with the deleted logs their walks read.
    """
    tables = [family.table for family in chosen]
    before = row_counts(pipeline, tables)
    runs = _Runs(pipeline, families_source, deletions)
    # A family whose table is not at the destination starts from scratch, whatever
    # dlt's local state remembers (say the database file was deleted): otherwise only
    # the look-back window would be read into the new table.
    fresh = [f.name for f in chosen if full_refresh or f.table not in before]
    runs.mend([f for f in chosen if f.name not in fresh and _unchecked(pipeline, f.table)])
    runs.start_over([f for f in chosen if f.name in fresh])
    runs.run([f.name for f in chosen if f.name not in fresh and f.name not in runs.repeated])
    after = row_counts(pipeline, tables)
    return [runs.counts(f, before.get(f.table, 0), after.get(f.table, 0)) for f in chosen]


@dataclass
class _Runs:
    """The dlt runs of one sync, and what they read."""

    pipeline: Any
    families_source: Callable[..., DltSource]
    deletions: Deletions
    #: Rows normalised by dlt, by table.
    read: dict[str, int] = field(default_factory=dict)
    #: Families whose tables were dropped for a first load.
    fresh: list[str] = field(default_factory=list)
    #: Those loaded by replace (their deleted logs never reached dlt).
    inserted: list[str] = field(default_factory=list)
    #: Families reloaded the merging way for an id found twice.
    repeated: list[str] = field(default_factory=list)
    #: Surplus rows (beyond one an id) found before this run, by family.
    surplus: dict[str, int] = field(default_factory=dict)

    def run(self, names: list[str], *, refresh: bool = False, fresh: bool = False) -> None:
        """One dlt run over ``names`` (``refresh``: their tables and cursors dropped first)."""
        if not names:
            return
        source = self.families_source(names, fresh=fresh)
        self.pipeline.run(source, refresh="drop_resources" if refresh else None)
        trace = self.pipeline.last_trace
        if trace is not None and trace.last_normalize_info is not None:
            self.read.update(trace.last_normalize_info.row_counts)

    def mend(self, unchecked: list[LogFamily]) -> None:
        """Note the tables a first load left unchecked that hold an id twice."""
        for family in unchecked:
            extra = _surplus_ids(self.pipeline, family)
            if extra:
                self.surplus[family.name] = extra
                self.repeated.append(family.name)

    def start_over(self, fresh: list[LogFamily]) -> None:
        """Load ``fresh`` from scratch by replace; then every family with an id twice (found
        now, or before this run by `mend()`) again from scratch, the merging way."""
        self.fresh = [f.name for f in fresh]
        self.run(self.fresh, refresh=True, fresh=True)
        for family in fresh:
            if _surplus_ids(self.pipeline, family):
                self.repeated.append(family.name)
            else:
                self.inserted.append(family.name)
        for name in self.repeated:
            self.deletions.forget(name)
        self.run(self.repeated, refresh=True)

    def counts(self, family: LogFamily, before: int, total: int) -> Counts:
        """What the runs did to ``family``'s table, which held ``before`` rows and now
        ``total``."""
        name, table = family.name, family.table
        read, deleted = self.read.get(table, 0), self.deletions.read.get(name, 0)
        removed = self.deletions.held.get(name, deleted)  # the rows the deletions found
        read += deleted if name in self.inserted else 0
        live = read - deleted  # the others were removed (if they were in the table)
        # A deletion removes the row the table held for it, if any (a fresh table held
        # none; a mended one was dropped, its surplus rows with it).
        if name in self.fresh:
            grown = total
        elif name in self.surplus:
            grown = total - (before - self.surplus[name])
        else:
            grown = total - before + removed
        new = min(live, max(0, grown))
        return (name, table, read, new, live - new, total, deleted)


def _surplus_ids(pipeline: Any, family: LogFamily) -> int:
    """Rows of ``family``'s table beyond one an id (one query; 0 without a table)."""
    try:
        with pipeline.sql_client() as client:
            table = client.make_qualified_table_name(family.table)
            column = client.escape_column_name(family.id_field)
            sql = f"SELECT COUNT(*) - COUNT(DISTINCT {column}) FROM {table}"
            return int(client.execute_sql(sql)[0][0])
    except DatabaseUndefinedRelation:  # nothing loaded: no table, or no dataset
        return 0


def _unchecked(pipeline: Any, table: str) -> bool:
    """Whether the first load of ``table`` left it unchecked (`UNCHECKED`, in the state dlt
    committed with the rows; a run cut short between the load and its check)."""
    sources = pipeline.state.get("sources", {})
    resource = sources.get(SOURCE, {}).get("resources", {}).get(table, {})
    return bool(resource.get(UNCHECKED, False))


def row_counts(pipeline: Any, tables: list[str]) -> dict[str, int]:
    """Rows per table at the destination, for the tables that exist there."""
    counts: dict[str, int] = {}
    try:
        with pipeline.sql_client() as client:
            for table in tables:
                name = client.make_qualified_table_name(table)
                try:
                    counts[table] = int(client.execute_sql(f"SELECT count(*) FROM {name}")[0][0])
                except DatabaseUndefinedRelation:
                    continue
    except DatabaseUndefinedRelation:  # nothing loaded yet: no dataset
        pass
    return counts
