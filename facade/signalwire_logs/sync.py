"""Incremental sync of SignalWire's logs into DuckDB, or any warehouse dlt loads into.

    from signalwire_logs import SignalWireLogs
    from signalwire_logs.sync import sync

    client = SignalWireLogs()
    for family in sync(client, database="signalwire.duckdb"):   # every family, into DuckDB
        print(family)                                           # messages: 120 new, ...

    import dlt                                                  # or compose your own pipeline
    from signalwire_logs.sync import source
    pipeline = dlt.pipeline("logs", destination="bigquery", dataset_name="signalwire")
    pipeline.run(source(client, ["messages", "voice"]))

Needs the ``sync`` extra (dlt, DuckDB, pyarrow: ``pip install '.[sync]'`` from a checkout).
The source has one resource per log family (a table each: ``message_logs``, ``fax_logs``,
``voice_logs``, ``video_logs``, ``conference_logs``), keyed by ``id`` and merged (upserted),
read incrementally on ``created_at``. Each run re-reads a look-back window (``lag``) behind the
newest record it has, because a log keeps changing after it is created: a message goes from
queued to sent to delivered or failed, a call ends. Rows read again replace their old
version; nothing is appended twice. Pages reach dlt whole, as Arrow tables read from the
bytes sent (typed as in [`signalwire_logs.arrow`][signalwire_logs.arrow]), so dlt skips its
row-by-row normalisation, and a field SignalWire adds later arrives as a new column (one
whose name, as dlt normalises it, is dlt's own or another column's is kept in
``extra_fields`` instead, with a warning: see ``docs/guides/sync.md``).

A first load (or a window that proves long) is read in time windows at once on the client
(``concurrency``, 8 by default); ``sync()`` loads a first load into its new table with
dlt's replace instead of merging it (nothing is there to merge with), and checks that each id
came once (the next run checks once more, and loads one that fails again by merge). With
``include_deleted``, a log SignalWire reports deleted is removed from its table (dlt's hard
delete on ``discarded_at``), never merged into an empty row. ``hash_columns`` and
``drop_columns`` keep personal data (phone numbers) out of every file dlt writes and of the
destination: hashed with a key, or left out.

The client is passed in and used for every request; dlt's state holds only the cursor.
dlt's anonymous telemetry is turned off when this module is imported, unless you turned it
on yourself (``RUNTIME__DLTHUB_TELEMETRY`` or ``[runtime] dlthub_telemetry`` in a dlt config).

cXML messages are not a resource: the cXML list filters only by the day a message was sent
(so a message still queued would be missed by an incremental walk), and every one of them is
also a message log, which is synced.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ._exceptions import ConfigurationError, SignalWireError, SyncError
from ._extras import needs_extra
from ._families import LOG_FAMILIES, LogFamily
from ._sync_windows import DEFAULT_CONCURRENCY, check_concurrency

#: dlt sends anonymous usage reports unless this is false. It is read when dlt starts its
#: runtime (the first pipeline), so it is set before dlt is even imported; a value the user
#: set is kept. dlt's environment variables outrank its config files, so a user who wants
#: the reports sets this variable to true (a config file alone no longer turns them on).
_TELEMETRY = "RUNTIME__DLTHUB_TELEMETRY"
os.environ.setdefault(_TELEMETRY, "false")

try:
    import dlt
    from dlt.common.exceptions import DltException
    from dlt.destinations.impl.duckdb.configuration import DuckDbCredentials
    from dlt.extract.resource import DltResource
    from dlt.extract.source import DltSource
    from dlt.pipeline.exceptions import PipelineStepFailed

    from ._sync_load import load
    from ._sync_resource import Deletions, columns_elsewhere, family_resource, personal_data
except ImportError as err:  # pragma: no cover - exercised only without the extra
    raise ImportError(needs_extra("signalwire_logs.sync needs dlt", "sync")) from err


__all__ = ["DEFAULT_DATASET", "DEFAULT_LAG", "FAMILIES", "Family", "FamilyResult", "source", "sync"]

#: How far behind the newest synced log each run re-reads by default: 48 hours. SignalWire
#: keeps an outgoing message queued for up to its ``ValidityPeriod``, at most 172,800 s (48 h;
#: 4 h by default), after which its status is final; a call lasts at most its time limit
#: (4 h by default). A record older than that no longer changes. See the README for sources.
DEFAULT_LAG = datetime.timedelta(hours=48)
#: The schema the tables go into (``signalwire_logs.message_logs``...).
DEFAULT_DATASET = "signalwire_logs"


#: One log family as the sync sees it: ``attribute`` (the client's resource), ``table`` (the
#: table it loads into), ``model`` (the generated model of one record: its columns) and
#: ``time_field`` (read incrementally). An entry of the family registry.
Family = LogFamily

#: The families a sync loads, by CLI name: every family listed by ``created_at`` (cXML
#: messages are not, see above).
FAMILIES: dict[str, Family] = {family.name: family for family in LOG_FAMILIES}


def _seconds(lag: datetime.timedelta | float) -> float:
    seconds = lag.total_seconds() if isinstance(lag, datetime.timedelta) else lag
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise ConfigurationError(f"lag must be a duration of at least 0 seconds, got {lag!r}")
    return float(seconds)


def _families(names: Iterable[str] | None) -> list[str]:
    chosen = list(FAMILIES) if names is None else list(dict.fromkeys(names))
    unknown = [name for name in chosen if name not in FAMILIES]
    if unknown or not chosen:
        raise ConfigurationError(
            f"Unknown log families {unknown!r}: choose from {', '.join(FAMILIES)}"
        )
    return chosen


def _resource(
    client: Any,
    name: str,
    *,
    lag: float,
    initial_value: datetime.datetime | None,
    page_size: int,
    include_deleted: bool | None,
    concurrency: int,
    rules: tuple[Sequence[str] | None, Sequence[str] | None, str | bytes | None],
    elsewhere: frozenset[str],
    on_page: Callable[[str, int], None] | None,
    deletions: Deletions | None,
    fresh: bool,
) -> DltResource:
    family = FAMILIES[name]
    if family.time_field is None:  # pragma: no cover - FAMILIES holds families listed by time
        raise ConfigurationError(f"{name} cannot be synced: its list filters by day only")
    return family_resource(
        client,
        family,
        lag=lag,
        initial_value=initial_value,
        page_size=page_size,
        include_deleted=include_deleted,
        concurrency=concurrency,
        personal=personal_data(family, *rules, elsewhere),
        on_page=on_page,
        deletions=deletions,
        fresh=fresh,
    )


def source(
    client: Any,
    families: Iterable[str] | None = None,
    *,
    lag: datetime.timedelta | float = DEFAULT_LAG,
    initial_value: datetime.datetime | None = None,
    page_size: int = 1000,
    include_deleted: bool | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    hash_columns: Sequence[str] | None = None,
    drop_columns: Sequence[str] | None = None,
    hash_key: str | bytes | None = None,
    on_page: Callable[[str, int], None] | None = None,
    name: str = "signalwire_logs",
) -> DltSource:
    """A dlt source of SignalWire's logs: one merged, incremental resource per family.

    Args:
        client: The [`SignalWireLogs`][signalwire_logs.SignalWireLogs] every request goes through
            (its credentials, transport and retries); it is never stored in dlt's state.
        families: CLI names of the families to sync (default: all of
            [`FAMILIES`][signalwire_logs.sync.FAMILIES]).
        lag: The look-back window re-read on every run (a ``timedelta`` or seconds; default
            [`DEFAULT_LAG`][signalwire_logs.sync.DEFAULT_LAG], 48 hours; 0: only newer records).
        initial_value: On the first run, only records created after this (default: all).
        page_size: Records per request, 1 to 1000.
        include_deleted: Also read logs of deleted activity (server default: no): each is
            removed from its table (dlt's hard delete on ``discarded_at``), never merged
            into an empty row.
        concurrency: Time windows read at once on ``client`` when a family has no cursor
            yet (a first load, a full refresh) or its window proves long (default 8; 1:
            one walk); the windows are split as the walks find where the logs are.
        hash_columns: Columns written as the HMAC-SHA-256 of their value (``["from",
            "to"]``) under ``hash_key``, else ``SIGNALWIRE_HASH_KEY``, else dlt's secret
            ``signalwire_logs.hash_key``: counts and joins still work; no file holds the value.
        drop_columns: Columns left out (``extra_fields``: every undocumented field).
        hash_key: The hashing key (16 bytes or more). dlt's state keeps the rules and a
            fingerprint of the key: a later run with other rules is refused until a full
            refresh, rather than mixing rows hashed two ways.
        on_page: Called after each page with the family's name and its records so far.
        name: The source's name, under which dlt keeps its cursors: give each project (each
            client) its own, and several projects load in one pipeline, into the same tables
            (ids are unique across projects), each read from where it left off.

    Returns:
        A ``dlt`` source to pass to ``pipeline.run()``.
    """
    return _source(
        client,
        families,
        lag=lag,
        initial_value=initial_value,
        page_size=page_size,
        include_deleted=include_deleted,
        concurrency=concurrency,
        rules=(hash_columns, drop_columns, hash_key),
        on_page=on_page,
        name=name,
    )


def _source(
    client: Any,
    families: Iterable[str] | None,
    *,
    lag: datetime.timedelta | float,
    initial_value: datetime.datetime | None = None,
    page_size: int,
    include_deleted: bool | None,
    concurrency: int,
    rules: tuple[Sequence[str] | None, Sequence[str] | None, str | bytes | None],
    on_page: Callable[[str, int], None] | None,
    name: str = "signalwire_logs",
    deletions: Deletions | None = None,
    fresh: bool = False,
) -> DltSource:
    """`source()`, its personal-data arguments as ``rules``; ``deletions`` counts the
    deleted logs read, by family; ``fresh``: the families' tables were just dropped (a
    first load), so their rows are inserted rather than merged (see `family_resource`)."""
    chosen = _families(families)
    seconds = _seconds(lag)
    check_concurrency(concurrency)
    if initial_value is not None and initial_value.tzinfo is None:
        initial_value = initial_value.replace(tzinfo=datetime.UTC)
    families_chosen = [FAMILIES[name] for name in chosen]
    elsewhere = columns_elsewhere(families_chosen, *rules[:2])
    resources = [
        _resource(
            client,
            name,
            lag=seconds,
            initial_value=initial_value,
            page_size=page_size,
            include_deleted=include_deleted,
            concurrency=concurrency,
            rules=rules,
            elsewhere=elsewhere,
            on_page=on_page,
            deletions=deletions,
            fresh=fresh,
        )
        for name in chosen
    ]

    @dlt.source(name=name)
    def signalwire_logs() -> Sequence[DltResource]:
        return resources

    return signalwire_logs()


@dataclass(frozen=True)
class FamilyResult:
    """What one sync did to one family's table."""

    family: str
    table: str
    #: Records read from the API in this run (the look-back window and everything newer).
    read: int
    #: Rows that were not in the table before.
    new: int
    #: Rows that were in the table and were replaced by the version just read.
    updated: int
    #: Rows in the table now.
    total: int

    #: Logs read that SignalWire reports deleted (``include_deleted``): removed from the
    #: table if they were in it, never inserted.
    deleted: int = 0

    def __str__(self) -> str:
        removed = f", {self.deleted:,} deleted" if self.deleted else ""
        return (
            f"{self.family}: {self.new:,} new, {self.updated:,} updated{removed}, "
            f"{self.total:,} total"
        )


