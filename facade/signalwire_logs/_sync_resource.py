"""One log family as a dlt resource: its pages read (one walk, or time windows at once),
converted to Arrow from the bytes sent, personal data hashed or dropped, deletions handed
to dlt's hard delete.

Deletions. With ``include_deleted``, SignalWire lists a log whose activity it deleted as
three fields: ``id``, ``created_at`` and ``discarded_at``. Merged as a row, that would
overwrite the log with an empty one. Instead every table carries the ``discarded_at`` column
with dlt's ``hard_delete`` hint: a row read with a ``discarded_at`` is *removed* from the
table (and never inserted by a first load), in the same merge that updates the others.
Removed rather than marked, because SignalWire sends nothing else of a deleted log (a mark
would keep whatever was loaded before, which its owner asked to delete), and because dlt's
merge replaces whole rows (marking would need SQL of its own per destination). A deletion is
seen only when its log is read again: within the look-back window (``lag``) of a run. A log
deleted later than that stays in the table until ``--full-refresh`` reads everything again
(deleted logs then come back as deletions, or not at all without ``include_deleted``).
"""

from __future__ import annotations

import datetime
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import dlt
import msgspec
import pyarrow as pa
from dlt.common.schema.typing import TColumnSchema
from dlt.destinations.exceptions import DatabaseUndefinedRelation
from dlt.extract.resource import DltResource

from ._exceptions import ConfigurationError
from ._families import wire_names
from ._personal import EXTRA_FIELDS, HASH_KEY_VARIABLE, PersonalData
from ._response import mismatch
from ._sync_columns import Columns, schema_naming
from ._sync_windows import walk
from .arrow import TIMESTAMP, from_json_lines, schema_for

#: The column a deleted log carries; dlt removes the rows read with it (its hard delete).
DISCARDED = "discarded_at"
_DISCARDED_SENT = b'"discarded_at"'
#: Reads a record's top level, each value as the JSON sent: which fields it has.
_FIELDS = msgspec.json.Decoder(dict[str, msgspec.Raw])
_decode = msgspec.json.Decoder().decode
#: Set in a family's dlt state by a first load (committed with its rows), cleared by the
#: next run: its table's ids are still to be checked for one sent twice (see sync._load).
UNCHECKED = "ids_unchecked"
#: Rows handed to dlt in one Arrow table. dlt's extract works out a table's schema for every
#: item it is given (about 7 ms each), so a table a page spent most of a million-log sync
#: there; tens of pages at once cost it once. The pages' chunks are joined, not copied.
BATCH_ROWS = 50_000
#: Ids asked about in one query (how many of them a table holds).
_IDS_A_QUERY = 1_000


@dataclass
class Deletions:
    """The deleted logs a sync's walks read, by family, and for a merge how many of them
    its table held before the load: a deletion removes a row only if there was one (a first
    load leaves deleted logs out, yet each run reads them again in its look-back window)."""

    #: Deleted logs read, by family.
    read: dict[str, int] = field(default_factory=dict)
    #: Of those, the rows the family's table held (a family missing: not known, taken as
    #: all of them).
    held: dict[str, int] = field(default_factory=dict)

    def add(self, family: Any, gone: list[Any], *, fresh: bool) -> None:
        """Count ``gone`` (the ids of a family's deleted logs a run read) and, for a merge,
        ask the destination how many of them its table holds (a first load's table: none)."""
        name = family.name
        self.read[name] = self.read.get(name, 0) + len(gone)
        held = None if fresh else _held(str(family.table), str(family.id_field), gone)
        if held is not None:
            self.held[name] = self.held.get(name, 0) + held

    def forget(self, name: str) -> None:
        """Drop what was counted of family ``name`` (its table is loaded again)."""
        self.read.pop(name, None)
        self.held.pop(name, None)


