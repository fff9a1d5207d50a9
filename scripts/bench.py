"""`make bench`: the client against a hand-written floor and SignalWire's own SDK.

Everything runs against the bundled fake server in its own process on loopback, serving
repeated requests from memory so that its own cost stays out of the numbers. Every contender
walks the same pages and reads the same three fields of every record (status, error_code,
created_at), so laziness cannot hide work. The machine is noisy: each figure is the median
of several rounds, contenders alternating within a round.

    python scripts/bench.py [--records 100000] [--rounds 5] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from signalwire_logs import AsyncSignalWireLogs, SignalWireLogs, export_logs
from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID
from signalwire_logs_api import Client
from signalwire_logs_api.api.message_logs import get_message_log, list_message_logs
from signalwire_logs_api.models import MessageLogListResponse
from signalwire_logs_api.types import Unset

PAGE_SIZE = 1000
VERBOSE = "--verbose" in sys.argv
AUTH = (DEFAULT_PROJECT_ID, DEFAULT_API_TOKEN)


class FakeServerProcess:
    """`signalwire-logs fake-server` in a child process (its own GIL), on a free port."""

    def __init__(self, *options: str) -> None:
        command = [sys.executable, "-m", "signalwire_logs", "fake-server", "--port", "0", *options]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url:
            raise SystemExit("the fake server did not start")

    def __enter__(self) -> FakeServerProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# -- the contenders: each walks every page and reads three fields of every record ----------


def floor(url: str) -> int:
    """Hand-written httpx + json.loads, following links.next."""
    count = 0
    with httpx.Client(auth=AUTH) as http:
        next_url: str | None = f"{url}/api/messaging/logs?page_size={PAGE_SIZE}"
        while next_url:
            page = json.loads(http.get(next_url).content)
            for log in page["data"]:
                log["status"], log["error_code"], log["created_at"]
                count += 1
            next_url = page["links"].get("next")
    return count


def generated(url: str) -> int:
    """The generated layer alone: its operation and models, paging by hand."""
    count = 0
    params: dict[str, Any] = {"page_size": PAGE_SIZE}
    with Client(base_url=url, httpx_args={"auth": AUTH}) as client:
        while True:
            page = list_message_logs.sync(client=client, **params)
            assert isinstance(page, MessageLogListResponse)
            for log in page.data:
                log.status, log.error_code, log.created_at  # noqa: B018  (reading them is the work)
                count += 1
            if isinstance(page.links.next_, Unset):
                return count
            query = httpx.URL(page.links.next_).params
            params = {
                "page_size": int(query["page_size"]),
                "page_number": int(query["page_number"]),
                "page_token": query["page_token"],
            }


def facade_sync(url: str) -> int:
    count = 0
    with SignalWireLogs(project_id=AUTH[0], api_token=AUTH[1], base_url=url) as client:
        for log in client.message_logs.list(page_size=PAGE_SIZE):
            log.status, log.error_code, log.created_at  # noqa: B018  (reading them is the work)
            count += 1
    return count


def facade_async(url: str) -> int:
    async def walk() -> int:
        count = 0
        async with AsyncSignalWireLogs(
            project_id=AUTH[0], api_token=AUTH[1], base_url=url
        ) as client:
            async for log in client.message_logs.list(page_size=PAGE_SIZE):
                log.status, log.error_code, log.created_at  # noqa: B018  (reading them is the work)
                count += 1
        return count

    return asyncio.run(walk())


def signalwire_sdk(url: str) -> int:
    """SignalWire's own SDK: RestClient(...).logs.messages.paginate(), plain dicts."""
    from signalwire.rest import RestClient

    client = RestClient(project=AUTH[0], token=AUTH[1], host=httpx.URL(url).netloc.decode())
    count = 0
    for log in client.logs.messages.paginate(page_size=PAGE_SIZE):
        log["status"], log["error_code"], log["created_at"]
        count += 1
    return count


def _sdk_available() -> bool:
    try:
        import signalwire.rest  # noqa: F401
    except ImportError:
        return False
    return True


# -- measuring -------------------------------------------------------------------------------


