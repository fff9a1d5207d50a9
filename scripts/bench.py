"""`make bench`: the client against a hand-written floor and SignalWire's own SDK.

Listing runs on two servers, each in its own process on loopback: the bundled fake (answering
repeated requests from memory) and scripts/_bench_server.py, a plain server of pre-serialized
pages, so that no ratio rests on one server's quirks. Every contender walks the same pages and
reads the same three fields of every record (status, error_code, created_at), so laziness
cannot hide work. Clients are made once per server and only the walks are timed. The machine
is noisy: each figure is the median of several rounds, contenders alternating within a round,
and the ratios compare contenders measured side by side in the same run.

    python scripts/bench.py [--lengths 20000,100000,500000] [--rounds 5] [--quick] [--verbose]
                            [--parts listing,get,export,memory]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import signal
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

from signalwire_logs import AsyncSignalWireLogs, SignalWireLogs
from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID
from signalwire_logs_api import Client
from signalwire_logs_api.api.message_logs import get_message_log, list_message_logs
from signalwire_logs_api.models import MessageLogListResponse
from signalwire_logs_api.types import UNSET

PAGE_SIZE = 1000
VERBOSE = "--verbose" in sys.argv
AUTH = (DEFAULT_PROJECT_ID, DEFAULT_API_TOKEN)


class ServerProcess:
    """A server in a child process (its own GIL) on a free loopback port; it prints its URL."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url:
            raise SystemExit(f"the server did not start: {command}")

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class FakeServerProcess(ServerProcess):
    """`signalwire-logs fake-server`: the bundled fake, answering repeats from its cache."""

    def __init__(self, *options: str) -> None:
        super().__init__(
            [sys.executable, "-m", "signalwire_logs", "fake-server", "--port", "0", *options]
        )


def fake_server(records: int) -> ServerProcess:
    return FakeServerProcess("--message-logs", str(records), *_NO_OTHER_LOGS, "--cache")


def plain_server(records: int) -> ServerProcess:
    """scripts/_bench_server.py: pre-serialized pages and a few lines of HTTP."""
    script = str(Path(__file__).with_name("_bench_server.py"))
    return ServerProcess([sys.executable, script, str(records), str(PAGE_SIZE), *AUTH])


_NO_OTHER_LOGS = tuple(
    option
    for family in ("fax", "voice", "video", "conference")
    for option in (f"--{family}-logs", "0")
)
SERVERS: dict[str, Callable[[int], ServerProcess]] = {
    "bundled fake": fake_server,
    "plain server": plain_server,
}


# -- the contenders --------------------------------------------------------------------------
#
# Each is set up once per server (a long-lived client, as the README teaches) and then walks
# every record, deleted ones included so that a walk is exactly as long as asked, reading
# three fields of each. Only the walks are timed. Async contenders run on one event loop
# (an asyncio.Runner) kept for the whole run, as an async application's would be.

Walk = Callable[[], int]


class Contender:
    """A named walk: ``open(url)`` makes its client and returns the walk; ``close()``."""

    def __init__(self, name: str, open_: Callable[[str], tuple[Walk, Callable[[], None]]]):
        self.name = name
        self._open = open_
        self._close: Callable[[], None] = lambda: None

    def open(self, url: str) -> Walk:
        walk, self._close = self._open(url)
        return walk

    def close(self) -> None:
        self._close()


_RUNNER = asyncio.Runner()


def _floor(url: str) -> tuple[Walk, Callable[[], None]]:
    """Hand-written httpx + json.loads, following links.next."""
    http = httpx.Client(auth=AUTH)
    first = f"{url}/api/messaging/logs?page_size={PAGE_SIZE}&include_deleted=true"

    def walk() -> int:
        count = 0
        next_url: str | None = first
        while next_url:
            page = json.loads(http.get(next_url).content)
            for log in page["data"]:
                log["status"], log["error_code"], log["created_at"]
                count += 1
            next_url = page["links"].get("next")
        return count

    return walk, http.close


def _async_floor(url: str) -> tuple[Walk, Callable[[], None]]:
    """The same with httpx.AsyncClient."""
    http = _RUNNER.run(_make_async_client())
    first = f"{url}/api/messaging/logs?page_size={PAGE_SIZE}&include_deleted=true"

    async def walk() -> int:
        count = 0
        next_url: str | None = first
        while next_url:
            page = json.loads((await http.get(next_url)).content)
            for log in page["data"]:
                log["status"], log["error_code"], log["created_at"]
                count += 1
            next_url = page["links"].get("next")
        return count

    return lambda: _RUNNER.run(walk()), lambda: _RUNNER.run(http.aclose())


