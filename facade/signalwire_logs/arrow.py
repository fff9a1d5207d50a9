"""Records as typed Arrow tables, for Parquet, DuckDB, polars, pandas and dlt.

    from signalwire_logs import SignalWireLogs
    from signalwire_logs.arrow import schema_for

    client = SignalWireLogs()
    for page in client.message_logs.list(page_size=1000).pages():
        table = page.to_arrow()          # one pyarrow.Table per page
    schema_for(MessageLog)               # the columns, without fetching anything

Needs pyarrow (the ``parquet`` extra). The schema is read off each
family's generated model, so it follows the spec: one column per documented field, by its
name on the wire (``from``, ``type``), typed as follows.

=======================================  ================================================
the model's field                        the Arrow column
=======================================  ================================================
``datetime`` (and cXML's RFC 2822 dates)  ``timestamp[us, tz=UTC]``
``int`` / ``float`` / ``bool``            ``int64`` / ``float64`` / ``bool``
money sent as a decimal string            ``decimal128(24, 10)`` (conference charges)
an enum (open: any string is accepted)    ``dictionary<int32, string>``
``list[ChargeDetail]``                    ``list<struct<description, charge>>``
a nested record                           ``struct`` of its fields
``str``                                   ``string``
any field the spec does not document      ``extra_fields``: a JSON object as a string
=======================================  ================================================

A field that is null or not sent (``None`` or ``UNSET``) is a null. Conversion reads the
records as the server sent them, not the models, so no value is rounded on the way:
[`from_json_lines()`][signalwire_logs.arrow.from_json_lines] reads the bytes sent with
Arrow's own JSON reader (what ``page.to_arrow()``, Parquet exports and the sync use: no
Python object per value), and [`to_arrow()`][signalwire_logs.arrow.to_arrow] converts
decoded records (``page.raw_items``); both give the same table.
``page.to_arrow()`` first checks each record against its model; a Parquet export and the
sync rely on the columns instead, which refuse any value of another JSON type.

**Text that its column cannot hold is kept as sent.** SignalWire's spec types the conference
``charge`` (and its charge lines) and the cXML dates as plain strings, so a record holding
``"n/a"`` there is accepted. Its typed column (decimal, timestamp) is then null in that row,
and the field is kept as sent: in ``extra_fields`` under its own name (``{"charge": "n/a"}``),
or, with ``unknown="columns"``, in a string column named after it with ``_as_sent`` appended
(``charge_as_sent``). Such columns are nullable. Nothing is dropped and the conversion does
not fail for it (see ``docs/guides/records.md``).
"""

from __future__ import annotations

import datetime
import email.utils
import enum
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs
import msgspec

from ._extras import needs_extra

try:
    import pyarrow as pa
    import pyarrow.json as pajson
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError(needs_extra("signalwire_logs.arrow needs pyarrow", "parquet")) from err

from signalwire_logs_api.types import Unset

from ._families import wire_name
from ._page_body import decode_record

__all__ = [
    "AS_SENT_SUFFIX",
    "EXTRA_COLUMN",
    "TIMESTAMP",
    "from_json_lines",
    "schema_for",
    "to_arrow",
]

#: The column holding, as a JSON object, every field the spec does not document (and any
#: field whose text its typed column cannot hold, under its own name).
EXTRA_COLUMN = "extra_fields"
#: With ``unknown="columns"``: the suffix of the column that keeps, as sent, a field whose
#: text its typed column cannot hold (``charge_as_sent``).
AS_SENT_SUFFIX = "_as_sent"
#: How every date-time is stored: UTC, to the microsecond.
TIMESTAMP = pa.timestamp("us", tz="UTC")
_DECIMAL = pa.decimal128(24, 10)
_ENUM = pa.dictionary(pa.int32(), pa.string())
_SCALARS: dict[Any, pa.DataType] = {
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    str: pa.string(),
    datetime.datetime: TIMESTAMP,
}
#: Fields the spec types as strings whose text has a better type: money sent as a decimal
#: string (conference logs), and the cXML API's RFC 2822 dates.
_DECIMAL_STRINGS = frozenset({"charge", "price"})
_RFC2822_DATES = frozenset({"date_created", "date_sent", "date_updated"})

Unknown = Literal["json", "columns"]


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and attrs.has(kind)