def pipeline_name(destination: str, database: str | os.PathLike[str] | None, dataset: str) -> str:
    """One dlt pipeline (and so one incremental state) per destination, database and dataset.

    A pipeline's state says how far it has synced; shared by two databases it would make the
    second believe it already had what only the first holds.
    """
    where = str(Path(database).resolve()) if database is not None else ""
    digest = hashlib.sha256(f"{destination}\0{where}\0{dataset}".encode()).hexdigest()
    return f"signalwire_logs_{digest[:12]}"


def sync(
    client: Any,
    families: Iterable[str] | None = None,
    *,
    destination: str = "duckdb",
    database: str | os.PathLike[str] | None = None,
    dataset: str = DEFAULT_DATASET,
    lag: datetime.timedelta | float = DEFAULT_LAG,
    full_refresh: bool = False,
    pipelines_dir: str | os.PathLike[str] | None = None,
    page_size: int = 1000,
    include_deleted: bool | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    hash_columns: Sequence[str] | None = None,
    drop_columns: Sequence[str] | None = None,
    hash_key: str | bytes | None = None,
    on_page: Callable[[str, int], None] | None = None,
) -> list[FamilyResult]:
    """Sync the logs into a destination; returns what happened to each family's table.

    Args:
        client: The [`SignalWireLogs`][signalwire_logs.SignalWireLogs] to read with.
        families: CLI names of the families to sync (default: all).
        destination: A dlt destination name (``"duckdb"``, ``"postgres"``, ``"bigquery"``,
            ``"snowflake"``, ``"filesystem"``...), configured by dlt's own environment
            variables or ``.dlt/secrets.toml``.
        database: For DuckDB, the database file (default ``signalwire.duckdb`` in the
            current directory); ignored by other destinations.
        dataset: The schema (dataset) the tables go into.
        lag: The look-back window re-read on every run (default 48 hours).
        full_refresh: Drop the tables and the cursor first, and read everything again.
        pipelines_dir: Where dlt keeps its working files (default: dlt's, ``~/.dlt``).
        page_size: Records per request, 1 to 1000.
        include_deleted: Also read deleted logs, to remove them from the tables.
        concurrency: Time windows read at once by a first load (default 8; 1: one walk).
        hash_columns: Columns hashed with a key (see [`source()`][signalwire_logs.sync.source]).
        drop_columns: Columns left out.
        hash_key: The hashing key (default: ``SIGNALWIRE_HASH_KEY`` or dlt's secrets).
        on_page: Called after each page with the family's name and its records so far.
    """
    chosen = _families(families)
    deletions = Deletions()
    families_source: Callable[..., DltSource] = partial(
        _source, client, lag=lag, page_size=page_size, include_deleted=include_deleted,
        concurrency=concurrency, rules=(hash_columns, drop_columns, hash_key),
        on_page=on_page, deletions=deletions,
    )  # fmt: skip
    families_source(chosen)  # checks the arguments before anything is created
    pipeline = _pipeline(destination, database, dataset, pipelines_dir)
    with _errors_raised_as_ours():
        loaded = load(
            pipeline,
            [FAMILIES[name] for name in chosen],
            families_source,
            full_refresh=full_refresh,
            deletions=deletions,
        )
    return [FamilyResult(*counts) for counts in loaded]


