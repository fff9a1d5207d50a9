"""The dlt source and `signalwire-logs sync`, against the fake: each record once, updates in
place inside the look-back window, nothing older fetched, resumable after a kill, new fields
as new columns, no telemetry and no credentials anywhere but the API."""

from __future__ import annotations

import base64
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest
from click.testing import CliRunner

from signalwire_logs import InternalServerError, SignalWireLogs, SyncError
from signalwire_logs._cli._commands import cli
from signalwire_logs.sync import DEFAULT_LAG, FAMILIES, source, sync
from signalwire_logs.testing import FakeSignalWire, Status
from signalwire_logs.testing._data import NEWEST

DATASET = "signalwire_logs"
LISTS = {
    "messages": "/api/messaging/logs",
    "faxes": "/api/fax/logs",
    "voice": "/api/voice/logs",
    "video": "/api/video/logs",
    "conferences": "/api/logs/conferences",
}


def _fake(**options: Any) -> FakeSignalWire:
    return FakeSignalWire(
        message_logs=300,
        fax_logs=40,
        voice_logs=60,
        video_logs=30,
        conference_logs=30,
        seed=5,
        **options,
    )


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


def _query(database: Path, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, parameters).fetchall()


def _listed(fake: FakeSignalWire, family: str) -> list[Any]:
    return list(getattr(fake.client(), FAMILIES[family].attribute).list(page_size=1000))


def _created_after(fake: FakeSignalWire, start: int) -> dict[str, list[datetime.datetime | None]]:
    """The created_after of every list request since request number ``start``, by family."""
    seen: dict[str, list[datetime.datetime | None]] = {name: [] for name in LISTS}
    for _, target in fake.requests[start:]:
        parts = urlsplit(target)
        for name, path in LISTS.items():
            if parts.path == path:
                value = parse_qs(parts.query).get("created_after", [None])[0]
                seen[name].append(datetime.datetime.fromisoformat(value) if value else None)
    return seen


class Where(TypedDict):
    """Where a sync goes: its DuckDB file and dlt's working files."""

    database: Path
    pipelines_dir: Path


@pytest.fixture
def where(tmp_path: Path) -> Where:
    return {"database": tmp_path / "logs.duckdb", "pipelines_dir": tmp_path / "dlt"}


def test_first_sync_loads_every_record_once(where: Where) -> None:
    fake = _fake()
    results = sync(fake.client(), **where)
    assert [r.family for r in results] == list(FAMILIES)
    for result in results:
        listed = _listed(fake, result.family)
        ids = [
            row[0] for row in _query(where["database"], f"SELECT id FROM {DATASET}.{result.table}")
        ]
        assert sorted(ids) == sorted(log.id for log in listed)  # every record, once each
        assert (result.new, result.updated, result.total) == (len(listed), 0, len(listed))
    # Types survive the trip: UTC timestamps, integers, floats, the charge details' structs.
    (row,) = _query(
        where["database"],
        f"SELECT typeof(created_at), typeof(number_of_segments), typeof(charge), "
        f"typeof(status) FROM {DATASET}.message_logs LIMIT 1",
    )
    assert row == ("TIMESTAMP WITH TIME ZONE", "BIGINT", "DOUBLE", "VARCHAR")
    # The first run reads the whole history, in time windows: the oldest starts before the
    # oldest record (found by probes asking for the newest record before a moment).
    for family, values in _created_after(fake, 0).items():
        oldest = _listed(fake, family)[-1].created_at
        assert values and min(v for v in values if v is not None) < oldest, family