def _field_type(name: str, annotation: Any) -> pa.DataType:
    """The Arrow type of one field, from its annotation (``X | None | Unset`` is nullable X)."""
    args = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    kinds = [a for a in args if a is not type(None) and a is not Unset]
    if any(isinstance(k, type) and issubclass(k, enum.Enum) for k in kinds):
        return _ENUM  # an open enum: the member's value, or any string the server adds
    (kind,) = kinds  # the generator gives each field one type besides None and Unset
    if typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        return pa.list_(_struct(item) if _is_model(item) else _field_type(name, item))
    if _is_model(kind):
        return _struct(kind)
    if kind is str and name in _DECIMAL_STRINGS:
        return _DECIMAL
    if kind is str and name in _RFC2822_DATES:
        return TIMESTAMP
    return _SCALARS[kind]


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _optional(annotation: Any) -> bool:
    args = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    return type(None) in args or Unset in args


def _fields(model: type[Any], *, required: bool = False) -> list[pa.Field]:
    """The fields of a model; with ``required``, the ones it always has are not nullable
    (unless read from text, which may not fit: see `_typed()`)."""
    hints = typing.get_type_hints(model)
    fields = []
    for f in attrs.fields(model):
        if f.init:
            name = wire_name(f.name)
            kind = _field_type(name, hints[f.name])
            nullable = not required or _optional(hints[f.name]) or _from_text(name, kind)
            fields.append(pa.field(name, kind, nullable=nullable))
    return fields


def _from_text(name: str, kind: pa.DataType) -> bool:
    """Whether a column is read from text the spec types only as a string (a decimal, an
    RFC 2822 date), which the server may send in any form."""
    if kind == _DECIMAL or (kind == TIMESTAMP and name in _RFC2822_DATES):
        return True
    if pa.types.is_list(kind):
        return _from_text(name, kind.value_type)
    if pa.types.is_struct(kind):
        return any(_from_text(f.name, f.type) for f in kind)
    return False


def _struct(model: type[Any]) -> pa.StructType:
    return pa.struct(_fields(model))


def schema_for(model: type[Any]) -> pa.Schema:
    """The Arrow schema of a family's records: its documented fields, then ``extra_fields``.

    Args:
        model: A generated record model (``MessageLog``, ``FaxLog``, ``VoiceLog``,
            ``VideoLog``, ``ConferenceLog``, ``CxmlMessage``).
    """
    schema = _SCHEMAS.get(model)
    if schema is None:
        schema = pa.schema([*_fields(model, required=True), (EXTRA_COLUMN, pa.string())])
        wire = pa.struct([f.with_type(_wire_type(f.type)) for f in list(schema)[:-1]])
        # The schema last: another thread that finds it finds the others too.
        _WIRE[model], _KNOWN[model] = wire, frozenset(schema.names[:-1])
        _SCHEMAS[model] = schema
    return schema


#: Each model's schema, and the struct its records are read into (dates, decimals and enums
#: still as text), built once.
_SCHEMAS: dict[type[Any], pa.Schema] = {}
_WIRE: dict[type[Any], pa.StructType] = {}
_KNOWN: dict[type[Any], frozenset[str]] = {}


def to_arrow(
    records: Iterable[Mapping[str, Any]],
    model: type[Any],
    *,
    unknown: Unknown = "json",
) -> pa.Table:
    """The records (JSON objects, as the server sent them) as one typed Arrow table.

    Args:
        records: Decoded JSON records of one family, such as ``page.raw_items``.
        model: Their generated model, which gives the schema
            ([`schema_for()`][signalwire_logs.arrow.schema_for]).
        unknown: Where fields the spec does not document go: ``"json"`` (default), one
            ``extra_fields`` column holding them as a JSON object; ``"columns"``, a column
            each, typed from its values (nested values as JSON text), for a destination
            whose schema evolves (dlt).

    Raises:
        ValueError: a value does not fit its column (an integer past 64 bits, say).
    """
    rows = records if isinstance(records, list) else list(records)
    schema_for(model)
    try:
        # Arrow's C++ converter turns the rows into columns (fields it is not asked for are
        # skipped); text that needs parsing (dates, decimals) is then cast column by column.
        wire = pa.array(rows, _WIRE[model]).flatten()
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as err:
        raise ValueError(f"{model.__name__} records do not fit their columns: {err}") from None
    known = _KNOWN[model]
    only_known = known.issuperset
    extras = [None if only_known(row) else _extra(row, known) for row in rows]
    return _table(model, wire, extras, unknown)


