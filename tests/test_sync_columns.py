"""The sync against a server whose records carry fields named like dlt's own columns, or
like another column once dlt normalises their names (``Status`` beside ``status``).

Each test serves a log list from a local server on 127.0.0.1 (tests/hostile.py: bounded in
time) and syncs it into DuckDB twice (a first load in time windows, then an incremental
run): every record once, dlt's bookkeeping untouched, the fields' values kept in
``extra_fields`` as sent, one warning per run naming them, and the family never fails.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from signalwire_logs import SignalWireLogs
from signalwire_logs._cli._commands import cli
from signalwire_logs.sync import FamilyResult, sync
from signalwire_logs.testing import FakeSignalWire

import hostile

Records = list[tuple[datetime.datetime, bytes]]
DATASET = "signalwire_logs"
#: Fields no column may take as sent: dlt's own names, documented columns and the sync's own
#: (the id, the cursor, the deletions' column) once normalised, a blank name, a field
#: spelled otherwise than an undocumented one of the same record, ``extra_fields``, and names
#: that are another's once "__" is read as dlt reads it.
HOSTILE: dict[str, Any] = {
    "_dlt_id": "not-dlts-id",
    "_dlt_load_id": "1700000000.0",
    "_dlt_anything": {"nested": [1, 2]},
    "Status": "HOSTILE",
    "From ": "+15550001111",
    "ID": "not-the-id",
    "createdAt": "1999-01-01T00:00:00Z",
    "DiscardedAt": "2024-01-01T00:00:00Z",
    " ": "blank",
    "Carrier": "spelled otherwise",
    "carrier": "Acme",
    "extra_fields": "the server's own",
    # dlt names an Arrow column as a path ("__" separates its parts): these are status and
    # created_at to it.
    "status__": "dunder",
    "__created_at": "dunder",
}
MOVED = sorted(set(HOSTILE) - {"carrier"})
KEY = "k" * 32


def _records(family: str, count: int, every: int, fields: dict[str, Any]) -> Records:
    """``count`` records of a family as the fake sends them, every ``every``-th (the newest
    among them) with ``fields`` added."""
    fake = FakeSignalWire(message_logs=count, conference_logs=count, seed=5)
    logs = getattr(fake.client(), family)
    found: Records = []
    for page in logs.list(page_size=1000).pages():
        times = page.body.times("created_at")
        for at, raw in zip(times, page.body.records, strict=True):
            record = json.loads(bytes(raw))
            if len(found) % every == 0:
                record.update(fields)
            found.append((datetime.datetime.fromisoformat(at), json.dumps(record).encode()))
    return found


@pytest.fixture(scope="module")
def messages() -> Records:
    return _records("message_logs", 300, 3, HOSTILE)


def _client(url: str) -> SignalWireLogs:
    return SignalWireLogs(project_id="p", api_token="t", base_url=url, timeout=5, max_retries=0)


def _sync_twice(
    records: Records, tmp_path: Path, families: list[str] | None = None, **options: Any
) -> Iterator[tuple[FamilyResult, list[str]]]:
    """Each run's result and the warnings it gave about fields that cannot have a column."""
    for _ in range(2):
        with (
            hostile.serve(route=hostile.log_list(records)) as url,
            _client(url) as client,
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            (result,) = sync(
                client,
                families or ["messages"],
                database=tmp_path / "l.duckdb",
                pipelines_dir=tmp_path / "dlt",
                page_size=50,
                **options,
            )
        said = [str(w.message) for w in caught if "cannot have a column" in str(w.message)]
        yield result, said


def _query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql).fetchall()


def _columns(database: Path, table: str) -> list[str]:
    return [
        name
        for (name,) in _query(
            database,
            "SELECT DISTINCT column_name FROM information_schema.columns "
            f"WHERE table_schema = '{DATASET}' AND table_name = '{table}'",
        )
    ]


def _sent(records: Records) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in (json.loads(raw) for _, raw in records)}


