"""`make bench`, warehouse rows: a sync into DuckDB and a Parquet export against the JSONL
export of the same message logs, with the same client, from the same server.

Each run is a child process (its own peak RSS, no state carried between runs) against the
bundled fake in another process, answering repeats from its cache; one untimed JSONL export
warms that cache first. Medians of the rounds; the three contenders alternate in each round.

    python scripts/bench_warehouse.py [--records 1000000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID

#: The targets: sync <= 3x the JSONL export, Parquet <= 1.5x, sync's peak RSS < 500 MB.
SYNC_VS_JSONL, PARQUET_VS_JSONL, SYNC_PEAK_MB = 3.0, 1.5, 500

_CHILD = """
import sys, time
from signalwire_logs import SignalWireLogs, export_logs
kind, project, token, url, where = sys.argv[1:6]
if kind == "sync":
    from signalwire_logs.sync import sync  # imported before the clock: dlt takes a second
client = SignalWireLogs(project_id=project, api_token=token, base_url=url)
start = time.perf_counter()
if kind == "sync":
    (result,) = sync(
        client, ["messages"], database=f"{where}/logs.duckdb", pipelines_dir=f"{where}/dlt",
        include_deleted=True,
    )
    records = result.total
else:
    records = export_logs(
        client.message_logs, f"{where}/out.{kind}", format=kind, include_deleted=True
    ).records
seconds = time.perf_counter() - start
peak = 0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
print(records, seconds, peak)
"""

KINDS = {"JSONL export": "jsonl", "Parquet export": "parquet", "sync into DuckDB": "sync"}


def _run(kind: str, url: str, records: int) -> tuple[float, float]:
    """(seconds, peak MB) of one child doing ``kind`` over every record."""
    with tempfile.TemporaryDirectory() as where:
        arguments = [kind, DEFAULT_PROJECT_ID, DEFAULT_API_TOKEN, url, where]
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, *arguments], capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"{kind} failed:\n{done.stderr}")
        count, seconds, peak_kib = done.stdout.split()
        if int(count) != records:
            raise SystemExit(f"{kind} wrote {count} records, expected {records}")
        return float(seconds), int(peak_kib) / 1024


def bench_warehouse(
    server_process: Callable[..., Any], records: int, rounds: int
) -> list[tuple[str, str, bool]]:
    """Time each contender ``rounds`` times; print the table; return the target lines."""
    others = ("fax", "voice", "video", "conference")
    options = ["--message-logs", str(records), "--cache"]
    options += [option for family in others for option in (f"--{family}-logs", "0")]
    times: dict[str, list[float]] = {name: [] for name in KINDS}
    peaks: dict[str, float] = dict.fromkeys(KINDS, 0.0)
    with server_process(*options) as server:
        _run("jsonl", server.url, records)  # warms the fake's cache: every run then reads it
        for _ in range(rounds):
            for name, kind in KINDS.items():
                seconds, peak = _run(kind, server.url, records)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["JSONL export"]
    print(f"\nWarehouse: {records:,} message logs from the bundled fake (median of {rounds})")
    for name, seconds in medians.items():
        print(
            f"{name:<30} {seconds:8.2f} s {records / seconds:10,.0f} rows/s "
            f"{seconds / base:6.2f}x  peak RSS {peaks[name]:5.0f} MB"
        )
    sync_ratio = medians["sync into DuckDB"] / base
    parquet_ratio = medians["Parquet export"] / base
    where = f"{records:,} records"
    return [
        (f"sync <= {SYNC_VS_JSONL}x JSONL export ({where})", f"{sync_ratio:.2f}x",
         sync_ratio <= SYNC_VS_JSONL),
        (f"Parquet <= {PARQUET_VS_JSONL}x JSONL export ({where})", f"{parquet_ratio:.2f}x",
         parquet_ratio <= PARQUET_VS_JSONL),
        (f"sync peak RSS < {SYNC_PEAK_MB} MB ({where})", f"{peaks['sync into DuckDB']:.0f} MB",
         peaks["sync into DuckDB"] < SYNC_PEAK_MB),
    ]  # fmt: skip


def main() -> None:
    from bench import FakeServerProcess, _verdict  # scripts/, beside this

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for name, value, met in bench_warehouse(FakeServerProcess, args.records, args.rounds):
        print(f"  {name:<45}  {value:>10}  {_verdict(met)}")


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    main()
