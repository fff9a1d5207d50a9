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
import time
from collections.abc import Callable
from typing import Any

import httpx

from signalwire_logs import AsyncSignalWireLogs, SignalWireLogs
from signalwire_logs.testing import DEFAULT_API_TOKEN, DEFAULT_PROJECT_ID
from signalwire_logs_api import Client
from signalwire_logs_api.api.message_logs import list_message_logs
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--verbose", action="store_true", help="print every round's timings")
    args = parser.parse_args()
    bench_listing(args.records, args.rounds)


if __name__ == "__main__":
    main()