async def _make_async_client() -> httpx.AsyncClient:
    return httpx.AsyncClient(auth=AUTH)


def _generated(url: str) -> tuple[Walk, Callable[[], None]]:
    """The generated layer alone: its operation and models, paging by hand."""
    client = Client(base_url=url, httpx_args={"auth": AUTH})

    def walk() -> int:
        count = 0
        params: dict[str, Any] = {"page_size": PAGE_SIZE, "include_deleted": True}
        while True:
            page = list_message_logs.sync(client=client, **params)
            assert isinstance(page, MessageLogListResponse)
            for log in page.data:
                log.status, log.error_code, log.created_at  # noqa: B018  (reading them is the work)
                count += 1
            if page.links.next_ is UNSET:
                return count
            query = httpx.URL(page.links.next_).params
            params = {
                "page_size": int(query["page_size"]),
                "page_number": int(query["page_number"]),
                "page_token": query["page_token"],
                "include_deleted": True,
            }

    return walk, client.get_httpx_client().close


def _facade_sync(url: str) -> tuple[Walk, Callable[[], None]]:
    client = SignalWireLogs(project_id=AUTH[0], api_token=AUTH[1], base_url=url)

    def walk() -> int:
        count = 0
        for log in client.message_logs.list(page_size=PAGE_SIZE, include_deleted=True):
            log.status, log.error_code, log.created_at  # noqa: B018  (reading them is the work)
            count += 1
        return count

    return walk, client.close


def _facade_async(url: str) -> tuple[Walk, Callable[[], None]]:
    client = _RUNNER.run(_make_async_facade(url))

    async def walk() -> int:
        count = 0
        async for log in client.message_logs.list(page_size=PAGE_SIZE, include_deleted=True):
            log.status, log.error_code, log.created_at  # noqa: B018  (reading them is the work)
            count += 1
        return count

    return lambda: _RUNNER.run(walk()), lambda: _RUNNER.run(client.close())


async def _make_async_facade(url: str) -> AsyncSignalWireLogs:
    return AsyncSignalWireLogs(project_id=AUTH[0], api_token=AUTH[1], base_url=url)


def _signalwire_sdk(url: str) -> tuple[Walk, Callable[[], None]]:
    """SignalWire's own SDK: RestClient(...).logs.messages.paginate(), plain dicts."""
    from signalwire.rest import RestClient

    client = RestClient(project=AUTH[0], token=AUTH[1], host=httpx.URL(url).netloc.decode())

    def walk() -> int:
        count = 0
        for log in client.logs.messages.paginate(page_size=PAGE_SIZE, include_deleted="true"):
            log["status"], log["error_code"], log["created_at"]
            count += 1
        return count

    return walk, lambda: None


def _sdk_available() -> bool:
    try:
        import signalwire.rest  # noqa: F401
    except ImportError:
        return False
    return True


FLOOR, ASYNC_FLOOR, GENERATED = "floor: httpx + json.loads", "async floor", "generated layer"
SYNC, ASYNC, SDK = "facade (sync)", "facade (async)", "signalwire-sdk paginate()"


def listing_contenders() -> list[Contender]:
    contenders = [
        Contender(FLOOR, _floor),
        Contender(ASYNC_FLOOR, _async_floor),
        Contender(GENERATED, _generated),
        Contender(SYNC, _facade_sync),
        Contender(ASYNC, _facade_async),
    ]
    if _sdk_available():
        contenders.append(Contender(SDK, _signalwire_sdk))
    return contenders


# -- measuring -------------------------------------------------------------------------------


