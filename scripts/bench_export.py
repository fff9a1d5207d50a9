"""Export rows of `make bench`: sequential against 8 time shards with 50 ms per server answer,
for the thread engine (`export_logs`) and the task engine (`aexport_logs`), on uniform data
and on bursty data (80% of the records in 10% of the range, where equal windows are unequal
work and only work stealing keeps the shards busy).

    python scripts/bench_export.py [--records 100000] [--rounds 3]   # or from scripts/bench.py
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from signalwire_logs import AsyncSignalWireLogs, SignalWireLogs, aexport_logs, export_logs
from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID

SPAN: dict[str, Any] = {"created_after": "2024-05-01", "created_before": "2024-06-15"}
ServerFactory = Callable[..., AbstractContextManager[Any]]


def _export_once(url: str, output: Path, engine: str, concurrency: int) -> float:
    started = time.perf_counter()
    if engine == "threads":
        with SignalWireLogs(
            project_id=DEFAULT_PROJECT_ID, api_token=DEFAULT_API_TOKEN, base_url=url
        ) as client:
            export_logs(client.message_logs, output, concurrency=concurrency, **SPAN)
    else:

        async def run() -> None:
            async with AsyncSignalWireLogs(
                project_id=DEFAULT_PROJECT_ID, api_token=DEFAULT_API_TOKEN, base_url=url
            ) as client:
                await aexport_logs(client.message_logs, output, concurrency=concurrency, **SPAN)

        asyncio.run(run())
    return time.perf_counter() - started


def bench_export_engines(
    server: ServerFactory, records: int, rounds: int, *, latency: float = 0.05, shards: int = 8
) -> dict[str, float]:
    """Speed-up of ``shards`` shards over the sequential export: engine x data -> ratio."""
    ratios: dict[str, float] = {}
    print(f"\nExport of {records:,} message logs, {latency * 1000:.0f} ms per server answer")
    print(f"{'':<24} {'sequential':>11} {f'{shards} shards':>11} {'speed-up':>9}")
    for data in ("uniform", "bursty"):
        options = ["--message-logs", str(records), "--fax-logs", "0", "--voice-logs", "0"]
        options += ["--video-logs", "0", "--conference-logs", "0", "--latency", str(latency)]
        options += ["--cache", *(["--bursty"] if data == "bursty" else [])]
        with server(*options) as process, tempfile.TemporaryDirectory() as tmp:
            times: dict[tuple[str, int], list[float]] = {}
            files: dict[tuple[str, int], bytes] = {}
            for attempt in range(rounds + 1):  # the first round fills the server's cache
                for engine in ("threads", "tasks"):
                    for concurrency in (1, shards):
                        output = Path(tmp) / f"{engine}-{concurrency}-{attempt}.jsonl"
                        seconds = _export_once(process.url, output, engine, concurrency)
                        if attempt:
                            times.setdefault((engine, concurrency), []).append(seconds)
                        files[engine, concurrency] = output.read_bytes()
                        output.unlink()
            if len(set(files.values())) != 1:
                raise SystemExit(f"{data}: the exports differ from one another")
            for engine in ("threads", "tasks"):
                one = statistics.median(times[engine, 1])
                many = statistics.median(times[engine, shards])
                ratios[f"{engine}, {data}"] = one / many
                print(
                    f"{f'{engine}, {data} data':<24} {one:10.2f}s {many:10.2f}s {one / many:8.2f}x"
                )
    return ratios


def export_targets(ratios: dict[str, float]) -> list[tuple[str, str, bool]]:
    """(target, measured, met) rows: >= 5x on uniform data, >= 4x on bursty data."""
    return [
        (f"8 shards >= {need}x sequential ({name})", f"{ratio:.2f}x", ratio >= need)
        for name, ratio in ratios.items()
        for need in [5 if name.endswith("uniform") else 4]
    ]


def main() -> None:
    from bench import FakeServerProcess  # scripts/bench.py, beside this file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ratios = bench_export_engines(FakeServerProcess, args.records, args.rounds)
    for target, measured, met in export_targets(ratios):
        print(f"  {target:<48} {measured:>8}  {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
