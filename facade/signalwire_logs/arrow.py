"""Records as typed Arrow tables, for Parquet, DuckDB, polars, pandas and dlt.

    from signalwire_logs import SignalWireLogs
    from signalwire_logs.arrow import schema_for

    client = SignalWireLogs()
    for page in client.message_logs.list(page_size=1000).pages():
        table = page.to_arrow()          # one pyarrow.Table per page
    schema_for(MessageLog)               # the columns, without fetching anything

Needs pyarrow (``pip install 'signalwire-logs[parquet]'``). The schema is read off each
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
records as the server sent them (``page.raw_items``), not the models, so no value is rounded
on the way; a page is first checked against its model, as every export does.
"""

from __future__ import annotations

import datetime
import email.utils
import enum
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs
import msgspec

try:
    import pyarrow as pa
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "signalwire_logs.arrow needs pyarrow: pip install 'signalwire-logs[parquet]'"
    ) from err

from signalwire_logs_api.types import Unset

__all__ = ["EXTRA_COLUMN", "TIMESTAMP", "schema_for", "to_arrow"]

#: The column holding, as a JSON object, every field the spec does not document.
EXTRA_COLUMN = "extra_fields"
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


def _wire_name(python_name: str) -> str:
    # The generator appends `_` to names that clash with Python (`from_`, `type_`).
    return python_name[:-1] if python_name.endswith("_") else python_name


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
    """The fields of a model; with ``required``, the ones it always has are not nullable."""
    hints = typing.get_type_hints(model)
    return [
        pa.field(
            _wire_name(f.name),
            _field_type(_wire_name(f.name), hints[f.name]),
            nullable=not required or _optional(hints[f.name]),
        )
        for f in attrs.fields(model)
        if f.init
    ]


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
        _SCHEMAS[model], _WIRE[model] = schema, wire
    return schema


#: Each model's schema, and the struct its records are read into (dates, decimals and enums
#: still as text), built once.
_SCHEMAS: dict[type[Any], pa.Schema] = {}
_WIRE: dict[type[Any], pa.StructType] = {}


def to_arrow(
    records: Iterable[Mapping[str, Any]],
    model: type[Any],
    *,
    unknown: Unknown = "json",
) -> pa.Table:
    """The records (JSON objects, as the server sent them) as one typed Arrow table.

    Args:
        records: Decoded JSON records of one family, such as ``page.raw_items``.
        model: Their generated model, which gives the schema (:func:`schema_for`).
        unknown: Where fields the spec does not document go: ``"json"`` (default), one
            ``extra_fields`` column holding them as a JSON object; ``"columns"``, a column
            each, typed from its values (nested values as JSON text), for a destination
            whose schema evolves (dlt).

    Raises:
        ValueError: a value does not fit its column (an integer past 64 bits, say).
    """
    rows = records if isinstance(records, list) else list(records)
    schema = schema_for(model)
    documented = list(schema)[:-1]
    try:
        # Arrow's C++ converter turns the rows into columns (fields it is not asked for are
        # skipped); text that needs parsing (dates, decimals) is then cast column by column.
        wire = pa.array(rows, _WIRE[model])
        columns = [
            _typed(field, column) for field, column in zip(documented, wire.flatten(), strict=True)
        ]
    except (pa.ArrowException, OverflowError, TypeError, ValueError) as err:
        raise ValueError(f"{model.__name__} records do not fit their columns: {err}") from None
    for field, column in zip(documented, columns, strict=True):
        if not field.nullable and column.null_count:
            raise ValueError(f"{model.__name__} records lack the required field {field.name!r}")
    known = frozenset(field.name for field in documented)
    only_known = known.issuperset
    extras = [None if only_known(row) else _extra(row, known) for row in rows]
    if unknown == "json":
        columns.append(pa.array([_json(e) if e else None for e in extras], pa.string()))
        return pa.Table.from_arrays(columns, schema=schema)
    table = pa.Table.from_arrays(columns, schema=pa.schema(documented))
    for name in sorted({key for extra in extras if extra for key in extra}):
        column = _inferred([extra.get(name) if extra else None for extra in extras])
        if column is not None:
            table = table.append_column(name, column)
    return table


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


def _typed(field: pa.Field, column: pa.Array) -> pa.Array:
    if field.type == _ENUM:
        return column.dictionary_encode()
    if field.name in _RFC2822_DATES and field.type == TIMESTAMP:
        return pa.array([_rfc2822(v) for v in column.to_pylist()], TIMESTAMP)
    return column if column.type == field.type else column.cast(field.type)


def _rfc2822(value: str | None) -> datetime.datetime | None:
    if value is None:
        return None
    moment = email.utils.parsedate_to_datetime(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


#: msgspec holds the GIL through each call and keeps no state between calls: one for all.
_encode = msgspec.json.Encoder().encode


def _json(value: Any) -> str:
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
        return pa.array([None if v is None else _json(v) for v in values], pa.string())
    try:
        return pa.array(values)
    except (pa.ArrowException, OverflowError, TypeError):
        return pa.array([None if v is None else _json(v) for v in values], pa.string())
