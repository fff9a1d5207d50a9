"""`make bench`, warehouse rows: the JSONL export, the Parquet export and the sync into DuckDB
of the same message logs, side by side with what a user would write instead, from the same
bundled fake:

- dlt's generic ``rest_api`` source, configured as its documentation teaches (basic auth, a
  ``json_link`` paginator on ``links.next``, merge on ``id``, incremental ``created_at``
  through ``created_after``), into DuckDB;
- the pyarrow floor: httpx, each page's records cut out by msgspec and read by
  ``pyarrow.json.read_json`` (the family's schema), appended to one Parquet file;
- the DuckDB floor: the same pages, each inserted into DuckDB (``INSERT ... SELECT``).

And the sync's first load, one walk against 8 windows, with 50 ms per server answer.

Each run is a child process (its own peak RSS, no state carried between runs) against the
fake in another process, answering repeats from its cache; an untimed JSONL export and an
untimed sync (whose time windows ask for pages of their own) warm that cache first. Medians
of the rounds; the contenders alternate in each round.

    python scripts/bench_warehouse.py [--records 1000000] [--rest-api-records 200000]
                                      [--first-load-records 100000] [--rounds 3]
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

#: The targets (issue 24).
PARQUET_VS_JSONL, PARQUET_VS_FLOOR = 1.5, 1.0
SYNC_VS_JSONL, SYNC_VS_DUCKDB_FLOOR, SYNC_VS_REST_API, SYNC_PEAK_MB = 3.0, 1.5, 0.25, 500
FIRST_LOAD_SPEEDUP, PARQUET_FILES = 5.0, 20

_CHILD = r"""
import os, sys, time
os.environ["RUNTIME__DLTHUB_TELEMETRY"] = "false"  # nothing phones home, whatever runs
kind, project, token, url, where = sys.argv[1:6]
records = files = 0
extract = load = 0.0  # the sync's reading of the API (dlt's extract step), and its load
if kind.startswith("sync"):
    from signalwire_logs.sync import sync  # imported before the clock: dlt takes a second
if kind == "rest_api":
    import dlt
    from dlt.sources.rest_api import rest_api_source
if kind.startswith("floor"):
    import httpx, msgspec, pyarrow as pa, pyarrow.json as pj
    from signalwire_logs import MessageLog
    from signalwire_logs.arrow import schema_for
    wire = pa.schema([
        pa.field(f.name, pa.string() if pa.types.is_timestamp(f.type) or
                 pa.types.is_dictionary(f.type) else f.type)  # as JSON sends them, nullable
        for f in list(schema_for(MessageLog))[:-1]
    ])
    options = pj.ParseOptions(explicit_schema=wire)

    class Answer(msgspec.Struct):
        data: list[msgspec.Raw]
        links: dict[str, object]

    cut = msgspec.json.Decoder(Answer).decode

    def pages():
        with httpx.Client(auth=(project, token)) as http:
            next_url = f"{url}/api/messaging/logs?page_size=1000&include_deleted=true"
            while next_url:
                answer = cut(http.get(next_url).raise_for_status().content)
                read = pj.ReadOptions(use_threads=False, block_size=1 << 24)
                yield pj.read_json(pa.BufferReader(b"\n".join(answer.data)), read_options=read,
                                   parse_options=options)
                next_url = answer.links.get("next")
from signalwire_logs import SignalWireLogs, export_logs
client = SignalWireLogs(project_id=project, api_token=token, base_url=url)
start = time.perf_counter()
if kind.startswith("sync"):
    concurrency = int(kind.partition(":")[2] or 8)
    (result,) = sync(
        client, ["messages"], database=f"{where}/logs.duckdb", pipelines_dir=f"{where}/dlt",
        include_deleted=True, concurrency=concurrency,
    )
    records = result.total
    import dlt
    from pathlib import Path
    from signalwire_logs.sync import pipeline_name
    name = pipeline_name("duckdb", Path(f"{where}/logs.duckdb"), "signalwire_logs")
    trace = dlt.attach(pipeline_name=name, pipelines_dir=f"{where}/dlt").last_trace
    steps = {s.step: (s.finished_at - s.started_at).total_seconds() for s in trace.steps}
    extract, load = steps["extract"], steps["load"]
elif kind == "rest_api":
    source = rest_api_source({
        "client": {
            "base_url": url,
            "auth": {"type": "http_basic", "username": project, "password": token},
            "paginator": {"type": "json_link", "next_url_path": "links.next"},
        },
        "resource_defaults": {"primary_key": "id", "write_disposition": "merge"},
        "resources": [{
            "name": "message_logs",
            "endpoint": {
                "path": "api/messaging/logs",
                "data_selector": "data",
                "params": {
                    "page_size": 1000,
                    "include_deleted": "true",
                    "created_after": {
                        "type": "incremental",
                        "cursor_path": "created_at",
                        "initial_value": "2000-01-01T00:00:00Z",
                    },
                },
            },
        }],
    })
    pipeline = dlt.pipeline("rest_api_bench", destination=dlt.destinations.duckdb(
        f"{where}/rest.duckdb"), dataset_name="signalwire", pipelines_dir=f"{where}/dlt")
    pipeline.run(source)
    with pipeline.sql_client() as sql:
        records = sql.execute_sql("SELECT count(*) FROM message_logs")[0][0]