def test_fields_named_like_dlts_or_another_column_are_kept_in_extra_fields(
    messages: Records, tmp_path: Path
) -> None:
    database = tmp_path / "l.duckdb"
    sent = _sent(messages)
    runs = list(_sync_twice(messages, tmp_path))
    (first, first_said), (again, again_said) = runs
    assert (first.new, first.total) == (len(messages), len(messages))
    assert again.read > 0 and again.new == 0 and again.total == len(messages)
    for said in (first_said, again_said):  # once per run, naming every field
        assert len(said) == 1
        assert said[0].startswith(f"message_logs: {len(MOVED)} field(s) SignalWire sent")
        assert all(repr(name) in said[0] for name in MOVED[:10])  # then "and 1 more"
        assert f"and {len(MOVED) - 10} more" in said[0]
        assert "'carrier'" not in said[0]
    columns = _columns(database, "message_logs")
    assert not [c for c in columns if c.startswith("_dlt")]  # dlt's names stay dlt's
    assert "carrier" in columns and "extra_fields" in columns
    rows = _query(
        database,
        f'SELECT id, status, "from", created_at, carrier, extra_fields FROM {DATASET}.message_logs',
    )
    assert sorted(row[0] for row in rows) == sorted(sent)  # none lost, none deleted, none twice
    hostile_rows = 0
    for log_id, status, sender, created_at, carrier, extra in rows:
        record = sent[log_id]
        assert (status, sender) == (record["status"], record["from"])
        assert created_at == datetime.datetime.fromisoformat(record["created_at"])
        assert carrier == record.get("carrier")
        if "Status" in record:
            hostile_rows += 1
            assert json.loads(extra) == {name: HOSTILE[name] for name in MOVED}
        else:
            assert extra is None
    assert hostile_rows == len(messages[::3])


def test_one_walk_moves_the_same_fields(messages: Records, tmp_path: Path) -> None:
    (first, said), (again, _) = _sync_twice(messages, tmp_path, concurrency=1)
    assert first.total == again.total == len(messages) and len(said) == 1
    (count,) = _query(
        tmp_path / "l.duckdb",
        f"SELECT count(*) FROM {DATASET}.message_logs WHERE extra_fields IS NOT NULL",
    )[0]
    assert count == len(messages[::3])


def test_hashed_and_dropped_columns_apply_to_their_moved_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIGNALWIRE_HASH_KEY", KEY)
    records = _records("message_logs", 120, 2, {"From ": "+15550001111", "TO": "+15550002222"})
    runs = list(_sync_twice(records, tmp_path, hash_columns=["from"], drop_columns=["to"]))
    assert [len(said) for _, said in runs] == [1, 1]
    database = tmp_path / "l.duckdb"
    assert "to" not in _columns(database, "message_logs")
    extras = {
        extra
        for (extra,) in _query(
            database,
            f"SELECT extra_fields FROM {DATASET}.message_logs WHERE extra_fields IS NOT NULL",
        )
    }
    digest = hmac.new(KEY.encode(), b"+15550001111", hashlib.sha256).hexdigest()
    assert [json.loads(extra) for extra in extras] == [{"From ": digest}]
    data = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert b"+15550001111" not in data and b"+15550002222" not in data


def test_dropping_extra_fields_drops_the_moved_fields(messages: Records, tmp_path: Path) -> None:
    runs = list(_sync_twice(messages, tmp_path, drop_columns=["extra_fields"]))
    assert all(result.total == len(messages) for result, _ in runs)
    columns = _columns(tmp_path / "l.duckdb", "message_logs")
    assert "extra_fields" not in columns and "carrier" not in columns


def test_a_field_named_like_an_as_sent_column_is_the_servers(tmp_path: Path) -> None:
    # A conference's charge is any text: "n/a" is kept in charge_as_sent, the sync's column.
    records = _records("conference_logs", 40, 4, {"charge_as_sent": "the server's"})
    (at, raw) = records[0]
    records[0] = (at, json.dumps({**json.loads(raw), "charge": "n/a"}).encode())
    (at, raw) = records[1]
    records[1] = (at, json.dumps({**json.loads(raw), "charge": "n/a"}).encode())
    runs = list(_sync_twice(records, tmp_path, ["conferences"]))
    assert all(result.total == len(records) for result, _ in runs)
    assert all("'charge_as_sent' (column charge_as_sent)" in said[0] for _, said in runs)
    rows = _query(
        tmp_path / "l.duckdb",
        f"SELECT id, charge_as_sent, extra_fields FROM {DATASET}.conference_logs",
    )
    sent = _sent(records)
    for log_id, as_sent, extra in rows:
        record = sent[log_id]
        assert as_sent == ("n/a" if record.get("charge") == "n/a" else None)
        moved = {"charge_as_sent": "the server's"} if "charge_as_sent" in record else None
        assert (json.loads(extra) if extra else None) == moved


def test_cli_sync_says_so_in_one_line_per_run(messages: Records, tmp_path: Path) -> None:
    env = {"SIGNALWIRE_PROJECT_ID": "p", "SIGNALWIRE_API_TOKEN": "t"}
    database = str(tmp_path / "cli.duckdb")
    for _ in range(2):
        with hostile.serve(route=hostile.log_list(messages)) as url:
            args = ["--base-url", url, "sync", "messages", "--database", database]
            args += ["--pipelines-dir", str(tmp_path / "dlt"), "--page-size", "50"]
            result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 0, result.output
        lines = result.stderr.splitlines()
        said = [line for line in lines if line.startswith("Warning: message_logs: ")]
        assert len(said) == 1 and "'_dlt_id' (dlt's own column)" in said[0]
        assert result.stdout.startswith("messages: ")
