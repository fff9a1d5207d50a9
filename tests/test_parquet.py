"""Parquet exports: a directory of typed part files, read back by pyarrow, DuckDB and polars,
resumable after a kill like the other formats, partitioned by day when asked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from signalwire_logs import ConfigurationError, InternalServerError, export_logs
from signalwire_logs._cli._commands import cli
from signalwire_logs._export import _parquet
from signalwire_logs.arrow import EXTRA_COLUMN, TIMESTAMP
from signalwire_logs.testing import FakeSignalWire, Status


def _sql(query: str) -> list[tuple[Any, ...]]:
    with duckdb.connect() as con:
        return con.execute(query).fetchall()


@pytest.fixture
def fake() -> FakeSignalWire:
    return FakeSignalWire(message_logs=1_200, voice_logs=300, seed=9)


def _jsonl(fake: FakeSignalWire, tmp_path: Path, attribute: str) -> list[dict[str, Any]]:
    path = tmp_path / f"{attribute}.jsonl"
    export_logs(getattr(fake.client(), attribute), path)
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_parquet_export_holds_every_record_typed(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "messages.parquet"
    result = export_logs(fake.client().message_logs, output, format="parquet", page_size=250)
    sent = _jsonl(fake, tmp_path, "message_logs")
    assert output.is_dir() and result.records == len(sent) and result.complete
    assert [p.name for p in output.iterdir()] == ["part-00000.parquet"]  # 1,200 records: one
    table = pq.read_table(output)
    assert table.schema.field("created_at").type == TIMESTAMP
    assert table.schema.field("status").type.value_type == "string"  # dictionary-encoded
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [s["id"] for s in sent]  # newest first, as listed
    for row, record in zip(rows, sent, strict=True):
        assert row["charge"] == record["charge"] and row["error_code"] == record["error_code"]
        assert row["charge_details"] == record["charge_details"]
        assert row["created_at"].isoformat(timespec="milliseconds") == record["created_at"].replace(
            "Z", "+00:00"
        )
        assert row[EXTRA_COLUMN] is None


def test_duckdb_and_polars_read_it(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "voice"
    export_logs(fake.client().voice_logs, output, format="parquet")
    sent = _jsonl(fake, tmp_path, "voice_logs")
    glob = f"{output}/*.parquet"
    ((count, distinct, seconds),) = _sql(
        f"SELECT count(*), count(DISTINCT id), sum(duration) FROM read_parquet('{glob}')"
    )
    assert count == distinct == len(sent)
    assert seconds == sum(r.get("duration") or 0 for r in sent)
    frame = pl.read_parquet(glob)
    assert frame.height == len(sent) and frame["created_at"].dtype == pl.Datetime("us", "UTC")
    assert frame["id"].to_list() == [r["id"] for r in sent]


def test_partitioned_by_day_and_sharded(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "by-day"
    result = export_logs(
        fake.client().message_logs,
        output,
        format="parquet",
        partition_by_day=True,
        concurrency=4,
        created_after="2024-05-01",
        created_before="2024-06-15",
    )
    days = sorted(p.name for p in output.iterdir())
    assert days[0] == "day=2024-05-03" and days[-1] == "day=2024-06-14"
    per_day = _sql(
        f"SELECT day, count(*), min(created_at)::DATE = day AND max(created_at)::DATE = day "
        f"FROM read_parquet('{output}/*/*.parquet', hive_partitioning=true) GROUP BY day"
    )
    assert (
        sum(n for _, n, _ in per_day)
        == result.records
        == len(_jsonl(fake, tmp_path, "message_logs"))
    )
    assert all(same for _, _, same in per_day)  # every record sits in its own day
    frame = pl.read_parquet(f"{output}/**/*.parquet", hive_partitioning=True)
    assert frame["id"].n_unique() == result.records


def test_parts_hold_many_pages_in_row_groups_of_tens_of_thousands(
    fake: FakeSignalWire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_parquet, "ROW_GROUP_ROWS", 300)  # small sizes, same rules
    output = tmp_path / "parts"
    export_logs(
        fake.client().message_logs,
        output,
        format="parquet",
        page_size=100,
        part_rows=500,
        include_deleted=True,
    )  # 1,200 records
    parts = sorted(output.iterdir())
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(3)]
    files = [pq.ParquetFile(part) for part in parts]
    assert [f.metadata.num_rows for f in files] == [500, 500, 200]  # closed between pages
    for file in files:
        groups = [file.metadata.row_group(i).num_rows for i in range(file.num_row_groups)]
        assert max(groups) <= 300 and file.metadata.row_group(0).column(0).compression == "ZSTD"
    sent = [log.id for log in fake.client().message_logs.list(include_deleted=True)]
    assert pq.read_table(output).column("id").to_pylist() == sent


def test_a_part_closes_at_its_byte_size_too(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "bytes"
    export_logs(
        fake.client().message_logs,
        output,
        format="parquet",
        page_size=100,
        part_bytes=1,
        include_deleted=True,
    )  # a part closes once its file holds a byte: after the first pages are written
    rows = [pq.ParquetFile(part).metadata.num_rows for part in output.iterdir()]
    assert sum(rows) == 1_200 and max(rows) <= 300 and len(rows) >= 4
    with pytest.raises(ConfigurationError, match="part_rows must be a positive integer"):
        export_logs(fake.client().message_logs, tmp_path / "x", format="parquet", part_rows=0)
    with pytest.raises(ConfigurationError, match="part_rows is for Parquet"):
        export_logs(fake.client().message_logs, tmp_path / "y.jsonl", part_rows=10)


def test_resume_after_a_failure_gives_the_same_records(
    fake: FakeSignalWire, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    fake.inject(Status(500), times=10, path="/api/messaging/logs", after=6)
    client = fake.client(max_retries=0)
    arguments: dict[str, Any] = {"format": "parquet", "page_size": 100, "part_rows": 300}
    arguments["include_deleted"] = True  # 1,200 records: 12 pages
    with pytest.raises(InternalServerError):  # on page 7: parts of pages 1-3 and 4-6 whole
        export_logs(client.message_logs, output, **arguments)
    assert sorted(p.name for p in output.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    saved = json.loads(Path(f"{output}.cursor").read_text())
    assert saved["shards"][0]["records"] == 600
    (output / "part-00099.parquet").write_bytes(b"left by a run that died before its commit")
    fake.clear_faults()
    before = len(fake.requests)
    result = export_logs(client.message_logs, output, resume=True, **arguments)
    assert result.resumed and not (output / "part-00099.parquet").exists()
    assert len(fake.requests) - before == 6  # pages 7-12, none fetched twice
    ids = pq.read_table(output).column("id").to_pylist()
    assert ids == [log.id for log in client.message_logs.list(include_deleted=True)]


def test_a_crash_mid_part_refetches_only_that_parts_pages(
    fake: FakeSignalWire, tmp_path: Path
) -> None:
    output = tmp_path / "mid"
    fake.inject(Status(500), times=10, path="/api/messaging/logs", after=4)
    client = fake.client(max_retries=0)
    arguments: dict[str, Any] = {"format": "parquet", "page_size": 100, "part_rows": 300}
    arguments["include_deleted"] = True
    with pytest.raises(InternalServerError):  # on page 5: part 1 (pages 1-3) whole, page 4 not
        export_logs(client.message_logs, output, **arguments)
    assert [p.name for p in output.iterdir()] == ["part-00000.parquet"]  # no temporary file
    fake.clear_faults()
    served = [path for _, path in fake.requests]
    result = export_logs(client.message_logs, output, resume=True, **arguments)
    refetched = [path for _, path in fake.requests[len(served) :]]
    assert refetched[0] == served[3]  # page 4 again: the part being written when it failed
    assert len(refetched) == 9 and result.records == 1_200
    ids = pq.read_table(output).column("id").to_pylist()
    assert ids == [log.id for log in client.message_logs.list(include_deleted=True)]


_KILLED = """
import sys
from signalwire_logs import SignalWireLogs, export_logs
url, token, project, output = sys.argv[1:5]
client = SignalWireLogs(project_id=project, api_token=token, base_url=url)
export_logs(client.message_logs, output, format="parquet", page_size=50, resume=True,
            partition_by_day=True)