class _Pages:
    """Turns a page's records (as sent) into the one Arrow table dlt loads of it.

    Every table of a family has the same columns, so dlt can buffer them together: the
    documented ones (nullable but for the id and the time field: a deleted log has nothing
    else), then ``discarded_at``, then whatever undocumented fields the page holds (those
    that cannot have a column of their own in ``extra_fields``: see `_sync_columns`). One
    per run: ``naming`` is the run's naming convention.
    """

    def __init__(self, family: Any, personal: PersonalData | None, naming: Any) -> None:
        self._model = family.model
        self._id = family.id_field
        self._time = family.time_field
        self._personal = personal
        documented = list(schema_for(family.model))[:-1]  # without extra_fields
        self._width = len(documented)
        keep = {self._id, self._time}
        fields = [field.with_nullable(field.name not in keep) for field in documented]
        self._own_discarded = all(field.name != DISCARDED for field in documented)
        if self._own_discarded:  # undocumented for the family: a column of its own
            fields.append(pa.field(DISCARDED, TIMESTAMP))
        self._schema = pa.schema(fields)
        documented_names = [field.name for field in documented]
        #: The undocumented fields moved to extra_fields this run.
        self.columns = Columns(naming, documented_names, [DISCARDED], personal)

    def tables(self, lines: list[Any], request: Any = None) -> list[pa.Table]:
        deleted: list[Any] = []
        if _DISCARDED_SENT in b"".join(lines):  # rarely: a deleted log or more
            lines, deleted = self._split(lines)
        try:
            parts = [self._records(lines)] if lines else []
            if deleted:
                parts.append(self._deleted(deleted))
        except ValueError as err:
            if request is None:
                raise
            records = [_decode(line) for line in [*lines, *deleted]]
            raise mismatch(self._model, records, request, err) from err
        if not parts:  # an empty page: a family with no logs, a window with none new
            return []
        table = parts[0] if len(parts) == 1 else pa.concat_tables(parts, promote_options="default")
        return [table if self._personal is None else self._personal.table(table)]

    def _split(self, lines: list[Any]) -> tuple[list[Any], list[Any]]:
        kept: list[Any] = []
        deleted: list[Any] = []
        for line in lines:
            fields = _FIELDS.decode(line) if _DISCARDED_SENT in bytes(line) else {}
            discarded = fields.get(DISCARDED)
            gone = discarded is not None and bytes(discarded) != b"null"
            (deleted if gone else kept).append(line)
        return kept, deleted

    def _records(self, lines: list[Any]) -> pa.Table:
        table = from_json_lines(lines, self._model, unknown="columns")
        names = table.column_names  # by index: a field sent as "charge_as_sent" may repeat one
        columns, fields = table.columns[: self._width], list(self._schema)
        extras = list(range(self._width, table.num_columns))
        if self._own_discarded:
            sent = next((i for i in extras if names[i] == DISCARDED), None)
            rows = table.num_rows
            if sent is None:
                columns.append(pa.nulls(rows, TIMESTAMP))
            else:  # undocumented: arrives as text
                extras.remove(sent)
                columns.append(table.column(sent).cast(TIMESTAMP))
        for index in extras:
            columns.append(table.column(index))
            fields.append(pa.field(names[index], table.column(index).type))
        records = pa.Table.from_arrays(columns, schema=pa.schema(fields))
        return self.columns.table(records, len(self._schema), lines)

    def _deleted(self, lines: list[Any]) -> pa.Table:
        """The deleted logs: their id, time and discarded_at (nothing else is sent)."""
        rows = [_decode(line) for line in lines]
        sent = {self._id, self._time, DISCARDED}
        columns = [
            pa.array([row.get(field.name) for row in rows]).cast(field.type)
            if field.name in sent
            else pa.nulls(len(rows), field.type)
            for field in self._schema
        ]
        if columns[0].null_count or any(row.get(self._time) is None for row in rows):
            raise ValueError(f"a deleted log lacks its {self._id} or {self._time}")
        return pa.Table.from_arrays(columns, schema=self._schema)