def _median_seconds(
    walks: dict[str, Walk], rounds: int, expected: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Each walk's median wall-clock time and median CPU time of this process; every round
    runs them all, starting at a different one. The CPU time leaves out the server's work
    and the time other processes of a busy machine took: it is the steadier ratio."""
    timings: dict[str, list[float]] = {name: [] for name in walks}
    cpu: dict[str, list[float]] = {name: [] for name in walks}
    names = list(walks)
    for round_number in range(rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            count = walks[name]()
            timings[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
            if count != expected:
                raise SystemExit(f"{name} read {count} records, expected {expected}")
    if VERBOSE:
        for name, values in timings.items():
            print(f"  {name:<30} " + " ".join(f"{v:.3f}" for v in values))
    return (
        {name: statistics.median(values) for name, values in timings.items()},
        {name: statistics.median(values) for name, values in cpu.items()},
    )


def bench_listing(server: str, records: int, rounds: int) -> tuple[dict[str, float], ...]:
    """Median seconds (wall clock, then CPU) per contender for a walk of ``records`` message
    logs on ``server``."""
    contenders = listing_contenders()
    with SERVERS[server](records) as process:
        walks = {contender.name: contender.open(process.url) for contender in contenders}
        try:
            # Untimed: one walk fills the fake's cache (the same parameters in any order share
            # an entry), so that no contender's first round pays for the fake's own work.
            walks[FLOOR]()
            medians, cpu = _median_seconds(walks, rounds, records)
        finally:
            for contender in contenders:
                contender.close()
    pages = -(-records // PAGE_SIZE)
    print(
        f"\nListing {records:,} message logs in pages of {PAGE_SIZE:,} from the {server} "
        f"(median of {rounds} rounds; cpu: this process's CPU time)"
    )
    print(
        f"{'contender':<30} {'total':>9} {'per page':>10} {'vs floor':>9} {'vs sdk':>7} "
        f"{'cpu':>9} {'vs floor':>9}"
    )
    for name, seconds in medians.items():
        base = ASYNC_FLOOR if name == ASYNC else FLOOR
        sdk = f"{seconds / medians[SDK]:6.2f}x" if SDK in medians else ""
        print(
            f"{name:<30} {seconds:8.3f}s {seconds / pages * 1e3:8.2f}ms "
            f"{seconds / medians[base]:8.2f}x {sdk:>7} {cpu[name]:8.3f}s "
            f"{cpu[name] / cpu[base]:8.2f}x" + ("  (vs the async floor)" if name == ASYNC else "")
        )
    return medians, cpu


# -- single get latency ----------------------------------------------------------------------


def bench_get(server: str, rounds: int) -> dict[str, float]:
    """Median latency of one `get`, per contender, over the same ids."""
    records = 1000
    if server == "plain server":
        sys.path.insert(0, str(Path(__file__).parent))
        from _bench_server import record_id

        ids = [record_id(i) for i in range(0, records, records // 50)]
    else:
        from signalwire_logs.testing import FakeSignalWire

        data = FakeSignalWire(message_logs=records).messages
        ids = [data.make_id(i) for i in range(0, records, records // 50)]
    with SERVERS[server](records) as process:
        url = process.url
        http = httpx.Client(auth=AUTH)
        facade = SignalWireLogs(project_id=AUTH[0], api_token=AUTH[1], base_url=url)
        generated_client = Client(base_url=url, httpx_args={"auth": AUTH})
        contenders: dict[str, Callable[[str], object]] = {
            FLOOR: lambda i: json.loads(http.get(f"{url}/api/messaging/logs/{i}").content)[
                "status"
            ],
            GENERATED: lambda i: get_message_log.sync(client=generated_client, id=uuid.UUID(i)),
            SYNC: lambda i: facade.message_logs.get(i).status,
        }
        if _sdk_available():
            from signalwire.rest import RestClient

            sdk = RestClient(project=AUTH[0], token=AUTH[1], host=httpx.URL(url).netloc.decode())
            contenders["signalwire-sdk get()"] = lambda i: sdk.logs.messages.get(i)["status"]
        latencies: dict[str, list[float]] = {name: [] for name in contenders}
        for log_id in ids:  # untimed: connections, first-call imports, the fake's cache
            for get in contenders.values():
                get(log_id)
        names = list(contenders)
        for round_number in range(rounds):
            # Contenders take turns on every id, so a busy moment of the machine falls on
            # all of them rather than on whoever's block of gets it hit.
            for position, log_id in enumerate(ids):
                shift = (round_number + position) % len(names)
                for name in names[shift:] + names[:shift]:
                    started = time.perf_counter()
                    contenders[name](log_id)
                    latencies[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in latencies.items()}
    base = medians[FLOOR]
    print(f"\nSingle get latency from the {server} (median of {len(ids) * rounds} gets)")
    for name, seconds in medians.items():
        print(f"{name:<30} {seconds * 1e6:8.0f}µs {seconds / base:8.2f}x")
    return medians


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


#: Listing targets: the facade against the floor and the SDK, the async facade against the
#: async floor, one get against the floor.
SYNC_VS_FLOOR, SYNC_VS_SDK, ASYNC_VS_FLOOR, GET_VS_FLOOR = 1.15, 0.9, 1.25, 1.1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lengths",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[20_000, 100_000, 500_000],
        help="walk lengths in records, comma-separated",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--servers",
        type=lambda text: [name.strip() for name in text.split(",")],
        default=list(SERVERS),
        help=f"listing and get servers, comma-separated (default: {','.join(SERVERS)})",
    )
    parser.add_argument("--verbose", action="store_true", help="print every round's timings")
    parser.add_argument("--memory-records", type=int, default=1_000_000)
    parser.add_argument("--concurrency-records", type=int, default=100_000)
    parser.add_argument("--warehouse-records", type=int, default=1_000_000)
    parser.add_argument("--warehouse-rounds", type=int, default=3)
    parser.add_argument("--rest-api-records", type=int, default=200_000)
    parser.add_argument("--first-load-records", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="small sizes, to check it runs")
    parser.add_argument(
        "--parts",
        type=lambda text: set(text.split(",")),
        default={"listing", "get", "export", "memory", "warehouse"},
        help="what to run, comma-separated: listing,get,export,memory,warehouse (default: all)",
    )
    args = parser.parse_args()
    if args.quick:
        args.lengths, args.rounds, args.memory_records, args.concurrency_records = (
            [2_000, 10_000],
            3,
            20_000,
            5_000,
        )
        args.warehouse_records, args.warehouse_rounds = 20_000, 1
        args.rest_api_records, args.first_load_records = 5_000, 5_000
    targets: list[tuple[str, str, bool]] = []
    for server in args.servers if "listing" in args.parts else ():
        for records in args.lengths:
            # The longest walks get fewer rounds: their medians are steadier, and the run
            # has to fit in a few minutes.
            rounds = args.rounds if records < 500_000 else max(3, args.rounds - 2)
            listing, cpu = bench_listing(server, records, rounds)
            where = f"{records:,}, {server}"
            comparisons = [(SYNC, FLOOR, SYNC_VS_FLOOR), (ASYNC, ASYNC_FLOOR, ASYNC_VS_FLOOR)]
            if SDK in listing:
                comparisons.insert(1, (SYNC, SDK, SYNC_VS_SDK))
            for name, base, limit in comparisons:
                ratio = listing[name] / listing[base]
                targets.append(
                    (
                        f"{name} <= {limit}x {base.split(':')[0]} ({where})",
                        f"{ratio:.2f}x (cpu {cpu[name] / cpu[base]:.2f}x)",
                        ratio <= limit,
                    )
                )
    for server in args.servers if "get" in args.parts else ():
        gets = bench_get(server, 2 * args.rounds)  # 500 gets: a steadier median
        get_ratio = gets[SYNC] / gets[FLOOR]
        targets.append(
            (
                f"one get <= {GET_VS_FLOOR}x floor ({server})",
                f"{get_ratio:.2f}x",
                get_ratio <= GET_VS_FLOOR,
            )
        )
    if "export" in args.parts:
        from bench_export import bench_export_engines, export_targets  # scripts/, beside this

        export_ratios = bench_export_engines(FakeServerProcess, args.concurrency_records, 3)
        targets += export_targets(export_ratios)
    if "memory" in args.parts:
        peaks = bench_memory(args.memory_records)
        peak = peaks["facade export_logs()"]
        targets.append(
            (
                f"peak RSS < 150 MB at {args.memory_records:,} records",
                f"{peak:.0f} MB",
                peak < 150,
            )
        )
    if "warehouse" in args.parts:
        from bench_warehouse import bench_warehouse  # sync and Parquet vs JSONL, dlt, floors

        targets += bench_warehouse(
            FakeServerProcess,
            args.warehouse_records,
            args.warehouse_rounds,
            rest_api_records=args.rest_api_records,
            first_load_records=args.first_load_records,
        )

    print("\nTargets")
    width = max(len(name) for name, _, _ in targets)
    for name, value, met in targets:
        print(f"  {name:<{width}}  {value:>18}  {_verdict(met)}")
    missed = sum(not met for _, _, met in targets)
    print(f"  {len(targets) - missed} of {len(targets)} met")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress as it goes
    # Terminated, the run still leaves its `with` blocks, which stop the servers it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    main()