def _median_seconds(
    contenders: dict[str, Callable[[str], int]], url: str, rounds: int, expected: int
) -> dict[str, float]:
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_number in range(rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            gc.collect()
            started = time.perf_counter()
            count = contenders[name](url)
            timings[name].append(time.perf_counter() - started)
            if count != expected:
                raise SystemExit(f"{name} read {count} records, expected {expected}")
    if VERBOSE:
        for name, values in timings.items():
            print(f"  {name:<30} " + " ".join(f"{v:.3f}" for v in values))
    return {name: statistics.median(values) for name, values in timings.items()}


def bench_listing(records: int, rounds: int) -> dict[str, float]:
    contenders: dict[str, Callable[[str], int]] = {
        "floor: httpx + json.loads": floor,
        "generated layer": generated,
        "facade (sync)": facade_sync,
        "facade (async)": facade_async,
    }
    if _sdk_available():
        contenders["signalwire-sdk paginate()"] = signalwire_sdk
    with FakeServerProcess("--message-logs", str(records), "--fax-logs", "0", "--cache") as server:
        visible = floor(server.url)  # deleted logs are not listed
        for contender in contenders.values():  # each fills the server's cache with its URLs
            contender(server.url)
        medians = _median_seconds(contenders, server.url, rounds, visible)
    pages = visible / PAGE_SIZE
    base = medians["floor: httpx + json.loads"]
    print(
        f"\nListing {visible:,} message logs in pages of {PAGE_SIZE:,} (median of {rounds} rounds)"
    )
    print(f"{'contender':<30} {'total':>9} {'per page':>10} {'vs floor':>9}")
    for name, seconds in medians.items():
        print(f"{name:<30} {seconds:8.3f}s {seconds / pages * 1e3:8.2f}ms {seconds / base:8.2f}x")
    return medians


# -- single get latency ----------------------------------------------------------------------


def bench_get(records: int, rounds: int) -> dict[str, float]:
    """Median latency of one `get`, per contender, over the same ids."""
    from signalwire_logs.testing import FakeSignalWire

    ids = [
        FakeSignalWire(message_logs=records).messages.make_id(i)
        for i in range(0, records, records // 50)
    ]
    with FakeServerProcess("--message-logs", str(records), "--fax-logs", "0", "--cache") as server:
        url = server.url
        http = httpx.Client(auth=AUTH)
        facade = SignalWireLogs(project_id=AUTH[0], api_token=AUTH[1], base_url=url)
        generated_client = Client(base_url=url, httpx_args={"auth": AUTH})
        contenders: dict[str, Callable[[str], object]] = {
            "floor: httpx + json.loads": lambda i: json.loads(
                http.get(f"{url}/api/messaging/logs/{i}").content
            )["status"],
            "generated layer": lambda i: get_message_log.sync(
                client=generated_client, id=uuid.UUID(i)
            ),
            "facade (sync)": lambda i: facade.message_logs.get(i).status,
        }
        if _sdk_available():
            from signalwire.rest import RestClient

            sdk = RestClient(project=AUTH[0], token=AUTH[1], host=httpx.URL(url).netloc.decode())
            contenders["signalwire-sdk get()"] = lambda i: sdk.logs.messages.get(i)["status"]
        latencies: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(rounds):
            for name, get in contenders.items():
                for log_id in ids:
                    started = time.perf_counter()
                    get(log_id)
                    latencies[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in latencies.items()}
    base = medians["floor: httpx + json.loads"]
    print(f"\nSingle get latency (median of {len(ids) * rounds} gets)")
    for name, seconds in medians.items():
        print(f"{name:<30} {seconds * 1e6:8.0f}µs {seconds / base:8.2f}x")
    return medians


# -- concurrent export -----------------------------------------------------------------------


def bench_concurrency(records: int, latency: float, shards: int) -> float:
    """Sequential export against `shards` time shards, with `latency` per server answer."""
    span: dict[str, Any] = {"created_after": "2024-05-01", "created_before": "2024-06-15"}
    options = (
        "--message-logs",
        str(records),
        "--fax-logs",
        "0",
        "--latency",
        str(latency),
        "--cache",
    )
    with FakeServerProcess(*options) as server, tempfile.TemporaryDirectory() as tmp:
        client = SignalWireLogs(project_id=AUTH[0], api_token=AUTH[1], base_url=server.url)
        runs: dict[int, list[float]] = {1: [], shards: []}
        files = {}
        for attempt in range(4):  # the first round fills the server's cache: not counted
            for concurrency in (1, shards):
                output = Path(tmp) / f"{concurrency}-{attempt}.jsonl"
                started = time.perf_counter()
                export_logs(client.message_logs, output, concurrency=concurrency, **span)
                if attempt:
                    runs[concurrency].append(time.perf_counter() - started)
                files[concurrency] = output
        timings = {concurrency: statistics.median(values) for concurrency, values in runs.items()}
        same = files[1].read_bytes() == files[shards].read_bytes()
    speedup = timings[1] / timings[shards]
    print(f"\nExport of {records:,} message logs, {latency * 1000:.0f} ms per server answer")
    print(f"{'sequential':<30} {timings[1]:8.3f}s")
    print(f"{f'{shards} shards at once':<30} {timings[shards]:8.3f}s {speedup:8.2f}x faster")
    print(f"{'same file, byte for byte':<30} {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit("the sharded export differs from the sequential one")
    return speedup


# -- memory ----------------------------------------------------------------------------------

# The child reports its own peak: VmHWM belongs to its address space, while ru_maxrss is
# carried across exec on Linux and would include the benchmark process that started it.
_PEAK = """
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
_MEMORY_FACADE = (
    _PEAK
    + """
import sys
from signalwire_logs import SignalWireLogs, export_logs
client = SignalWireLogs(project_id=sys.argv[1], api_token=sys.argv[2], base_url=sys.argv[3])
cursor = export_logs(client.message_logs, sys.argv[4], include_deleted=True)
print(cursor.records, peak_kib())
"""
)
_MEMORY_SDK = (
    _PEAK
    + """
import json, sys
import httpx
from signalwire.rest import RestClient
host = httpx.URL(sys.argv[3]).netloc.decode()
client = RestClient(project=sys.argv[1], token=sys.argv[2], host=host)
count = 0
with open(sys.argv[4], "w") as out:
    for log in client.logs.messages.paginate(page_size=1000, include_deleted="true"):
        out.write(json.dumps(log) + "\\n")
        count += 1
print(count, peak_kib())
"""
)


def bench_memory(records: int) -> dict[str, float]:
    """Peak RSS of a child process exporting every record to JSONL."""
    scripts = {"facade export_logs()": _MEMORY_FACADE}
    if _sdk_available():
        scripts["signalwire-sdk paginate()"] = _MEMORY_SDK
    peaks: dict[str, float] = {}
    options = ("--message-logs", str(records), "--fax-logs", "0", "--cache")
    with FakeServerProcess(*options) as server, tempfile.TemporaryDirectory() as tmp:
        for name, script in scripts.items():
            output = str(Path(tmp) / f"{len(peaks)}.jsonl")
            result = subprocess.run(
                [sys.executable, "-c", script, AUTH[0], AUTH[1], server.url, output],
                capture_output=True,
                text=True,
                check=True,
            )
            count, max_rss_kib = (int(x) for x in result.stdout.split())
            if count != records:
                raise SystemExit(f"{name} exported {count} records, expected {records}")
            peaks[name] = max_rss_kib / 1024
    print(f"\nPeak RSS exporting {records:,} message logs to JSONL (a child process each)")
    for name, megabytes in peaks.items():
        print(f"{name:<30} {megabytes:8.0f} MB")
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="print every round's timings")
    parser.add_argument("--memory-records", type=int, default=1_000_000)
    parser.add_argument("--concurrency-records", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check it runs")
    args = parser.parse_args()
    if args.quick:
        args.records, args.rounds, args.memory_records, args.concurrency_records = (
            5_000,
            2,
            20_000,
            5_000,
        )
    listing = bench_listing(args.records, args.rounds)
    bench_get(min(args.records, 20_000), max(1, args.rounds // 2))
    speedup = bench_concurrency(args.concurrency_records, 0.05, 8)
    peaks = bench_memory(args.memory_records)

    floor_time = listing["floor: httpx + json.loads"]
    facade_ratio = listing["facade (sync)"] / floor_time
    sdk = listing.get("signalwire-sdk paginate()")
    print("\nTargets")
    print(
        f"  facade listing <= 1.25x the floor:        {facade_ratio:.2f}x  "
        f"{_verdict(facade_ratio <= 1.25)}"
    )
    if sdk is not None:
        print(
            f"  facade no slower than signalwire-sdk:     {listing['facade (sync)'] / sdk:.2f}x  "
            f"{_verdict(listing['facade (sync)'] <= sdk)}"
        )
    print(f"  8 shards >= 4x the sequential export:     {speedup:.2f}x  {_verdict(speedup >= 4)}")
    peak = peaks["facade export_logs()"]
    print(
        f"  peak RSS < 150 MB at {args.memory_records:,} records: {peak:.0f} MB  "
        f"{_verdict(peak < 150)}"
    )


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


if __name__ == "__main__":
    main()