def from_json_lines(
    lines: bytes | Sequence[bytes],
    model: type[Any],
    *,
    unknown: Unknown = "json",
) -> pa.Table:
    """Records as the server sent them, one JSON object per line, as one typed Arrow table.

    The same table [`to_arrow()`][signalwire_logs.arrow.to_arrow] makes of the decoded
    records, read by Arrow's own JSON reader from the bytes: no Python object per record or
    value. A JSONL export's lines are such records
    (``from_json_lines(path.read_bytes(), MessageLog)``). Lines the native reader refuses (a
    lone surrogate escape, a duplicate key, a value that does not fit its column) are decoded
    and converted as [`to_arrow()`][signalwire_logs.arrow.to_arrow] does, so the table, or
    the error, is the same either way.

    Args:
        lines: The records, each a JSON object on one line: one ``bytes`` holding them
            all, or a sequence of lines (``page.body.lines()``).
        model: Their generated model, which gives the schema
            ([`schema_for()`][signalwire_logs.arrow.schema_for]).
        unknown: Where undocumented fields go, as for
            [`to_arrow()`][signalwire_logs.arrow.to_arrow].

    Raises:
        ValueError: a record is not a JSON object, or a value does not fit its column.
    """
    if isinstance(lines, bytes | bytearray | memoryview):
        data = bytes(lines)
        rows = [line for line in data.split(b"\n") if line.strip()]
    else:
        rows = list(lines)
        data = b"\n".join(rows)
    read = _read_native(data, len(rows), model) if rows else None
    if read is None:
        return to_arrow([decode_record(row) for row in rows], model, unknown=unknown)
    wire, has_unknown = read
    known = _KNOWN[model]
    extras: list[dict[str, Any] | None] = [None] * len(rows)
    if has_unknown:
        extras = [_extra_sent(row, known) for row in rows]
    return _table(model, wire, extras, unknown)


def _table(
    model: type[Any], wire: list[pa.Array], extras: list[dict[str, Any] | None], unknown: Unknown
) -> pa.Table:
    """The typed table from the columns as read (text for dates, decimals and enums) and
    each record's undocumented fields (None: it has none)."""
    schema = schema_for(model)
    documented = list(schema)[:-1]
    columns: list[pa.Array] = []
    # Each row's fields kept as sent because their typed column cannot hold their text.
    kept: dict[int, dict[str, Any]] = {}
    try:
        for field, column in zip(documented, wire, strict=True):
            typed, unfit = _typed(field, column)
            columns.append(typed)
            for index in unfit:
                kept.setdefault(index, {})[field.name] = column[index].as_py()
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as err:
        raise ValueError(f"{model.__name__} records do not fit their columns: {err}") from None
    for field, column in zip(documented, columns, strict=True):
        if not field.nullable and column.null_count:
            raise ValueError(f"{model.__name__} records lack the required field {field.name!r}")
    if unknown == "json":
        if kept:
            extras = [{**(e or {}), **kept[i]} if i in kept else e for i, e in enumerate(extras)]
        columns.append(pa.array([json_text(e) if e else None for e in extras], pa.string()))
        return pa.Table.from_arrays(columns, schema=schema)
    table = pa.Table.from_arrays(columns, schema=pa.schema(documented))
    for name in sorted({key for extra in extras if extra for key in extra}):
        column = _inferred([extra.get(name) if extra else None for extra in extras])
        if column is not None:
            table = table.append_column(name, column)
    for name in sorted({key for fields in kept.values() for key in fields}):
        sent = [kept[i].get(name) if i in kept else None for i in range(len(extras))]
        text = [None if v is None else v if isinstance(v, str) else json_text(v) for v in sent]
        table = table.append_column(name + AS_SENT_SUFFIX, pa.array(text, pa.string()))
    return table


#: Arrow's JSON reader over one page: one block (a page is read by one thread; pages are
#: what runs in parallel), and records as objects whose fields the schema names.
_READ_OPTIONS: dict[type[Any], pajson.ParseOptions] = {}
#: Decodes a record's top level only (each value kept as the JSON sent): which keys it has.
_FIELDS = msgspec.json.Decoder(dict[str, msgspec.Raw])


def _read_native(data: bytes, count: int, model: type[Any]) -> tuple[list[pa.Array], bool] | None:
    """The documented columns of ``count`` records as read by Arrow (dates, decimals and
    enums as text), and whether any record has a field the spec does not document; None
    when Arrow's reader cannot take them as they are (then the decoded records are)."""
    if not data.isascii():
        try:  # Arrow's reader does not check that strings are UTF-8; Python's decoder does
            data.decode()
        except UnicodeDecodeError:
            return None
    schema_for(model)
    parse = _READ_OPTIONS.get(model)
    if parse is None:
        explicit = pa.schema(list(_WIRE[model]))
        parse = pajson.ParseOptions(explicit_schema=explicit, unexpected_field_behavior="infer")
        _READ_OPTIONS[model] = parse
    options = pajson.ReadOptions(use_threads=False, block_size=max(len(data), 1 << 16))
    try:
        table = pajson.read_json(pa.BufferReader(data), read_options=options, parse_options=parse)
    except pa.ArrowException:  # a lone surrogate, a duplicate key, a value of another type
        return None
    if table.num_rows != count:  # not one object per line
        return None
    columns = []
    for field in _WIRE[model]:
        column = _conform(table.column(field.name).combine_chunks(), field.type)
        if column is None:
            return None
        columns.append(column)
    return columns, table.num_columns > len(columns)