def family_resource(
    client: Any,
    family: Any,
    *,
    lag: float,
    initial_value: datetime.datetime | None,
    page_size: int,
    include_deleted: bool | None,
    concurrency: int,
    personal: PersonalData | None,
    on_page: Callable[[str, int], None] | None,
    deletions: Deletions | None = None,
    fresh: bool = False,
) -> DltResource:
    """The dlt resource of one family: merged on its id, read incrementally on its time
    field, ``lag`` seconds behind the newest record loaded.

    ``fresh``: the family's table was just dropped (a first load, a full refresh). Its rows
    are then loaded by dlt's replace instead of merged: nothing is there to merge with, each
    record is read once (its window's, by one walk), and the merge cost as much again as the
    reading. With the destination's default replace strategy (truncate-and-insert) they go
    straight into the table, with no staging table. The deleted logs read are left out
    here, since only a merge applies dlt's hard delete.
    """
    logs = getattr(client, family.attribute)
    filters = {} if include_deleted is None else {"include_deleted": include_deleted}

    def records(
        # dlt's way of declaring an incremental cursor is this default argument.
        cursor: dlt.sources.incremental[datetime.datetime] = dlt.sources.incremental(  # noqa: B008
            family.time_field, initial_value=initial_value, lag=lag
        ),
    ) -> Iterator[pa.Table]:
        _check_rules(personal)
        _mark_unchecked(fresh)
        pages = _Pages(family, personal, schema_naming())
        # The window starts `lag` before the newest record loaded so far (dlt applies it);
        # the API is asked only for what is newer, and dlt drops anything older it sees.
        read = _read(logs, pages, family, cursor.start_value, filters, page_size, concurrency)
        gone: list[Any] = []  # the ids of the deleted logs read
        for table in batches(_counted(read, family, gone, on_page)):
            yield _live(table) if fresh else table
        if deletions is not None and gone:
            deletions.add(family, gone, fresh=fresh)
        moved = pages.columns.warning(str(family.table))
        if moved is not None:  # once per run and family, however many pages held them
            warnings.warn(moved, UserWarning, stacklevel=1)

    hints: dict[str, TColumnSchema] = {
        # A merge removes the rows read with it (dlt applies the hint to merges only).
        DISCARDED: {"data_type": "timestamp", "nullable": True, "hard_delete": not fresh}
    }
    resource: DltResource = dlt.resource(
        records,
        name=str(family.table),
        primary_key=str(family.id_field),
        write_disposition="replace" if fresh else "merge",
        columns=hints,
    )
    return resource


def _counted(
    tables: Iterator[pa.Table],
    family: Any,
    gone: list[Any],
    on_page: Callable[[str, int], None] | None,
) -> Iterator[pa.Table]:
    """``tables`` (a family's pages), the ids of their deleted logs added to ``gone`` and
    the records so far told to ``on_page`` as each page is read."""
    read = 0
    for table in tables:
        read += table.num_rows
        discarded = table.column(DISCARDED)
        if discarded.null_count < table.num_rows:
            gone += table.column(str(family.id_field)).filter(discarded.is_valid()).to_pylist()
        if on_page is not None:
            on_page(family.name, read)
        yield table


def _held(table: str, id_field: str, ids: list[Any]) -> int | None:
    """How many of ``ids`` the destination's ``table`` holds, asked while dlt extracts (before
    its load); None when the destination cannot be asked (its SQL client fails)."""
    try:
        with dlt.current.pipeline().sql_client() as client:
            name = client.make_qualified_table_name(table)
            column = client.escape_column_name(id_field)
            held = 0
            for start in range(0, len(ids), _IDS_A_QUERY):
                chunk = ids[start : start + _IDS_A_QUERY]  # the server's text: as parameters
                marks = ", ".join(["%s"] * len(chunk))
                sql = f"SELECT COUNT(*) FROM {name} WHERE {column} IN ({marks})"
                rows = client.execute_sql(sql, *chunk)
                held += int(rows[0][0]) if rows else 0
            return held
    except DatabaseUndefinedRelation:  # no table yet: nothing to remove
        return 0
    except Exception:  # a count for the run's line: never worth failing the sync over
        return None


def _live(table: pa.Table) -> pa.Table:
    """The rows of ``table`` that are not deleted logs."""
    discarded = table.column(DISCARDED)
    return table if discarded.null_count == table.num_rows else table.filter(discarded.is_null())


def batches(tables: Iterator[pa.Table], rows: int = BATCH_ROWS) -> Iterator[pa.Table]:
    """``tables`` joined into tables of at least ``rows`` rows (the last may hold fewer),
    in order; a table whose columns differ from the ones held (an undocumented field
    appeared) starts a new one, so no column changes type or gains nulls by the joining."""
    held: list[pa.Table] = []
    count = 0
    for table in tables:
        if held and not table.schema.equals(held[0].schema):
            yield pa.concat_tables(held)
            held, count = [], 0
        held.append(table)
        count += table.num_rows
        if count >= rows:
            yield pa.concat_tables(held)
            held, count = [], 0
    if held:
        yield pa.concat_tables(held)