def test_second_sync_updates_the_window_in_place_and_reads_nothing_older(
    where: Where,
) -> None:
    fake = _fake(now=NEWEST - datetime.timedelta(days=4))
    sync(fake.client(), **where)
    database = where["database"]
    (newest,) = _query(database, f"SELECT max(created_at) FROM {DATASET}.message_logs")[0]
    window_start = newest - DEFAULT_LAG
    recent = _query(
        database,
        f"SELECT id FROM {DATASET}.message_logs WHERE created_at > ? ORDER BY created_at DESC",
        [window_start + datetime.timedelta(hours=1)],
    )
    (old,) = _query(
        database,
        f"SELECT id FROM {DATASET}.message_logs WHERE created_at < ? LIMIT 1",
        [window_start - datetime.timedelta(hours=1)],
    )[0]
    changed = [log_id for (log_id,) in recent[:4]]
    assert len(changed) == 4
    for log_id in changed:  # statuses move on after creation
        fake.update(log_id, status="undelivered", error_code="30003")
    fake.update(old, status="undelivered")  # older than the window: not read again
    fake.now = NEWEST  # four days of new records appear
    start = len(fake.requests)

    results = {r.family: r for r in sync(fake.client(), **where)}
    asked = _created_after(fake, start)

    for family, result in results.items():
        table = FAMILIES[family].table
        (count, distinct) = _query(
            database, f"SELECT count(*), count(DISTINCT id) FROM {DATASET}.{table}"
        )[0]
        assert count == distinct == len(_listed(fake, family)) == result.total
        assert result.new > 0 and result.updated > 0
    statuses = dict(
        _query(database, f"SELECT id, status FROM {DATASET}.message_logs WHERE id IN ?", [changed])
    )
    assert statuses == {log_id: "undelivered" for log_id in changed}
    assert (
        _query(database, f"SELECT status FROM {DATASET}.message_logs WHERE id = ?", [old])[0][0]
        != "undelivered"
    )
    # Every list asked only for the window: created_after = the newest record loaded - lag.
    for family, values in asked.items():
        table = FAMILIES[family].table
        (family_newest,) = _query(
            database,
            f"SELECT max(created_at) FROM {DATASET}.{table} WHERE created_at <= ?",
            [NEWEST - datetime.timedelta(days=4)],
        )[0]
        assert values and all(v == family_newest - DEFAULT_LAG for v in values), family


def test_a_new_upstream_field_lands_as_a_new_column(where: Where) -> None:
    fake = _fake()
    sync(fake.client(), ["messages"], **where)
    newest = _listed(fake, "messages")[0]
    fake.update(newest.id, carrier_name="Acme Mobile", carrier={"mcc": 310, "mnc": 260})
    sync(fake.client(), ["messages"], **where)
    rows = dict(
        _query(
            where["database"],
            f"SELECT id, carrier_name FROM {DATASET}.message_logs WHERE carrier_name IS NOT NULL",
        )
    )
    assert rows == {newest.id: "Acme Mobile"}
    (carrier,) = _query(
        where["database"], f"SELECT carrier FROM {DATASET}.message_logs WHERE id = ?", [newest.id]
    )[0]
    assert json.loads(carrier) == {"mcc": 310, "mnc": 260}


def test_lag_zero_reads_only_newer_records(where: Where) -> None:
    fake = _fake()
    sync(fake.client(), ["faxes"], **where)
    (result,) = sync(fake.client(), ["faxes"], lag=0, **where)
    assert (result.new, result.updated, result.read) == (0, 0, 0)


def test_full_refresh_reads_everything_again(where: Where) -> None:
    fake = _fake()
    sync(fake.client(), ["video"], **where)
    (result,) = sync(fake.client(), ["video"], full_refresh=True, **where)
    assert result.new == result.total == result.read == len(_listed(fake, "video"))


def test_api_errors_surface_as_the_clients_own(where: Where) -> None:
    fake = _fake()
    fake.inject(Status(503), times=5, path="/api/fax/logs")
    with pytest.raises(InternalServerError):
        sync(fake.client(max_retries=0), ["faxes"], **where)
    with pytest.raises(SyncError, match="could not start"):
        sync(fake.client(), ["faxes"], destination="postgres", pipelines_dir=where["pipelines_dir"])


def test_the_source_composes_in_a_users_own_pipeline(tmp_path: Path) -> None:
    import dlt

    fake = _fake()
    pipeline = dlt.pipeline(
        "mine",
        destination=dlt.destinations.duckdb(str(tmp_path / "mine.duckdb")),
        dataset_name="raw",
        pipelines_dir=str(tmp_path / "dlt"),
    )
    pipeline.run(source(fake.client(), ["conferences", "video"]))
    counts = _query(
        tmp_path / "mine.duckdb",
        "SELECT (SELECT count(*) FROM raw.conference_logs), (SELECT count(*) FROM raw.video_logs)",
    )[0]
    assert counts == (len(_listed(fake, "conferences")), len(_listed(fake, "video")))


