"""Undocumented fields the sync cannot give a column of their own, kept in ``extra_fields``.

A field SignalWire adds later becomes a column of its own, named by dlt's naming convention
(snake_case by default: ``Status`` becomes ``status``, ``From `` becomes ``from``,
``createdAt`` becomes ``created_at``; an Arrow column's name is read as a path, whose parts
``__`` separates, so ``status__`` becomes ``status``). dlt keeps the names that start with
``_dlt`` for its own bookkeeping (``_dlt_id``, ``_dlt_load_id``). So a field whose name, as
dlt normalises it,

- starts with ``_dlt`` would take the place of dlt's own columns;
- is that of a column the sync writes itself (a documented field, ``discarded_at``,
  ``extra_fields``, a ``<field>_as_sent``) would fail the page (two columns of one name) on
  every run while SignalWire sends it, or overwrite the id, the cursor or the deletions;
- is that of another field of the same page spelled otherwise (``Foo`` beside ``foo``)
  would fail the page the same way (the field spelled as its column keeps it);
- cannot be normalised at all (a blank name).

Such a field is kept instead, as sent, in the ``extra_fields`` column: a JSON object holding
each of them by the name it was sent under (a row without any holds null). A field whose name
normalises onto a hashed column is hashed there too, one onto a dropped column is left out,
and ``--drop extra_fields`` drops them all. Each run warns once per family, naming them.
The names are normalised by the naming convention of the schema being loaded (the
destination's identifier length included), read when the run starts.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa
from dlt.common.normalizers.naming.snake_case import NamingConvention
from dlt.common.schema.typing import DLT_NAME_PREFIX

from ._page_body import decode_record
from ._personal import PersonalData
from .arrow import AS_SENT_SUFFIX, EXTRA_COLUMN, json_text

#: The most fields a warning names (a server may send thousands).
_NAMED = 10
#: The longest field name a warning shows in full.
_NAME_PREVIEW = 60


def schema_naming() -> Any:
    """The naming convention of the schema dlt is loading into (snake_case outside a run)."""
    import dlt
    from dlt.extract.exceptions import CurrentSourceSchemaNotAvailable

    try:
        return dlt.current.source_schema().naming
    except CurrentSourceSchemaNotAvailable:  # the resource iterated by hand
        return NamingConvention()


class Columns:
    """Moves the fields of a family's pages that cannot have a column into ``extra_fields``.

    One per run: it remembers the fields it moved, for the run's warning. Pages are
    converted by several threads at once.
    """

    def __init__(
        self,
        naming: Any,
        documented: Sequence[str],
        own: Iterable[str],
        personal: PersonalData | None,
    ) -> None:
        self._naming = naming
        self._normals: dict[str, str | None] = {}  # the same names come page after page
        self._prefix = naming.normalize_table_identifier(DLT_NAME_PREFIX)  # as dlt's Schema
        #: The as-sent columns Arrow may add for text its typed column cannot hold.
        self._as_sent = frozenset(name + AS_SENT_SUFFIX for name in documented)
        taken = [*documented, *own, EXTRA_COLUMN, *sorted(self._as_sent)]
        self._taken = {self._normal(name): name for name in taken}
        self._personal = personal
        self._lock = threading.Lock()
        #: The fields moved this run, by name sent: what their column would clash with.
        self._moved: dict[str, str] = {}

    def _normal(self, name: str) -> str | None:
        if name in self._normals:
            return self._normals[name]
        normal: str | None
        try:
            # As dlt names an Arrow table's columns: as a path, where "__" separates the
            # parts, so "status__" is the column "status" (an identifier would be "statusxx").
            normal = self._naming.normalize_path(name) or None
        except ValueError:  # a blank name: dlt cannot name a column after it
            normal = None
        self._normals[name] = normal
        return normal

    def table(self, table: pa.Table, width: int, lines: Sequence[Any]) -> pa.Table:
        """``table`` (its first ``width`` columns documented, then one per undocumented field
        of the page and the as-sent columns, one row per line of ``lines``) without the
        fields that cannot have a column, which are kept in ``extra_fields``."""
        extras = table.column_names[width:]
        if not extras:
            return table
        moved = self._clashes(extras, lines)
        if not moved:
            return table
        with self._lock:
            for name, clash in moved.values():
                self._moved.setdefault(name, clash)
        keep = [i for i in range(table.num_columns) if i - width not in moved]
        kept = {name for name, _ in moved.values()}
        column = pa.array([self._kept(line, kept) for line in lines], pa.string())
        return table.select(keep).append_column(pa.field(EXTRA_COLUMN, pa.string()), column)

    def _clashes(self, extras: list[str], lines: Sequence[Any]) -> dict[int, tuple[str, str]]:
        """The undocumented fields among ``extras`` that cannot have a column, by index:
        their name and what their column would clash with."""
        normals = [self._normal(name) for name in extras]
        ours = self._own_as_sent(extras, lines)
        spellings = Counter(n for i, n in enumerate(normals) if i not in ours)
        moved: dict[int, tuple[str, str]] = {}
        for index, (name, normal) in enumerate(zip(extras, normals, strict=True)):
            if index in ours:
                continue
            if normal is None:
                clash = "no column name"
            elif normal.startswith(self._prefix):
                clash = "dlt's own column"
            elif normal in self._taken:
                clash = f"column {self._taken[normal]}"
            elif spellings[normal] > 1 and name != normal:
                clash = f"another field's column {normal}"
            else:
                continue
            moved[index] = name, clash
        return moved

    def _own_as_sent(self, extras: list[str], lines: Sequence[Any]) -> set[int]:
        """The indexes in ``extras`` of the as-sent columns Arrow added (after the page's own
        fields: a field sent as ``charge_as_sent`` comes first, and is the page's)."""
        found = [i for i, name in enumerate(extras) if name in self._as_sent]
        if not found:
            return set()
        names = {extras[i] for i in found}
        sent = {key for line in lines for key in decode_record(line) if key in names}
        ours = set()
        for name in names:
            at = [i for i in found if extras[i] == name]
            if len(at) > 1 or name not in sent:
                ours.add(at[-1])
        return ours

    def _kept(self, line: Any, names: set[str]) -> str | None:
        """The JSON object of a record's fields named ``names`` (None: it has none), each
        hashed or left out as the column its name normalises to is."""
        record = decode_record(line)
        kept: dict[str, Any] = {}
        for name, value in record.items():
            if name not in names:
                continue
            rule = self._rule(name)
            if rule == "drop":
                continue
            if rule == "hash" and self._personal is not None:
                value = self._personal.hashed_value(value)
            kept[name] = value
        return json_text(kept) if kept else None

    def _rule(self, name: str) -> str | None:
        """``"hash"`` or ``"drop"`` when the column ``name`` normalises to is hashed or
        dropped (a phone number sent as ``From`` is hashed as ``from`` is)."""
        if self._personal is None:
            return None
        normal = self._normal(name)
        return self._personal.rule(name, self._taken.get(normal or ""), normal)

    def warning(self, table: str) -> str | None:
        """What the run says about ``table``'s moved fields (None: it moved none)."""
        with self._lock:
            moved = sorted(self._moved.items())
        if not moved:
            return None
        shown = [f"{_shown(name)} ({clash})" for name, clash in moved[:_NAMED]]
        if len(moved) > _NAMED:
            shown.append(f"and {len(moved) - _NAMED:,} more")
        return (
            f"{table}: {len(moved):,} field(s) SignalWire sent cannot have a column of their "
            f"own once dlt normalises their names: {', '.join(shown)}. Their values are kept "
            f"in the {EXTRA_COLUMN} column, a JSON object under the names sent."
        )


def _shown(name: str) -> str:
    shown = repr(name)  # server text: quoted, control characters escaped
    return shown if len(shown) <= _NAME_PREVIEW else shown[:_NAME_PREVIEW] + "…"