elif kind == "floor-parquet":
    import pyarrow.parquet as pq
    with pq.ParquetWriter(f"{where}/floor.parquet", wire) as writer:
        for table in pages():
            writer.write_table(table)
            records += table.num_rows
    files = 1
elif kind == "floor-duckdb":
    import duckdb
    with duckdb.connect(f"{where}/floor.duckdb") as db:
        for page in pages():  # DuckDB reads the Arrow table by its variable's name
            if records:
                db.execute("INSERT INTO message_logs SELECT * FROM page")
            else:
                db.execute("CREATE TABLE message_logs AS SELECT * FROM page")
            records += page.num_rows
else:
    records = export_logs(
        client.message_logs, f"{where}/out.{kind}", format=kind, include_deleted=True
    ).records
    if kind == "parquet":
        files = sum(1 for _, _, names in os.walk(f"{where}/out.parquet") for _ in names)
seconds = time.perf_counter() - start
peak = 0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
print(records, seconds, peak, files, extract, load)
"""

#: The contenders of the main table, by the name printed: the child's kind.
KINDS = {
    "JSONL export": "jsonl",
    "Parquet export": "parquet",
    "sync into DuckDB": "sync",
    "pyarrow floor (one Parquet file)": "floor-parquet",
    "DuckDB floor (INSERT per page)": "floor-duckdb",
}


class _Run:
    """One child's figures."""

    def __init__(
        self, seconds: float, peak_mb: float, files: int, extract: float, load: float
    ) -> None:
        self.seconds, self.peak_mb, self.files = seconds, peak_mb, files
        self.extract, self.load = extract, load


def _run(kind: str, url: str, records: int) -> _Run:
    with tempfile.TemporaryDirectory() as where:
        arguments = [kind, DEFAULT_PROJECT_ID, DEFAULT_API_TOKEN, url, where]
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, *arguments], capture_output=True, text=True
        )
        if done.returncode != 0:  # a negative code: killed by that signal (the OOM killer?)
            raise SystemExit(f"{kind} failed (exit {done.returncode}):\n{done.stderr}")
        count, seconds, peak_kib, files, extract, load = done.stdout.split()
        if int(count) != records:
            raise SystemExit(f"{kind} wrote {count} records, expected {records}")
        return _Run(float(seconds), int(peak_kib) / 1024, int(files), float(extract), float(load))


def _server_options(records: int, *extra: str) -> list[str]:
    others = ("fax", "voice", "video", "conference")
    options = ["--message-logs", str(records), "--cache", *extra]
    return options + [option for family in others for option in (f"--{family}-logs", "0")]


def _rounds(
    server_process: Callable[..., Any],
    options: list[str],
    kinds: dict[str, str],
    records: int,
    rounds: int,
    warm: tuple[str, ...] = ("jsonl",),
) -> dict[str, list[_Run]]:
    runs: dict[str, list[_Run]] = {name: [] for name in kinds}
    with server_process(*options) as server:
        for kind in warm:  # fills the fake's cache with the pages each kind asks for
            _run(kind, server.url, records)
        for _ in range(rounds):
            for name, kind in kinds.items():
                runs[name].append(_run(kind, server.url, records))
    return runs