_CHILD = """
import json, sys
from signalwire_logs import SignalWireLogs
from signalwire_logs.sync import sync
url, token, project, database, pipelines, page_size, families = sys.argv[1:8]
client = SignalWireLogs(project_id=project, api_token=token, base_url=url)
results = sync(
    client, families.split(","), database=database, pipelines_dir=pipelines,
    page_size=int(page_size)
)
from dlt.common.runtime import anon_tracker, telemetry
print(json.dumps({"tracker": anon_tracker._ANON_TRACKER_ENDPOINT,
                  "started": telemetry.is_telemetry_started(),
                  "totals": [r.total for r in results]}))
"""

_CONSENT = """
import sys
import signalwire_logs.sync, dlt
dlt.pipeline("consent", destination="duckdb", pipelines_dir=sys.argv[1])
from dlt.common.runtime import anon_tracker
print(anon_tracker._ANON_TRACKER_ENDPOINT)
"""

_NO_NETWORK = """
import sys
attempts = []
def _audit(event, args):
    if event == "socket.getaddrinfo" and args[0] not in ("127.0.0.1", "localhost", "::1"):
        attempts.append(str(args[0]))
        raise OSError("no network in this test")
    if event == "socket.connect" and isinstance(args[1], tuple):
        if args[1][0] not in ("127.0.0.1", "::1"):
            attempts.append(str(args[1][0]))
            raise OSError("no network in this test")
sys.addaudithook(_audit)
import atexit
atexit.register(lambda: print("ATTEMPTS", attempts, file=sys.stderr))
"""


def _child(
    url: str,
    fake: FakeSignalWire,
    where: Where,
    page_size: int,
    families: list[str],
    env: dict[str, str],
) -> subprocess.Popen[str]:
    arguments = [url, fake.api_token, fake.project_id, str(where["database"])]
    arguments += [str(where["pipelines_dir"]), str(page_size), ",".join(families)]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RUNTIME__")} | env
    return subprocess.Popen(
        [sys.executable, "-c", _NO_NETWORK + _CHILD, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )


@pytest.fixture
def served() -> Iterator[tuple[FakeSignalWire, str]]:
    fake = _fake()
    with fake.serve() as url:
        yield fake, url


def test_telemetry_is_off_and_nothing_but_the_api_is_reached(
    served: tuple[FakeSignalWire, str], where: Where
) -> None:
    fake, url = served
    child = _child(url, fake, where, 1000, ["messages", "faxes"], {})
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    report = json.loads(out)
    assert report["tracker"] is None and report["totals"][0] == len(_listed(fake, "messages"))
    assert "ATTEMPTS []" in err  # no address but loopback was even looked up
    # With the user's consent dlt's tracker does start, so the check above can fail.
    consent = subprocess.run(
        [sys.executable, "-c", _CONSENT, str(where["pipelines_dir"])],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"RUNTIME__DLTHUB_TELEMETRY": "true"},
    )
    assert consent.stdout.strip() == "https://telemetry.scalevector.ai", consent.stderr


def test_a_sync_killed_midway_and_run_again_ends_as_an_uninterrupted_one(
    served: tuple[FakeSignalWire, str], tmp_path: Path
) -> None:
    fake, url = served
    killed: Where = {"database": tmp_path / "killed.duckdb", "pipelines_dir": tmp_path / "k"}
    clean: Where = {"database": tmp_path / "clean.duckdb", "pipelines_dir": tmp_path / "c"}
    families = ["messages", "voice"]
    fake.latency = 0.02
    child = _child(url, fake, killed, 20, families, {})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        voice = sum(1 for _, target in fake.requests if target.startswith("/api/voice/logs"))
        if voice >= 2:  # messages extracted, voice half-way
            break
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    if killed["database"].exists():  # killed before the voice logs were loaded
        loaded = _query(
            killed["database"],
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'voice_logs'",
        )
        assert loaded == [(0,)]
    fake.latency = 0.0
    client = SignalWireLogs(project_id=fake.project_id, api_token=fake.api_token, base_url=url)
    with client:
        sync(client, families, page_size=20, **killed)
        sync(client, families, page_size=20, **clean)
    for family in (FAMILIES[name] for name in families):
        assert _rows(killed["database"], family.table) == _rows(clean["database"], family.table)
        assert len(_rows(clean["database"], family.table)) > 0