def _pipeline(
    destination: str,
    database: str | os.PathLike[str] | None,
    dataset: str,
    pipelines_dir: str | os.PathLike[str] | None,
) -> Any:
    """The dlt pipeline of a sync into `dataset` at `destination` (dlt's errors as ours)."""
    target, database = _destination(destination, database, dataset)
    name = pipeline_name(destination, database, dataset)
    _delete_loaded_files(name)
    with _errors_raised_as_ours():
        return dlt.pipeline(
            pipeline_name=name,
            # None is dlt's own default (~/.dlt, or /var/dlt for root), despite the stub.
            pipelines_dir=None if pipelines_dir is None else str(pipelines_dir),  # type: ignore[arg-type]
            destination=target,
            dataset_name=dataset,
        )


def _delete_loaded_files(name: str) -> None:
    """Have dlt delete the files of each load of pipeline ``name`` once it is loaded, unless
    the user configured that themselves: dlt otherwise keeps them in its working directory
    for good, a copy of the rows a run, and phone numbers loaded in clear before hashing
    began. Set in dlt's config for this pipeline only, never in the environment."""
    key = f"{name}.load.delete_completed_jobs"
    try:
        if dlt.config.get(key) is None and dlt.config.get("load.delete_completed_jobs") is None:
            dlt.config[key] = True
    except Exception:  # no config provider to write to: dlt keeps them, as by default
        return