def _read(
    logs: Any,
    pages: _Pages,
    family: Any,
    start: datetime.datetime | None,
    filters: dict[str, Any],
    page_size: int,
    concurrency: int,
) -> Iterator[pa.Table]:
    if concurrency > 1:  # time windows at once (see _sync_windows)
        yield from walk(
            logs,
            pages.tables,
            time_field=family.time_field,
            start=start,
            filters=filters,
            page_size=page_size,
            concurrency=concurrency,
        )
        return
    for page in logs.list(created_after=start, page_size=page_size, **filters).pages():
        yield from pages.tables(list(page.body.lines()), page.request)


def columns_elsewhere(
    families: Sequence[Any], hash_columns: Sequence[str] | None, drop_columns: Sequence[str] | None
) -> frozenset[str]:
    """The columns some family of several synced together has: ``--hash from`` hashes the
    message, fax and voice logs' numbers though video logs have none (and a number sent in
    a video log, undocumented, all the same). A column none of them has is refused here."""
    if len(families) < 2:
        return frozenset()  # one family: `personal_data` names its own columns
    anywhere = frozenset(name for family in families for name in _personal_columns(family))
    for columns in (hash_columns, drop_columns):
        unknown = [
            name
            for name in (columns if isinstance(columns, list | tuple) else ())
            if name not in anywhere and name != EXTRA_FIELDS
        ]
        if unknown:
            raise ConfigurationError(
                f"Unknown column {unknown[0]!r}: none of the families synced has it; choose "
                f"from {', '.join(sorted(anywhere | {EXTRA_FIELDS}))}."
            )
    return anywhere


def _personal_columns(family: Any) -> list[str]:
    """The columns of ``family`` a user may hash or drop (and those protected)."""
    # discarded_at: the sync's own column (deletions), never an undocumented field.
    return list(dict.fromkeys([*wire_names(family.model), DISCARDED]))


def personal_data(
    family: Any,
    hash_columns: Sequence[str] | None,
    drop_columns: Sequence[str] | None,
    hash_key: str | bytes | None,
    elsewhere: frozenset[str] = frozenset(),
) -> PersonalData | None:
    """The columns of ``family`` to hash or drop; the key from the argument, the
    environment, or dlt's secrets (``signalwire_logs.hash_key``: ``SIGNALWIRE_LOGS__HASH_KEY``
    or ``.dlt/secrets.toml``)."""
    secret = None
    if hash_columns and hash_key is None and not os.environ.get(HASH_KEY_VARIABLE):
        found: Any = dlt.secrets.get("signalwire_logs.hash_key")
        secret = None if found is None else str(found)
    return PersonalData.from_arguments(
        hash_columns,
        drop_columns,
        hash_key,
        columns=_personal_columns(family),
        elsewhere=elsewhere,
        protected=(family.id_field, family.time_field, DISCARDED),
        secret=secret,
    )


def _check_rules(personal: PersonalData | None) -> None:
    """Refuse to load rows hashed or dropped otherwise than the rows already loaded (another
    key, other columns): the table would mix them. dlt keeps the rules with the cursor."""
    state = dlt.current.resource_state()
    rules = {} if personal is None else personal.options()
    saved = state.get("personal_data")
    if saved is not None and saved != rules:
        raise ConfigurationError(
            "The columns hashed or dropped (or the hash key) are not those of the rows "
            f"already loaded ({_shown(saved)}; now {_shown(rules)}): run with "
            "--full-refresh (full_refresh=True) to load every row again the new way."
        )
    state["personal_data"] = rules


def _mark_unchecked(fresh: bool) -> None:
    """Mark a first load's table unchecked in dlt's state, committed with its rows; any
    later run clears the mark (see `_sync_load`)."""
    state = dlt.current.resource_state()
    if fresh:
        state[UNCHECKED] = True
    else:
        state.pop(UNCHECKED, None)


def _shown(rules: dict[str, Any]) -> str:
    if not rules:
        return "nothing hashed or dropped"
    return ", ".join(f"{key} {value}" for key, value in rules.items())