def test_no_credentials_in_dlt_state_or_files(where: Where) -> None:
    fake = _fake()
    sync(fake.client(), ["messages"], **where)
    pair = f"{fake.project_id}:{fake.api_token}".encode()
    secrets = [fake.api_token.encode(), pair, base64.b64encode(pair)]
    files = [p for p in Path(where["pipelines_dir"]).rglob("*") if p.is_file()]
    files.append(where["database"])
    assert len(files) > 3
    for path in files:
        data = path.read_bytes()
        assert not any(secret in data for secret in secrets), path


def test_cli_sync_prints_a_line_per_family(tmp_path: Path) -> None:
    fake = _fake()
    database = tmp_path / "cli.duckdb"
    env = {
        "SIGNALWIRE_PROJECT_ID": fake.project_id,
        "SIGNALWIRE_API_TOKEN": fake.api_token,
        "DLT_DATA_DIR": str(tmp_path / "dlt"),
    }
    with fake.serve() as url:
        args = ["--base-url", url, "sync", "messages", "faxes", "--database", str(database)]
        first = CliRunner().invoke(cli, args, env=env)
        again = CliRunner().invoke(cli, [*args, "--lag", "90m"], env=env)
        bad = CliRunner().invoke(cli, [*args, "--lag", "soon"], env=env)
        clash = CliRunner().invoke(cli, [*args, "--dataset", "cli"], env=env)
    assert first.exit_code == 0, first.output
    messages, faxes = len(_listed(fake, "messages")), len(_listed(fake, "faxes"))
    assert first.stdout.splitlines() == [
        f"messages: {messages:,} new, 0 updated, {messages:,} total",
        f"faxes: {faxes:,} new, 0 updated, {faxes:,} total",
    ]
    assert again.exit_code == 0 and again.stdout.startswith("messages: 0 new, ")
    assert bad.exit_code == 2 and "not a duration" in bad.output
    assert clash.exit_code == 2 and "DuckDB cannot tell them apart" in clash.output
    assert (tmp_path / "dlt").is_dir()  # dlt's working files went where dlt was told


def test_a_dropped_table_is_synced_whole_again(where: Where) -> None:
    fake = _fake()
    sync(fake.client(), ["messages", "faxes"], **where)
    with duckdb.connect(str(where["database"])) as con:  # dlt's state still has its cursor
        con.execute(f"DROP TABLE {DATASET}.fax_logs")
    (messages, faxes) = sync(fake.client(), ["messages", "faxes"], **where)
    assert faxes.total == faxes.new == faxes.read == len(_listed(fake, "faxes"))
    assert messages.total == len(_listed(fake, "messages")) and messages.new == 0
    where["database"].unlink()  # a deleted database file: every family again
    (messages, faxes) = sync(fake.client(), ["messages", "faxes"], **where)
    assert messages.new == messages.total == len(_listed(fake, "messages"))


def test_several_projects_compose_in_one_pipeline(tmp_path: Path) -> None:
    import dlt

    acme, globex = FakeSignalWire(fax_logs=50, seed=1), FakeSignalWire(fax_logs=70, seed=2)
    pipeline = dlt.pipeline(
        "projects",
        destination=dlt.destinations.duckdb(str(tmp_path / "all.duckdb")),
        dataset_name="logs",
        pipelines_dir=str(tmp_path / "dlt"),
    )
    sources = [source(acme.client(), ["faxes"], name="acme")]
    sources.append(source(globex.client(), ["faxes"], name="globex"))
    pipeline.run(sources)
    start = len(acme.requests)
    pipeline.run([source(acme.client(), ["faxes"], name="acme")])
    ids = [i for (i,) in _query(tmp_path / "all.duckdb", "SELECT id FROM logs.fax_logs")]
    everyone = _listed(acme, "faxes") + _listed(globex, "faxes")
    assert sorted(ids) == sorted(log.id for log in everyone)  # both projects, once each
    assert _created_after(acme, start)["faxes"][0] is not None  # acme's own cursor was kept