"""


def test_an_export_killed_midway_resumes_to_the_same_records(tmp_path: Path) -> None:
    fake = FakeSignalWire(message_logs=1_200, seed=9, latency=0.01)
    output = tmp_path / "killed"
    with fake.serve() as url:
        arguments = [url, fake.api_token, fake.project_id, str(output)]
        child = subprocess.Popen([sys.executable, "-c", _KILLED, *arguments])
        deadline = time.monotonic() + 30
        while len(fake.requests) < 8 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
        assert len(fake.requests) < 24  # killed half-way through the 24 pages
        fake.latency = 0
        again = subprocess.run([sys.executable, "-c", _KILLED, *arguments], timeout=60)
        assert again.returncode == 0
    ids = _sql(f"SELECT id FROM read_parquet('{output}/*/*.parquet') ORDER BY created_at DESC")
    assert [i for (i,) in ids] == [
        log.id for log in fake.client().message_logs.list(page_size=1000)
    ]


def test_parquet_arguments_are_checked(fake: FakeSignalWire, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="partition_by_day"):
        export_logs(
            fake.client().message_logs, tmp_path / "x.csv", format="csv", partition_by_day=True
        )
    with pytest.raises(ConfigurationError, match="stdout"):
        export_logs(fake.client().message_logs, "-", format="parquet")


def test_cli_export_parquet(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "cli"
    with fake.serve() as url:
        env = {"SIGNALWIRE_PROJECT_ID": fake.project_id, "SIGNALWIRE_API_TOKEN": fake.api_token}
        args = ["--base-url", url, "export", "faxes", "--format", "parquet", "-o", str(output)]
        result = CliRunner().invoke(cli, [*args, "--partition-by-day"], env=env)
    assert result.exit_code == 0, result.output
    assert pq.read_table(output).num_rows == len(list(fake.client().fax_logs.list(page_size=1000)))


@pytest.mark.parametrize("concurrency", [1, 3])
def test_an_export_with_no_record_has_one_empty_part_with_the_schema(
    fake: FakeSignalWire, tmp_path: Path, concurrency: int
) -> None:
    output = tmp_path / "empty"
    result = export_logs(
        fake.client().message_logs,
        output,
        format="parquet",
        concurrency=concurrency,
        created_after="2020-01-01",
        created_before="2020-02-01",
    )
    (part,) = list(output.iterdir())
    assert result.records == 0 and part.name.endswith("part-00000.parquet")
    table = pq.read_table(part)
    assert table.num_rows == 0 and table.schema.field("created_at").type == TIMESTAMP


def test_sharded_parts_join_without_empty_files(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "sharded"
    result = export_logs(
        fake.client().message_logs,
        output,
        format="parquet",
        concurrency=4,
        page_size=100,
        part_rows=400,
        created_after="2024-04-01",  # the first windows hold nothing
        created_before="2024-06-15",
    )
    files = sorted(output.iterdir())
    assert all(pq.ParquetFile(f).metadata.num_rows for f in files)
    assert sum(pq.ParquetFile(f).metadata.num_rows for f in files) == result.records
    assert pq.read_table(output).column("id").to_pylist() == [
        log.id for log in fake.client().message_logs.list(page_size=1000)
    ]


def test_cli_export_parquet_parts(fake: FakeSignalWire, tmp_path: Path) -> None:
    output = tmp_path / "cli-parts"
    with fake.serve() as url:
        env = {"SIGNALWIRE_PROJECT_ID": fake.project_id, "SIGNALWIRE_API_TOKEN": fake.api_token}
        args = ["--base-url", url, "export", "messages", "--format", "parquet", "-o", str(output)]
        args += ["--page-size", "100", "--part-rows", "400", "--include-deleted"]
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 0, result.output
        jsonl = ["--base-url", url, "export", "messages", "-o", str(tmp_path / "x.jsonl")]
        refused = CliRunner().invoke(cli, [*jsonl, "--part-mb", "8"], env=env)
    assert [pq.ParquetFile(p).metadata.num_rows for p in sorted(output.iterdir())] == [
        400,
        400,
        400,
    ]
    assert refused.exit_code == 2 and "part_bytes is for Parquet" in refused.output


def test_a_record_parquet_cannot_hold_stops_the_export_before_its_part_is_recorded(
    tmp_path: Path,
) -> None:
    fake = FakeSignalWire(message_logs=400, seed=9)
    logs = list(fake.client().message_logs.list(page_size=1000, include_deleted=True))
    fake.update(logs[250].id, number_of_segments=2**70)  # JSON, but no int64 holds it
    output = tmp_path / "bad"
    arguments: dict[str, Any] = {"format": "parquet", "page_size": 100, "part_rows": 200}
    with pytest.raises(ConfigurationError, match="cannot be written as Parquet"):
        export_logs(fake.client().message_logs, output, include_deleted=True, **arguments)
    # The part of pages 1-2 is whole and recorded; page 3 (the bad record's) is not.
    saved = json.loads(Path(f"{output}.cursor").read_text())
    assert saved["shards"][0]["records"] == 200
    assert [p.name for p in output.iterdir()] == ["part-00000.parquet"]
    assert pq.read_table(output).column("id").to_pylist() == [log.id for log in logs[:200]]
