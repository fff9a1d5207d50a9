"""Personal data on the way out of the client: columns hashed with a key, or dropped.

    export_logs(client.message_logs, "m.parquet", format="parquet", hash_columns=["from", "to"])
    sync(client, hash_columns=["from", "to"], drop_columns=["error_message"])

A hashed value is the HMAC-SHA-256 of its text under the user's key, as 64 hex digits: the
same number gives the same hash in every export and table hashed with the same key, so
counts, distinct counts, group-bys and joins still work, while the number itself cannot be
read back, nor found by hashing every possible phone number (that needs the key). A null
stays null. The key comes from ``hash_key=``, else the ``SIGNALWIRE_HASH_KEY`` environment
variable (the sync also reads dlt's secret ``signalwire_logs.hash_key``); it is never
written anywhere: an export's cursor file records only a fingerprint of it (so a resume
with another key is refused), and the sync keeps that fingerprint in dlt's state.

The clear value is transformed before anything is written: JSON lines are re-encoded with
the fields changed (key order kept), CSV cells and Arrow columns (Parquet, the sync) are
hashed or removed as the page is converted. ``extra_fields`` may be dropped too: every field
the spec does not document (which can hold anything SignalWire adds later). An undocumented
field whose name is a hashed or dropped column's but for case, spaces, underscores or
camelCase (``From``, ``to ``, ``errorMessage``) is hashed or dropped as that column is.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import msgspec

from ._exceptions import ConfigurationError

#: The environment variable the key is read from.
HASH_KEY_VARIABLE = "SIGNALWIRE_HASH_KEY"
#: Shorter keys would let anyone who guesses them hash every phone number and match.
MIN_KEY_LENGTH = 16
#: What stands for the fields the spec does not document (a column of its own in Arrow).
EXTRA_FIELDS = "extra_fields"
#: Values hashed per key, remembered: phone numbers repeat, page after page.
_CACHE_SIZE = 1 << 16

_encode = msgspec.json.Encoder().encode


class PersonalData:
    """Which columns of a family's records are hashed and which are dropped, and the key.

    Built by `from_arguments()`, which checks the names against the family's columns.
    Its ``repr`` never shows the key.
    """

    def __init__(
        self, hashed: Sequence[str], dropped: Sequence[str], key: bytes | None, known: Iterable[str]
    ) -> None:
        #: The columns hashed, and those dropped, by their name on the wire.
        self.hashed = tuple(hashed)
        self.dropped = tuple(dropped)
        self._key = key or b""
        #: The documented fields: anything else is an ``extra_fields`` field.
        self._known = frozenset(known)
        self._drop_extra = EXTRA_FIELDS in self.dropped
        self._cache: dict[str, str] = {}

    @classmethod
    def from_arguments(
        cls,
        hash_columns: Iterable[str] | None,
        drop_columns: Iterable[str] | None,
        key: str | bytes | None,
        *,
        columns: Sequence[str],
        protected: Iterable[str],
        secret: str | None = None,
        elsewhere: Iterable[str] = (),
    ) -> PersonalData | None:
        """The rules asked for, or None when nothing is hashed or dropped.

        Args:
            hash_columns: Columns to hash (wire names: ``from``, ``to``).
            drop_columns: Columns to leave out (``extra_fields``: every undocumented field).
            key: The key, else `HASH_KEY_VARIABLE`, else ``secret``.
            columns: The family's documented columns.
            protected: Columns that must stay as they are (the id, the time field).
            secret: A key found elsewhere (dlt's secrets), used when the others are unset.
            elsewhere: Columns accepted though the family has none of that name (another
                family synced with it has): hashed or dropped should a record send one.

        Raises:
            ConfigurationError: an unknown or protected column, a column both hashed and
                dropped, or no key (or a short one) for hashing.
        """
        hashed = _names(hash_columns, "hash_columns")
        dropped = _names(drop_columns, "drop_columns")
        if not hashed and not dropped:
            return None
        allowed = [*columns, EXTRA_FIELDS]
        others = frozenset(elsewhere)
        for name in [*hashed, *dropped]:
            if name not in allowed and name not in others:
                raise ConfigurationError(
                    f"Unknown column {name!r}: choose from {', '.join(allowed)}."
                )
            if name in protected:
                raise ConfigurationError(
                    f"The column {name!r} cannot be hashed or dropped: records are matched "
                    "and walked by it."
                )
        if EXTRA_FIELDS in hashed:
            raise ConfigurationError("extra_fields can be dropped, not hashed.")
        both = sorted(set(hashed) & set(dropped))
        if both:
            raise ConfigurationError(f"{', '.join(both)}: hashed or dropped, not both.")
        return cls(hashed, dropped, _key(key, secret) if hashed else None, columns)

    def __repr__(self) -> str:
        return f"PersonalData(hashed={self.hashed!r}, dropped={self.dropped!r})"

    @property
    def fingerprint(self) -> str | None:
        """Names the key without giving it away (recorded to refuse another key later)."""
        if not self.hashed:
            return None
        return hmac.new(self._key, b"signalwire-logs hash key", hashlib.sha256).hexdigest()[:16]

    def options(self) -> dict[str, Any]:
        """The rules as plain JSON values, for a cursor file (no key: its fingerprint)."""
        saved: dict[str, Any] = {}
        if self.hashed:
            saved["hash_columns"] = list(self.hashed)
            saved["hash_key"] = self.fingerprint
        if self.dropped:
            saved["drop_columns"] = list(self.dropped)
        return saved

    def check_filters(self, filters: Mapping[str, Any]) -> None:
        """Refuse to filter on a column hashed or dropped: the filter's value would be saved,
        in clear, in the cursor file."""
        for name in filters:
            plain = name.rstrip("_").lower()
            if any(plain == column.lower() for column in (*self.hashed, *self.dropped)):
                raise ConfigurationError(
                    f"The filter {name!r} is on a column that is hashed or dropped: its value "
                    "would be written, in clear, to the cursor file. Filter the output instead."
                )

    # -- values ------------------------------------------------------------------------------

    def hash(self, value: str) -> str:
        """The HMAC-SHA-256 of ``value`` (UTF-8; a lone surrogate kept) as hex."""
        found = self._cache.get(value)
        if found is None:
            data = value.encode("utf-8", "surrogatepass")
            found = hmac.digest(self._key, data, "sha256").hex()
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[value] = found
        return found

    def hashed_value(self, value: Any) -> Any:
        """``value`` as a hashed column holds it: the hash of its text (of its JSON, for
        another type than a string); None stays None."""
        return self._hashed(value)

    def _hashed(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):  # a field of another type than documented: its JSON
            value = json.dumps(value, separators=(",", ":"), sort_keys=True)
        return self.hash(value)

    def record(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A decoded record with its columns hashed or dropped (key order kept)."""
        out: dict[str, Any] = {}
        for key, value in data.items():
            if self._drops(key):
                continue
            out[key] = self._hashed(value) if self._hashes(key) else value
        return out

    def _named(self, name: str, columns: Sequence[str], also: Sequence[str | None] = ()) -> bool:
        """Whether a field sent as ``name`` is one of ``columns``: by its name, by a name in
        ``also`` (the column dlt would name it after), or, undocumented, by its name as a
        column's (``From`` as ``from``)."""
        if name in columns or (also and any(other in columns for other in also if other)):
            return True
        return name not in self._known and _plain(name) in columns

    def _hashes(self, name: str) -> bool:
        return self._named(name, self.hashed)

    def rule(self, name: str, *also: str | None) -> str | None:
        """``"hash"`` or ``"drop"`` for a field sent as ``name`` (None: written as it is),
        by its name or the names in ``also`` (see `_named`)."""
        if self._named(name, self.hashed, also):
            return "hash"
        if self._named(name, self.dropped, also):
            return "drop"
        return None

    def extras(self, table: Any) -> Any:
        """An Arrow table whose ``extra_fields`` (JSON objects of the undocumented fields)
        hold no field named like a hashed or dropped column otherwise spelled (``From``)."""
        import pyarrow as pa

        if EXTRA_FIELDS not in table.column_names:
            return table
        index = table.schema.get_field_index(EXTRA_FIELDS)
        from .arrow import json_text  # as the column was written

        texts = table.column(index).to_pylist()
        changed = [
            text if text is None else json_text(self.record(json.loads(text))) for text in texts
        ]
        if changed == texts:
            return table
        column = pa.array([None if text in (None, "{}") else text for text in changed], pa.string())
        return table.set_column(index, table.schema.field(index), column)

    def line(self, raw: bytes) -> bytes:
        """A record as sent (JSON) with its columns hashed or dropped, re-encoded."""
        from ._page_body import decode_record

        data = decode_record(raw)
        if not isinstance(data, dict):
            return bytes(raw)
        changed = self.record(data)
        try:
            return _encode(changed)
        except (ValueError, RecursionError):  # a lone surrogate: json escapes it exactly
            return json.dumps(changed, separators=(",", ":")).encode("ascii")

    # -- Arrow -------------------------------------------------------------------------------

    def table(self, table: Any) -> Any:
        """An Arrow table with its columns hashed or dropped (absent ones are skipped)."""
        import pyarrow as pa

        drop = [name for name in table.column_names if self._drops(name)]
        if drop:
            table = table.drop_columns(drop)
        # A column of its own for an undocumented field (the sync's) named like a hashed
        # one otherwise spelled (From) is hashed too.
        for index, name in enumerate(table.column_names):
            if self._hashes(name):
                field, column = self._hashed_column(pa, table.schema.field(index), table[index])
                table = table.set_column(index, field, column)
        return table

    def _hashed_column(self, pa: Any, field: Any, column: Any) -> tuple[Any, Any]:
        """A column's field and values hashed, each distinct value once (a page holds few
        distinct numbers). Text keeps its type; anything else (an undocumented field sent
        as a number, an object) becomes text: the hash of its JSON."""
        kind = field.type
        if not (pa.types.is_string(kind) or pa.types.is_dictionary(kind)):
            values = [self._hashed(value) for value in column.to_pylist()]
            return field.with_type(pa.string()), pa.chunked_array([pa.array(values, pa.string())])
        chunks = []
        for chunk in column.chunks:
            encoded = chunk if pa.types.is_dictionary(chunk.type) else chunk.dictionary_encode()
            values = [self._hashed(v) for v in encoded.dictionary.to_pylist()]
            dictionary = pa.array(values, pa.string())
            hashed = pa.DictionaryArray.from_arrays(encoded.indices, dictionary)
            chunks.append(hashed if pa.types.is_dictionary(chunk.type) else hashed.cast(chunk.type))
        return field, pa.chunked_array(chunks, kind)

    def _drops(self, name: str) -> bool:
        return (self._drop_extra and name not in self._known) or self._named(name, self.dropped)

    def schema(self, schema: Any) -> Any:
        """An Arrow schema without the dropped columns (hashed ones keep their type)."""
        import pyarrow as pa

        kept = [field for field in schema if not self._drops(field.name)]
        return pa.schema(kept, metadata=schema.metadata)

    def columns(self, columns: Sequence[str]) -> list[str]:
        """The column names left once the dropped ones are gone."""
        return [name for name in columns if not self._drops(name)]


def _plain(name: str) -> str:
    """A field's name as a column's, whatever its case, spaces, underscores or camelCase
    (``From `` and ``FROM`` are ``from``, ``errorMessage`` is ``error_message``)."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    return re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")


def _names(value: Iterable[str] | None, argument: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str | bytes):
        raise ConfigurationError(f"{argument} is a list of column names, got {value!r}")
    names = list(dict.fromkeys(value))
    if not all(isinstance(name, str) and name for name in names):
        raise ConfigurationError(f"{argument} must be column names, got {names!r}")
    return names


def _key(key: str | bytes | None, secret: str | None) -> bytes:
    """The hashing key, from the argument, the environment, or a secret store."""
    if key is None:
        key = os.environ.get(HASH_KEY_VARIABLE) or secret
    if key is None or key == "":
        raise ConfigurationError(
            f"Hashing columns needs a key: set {HASH_KEY_VARIABLE} (for instance to the output "
            "of `python -c 'import secrets; print(secrets.token_hex(32))'`), or pass hash_key=. "
            "Keep it: the same key gives the same hashes, run after run."
        )
    data = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(data) < MIN_KEY_LENGTH:
        raise ConfigurationError(
            f"The hash key is too short ({len(data)} bytes): use at least {MIN_KEY_LENGTH} "
            "random characters, or anyone could guess it and hash every phone number."
        )
    return data