def _median(runs: list[_Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def _peak(runs: list[_Run]) -> float:
    return max(run.peak_mb for run in runs)


def bench_warehouse(
    server_process: Callable[..., Any],
    records: int,
    rounds: int,
    *,
    rest_api_records: int = 200_000,
    first_load_records: int = 100_000,
) -> list[tuple[str, str, bool]]:
    """Time each contender ``rounds`` times; print the tables; return the target lines."""
    warm = ("jsonl", "sync")  # the sync's time windows ask for pages of their own
    main = _rounds(server_process, _server_options(records), KINDS, records, rounds, warm)
    medians = {name: _median(runs) for name, runs in main.items()}
    base = medians["JSONL export"]
    print(f"\nWarehouse: {records:,} message logs from the bundled fake (median of {rounds})")
    for name, seconds in medians.items():
        print(
            f"{name:<34} {seconds:8.2f} s {records / seconds:10,.0f} rows/s "
            f"{seconds / base:6.2f}x  peak RSS {_peak(main[name]):5.0f} MB"
        )
    files = max(run.files for run in main["Parquet export"])
    print(f"Parquet export: {files} files for {records:,} records")

    versus = {"sync into DuckDB": "sync", "dlt rest_api source": "rest_api"}
    small = _rounds(
        server_process, _server_options(rest_api_records), versus, rest_api_records, rounds
    )
    small_medians = {name: _median(runs) for name, runs in small.items()}
    print(f"\nAgainst dlt's generic rest_api source: {rest_api_records:,} message logs")
    for name, seconds in small_medians.items():
        print(
            f"{name:<34} {seconds:8.2f} s {rest_api_records / seconds:10,.0f} rows/s "
            f"peak RSS {_peak(small[name]):5.0f} MB"
        )

    loads = {"first load, one walk": "sync:1", "first load, 8 windows": "sync:8"}
    slow = _server_options(first_load_records, "--latency", "0.05")
    first = _rounds(server_process, slow, loads, first_load_records, rounds, ("sync:1", "sync:8"))
    first_medians = {name: _median(runs) for name, runs in first.items()}
    reads = {name: statistics.median(run.extract for run in runs) for name, runs in first.items()}
    loading = {name: statistics.median(run.load for run in runs) for name, runs in first.items()}
    print(f"\nSync's first load: {first_load_records:,} message logs, 50 ms per answer")
    for name, seconds in first_medians.items():
        print(
            f"{name:<34} {seconds:8.2f} s {first_load_records / seconds:10,.0f} rows/s "
            f"(reading the API, dlt's extract: {reads[name]:.2f} s; its load: "
            f"{loading[name]:.2f} s)"
        )
    # What no number of windows shortens: dlt's load after the reading, its setup and the
    # checks around it (the run's time outside extract and load), and the answers one window
    # waits for in a row (at best its eighth of the pages, 50 ms each).
    windows = first["first load, 8 windows"]
    load = statistics.median(run.load for run in windows)
    around = statistics.median(run.seconds - run.extract - run.load for run in windows)
    in_a_row = -(-first_load_records // 1000 // 8)
    fixed = load + around + in_a_row * 0.05
    print(
        f"Fixed parts of 8 windows: dlt's load {load:.2f} s, its setup and the checks "
        f"{around:.2f} s, {in_a_row} answers in a row {in_a_row * 0.05:.2f} s: at most "
        f"{first_medians['first load, one walk'] / fixed:.1f}x one walk"
    )
    read_speedup = reads["first load, one walk"] / reads["first load, 8 windows"]

    parquet = medians["Parquet export"]
    sync = medians["sync into DuckDB"]
    speedup = first_medians["first load, one walk"] / first_medians["first load, 8 windows"]
    versus_rest = small_medians["sync into DuckDB"] / small_medians["dlt rest_api source"]
    peak = max(_peak(main["sync into DuckDB"]), _peak(small["sync into DuckDB"]))
    where = f"{records:,} records"
    return [
        (f"Parquet <= {PARQUET_VS_JSONL}x JSONL export ({where})", f"{parquet / base:.2f}x",
         parquet / base <= PARQUET_VS_JSONL),
        (f"Parquet <= {PARQUET_VS_FLOOR}x pyarrow floor ({where})",
         f"{parquet / medians['pyarrow floor (one Parquet file)']:.2f}x",
         parquet <= PARQUET_VS_FLOOR * medians["pyarrow floor (one Parquet file)"]),
        (f"Parquet files <= {PARQUET_FILES} ({where})", f"{files}", files <= PARQUET_FILES),
        (f"sync <= {SYNC_VS_JSONL}x JSONL export ({where})", f"{sync / base:.2f}x",
         sync / base <= SYNC_VS_JSONL),
        (f"sync <= {SYNC_VS_DUCKDB_FLOOR}x DuckDB floor ({where})",
         f"{sync / medians['DuckDB floor (INSERT per page)']:.2f}x",
         sync <= SYNC_VS_DUCKDB_FLOOR * medians["DuckDB floor (INSERT per page)"]),
        (f"sync <= {SYNC_VS_REST_API}x dlt rest_api ({rest_api_records:,} records)",
         f"{versus_rest:.3f}x", versus_rest <= SYNC_VS_REST_API),
        (f"sync peak RSS < {SYNC_PEAK_MB} MB ({where})", f"{peak:.0f} MB", peak < SYNC_PEAK_MB),
        (f"first load, 8 windows >= {FIRST_LOAD_SPEEDUP}x one walk (50 ms)",
         f"{speedup:.2f}x", speedup >= FIRST_LOAD_SPEEDUP),
        (f"... its reading of the API (extract) >= {FIRST_LOAD_SPEEDUP}x",
         f"{read_speedup:.2f}x", read_speedup >= FIRST_LOAD_SPEEDUP),
    ]  # fmt: skip


def main() -> None:
    from bench import FakeServerProcess, _verdict  # scripts/, beside this

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--rest-api-records", type=int, default=200_000)
    parser.add_argument("--first-load-records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    targets = bench_warehouse(
        FakeServerProcess,
        args.records,
        args.rounds,
        rest_api_records=args.rest_api_records,
        first_load_records=args.first_load_records,
    )
    for name, value, met in targets:
        print(f"  {name:<50}  {value:>10}  {_verdict(met)}")


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    main()
