"""The sync at scale: first loads in time windows at once, deletions removed (dlt's hard
delete), personal data hashed or dropped before dlt sees it."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from click.testing import CliRunner
from test_personal import KEY, _found, _hmac

from signalwire_logs import ConfigurationError, SignalWireLogs
from signalwire_logs._cli._commands import cli
from signalwire_logs._personal import HASH_KEY_VARIABLE
from signalwire_logs.sync import sync
from signalwire_logs.testing import FakeSignalWire, Status
from signalwire_logs.testing._data import NEWEST

from helpers import HoldUntilSplit, fake_client_through, told_of_splits

DATASET = "signalwire_logs"


def _where(root: Path, name: str) -> dict[str, Any]:
    return {"database": root / f"{name}.duckdb", "pipelines_dir": root / f"{name}-dlt"}


def _rows(database: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table without dlt's own columns, ordered by id."""
    with duckdb.connect(str(database), read_only=True) as con:
        columns = [
            name
            for (name,) in con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = ? AND table_name = ? ORDER BY column_name",
                [DATASET, table],
            ).fetchall()
            if not name.startswith("_dlt")
        ]
        quoted = ", ".join(f'"{c}"' for c in columns)
        return con.execute(f"SELECT {quoted} FROM {DATASET}.{table} ORDER BY id").fetchall()


def _ids(database: Path, table: str) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return [
            i for (i,) in con.execute(f"SELECT id FROM {DATASET}.{table} ORDER BY id").fetchall()
        ]


# -- first loads in parallel ----------------------------------------------------------------


@pytest.mark.parametrize("concurrency", [1, 8], ids=["one-walk", "windows"])
def test_a_family_without_logs_and_a_run_with_nothing_new_load_nothing(
    tmp_path: Path, concurrency: int
) -> None:
    fake = FakeSignalWire(message_logs=50, fax_logs=0, seed=3)
    where = _where(tmp_path, "db")
    first = sync(fake.client(), ["messages", "faxes"], concurrency=concurrency, lag=0, **where)
    again = sync(fake.client(), ["messages", "faxes"], concurrency=concurrency, lag=0, **where)
    messages = first[0].total
    assert messages > 0
    assert [(r.family, r.read, r.new, r.total) for r in first] == [
        ("messages", messages, messages, messages),
        ("faxes", 0, 0, 0),
    ]
    assert [(r.read, r.new, r.updated, r.total) for r in again] == [
        (0, 0, 0, messages),
        (0, 0, 0, 0),
    ]


@pytest.mark.parametrize("bursty", [False, True], ids=["even", "bursty"])
def test_a_first_load_in_windows_equals_one_walk(tmp_path: Path, bursty: bool) -> None:
    fake = FakeSignalWire(message_logs=2_000, voice_logs=600, seed=8, bursty=bursty)
    families = ["messages", "voice"]
    options: dict[str, Any] = {"page_size": 100, "include_deleted": True}
    windows = sync(fake.client(), families, concurrency=8, **options, **_where(tmp_path, "w"))
    walked = len(fake.requests)
    one = sync(fake.client(), families, concurrency=1, **options, **_where(tmp_path, "one"))
    for table in ("message_logs", "voice_logs"):
        assert _rows(tmp_path / "w.duckdb", table) == _rows(tmp_path / "one.duckdb", table)
    assert [(r.new, r.total) for r in windows] == [(r.new, r.total) for r in one]
    assert windows[0].total == 2_000  # every message log once (none of them deleted here)
    windows_asked = {p.split("created_after=")[1][:19] for _, p in fake.requests[:walked]
                     if "created_after=" in p}  # fmt: skip
    assert len(windows_asked) >= 8  # read in time windows


_KILLED = """
import sys
from signalwire_logs import SignalWireLogs
from signalwire_logs.sync import sync
url, token, project, database, pipelines = sys.argv[1:6]
client = SignalWireLogs(project_id=project, api_token=token, base_url=url)
sync(client, ["messages"], database=database, pipelines_dir=pipelines, page_size=50,
     include_deleted=True)
"""