@contextmanager
def _errors_raised_as_ours() -> Iterator[None]:
    """dlt's failures as a `SyncError`, and the client's own error as it was raised."""
    try:
        yield
    except (PipelineStepFailed, DltException) as err:
        if _interrupted(err):  # Ctrl-C: the caller tells the user how to continue
            raise KeyboardInterrupt from None
        if not isinstance(err, PipelineStepFailed):
            raise SyncError(f"The sync could not start: {_first_line(err)}") from err
        api_error = _api_error(err)
        if api_error is not None:  # the API's error as the client raised it, not dlt's wrap
            raise api_error.with_traceback(None) from None
        raise SyncError(
            f"The sync failed at dlt's {err.step} step: {_first_line(err.exception)}"
        ) from err


def _interrupted(error: BaseException) -> bool:
    """Whether a Ctrl-C is behind dlt's failure (its own signal is a KeyboardInterrupt too)."""
    seen: set[int] = set()
    pending: list[object] = [error]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        pending += [getattr(current, "exception", None), current.__cause__, current.__context__]
    return False


def _destination(
    destination: str, database: str | os.PathLike[str] | None, dataset: str
) -> tuple[Any, Path | None]:
    """The dlt destination to load into, and the DuckDB file (None for other destinations)."""
    if destination != "duckdb":
        return destination, None
    path = Path(database if database is not None else "signalwire.duckdb")
    if path.stem == dataset:  # DuckDB names the catalog after the file
        raise ConfigurationError(
            f"The dataset {dataset!r} has the name of the database file {path.name}: "
            "DuckDB cannot tell them apart in a query; choose another dataset or file name."
        )
    # DuckDB may otherwise take most of the machine's memory for the merge; capped, it
    # spills to disk instead, and a sync of a million logs stays under 500 MB. A table's
    # rows have no order in SQL: not keeping the order they were loaded in lets DuckDB
    # insert a load's row groups on every core (half the load's time) in less memory.
    settings = {"memory_limit": "256MB", "preserve_insertion_order": False}
    credentials = DuckDbCredentials(str(path), global_config=settings)
    return dlt.destinations.duckdb(credentials=credentials), path


def _api_error(error: BaseException) -> SignalWireError | None:
    """The client's own error behind dlt's wrapping, if that is what stopped the sync."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, SignalWireError):
            return cause
        seen.add(id(cause))
        inner = getattr(cause, "exception", None)
        cause = (
            inner if isinstance(inner, BaseException) else (cause.__cause__ or cause.__context__)
        )
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
