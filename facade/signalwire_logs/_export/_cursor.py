"""The cursor file of an export, ``<output>.cursor``: what was asked, and where each shard
stands. It holds the filters and page cursors, never credentials, and is validated whole on
load: a hand-edited or truncated cursor is a clear error, not a corrupt resume (windows that
overlap or leave a gap included: they would write records twice, or lose them)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from .._exceptions import ConfigurationError
from . import _files
from ._shards import RANGE, Plan, Shard, check_windows, range_of

if TYPE_CHECKING:
    from ._formats import Format

VERSION = 2
_KEYS = {"version", "family", "format", "options", "filters", "page_size", "sharded", "complete"}
_DERIVED = {"version", "records", "shards"}  # checked on load, not kept


@dataclass
class CursorFile:
    """The saved description of one export."""

    family: str
    format: str
    options: dict[str, Any]
    filters: dict[str, Any]
    page_size: int
    sharded: bool
    complete: bool
    shards: list[Shard]

    @staticmethod
    def path_for(output: Path) -> Path:
        return output.with_name(output.name + ".cursor")

    @classmethod
    def started_with(cls, output: Path) -> dict[str, Any]:
        """The format arguments of the export at ``output`` (``format``, ``part_rows``,
        ``hash_columns``...) as its cursor file records them; none if it has no cursor file."""
        path = cls.path_for(output)
        if not _files.is_present(path):
            return {}
        saved = cls.load(path)
        return {"format": saved.format, **saved.options}

    @classmethod
    def load(cls, path: Path) -> CursorFile:
        """Read and check a cursor file; `ConfigurationError` says what is wrong."""
        with _files.file_errors(path), _files.reopen(path) as handle:
            text = handle.read()
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or set(data) != _KEYS | _DERIVED:
                raise ValueError("it does not have the fields of a cursor file")
            if data["version"] != VERSION:
                raise ValueError(f"unsupported version {data['version']!r}")
            strings = (data["family"], data["format"])
            if not all(isinstance(value, str) for value in strings):
                raise ValueError("family and format are strings")
            if not isinstance(data["options"], dict) or not isinstance(data["filters"], dict):
                raise ValueError("options and filters are objects")
            if type(data["page_size"]) is not int or not 1 <= data["page_size"] <= 1000:
                raise ValueError("page_size is an integer from 1 to 1000")
            if type(data["sharded"]) is not bool or type(data["complete"]) is not bool:
                raise ValueError("sharded and complete are booleans")
            if not isinstance(data["shards"], list) or not data["shards"]:
                raise ValueError("shards is a non-empty list")
            shards = [Shard.from_dict(shard) for shard in data["shards"]]
            if len({shard.index for shard in shards}) != len(shards):
                raise ValueError("two shards have the same index")
            if data["records"] != sum(shard.records for shard in shards):
                raise ValueError("records is not the sum of the shards' records")
            if not data["sharded"] and len(shards) != 1:
                raise ValueError("an unsharded export has one shard")
            if any(shard.state is None and shard.records for shard in shards):
                # a resume would start that shard's output over: its records would be lost
                raise ValueError("a shard with records has no state")
            check_windows(shards, data["filters"], sharded=data["sharded"])
        except (ValueError, TypeError, KeyError, RecursionError) as err:
            raise ConfigurationError(
                f"Cursor file {path} is damaged ({err}): remove it and the output (and its "
                ".partN files, if any) to start over."
            ) from None
        fields = {key: data[key] for key in _KEYS - _DERIVED}
        return cls(**fields, shards=shards)

    @classmethod
    def load_matching(
        cls,
        path: Path,
        output: Path,
        fmt: Format,
        family: str,
        filters: Mapping[str, Any],
    ) -> CursorFile:
        """The saved export at ``path``, checked against the one asked for (``family``, the
        format and its options, ``filters`` unless none were given) and against the disk:
        each output or part it wrote holds what its saved state says."""
        saved = cls.load(path)
        asked = (family, fmt.name, fmt.options)
        if asked != (saved.family, saved.format, saved.options) or (
            filters and filters != saved.filters
        ):
            raise ConfigurationError(
                f"Cursor file {path} belongs to another export ({saved.family}, "
                f"{saved.format}, filters {saved.filters}, options {saved.options})."
            )
        if saved.complete:
            if not _files.is_present(output):
                raise ConfigurationError(f"Cannot resume: {output} is missing.")
            return saved
        for shard in saved.shards:
            if shard.state is None:
                continue
            part = _files.part(output, shard.index) if saved.sharded else output
            try:
                fmt.check(part, shard.state)
            except ConfigurationError as err:
                raise ConfigurationError(f"Cannot resume from {path}: {err}.") from None
        return saved

    def plan(self) -> Plan:
        """The plan this file saved, to go on with (the plan of a new export is the
        request's: see ``ExportRequest.new_plan``)."""
        base = {k: v for k, v in self.filters.items() if k not in RANGE}
        return Plan(
            self.shards,
            filters=base if self.sharded else None,
            min_split=2 * self.page_size,
            bounds=None if self.sharded else range_of(self.filters),
        )

    def save(self, path: Path, shards: list[dict[str, Any]]) -> None:
        """Replace the cursor file atomically (a new temporary file, synced, renamed)."""
        data = {
            "version": VERSION,
            "family": self.family,
            "format": self.format,
            "options": self.options,
            "filters": self.filters,
            "page_size": self.page_size,
            "sharded": self.sharded,
            "complete": self.complete,
            "records": sum(shard["records"] for shard in shards),
            "shards": shards,
        }
        _files.replace_atomically(path, _encode(data))


def _encode(data: dict[str, Any]) -> bytes:
    """The cursor file's text: msgspec, as json's indented encoder is pure Python and this
    runs as pages are written; json where msgspec cannot write a value (a lone surrogate, from
    a filter given as undecodable bytes), which it escapes."""
    try:
        return msgspec.json.format(msgspec.json.encode(data), indent=1) + b"\n"
    except ValueError:
        return (json.dumps(data, indent=1) + "\n").encode()
