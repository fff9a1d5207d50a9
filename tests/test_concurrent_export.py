"""Sharded concurrent export: the same file as a sequential one, no gaps, no duplicates."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from signalwire_logs import (
    ConfigurationError,
    ExportProgress,
    SignalWireLogs,
    aexport_logs,
    export_logs,
)
from signalwire_logs._cli._commands import cli
from signalwire_logs._dates import moment
from signalwire_logs._export._shards import Plan
from signalwire_logs.testing import FakeSignalWire, Status

from helpers import RANGE
from helpers import exported_ids as _ids


@pytest.fixture
def served() -> Any:
    fake = FakeSignalWire(message_logs=3_210, fax_logs=400, seed=8)
    with fake.serve() as url:
        client = SignalWireLogs(project_id=fake.project_id, api_token=fake.api_token, base_url=url)
        with client:
            yield fake, client


def test_sharded_export_equals_the_sequential_one(served: Any, tmp_path: Path) -> None:
    _, client = served
    sequential = tmp_path / "sequential.jsonl"
    sharded = tmp_path / "sharded.jsonl"
    export_logs(client.message_logs, sequential, page_size=200, **RANGE)
    progress: list[ExportProgress] = []
    cursor = export_logs(
        client.message_logs,
        sharded,
        concurrency=8,
        page_size=200,
        on_progress=progress.append,
        **RANGE,
    )
    assert sharded.read_bytes() == sequential.read_bytes()  # same records, same order
    ids = _ids(sharded)
    assert len(ids) == len(set(ids)) == cursor.records > 3_000
    assert max(p.records for p in progress) == cursor.records and cursor.complete
    assert max(p.fraction or 0 for p in progress) == 1.0  # the whole range was walked
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "sequential.jsonl",
        "sequential.jsonl.cursor",
        "sharded.jsonl",
        "sharded.jsonl.cursor",
    ]


def test_records_on_a_shard_boundary_land_in_exactly_one_shard(served: Any, tmp_path: Path) -> None:
    fake, client = served
    boundary = fake.messages.created_at(1_000)  # a record sits exactly on this edge
    start, end = boundary - datetime.timedelta(hours=12), boundary + datetime.timedelta(hours=12)
    shards = Plan.windows({}, moment("a", start), moment("b", end), 2).shards
    assert shards[1].low == boundary
    output = tmp_path / "edge.jsonl"
    export_logs(client.message_logs, output, concurrency=2, created_after=start, created_before=end)
    expected = [
        log.id
        for log in client.message_logs.list(page_size=1000, created_after=start, created_before=end)
    ]
    assert _ids(output) == expected and fake.messages.make_id(1_000) in expected


def test_a_failed_shard_resumes(served: Any, tmp_path: Path) -> None:
    fake, client = served
    clean = tmp_path / "clean.csv"
    export_logs(client.fax_logs, clean, format="csv", **RANGE)
    output = tmp_path / "faxes.csv"
    fake.inject(Status(500), path="/api/fax/logs", after=3, times=20)
    with pytest.raises(Exception, match="500"):
        export_logs(client.fax_logs, output, format="csv", concurrency=4, page_size=50, **RANGE)
    assert not output.exists() and list(tmp_path.glob("faxes.csv.part*"))
    fake.clear_faults()
    export_logs(
        client.fax_logs, output, format="csv", concurrency=4, page_size=50, resume=True, **RANGE
    )
    assert output.read_bytes() == clean.read_bytes()
    assert not list(tmp_path.glob("faxes.csv.part*"))


def test_concurrency_needs_a_range(served: Any, tmp_path: Path) -> None:
    _, client = served
    with pytest.raises(ConfigurationError, match="both created_after and created_before"):
        export_logs(client.message_logs, tmp_path / "x.jsonl", concurrency=4)
    with pytest.raises(ConfigurationError, match="earlier than"):
        export_logs(
            client.message_logs,
            tmp_path / "x.jsonl",
            concurrency=4,
            created_after="2024-06-01",
            created_before="2024-05-01",
        )


def test_cli_concurrency(served: Any, tmp_path: Path) -> None:
    fake, client = served
    base = ["--base-url", str(client.base_url).rstrip("/"), "export", "messages"]
    env = {"SIGNALWIRE_PROJECT_ID": fake.project_id, "SIGNALWIRE_API_TOKEN": fake.api_token}
    sequential = tmp_path / "a.jsonl"
    sharded = tmp_path / "b.jsonl"
    runner = CliRunner()
    assert runner.invoke(cli, [*base, "-o", str(sequential)], env=env).exit_code == 0
    arguments = [*base, "-o", str(sharded), "--concurrency", "6"]
    arguments += ["--created-after", "2024-04-01", "--created-before", "2024-07-01"]
    result = runner.invoke(cli, arguments, env=env)
    assert result.exit_code == 0, result.output
    assert sharded.read_bytes() == sequential.read_bytes()
    missing = runner.invoke(
        cli, [*base, "-o", str(tmp_path / "c.jsonl"), "--concurrency", "2"], env=env
    )
    assert missing.exit_code == 2 and "created_after and created_before" in missing.stderr


@pytest.mark.anyio
async def test_async_helper(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=900, seed=4)
    async with fake.async_client() as client:
        output = tmp_path / "m.jsonl"
        cursor = await aexport_logs(client.message_logs, output, concurrency=3, **RANGE)
    expected = [log.id for log in fake.client().message_logs.list(page_size=1000, **RANGE)]
    assert _ids(output) == expected and cursor.records == len(expected)