def _conform(column: pa.Array, kind: pa.DataType) -> pa.Array | None:
    """``column`` as ``kind``, without the fields Arrow's reader found in nested records
    beyond the documented ones (dropped, as `to_arrow()` drops them); None if it
    differs otherwise."""
    if column.type == kind:
        return column
    if pa.types.is_struct(kind) and pa.types.is_struct(column.type):
        names = {column.type.field(i).name for i in range(column.type.num_fields)}
        if not all(field.name in names for field in kind):
            return None
        children = [_conform(column.field(field.name), field.type) for field in kind]
        if any(child is None for child in children):
            return None
        mask = column.is_null() if column.null_count else None
        return pa.StructArray.from_arrays(children, fields=list(kind), mask=mask)
    if pa.types.is_list(kind) and pa.types.is_list(column.type):
        values = _conform(column.values, kind.value_type)
        if values is None:
            return None
        mask = column.is_null() if column.null_count else None
        return pa.ListArray.from_arrays(column.offsets, values, type=kind, mask=mask)
    return None


def _extra_sent(line: bytes, known: frozenset[str]) -> dict[str, Any] | None:
    """A record's undocumented fields, decoded (None if it has none)."""
    fields = _FIELDS.decode(line)
    if known.issuperset(fields):
        return None
    return {key: decode_record(value) for key, value in fields.items() if key not in known}


def _extra(row: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in known}


def _wire_type(kind: pa.DataType) -> pa.DataType:
    """A column's type as it arrives in JSON: dates, decimals and enums are text."""
    if kind in (TIMESTAMP, _DECIMAL, _ENUM):
        return pa.string()
    if pa.types.is_list(kind):
        return pa.list_(_wire_type(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([(f.name, _wire_type(f.type)) for f in kind])
    return kind


def _typed(field: pa.Field, column: pa.Array) -> tuple[pa.Array, list[int]]:
    """A column of wire values as its field's type, and the rows whose text the type cannot
    hold (null in the column): only for text the spec types as a plain string."""
    if field.type == _ENUM:
        return column.dictionary_encode(), []
    if field.name in _RFC2822_DATES and field.type == TIMESTAMP:
        moments: list[datetime.datetime | None] = []
        unfit: list[int] = []
        for index, value in enumerate(column.to_pylist()):
            try:
                moments.append(_rfc2822(value))
            except (TypeError, ValueError, IndexError):
                moments.append(None)
                unfit.append(index)
        return pa.array(moments, TIMESTAMP), unfit
    if column.type == field.type:
        return column, []
    try:
        return column.cast(field.type), []
    except pa.ArrowInvalid:
        if not _from_text(field.name, field.type):
            raise
    # Some row's text is no amount the column can hold: cast row by row, nulls for those.
    parts, unfit = [], []
    for index in range(len(column)):
        try:
            parts.append(column.slice(index, 1).cast(field.type))
        except pa.ArrowInvalid:
            parts.append(pa.nulls(1, field.type))
            unfit.append(index)
    return pa.concat_arrays(parts), unfit


def _rfc2822(value: str | None) -> datetime.datetime | None:
    if value is None:
        return None
    moment = email.utils.parsedate_to_datetime(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


#: msgspec holds the GIL through each call and keeps no state between calls: one for all.
_encode = msgspec.json.Encoder().encode


def json_text(value: Any) -> str:
    """``value`` as compact JSON text, as the extra_fields column holds it (what msgspec
    refuses, such as a lone surrogate, written as json writes it)."""
    try:
        return _encode(value).decode()
    except (ValueError, RecursionError):  # what msgspec refuses (a lone surrogate): json's way
        import json

        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _inferred(values: list[Any]) -> pa.Array | None:
    """A column for a field the spec does not know: scalars typed, nested values as JSON."""
    if all(v is None for v in values):
        return None  # nothing to type it by yet; it gets its column once a value arrives
    if any(isinstance(v, dict | list) for v in values):
        return pa.array([None if v is None else json_text(v) for v in values], pa.string())
    try:
        return pa.array(values)
    except (pa.ArrowException, OverflowError, TypeError):
        return pa.array([None if v is None else json_text(v) for v in values], pa.string())