def test_a_first_load_killed_midway_and_run_again_ends_as_an_uninterrupted_one(
    tmp_path: Path,
) -> None:
    fake = FakeSignalWire(message_logs=2_000, seed=8, bursty=True, latency=0.01)
    killed, clean = _where(tmp_path, "killed"), _where(tmp_path, "clean")
    with fake.serve() as url:
        arguments = [url, fake.api_token, fake.project_id]
        arguments += [str(killed["database"]), str(killed["pipelines_dir"])]
        child = subprocess.Popen([sys.executable, "-c", _KILLED, *arguments])
        deadline = time.monotonic() + 60
        while len(fake.requests) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        fake.latency = 0.0
        client = SignalWireLogs(project_id=fake.project_id, api_token=fake.api_token, base_url=url)
        with client:
            options: dict[str, Any] = {"page_size": 50, "include_deleted": True}
            sync(client, ["messages"], **options, **killed)
            sync(client, ["messages"], **options, **clean)
    assert _rows(killed["database"], "message_logs") == _rows(clean["database"], "message_logs")
    assert len(_ids(clean["database"], "message_logs")) == 2_000


def _schemas(database: Path) -> set[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        found = con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()
    return {name for (name,) in found}


def test_a_first_load_inserts_into_its_table_and_later_runs_merge(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=1_500, seed=8, now=NEWEST - datetime.timedelta(days=2))
    where = _where(tmp_path, "inserted")
    (first,) = sync(fake.client(), ["messages"], page_size=100, **where)
    assert first.total == first.new == len(list(fake.client().message_logs.list(page_size=1000)))
    # No merge ran: a merge loads through a staging dataset first, and there is none.
    assert f"{DATASET}_staging" not in _schemas(where["database"])
    fake.now = NEWEST  # two days more: the look-back window read again, merged in place
    (second,) = sync(fake.client(), ["messages"], page_size=100, **where)
    assert f"{DATASET}_staging" in _schemas(where["database"])
    ids = _ids(where["database"], "message_logs")
    assert len(ids) == len(set(ids)) == second.total
    assert second.updated > 0 and second.total == first.total + second.new
    assert second.total == len(list(fake.client().message_logs.list(page_size=1000)))


class _Repeating(httpx.BaseTransport):
    """Sends the last record of a walk's first page again at the top of its second page
    (in place of the record that was there): a server quirk a first load must survive."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.last: Any = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.params.get("page_size") != "100":  # the probes, if any
            return response
        body = json.loads(response.read())
        if "page_token" in request.url.params and self.last is not None and body["data"]:
            body["data"][0], self.last = self.last, None
        elif "page_token" not in request.url.params:
            self.last = body["data"][-1]
        return httpx.Response(response.status_code, json=body, headers={"x-request-id": "r"})


def test_a_record_sent_twice_by_a_first_loads_server_is_loaded_once(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=500, seed=8)
    listed = {log.id for log in fake.client().message_logs.list(page_size=1000)}
    where = _where(tmp_path, "repeated")
    client = fake_client_through(fake, _Repeating(fake.transport()))
    (result,) = sync(client, ["messages"], page_size=100, concurrency=1, **where)
    ids = _ids(where["database"], "message_logs")
    # One record was sent in place of another: every other record, each in one row.
    assert len(ids) == len(set(ids)) == result.total == len(listed) - 1
    assert set(ids) < listed


def test_a_long_incremental_window_is_read_in_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeSignalWire(message_logs=3_000, seed=8, now=NEWEST - datetime.timedelta(days=30))
    where = _where(tmp_path, "long")
    sync(fake.client(), ["messages"], page_size=100, **where)
    fake.now = NEWEST  # a month of new logs: a sync not run for weeks
    start = len(fake.requests)
    gate = HoldUntilSplit(fake.transport(), told_of_splits(monkeypatch))
    client = fake_client_through(fake, gate)
    (result,) = sync(client, ["messages"], page_size=100, **where)
    windows = {
        (query["created_after"], query["created_before"])
        for query in (dict(httpx.URL(p).params) for _, p in fake.requests[start:])
    }
    assert len(windows) > 1  # the window was split once its first page showed its size
    assert result.total == len(_ids(where["database"], "message_logs"))
    assert result.total == len(list(fake.client().message_logs.list(page_size=1000)))


# -- deletions -------------------------------------------------------------------------------


def test_deleted_logs_are_removed_never_merged_into_empty_rows(tmp_path: Path) -> None:
    fake = FakeSignalWire(voice_logs=600, seed=8)
    where = _where(tmp_path, "deleted")
    everything = list(fake.client().voice_logs.list(include_deleted=True, page_size=1000))
    gone = {log.id for log in everything if log.discarded_at}
    assert gone  # the fake lists some deleted calls: id, created_at and discarded_at only
    (result,) = sync(fake.client(), ["voice"], include_deleted=True, **where)
    ids = set(_ids(where["database"], "voice_logs"))
    assert ids == {log.id for log in everything} - gone and result.total == len(ids)
    assert (result.read, result.deleted, result.new) == (len(everything), len(gone), len(ids))
    # A call loaded before, deleted since (within the look-back window): removed by the
    # next run, which reads it again with its discarded_at.
    newest = everything[0] if everything[0].id not in gone else everything[1]
    fake.update(newest.id, discarded_at="2024-06-15T00:00:00Z")
    sync(fake.client(), ["voice"], include_deleted=True, **where)
    assert set(_ids(where["database"], "voice_logs")) == ids - {newest.id}


def test_a_run_counts_as_new_only_rows_the_table_did_not_hold(tmp_path: Path) -> None:
    # Logs deleted within every run's look-back window: a first load leaves them out, and
    # each later run reads them again. Removing nothing, they must not make a row "new".
    fake = FakeSignalWire(voice_logs=1_000, seed=1, now=NEWEST - datetime.timedelta(days=3))
    where = _where(tmp_path, "counts")
    sync(fake.client(), ["voice"], include_deleted=True, **where)
    before = set(_ids(where["database"], "voice_logs"))
    (again,) = sync(fake.client(), ["voice"], include_deleted=True, **where)
    assert again.deleted > 0  # deleted logs read again, none of them in the table
    assert (again.new, again.updated, again.total) == (0, again.read - again.deleted, len(before))
    loaded = next(log for log in fake.client().voice_logs.list() if log.id in before)
    fake.update(loaded.id, discarded_at="2024-06-15T00:00:00Z")  # deleted since: held, removed
    (third,) = sync(fake.client(), ["voice"], include_deleted=True, **where)
    assert set(_ids(where["database"], "voice_logs")) == before - {loaded.id}
    assert (third.new, third.deleted, third.total) == (0, again.deleted + 1, len(before) - 1)


def test_a_deleted_message_log_of_three_fields_removes_its_row(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=50, seed=8)
    where = _where(tmp_path, "messages")
    sync(fake.client(), ["messages"], include_deleted=True, concurrency=1, **where)
    first = next(iter(fake.client().message_logs.list(page_size=1)))
    links = {"self": "/api/messaging/logs", "first": "/api/messaging/logs"}
    deleted = {
        "id": first.id,
        "created_at": first.created_at.isoformat().replace("+00:00", "Z"),
        "discarded_at": "2024-06-15T00:00:00Z",
    }
    fake.inject(Status(200, body={"links": links, "data": [deleted]}), path="/api/messaging/logs")
    (result,) = sync(fake.client(), ["messages"], include_deleted=True, concurrency=1, **where)
    assert first.id not in _ids(where["database"], "message_logs")
    assert result.total == 49


# -- personal data ---------------------------------------------------------------------------


def test_hashed_columns_reach_no_file_dlt_or_duckdb_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HASH_KEY_VARIABLE, KEY)
    fake = FakeSignalWire(message_logs=500, seed=3)
    numbers = {
        n for log in fake.client().message_logs.list(page_size=1000) for n in (log.from_, log.to)
    }
    hashed = tmp_path / "hashed"
    hashed.mkdir()
    options: dict[str, Any] = {"hash_columns": ["from", "to"], "drop_columns": ["error_message"]}
    sync(fake.client(), ["messages"], **options, **_where(hashed, "h"))
    sync(fake.client(), ["messages"], **options, **_where(hashed, "h"))  # the window again
    assert _found(hashed, numbers) == []
    assert _found(hashed, {_hmac(n) for n in numbers})
    with duckdb.connect(str(hashed / "h.duckdb"), read_only=True) as con:
        columns = [row[0] for row in con.execute(f"DESCRIBE {DATASET}.message_logs").fetchall()]
    assert "error_message" not in columns and "from" in columns
    plain = tmp_path / "plain"
    plain.mkdir()
    sync(fake.client(), ["messages"], **_where(plain, "p"))
    assert _found(plain, numbers)  # the search finds them where they are written


class _VideoWithNumber(httpx.BaseTransport):
    """Adds a phone number, undocumented, to every video log under several spellings of
    ``from`` (and under ``_from`` to message logs, beside their own)."""

    NUMBER = "+15005550006"

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        video = "/video/logs" in request.url.path
        if not (video or "/messaging/logs" in request.url.path) or response.status_code != 200:
            return response
        body = json.loads(response.read())
        spellings = ("from", "From ", "from_") if video else ("_from",)
        for log in body.get("data", []):
            log.update(dict.fromkeys(spellings, self.NUMBER))
        return httpx.Response(200, json=body, headers={"x-request-id": "r"})


def test_every_family_synced_at_once_hashes_the_columns_each_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HASH_KEY_VARIABLE, KEY)
    fake = FakeSignalWire(message_logs=200, fax_logs=100, voice_logs=100, video_logs=50, seed=3)
    client = fake.client()
    numbers = {_VideoWithNumber.NUMBER} | {
        number
        for logs in (client.message_logs, client.fax_logs, client.voice_logs)
        for log in logs.list(page_size=1000)
        for number in (log.from_, log.to)
        if isinstance(number, str) and number.startswith("+")
    }
    where = _where(tmp_path, "all")
    through = fake_client_through(fake, _VideoWithNumber(fake.transport()))
    with pytest.warns(UserWarning, match="'From ' \\(another field's column from\\)"):
        results = sync(through, hash_columns=["from", "to"], **where)  # video logs: neither
    assert [r.family for r in results] == ["messages", "faxes", "voice", "video", "conferences"]
    assert all(r.total for r in results[:4])
    assert _found(tmp_path, numbers) == []  # the video logs' undocumented number too
    with duckdb.connect(str(where["database"]), read_only=True) as con:
        (sent,) = con.execute(f'SELECT "from" FROM {DATASET}.video_logs LIMIT 1').fetchone()  # type: ignore[misc]
    assert sent == _hmac(_VideoWithNumber.NUMBER)
    with pytest.raises(ConfigurationError, match="'frm': none of the families synced has it"):
        sync(fake.client(), hash_columns=["frm"], **where)
    with pytest.raises(ConfigurationError, match="Unknown column 'from'"):
        sync(fake.client(), ["video"], hash_columns=["from"], **where)  # video alone: none


def test_dlt_keeps_no_loaded_rows_so_hashing_after_a_clear_sync_leaves_no_number(
    tmp_path: Path,
) -> None:
    fake = FakeSignalWire(message_logs=500, seed=3)
    numbers = {
        n for log in fake.client().message_logs.list(page_size=1000) for n in (log.from_, log.to)
    }
    where = _where(tmp_path, "switch")
    sync(fake.client(), ["messages"], **where)
    sync(fake.client(), ["messages"], **where)
    loaded = [p for p in where["pipelines_dir"].rglob("*") if p.is_file() and "load" in p.parts]
    assert not [p for p in loaded if p.parent.name == "completed_jobs"]  # no copy of the rows
    assert _found(where["pipelines_dir"], numbers) == []
    sync(fake.client(), ["messages"], full_refresh=True, hash_columns=["from", "to"],
         hash_key=KEY, **where)  # fmt: skip
    assert _found(where["pipelines_dir"], numbers) == []


def test_another_key_or_other_columns_need_a_full_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeSignalWire(message_logs=200, seed=3)
    where = _where(tmp_path, "rules")
    sync(fake.client(), ["messages"], hash_columns=["from"], hash_key=KEY, **where)
    with pytest.raises(ConfigurationError, match="full-refresh"):
        sync(fake.client(), ["messages"], hash_columns=["from"], hash_key="z" * 32, **where)
    with pytest.raises(ConfigurationError, match="full-refresh"):
        sync(fake.client(), ["messages"], **where)  # in clear, beside hashed rows
    (result,) = sync(fake.client(), ["messages"], full_refresh=True, **where)
    assert result.total == len(list(fake.client().message_logs.list(page_size=1000)))
    monkeypatch.setenv("SIGNALWIRE_LOGS__HASH_KEY", KEY)  # dlt's secrets: env or secrets.toml
    monkeypatch.delenv(HASH_KEY_VARIABLE, raising=False)
    (result,) = sync(fake.client(), ["messages"], full_refresh=True, hash_columns=["to"], **where)
    with duckdb.connect(str(where["database"]), read_only=True) as con:
        (to,) = con.execute(f'SELECT "to" FROM {DATASET}.message_logs LIMIT 1').fetchone()  # type: ignore[misc]
    assert len(to) == 64


def test_cli_sync_concurrency_hash_and_drop(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=300, seed=3)
    database = tmp_path / "cli.duckdb"
    env = {
        "SIGNALWIRE_PROJECT_ID": fake.project_id,
        "SIGNALWIRE_API_TOKEN": fake.api_token,
        "DLT_DATA_DIR": str(tmp_path / "dlt"),
        HASH_KEY_VARIABLE: KEY,
    }
    with fake.serve() as url:
        args = ["--base-url", url, "sync", "messages", "--database", str(database)]
        args += ["--concurrency", "4", "--hash", "from", "--drop", "to"]
        result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(database), read_only=True) as con:
        columns = [row[0] for row in con.execute(f"DESCRIBE {DATASET}.message_logs").fetchall()]
        (sender,) = con.execute(f'SELECT "from" FROM {DATASET}.message_logs LIMIT 1').fetchone()  # type: ignore[misc]
    assert "to" not in columns and len(sender) == 64
    assert json.dumps(result.output).count("messages") >= 1


def test_a_field_added_midway_through_a_first_load_becomes_a_column(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=1_000, seed=8)
    logs = list(fake.client().message_logs.list(page_size=1000))
    fake.update(logs[450].id, carrier="Acme")  # one page in the middle has a column more
    where = _where(tmp_path, "added")
    for concurrency in (1, 8):
        (result,) = sync(
            fake.client(), ["messages"], page_size=100, concurrency=concurrency,
            full_refresh=True, **where,
        )  # fmt: skip
        assert result.total == len(logs)
        with duckdb.connect(str(where["database"]), read_only=True) as con:
            found = con.execute(
                f"SELECT id FROM {DATASET}.message_logs WHERE carrier = 'Acme'"
            ).fetchall()
        assert found == [(logs[450].id,)]


def test_a_repeated_id_left_by_a_run_cut_short_is_mended_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signalwire_logs._sync_load as load_module

    fake = FakeSignalWire(message_logs=500, seed=8)
    listed = {log.id for log in fake.client().message_logs.list(page_size=1000)}
    where = _where(tmp_path, "mended")
    client = fake_client_through(fake, _Repeating(fake.transport()))
    with monkeypatch.context() as patch:  # the run stops before its check: as if killed
        patch.setattr(load_module, "_surplus_ids", lambda pipeline, family: 0)
        sync(client, ["messages"], page_size=100, concurrency=1, **where)
    ids = _ids(where["database"], "message_logs")
    assert len(ids) > len(set(ids))  # the insert kept the record sent twice
    (result,) = sync(fake.client(), ["messages"], page_size=100, **where)
    ids = _ids(where["database"], "message_logs")
    assert len(ids) == len(set(ids)) == result.total and set(ids) == listed
    assert (result.new, result.updated) == (1, len(listed) - 1)  # the id the repeat hid


def test_a_table_is_checked_for_repeated_ids_after_its_first_load_and_once_more_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signalwire_logs._sync_load as load_module

    checked: list[str] = []
    count = load_module._surplus_ids

    def counting(pipeline: Any, family: Any) -> int:
        checked.append(family.name)
        return count(pipeline, family)

    monkeypatch.setattr(load_module, "_surplus_ids", counting)
    fake = FakeSignalWire(message_logs=300, fax_logs=40, seed=8)
    where = _where(tmp_path, "checked")
    runs = []
    for _ in range(3):
        sync(fake.client(), ["messages", "faxes"], page_size=100, **where)
        runs.append(sorted(checked))
        checked.clear()
    # After the insert; then by the next run (a first load's mark in dlt's state, in case
    # the run was cut short before its check); then never (a table is not scanned each run).
    assert runs == [["faxes", "messages"], ["faxes", "messages"], []]


def test_pages_reach_dlt_joined_in_order_and_never_across_a_change_of_columns() -> None:
    import pyarrow as pa

    from signalwire_logs._sync_resource import batches

    page = [pa.table({"id": [f"{n}a", f"{n}b"]}) for n in range(5)]
    wider = pa.table({"id": ["5a"], "carrier": ["Acme"]})
    joined = list(batches(iter([*page[:3], wider, *page[3:]]), rows=4))
    assert [t.num_rows for t in joined] == [4, 2, 1, 4]  # 2+2, then 2 before the wider one
    assert [i for t in joined for i in t.column("id").to_pylist()] == [
        "0a", "0b", "1a", "1b", "2a", "2b", "5a", "3a", "3b", "4a", "4b"
    ]  # fmt: skip
    assert joined[2].column_names == ["id", "carrier"] and joined[3].column_names == ["id"]
